"""The closing screen of a team session: how it ended and where the team log is.

Neutral on purpose: it is what the room sees after a session, so it holds nothing
from the personal journal. Enter goes on — back to the team's start screen, or to the
shell after ``refleks team`` (``start.TeamStartScreen`` decides).
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from refleks.tui.screens.base import SessionScreen
from refleks.tui.session import Session

# How a session ended: saved in the log, left and kept as a draft, left while the team's
# folder could not be written but kept on this computer, left while its last change
# could not be saved, or left before anything was chosen.
Outcome = Literal["saved", "kept", "kept_here", "unsaved", "nothing"]

# A few calm lines, here and on the team's start screen. Inline rather than a .tcss
# beside them: after `refleks team` the start screen is the app's first screen, whose
# CSS_PATH Textual does not read (the app's CSS_PATH names home's for that reason).
SHARED_CSS = """
#shared-body { height: 1fr; padding: 1 2; max-width: 96; }
#shared-body > Static { margin-bottom: 1; }
"""


class TeamClosingScreen(SessionScreen):
    SHARED_SCREEN = True  # on the shared screen: the app shows nothing personal (app.py)
    DEFAULT_CSS = SHARED_CSS
    BINDINGS = [Binding("enter,escape", "done", "team.closing.keys.done")]

    def __init__(self, session: Session, outcome: Outcome, *, from_shell: bool) -> None:
        super().__init__(session)
        self.outcome = outcome
        self.from_shell = from_shell

    def compose(self) -> ComposeResult:
        t = self.env.t
        yield Header(show_clock=False, icon="◇")
        with Vertical(id="shared-body"):
            yield Static(t("team.closing.title"), classes="screen-title")
            yield Static(t(f"team.closing.{self.outcome}"), classes="body-text",
                         id="closing-outcome")
            yield Static(t("team.closing.where"), classes="body-text")
            yield Static(str(self.env.team_log_path), classes="body-text",
                         id="closing-log", markup=False)
            yield Static(t("team.closing.then_shell" if self.from_shell
                           else "team.closing.then_home"), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.env.t("team.title")
        self.sub_title = self.env.t("team.subtitle")

    def action_done(self) -> None:
        self.dismiss(None)
