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

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from refleks.errors import RefleksError
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.team.closing import SHARED_CSS, Outcome, TeamClosingScreen
from refleks.tui.session import Session


class TeamStartScreen(SessionScreen):
    SHARED_SCREEN = True  # on the shared screen: the app shows nothing personal (app.py)
    DEFAULT_CSS = SHARED_CSS
    BINDINGS = [
        Binding("enter", "begin", "team.start.keys.begin"),  # nothing left to go on with
        Binding("enter", "resume", "team.start.keys.resume"),  # a session left unfinished
        Binding("escape", "home", "team.start.keys.home"),  # opened from home
        Binding("escape", "close", "team.start.keys.quit"),  # refleks team, from the shell
    ]

    def __init__(self, session: Session, *, from_shell: bool = False) -> None:
        super().__init__(session)
        self.from_shell = from_shell
        self.left: datetime | None = None  # when the session left unfinished was started

    def compose(self) -> ComposeResult:
        t = self.env.t
        yield Header(show_clock=False, icon="◇")
        with Vertical(id="shared-body"):
            yield Static(t("team.start.title"), classes="screen-title")
            yield Static(t("team.start.intro"), classes="body-text")
            yield Static(t("team.start.log", path=self.env.team_log_path),
                         classes="body-text muted", markup=False)
            yield Static(id="team-start-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.env.t("team.title")
        self.sub_title = self.env.t("team.subtitle")
        self.look_for_a_left_session()

    async def returned(self) -> None:
        self.look_for_a_left_session()  # a session may have been left since

    def look_for_a_left_session(self) -> None:
        """Enter resumes a session left unfinished (``TeamScreen.open_log``): the hint
        and the footer say so, with when it was started, rather than promise a new one."""
        from refleks.dates import format_datetime

        t = self.env.t
        self.left = self.left_session_started()
        where = "shell" if self.from_shell else "home"
        if self.left is None:
            hint = t(f"team.start.hint_{where}")
        else:
            hint = t(f"team.start.hint_resume_{where}", when=format_datetime(self.left, t))
        self.query_one("#team-start-hint", Static).update(hint)
        self.refresh_bindings()

    def left_session_started(self) -> datetime | None:
        """When the session left unfinished was started, if one with anything in it is
        there to go on with (as ``TeamScreen.open_log`` resumes one): in the team's
        folder, or kept on this computer while that folder could not be written."""
        from refleks.paths import data_dir
        from refleks.team.store import TEAM_DRAFTS_HERE, TeamLog

        try:
            draft = TeamLog(self.env.team_log_path,
                            local=data_dir() / TEAM_DRAFTS_HERE).current_draft()
        except (RefleksError, OSError):
            return None  # Enter will say what is wrong with it
        if draft is None or not draft.session.has_content:
            return None
        started = draft.session.started_at or draft.heartbeat or self.ui.current_time()
        return started.astimezone()  # kept in UTC: shown as the clock on the wall

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin":
            return self.left is None
        if action == "resume":
            return self.left is not None
        if action == "home":
            return not self.from_shell
        if action == "close":
            return self.from_shell
        return True

    def action_resume(self) -> None:
        self.action_begin()  # the session opens the left one itself

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
