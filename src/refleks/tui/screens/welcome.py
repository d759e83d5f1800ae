"""The first-run greeting, and the same text from help: what refleks is and is not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from refleks.tui.screens.base import SessionModal
from refleks.tui.session import Session


class WelcomeScreen(SessionModal[None]):
    DEFAULT_CLASSES = "opaque"  # covers home entirely: no border peeking out beside it
    BINDINGS = [Binding("escape,enter", "cancel", "keys.continue")]

    def __init__(self, session: Session) -> None:
        super().__init__(session, cancelled=None)

    def compose(self) -> ComposeResult:
        t = self.env.t
        with Vertical(id="dialog", classes="wide welcome"):
            yield Static(t("welcome.title"), classes="screen-title")
            with VerticalScroll(id="welcome-text"):
                for key in ("what", "not_a_test", "private", "confidential", "how"):
                    yield Static(t(f"welcome.{key}"), classes="body-text paragraph")
            # A full button (not compact): it has to look like something to press.
            yield Button(t("welcome.start"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)
