"""The first-run greeting, and the same text from help: what refleks is and is not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from refleks.journal.privacy import privacy_words
from refleks.tui.screens.base import SessionModal
from refleks.tui.session import Session
from refleks.tui.widgets.buttons import Button


class WelcomeScreen(SessionModal[None]):
    DEFAULT_CLASSES = "opaque"  # covers home entirely: no border peeking out beside it
    # The arrows and page keys read on while the cursor stays on the button (where
    # Enter is what a person expects): on a short terminal the text scrolls.
    BINDINGS = [Binding("escape,enter", "cancel", "keys.continue"),
                Binding("down", "read('down')", show=False),
                Binding("up", "read('up')", show=False),
                Binding("pagedown,space", "read('page_down')", show=False),
                Binding("pageup", "read('page_up')", show=False)]
    # -short (up to 21 rows): the text takes what the title and the button leave, so
    # the button stays in view (at 60×18 it was below the dialog's edge)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    def __init__(self, session: Session) -> None:
        super().__init__(session, cancelled=None)

    def compose(self) -> ComposeResult:
        t = self.env.t
        with Vertical(id="dialog", classes="wide welcome"):
            yield Static(t("welcome.title"), classes="screen-title")
            with VerticalScroll(id="welcome-text"):
                for key in ("what", "not_a_test"):
                    yield Static(t(f"welcome.{key}"), classes="body-text paragraph")
                for words in privacy_words(t, self.env.journal_path):
                    yield Static(Content(words), classes="body-text paragraph privacy")
                for key in ("confidential", "how"):
                    yield Static(t(f"welcome.{key}"), classes="body-text paragraph")
            # A full button (not compact): it has to look like something to press.
            yield Button(t("welcome.start"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def action_read(self, direction: str) -> None:
        getattr(self.query_one("#welcome-text", VerticalScroll), f"scroll_{direction}")()

    def on_button_pressed(self) -> None:
        self.dismiss(None)
