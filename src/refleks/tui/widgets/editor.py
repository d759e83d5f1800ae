"""A multi-line answer editor that says which prompt it belongs to when it changes, and
the text area under it and every other place to write."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from refleks.journal.records import MAX_TEXT


class DetachSafeTextArea(TextArea):
    """Textual's text area, safe to draw after it has been taken off the screen."""

    def render_lines(self, crop: Region) -> list[Strip]:
        """Nothing, for an editor already taken off the screen. Textual clears a removed
        text area's styles while a refresh already under way may still draw it (on a busy
        machine, when a step gives way to the next), and the text area's drawing then
        fails on a missing style and stops the app (Textual issues 6208 and 6528)."""
        if not self.is_attached:
            return [Strip.blank(crop.width)] * crop.height
        return super().render_lines(crop)


class BoundedTextArea(DetachSafeTextArea):
    """A text area that holds at most ``MAX_TEXT`` characters, what the journal keeps in
    one text (and what an import of the export takes back): a paste or a key that would
    pass it is refused whole, with a word why, and what was written stays as it was.

    ctrl+o writes the text in the person's own editor instead (``refleks.own_editor``):
    every field where an answer is written is one of these, so the key is the same in
    all of them (ctrl+e is the text area's end of line; ctrl+o is no screen's key).
    """

    BINDINGS = [Binding("ctrl+o", "own_editor", "editor.key")]

    @dataclass
    class Returned(Message):
        """The text came back from the own editor and the field has said so (after its
        own word of the change, ``AnswerEditor.Edited``): a screen with a draft saves it
        now, with the edited text in it."""

        field: BoundedTextArea

    _came_back = False  # the next change is the text back from the own editor

    def edit(self, edit: Edit) -> EditResult:
        """Every change passes here: typing, pasting, undo. One that would leave more
        than ``MAX_TEXT`` characters changes nothing (not even a selection it was to
        replace), rather than letting one text grow until the app stops answering or a
        part of a paste go missing unseen."""
        if edit.text:
            start, end = sorted((edit.from_location, edit.to_location))
            removed = len(self.document.get_text_range(start, end))
            if len(self.text) - removed + len(edit.text) > MAX_TEXT:
                edit.text = ""
                edit.from_location = edit.to_location = self.cursor_location
                self._say_full()
        return super().edit(edit)

    def action_own_editor(self) -> None:
        """ctrl+o: the text in ``$VISUAL``/``$EDITOR``. With an encrypted journal, the
        person is told first (once a run) that the editor's file is plain text."""
        session = getattr(self.app, "session", None)
        if session is None:
            return
        if session.env.journal_encrypted and not session.ui.editor_plain_text_said:
            from refleks.tui.screens.confirm import ConfirmScreen

            t = session.env.t

            def answered(yes: bool | None) -> None:
                if yes:
                    session.ui.editor_plain_text_said = True
                    self.open_own_editor()

            self.app.push_screen(ConfirmScreen(t, t("editor.plain_text"), t("editor.open"),
                                               t("editor.not_now")), answered)
            return
        self.open_own_editor()

    def open_own_editor(self) -> None:
        """Save the draft, give the terminal to the editor with the text, and take back
        what it leaves: through ``edit`` (undo, the length limit), then the draft is
        saved again (``Returned``). A problem is one line; the text stays as it was."""
        from refleks.own_editor import EditorError, edit
        from refleks.tui.i18n import error_text

        session = self.app.session  # type: ignore[attr-defined]
        save = getattr(self.screen, "save_now", None)  # a check-in's or team's draft
        if callable(save):
            save()
        try:
            edited = edit(self.text, run=self._run_with_the_terminal)
        except EditorError as exc:
            self.notify(error_text(exc, session.env.t), severity="warning", timeout=12,
                        markup=False)
            return
        finally:
            idle = getattr(self.app, "idle", None)
            if idle is not None:
                idle.touch()  # minutes in the editor are not minutes away
        if edited == self.text:
            return
        if len(edited) > MAX_TEXT:
            self._say_full()
            return
        self._came_back = True
        self.replace(edited, (0, 0), self.document.end)
        self.focus()

    def _run_with_the_terminal(self, command: Sequence[str]) -> int:
        """Run the editor with the terminal handed over (``App.suspend``). A headless
        app (a test's) has no terminal to hand over: the command just runs."""
        import subprocess

        from textual.app import SuspendNotSupported

        from refleks.own_editor import EditorError

        if self.app.is_headless:
            return subprocess.run(list(command), check=False).returncode
        try:
            with self.app.suspend():
                return subprocess.run(list(command), check=False).returncode
        except SuspendNotSupported as exc:
            raise EditorError("cannot_here") from exc

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """After the field's own word of a change (a subclass's handler runs first): if
        the change was the own editor's text, say so for the draft."""
        if self._came_back:
            self._came_back = False
            self.post_message(self.Returned(self))

    def _say_full(self) -> None:
        session = getattr(self.app, "session", None)
        if session is not None:
            self.notify(session.env.t("checkin.too_long",
                                      limit=f"{MAX_TEXT:,}".replace(",", "\u00a0")),
                        severity="warning", markup=False)


class AnswerEditor(BoundedTextArea):
    """Soft-wrapping editor for free text; posts ``AnswerEditor.Edited`` with its key."""

    DEFAULT_CSS = """
    AnswerEditor { height: 1fr; min-height: 5; max-height: 14; border: round $primary 40%; }
    AnswerEditor:focus { border: round $primary; }
    """

    @dataclass
    class Edited(Message):
        editor: AnswerEditor
        key: str
        text: str

    def __init__(self, text: str = "", *, key: str, id: str | None = None,
                 placeholder: str = "") -> None:
        super().__init__(text, id=id, soft_wrap=True, show_line_numbers=False,
                         tab_behavior="focus", placeholder=placeholder)
        self.key = key

    def on_mount(self) -> None:
        """Resuming: the cursor waits after what was written, ready to go on."""
        self.move_cursor(self.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Edited(self, self.key, self.text))
