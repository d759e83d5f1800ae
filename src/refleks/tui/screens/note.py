"""A later note on a completed check-in: added beside it, never changing what was written."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static, TextArea

from refleks.content.ui import Strings
from refleks.guard import Guard
from refleks.tui.screens.base import Dialog
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.editor import BoundedTextArea


class NoteScreen(Dialog[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel"),
        Binding("ctrl+s", "save", "keys.finish", priority=True),
    ]

    def __init__(self, t: Strings, guard: Guard | None = None) -> None:
        super().__init__(t, cancelled=None)
        self.guard = guard  # the confidentiality guard looks before the note is kept

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog", classes="wide"):
            yield Static(t("journal_view.note_title"), classes="screen-title")
            yield Static(t("journal_view.note_hint"), classes="hint")
            yield BoundedTextArea(id="note", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="buttons"):
                yield Button(t("journal_view.note_save"), id="save", variant="primary")
                yield Button(t("export_view.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#note", TextArea).text
        if self.guard is None or not text.strip():
            self.dismiss(text)
            return
        from refleks.tui.screens.guard import confirm_text

        confirm_text(self, self.guard, self.t, text, lambda: self.dismiss(text),
                     self.query_one("#note", TextArea))

    def unsaved_kind(self) -> str | None:
        fields = self.query("#note").results(TextArea)  # none yet while it is composed
        return "note" if any(field.text.strip() for field in fields) else None

    def action_cancel(self) -> None:
        """Esc or Cancel: an empty note closes at once; a written one is asked about."""
        if self.unsaved_kind() is None:
            self.dismiss(None)
            return
        from refleks.tui.screens.discard import ask_before_discarding

        ask_before_discarding(self, self.t, "note", lambda: self.dismiss(None))

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
