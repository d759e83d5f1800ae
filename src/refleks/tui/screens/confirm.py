"""A yes/no question as a modal that returns its answer with ``dismiss``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from refleks.content.ui import Strings
from refleks.tui.screens.base import Dialog
from refleks.tui.widgets.buttons import Button


class ConfirmScreen(Dialog[bool]):
    def __init__(self, t: Strings, question: str, yes: str, no: str, *,
                 careful: bool = False) -> None:
        """``careful``: the question is destructive, so the cursor starts on "no"."""
        super().__init__(t, cancelled=False)
        self.question, self.yes, self.no = question, yes, no
        self.careful = careful

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.question), classes="body-text paragraph")
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    def on_mount(self) -> None:
        self.query_one("#no" if self.careful else "#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def confirmed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def declined(self) -> None:
        self.dismiss(False)
