"""Help: the keys of every screen, what refleks is, and the welcome text to reread."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from refleks.journal.privacy import privacy_words
from refleks.tui.screens.base import SessionModal
from refleks.tui.session import Session
from refleks.tui.widgets.buttons import Button


class HelpScreen(SessionModal[None]):
    DEFAULT_CLASSES = "opaque"  # covers the screen behind: nothing peeks out beside it
    BINDINGS = [
        Binding("escape,question_mark", "cancel", "keys.close"),
        Binding("w", "welcome", "keys.welcome"),
    ]
    # -short (up to 21 rows): the text takes what the title and the button leave (at
    # 60×18 the dialog ran past the screen: its last lines and the button were cut off)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    def __init__(self, session: Session) -> None:
        super().__init__(session, cancelled=None)

    def compose(self) -> ComposeResult:
        t = self.env.t
        with Vertical(id="dialog", classes="wide"):
            yield Static(t("help.title"), classes="screen-title")
            with VerticalScroll(id="help-text"):
                for key in ("about", "keys_everywhere", "keys_checkin", "keys_library",
                            "keys_journal"):
                    yield Static(t(f"help.{key}"), classes="body-text paragraph")
                # What is true of this journal (encrypted or not, synced or not), then
                # what holds for every one.
                for words in privacy_words(t, self.env.journal_path):
                    yield Static(Content(words), classes="body-text paragraph privacy")
                for key in ("privacy", "heavy", "commands"):
                    yield Static(t(f"help.{key}"), classes="body-text paragraph")
                yield Static(t("team.help_keys"), classes="body-text paragraph")
            yield Button(t("help.welcome_again"), id="welcome", compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()  # arrows and PageDown scroll the help

    @on(Button.Pressed, "#welcome")
    async def action_welcome(self) -> None:
        self.dismiss(None)
        await self.app.run_action("app.welcome")
