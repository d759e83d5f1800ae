"""A multi-line answer editor that says which prompt it belongs to when it changes, and
the text area under it and every other place to write."""

from __future__ import annotations

from dataclasses import dataclass

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
    pass it is refused whole, with a word why, and what was written stays as it was."""

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
