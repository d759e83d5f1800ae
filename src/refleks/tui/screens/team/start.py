"""The team's start screen: the shared screen's own ground, before and between sessions.

While it is on the stack the app is presenting (``RefleksApp.presenting``): the team
session is a presentation mode, and nothing from the personal journal can be reached —
no home, journal, over time, moments, check-in or settings, not by a key and not from
the command palette. A session opens on top of it (Enter here; at once with
``refleks team``, where it is the app's first screen). When a session ends — saved,
left, or left before anything was chosen — a neutral closing screen says where the
team log is, and then the app comes back here, or goes back to the shell if it was
started there. Going from here to the personal home is the facilitator's own choice
(Esc), never where a session ends.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.team.closing import SHARED_CSS, Outcome, TeamClosingScreen
from refleks.tui.session import Session


class TeamStartScreen(SessionScreen):
    SHARED_SCREEN = True  # on the shared screen: the app shows nothing personal (app.py)
    DEFAULT_CSS = SHARED_CSS
    BINDINGS = [
        Binding("enter", "begin", "team.start.keys.begin"),
        Binding("escape", "home", "team.start.keys.home"),  # opened from home
        Binding("escape", "close", "team.start.keys.quit"),  # refleks team, from the shell
    ]

    def __init__(self, session: Session, *, from_shell: bool = False) -> None:
        super().__init__(session)
        self.from_shell = from_shell

    def compose(self) -> ComposeResult:
        t = self.env.t
        yield Header(show_clock=False, icon="◇")
        with Vertical(id="shared-body"):
            yield Static(t("team.start.title"), classes="screen-title")
            yield Static(t("team.start.intro"), classes="body-text")
            yield Static(t("team.start.log", path=self.env.team_log_path),
                         classes="body-text muted", markup=False)
            yield Static(t("team.start.hint_shell" if self.from_shell
                           else "team.start.hint_home"), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.env.t("team.title")
        self.sub_title = self.env.t("team.subtitle")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "home":
            return not self.from_shell
        if action == "close":
            return self.from_shell
        return True

    def action_begin(self) -> None:
        """A team session on top of this screen; how it ends decides what comes next."""
        from refleks.tui.screens.team.screen import TeamScreen

        screen = TeamScreen(self.session)
        self.app.push_screen(screen, lambda _: self.ended(screen.outcome))

    def ended(self, outcome: Outcome | None) -> None:
        """A session that ran closes on the closing screen; one that never opened (the
        log busy or unreadable) leaves this screen in view, with the notice why."""
        if outcome is None:
            return
        self.app.push_screen(TeamClosingScreen(self.session, outcome,
                                               from_shell=self.from_shell), self.closed)

    def closed(self, _: object) -> None:
        if self.from_shell:
            self.app.exit()  # back to the shell, as `refleks team` was started

    def action_home(self) -> None:
        """Esc: the presentation is over; the personal home comes back."""
        self.dismiss(None)

    def action_close(self) -> None:
        self.app.exit()
