"""A multi-line answer editor that says which prompt it belongs to when it changes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import TextArea


class AnswerEditor(TextArea):
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
