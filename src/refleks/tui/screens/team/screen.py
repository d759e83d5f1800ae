"""The team session on a shared screen: one step at a time, kept as a draft as it goes.

The screen owns no session logic: it renders the current step of a ``TeamFlow`` and
moves through it. It claims the team log when it opens (a second session on the same
log elsewhere is refused, or taken over when the team says the other was left), saves
the draft beside the log shortly after every change and once a minute as a heartbeat,
and adds the finished session to the log with the revision it read, so a session
saved elsewhere meanwhile is never overwritten.

It opens on the team's start screen (``start.TeamStartScreen``), which keeps the app
in presentation mode, and says how it ended in ``outcome`` for the closing screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.binding import Binding

from refleks.errors import KeyedError, RefleksError
from refleks.paths import data_dir
from refleks.team.errors import TeamLogBusy, TeamLogError
from refleks.team.flow import ReflectTimer, TeamFlow, TeamStep
from refleks.team.model import TeamSession
from refleks.team.store import (
    HEARTBEAT_SECONDS,
    TEAM_DRAFTS_HERE,
    Draft,
    LogState,
    Owner,
    TeamLog,
)
from refleks.tui.i18n import error_text
from refleks.tui.screens.steps.screen import StepScreen, ViewTable
from refleks.tui.screens.team.choose import ChooseStep
from refleks.tui.screens.team.closing import Outcome
from refleks.tui.screens.team.focus import focus_step
from refleks.tui.screens.team.follow_up import FollowUpStep
from refleks.tui.screens.team.read import ReadStep
from refleks.tui.screens.team.reflect import ReflectClock, ReflectStep
from refleks.tui.screens.team.share import ShareStep
from refleks.tui.screens.team.step import TeamContext
from refleks.tui.screens.team.summary import SummaryStep
from refleks.tui.session import Session
from refleks.tui.widgets.progress import ProgressLine

# Each step of the team session and the view that shows it: a new step is a row here
# and a view module beside this one.
VIEWS: ViewTable = {
    TeamStep.FOLLOW_UP: FollowUpStep,
    TeamStep.CHOOSE: ChooseStep,
    TeamStep.READ: ReadStep,
    TeamStep.REFLECT: ReflectStep,
    TeamStep.SHARE: ShareStep,
    TeamStep.FOCUS: focus_step,
    TeamStep.SUMMARY: SummaryStep,
}


class TeamScreen(StepScreen):
    SHARED_SCREEN = True  # on the shared screen: the app shows nothing personal (app.py)
    WORDS = "team"
    CSS_PATH = "team.tcss"
    BINDINGS = [
        Binding("ctrl+n", "next", "team.keys.next", priority=True),
        Binding("enter", "enter", "team.keys.next", show=False),
        Binding("ctrl+b", "back", "team.keys.back", priority=True),
        # The clock's keys are said under the clock (ReflectClock.keys), where the room
        # looks: in the footer they left no room for help, at 80 columns as at 60.
        Binding("space", "pause", "team.keys.pause", show=False),
        Binding("plus", "more_time", "team.keys.more_time", key_display="+", show=False),
        Binding("s", "skip", "team.keys.skip"),
        Binding("ctrl+s", "finish", "team.keys.save", priority=True),
        Binding("escape", "leave", "team.keys.leave"),
    ]
    VIEWS = VIEWS
    COMPACT_FOOTER = True  # the reflection step has three keys of its own
    # -short (up to 21 rows): the clock in one line, the share step's text scrolls above
    # the key points (team.tcss)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        # (where the session is kept while the team's folder cannot be written: this
        # computer's own refleks folder)
        self.team_log = TeamLog(self.env.team_log_path, now=self.ui.current_time,
                                local=data_dir() / TEAM_DRAFTS_HERE)
        self.owner = Owner()
        self.state = LogState()
        self.flow: TeamFlow | None = None
        self.timer: ReflectTimer | None = None
        self.share_timer: ReflectTimer | None = None  # the share step's clock
        self._saved_revision = 0
        self._resumed = False
        # Saving to the log was asked (ctrl+s, past the guard) at this time and has not
        # worked yet: every try after that (the retry timer, the heartbeat, leaving) is
        # another try at saving the session, not only its draft.
        self._finishing_at: datetime | None = None
        self.kept_here = False  # the last failed save kept the session on this computer
        # "Rewrite" in the guard took the team back to a step: ctrl+s saves from there
        # (and any step after), not only from the summary it left.
        self.rewriting = False
        # How it ended, for the closing screen: None while it runs, and when it never
        # opened (the log busy or unreadable: a notice says why).
        self.outcome: Outcome | None = None

    async def on_mount(self) -> None:
        t = self.env.t
        self.title = t("team.title")
        self.sub_title = t("team.subtitle")
        progress = self.query_one(ProgressLine)
        progress.caption = t("team.progress")
        progress.display = False  # until the log is opened and the steps are known
        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat)
        await self.open_log()

    # -- opening: claim the log, resume a draft ----------------------------------------

    async def open_log(self, take_over: bool = False) -> None:
        t = self.env.t
        fresh = TeamSession(lang=self.env.lang, started_at=self.ui.current_time())
        try:
            self.state = self.team_log.read()
            draft = self.team_log.claim(self.owner, take_over=take_over,
                                        fresh=Draft(fresh, log_revision=self.state.revision))
        except TeamLogBusy as exc:
            self.ask_take_over(error_text(exc, t))
            return
        except RefleksError as exc:
            self.app.notify(error_text(exc, t), severity="error", timeout=12,
                            markup=False)
            self.dismiss(None)
            return
        if draft is not None and not draft.session.has_content:
            draft = None  # left before anything was chosen: nothing to resume
        await self.start(draft, fresh)

    def ask_take_over(self, message: str) -> None:
        from refleks.tui.screens.confirm import ConfirmScreen

        t = self.env.t

        async def answered(take_over: bool | None) -> None:
            if take_over:
                await self.open_log(take_over=True)
            else:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(t, t("team.busy_question", message=message),
                                           t("team.take_over"), t("team.go_back"),
                                           careful=True), answered)

    async def start(self, draft: Draft | None, fresh: TeamSession) -> None:
        team_session = fresh
        if draft is not None:
            team_session = draft.session
            self._resumed = True
            started = team_session.started_at
            self.notify(self.env.t("team.resumed",
                                   time=f"{started:%H:%M}" if started else "?"))
        previous = next((s for s in reversed(self.state.sessions)
                         if s.uid != team_session.uid), None)
        self.flow = TeamFlow(self.env.content, team_session, previous, self.state.sessions)
        if draft is not None:
            self.flow.go_to(draft.step or self.flow.resume_step())
        self.timer = ReflectTimer(self.flow.reflect_seconds(), self.ui.monotonic)
        self.share_timer = ReflectTimer(self.flow.share_seconds(), self.ui.monotonic)
        await self.show_step()

    # -- rendering -----------------------------------------------------------------------

    def shown_flow(self) -> TeamFlow | None:
        return self.flow

    def settle(self) -> None:
        """A clock not yet started follows a change of the session's length."""
        flow, timer = self.flow, self.timer
        assert flow is not None and timer is not None
        untouched = not timer.running and timer.remaining() == timer.total
        if untouched and timer.total != flow.reflect_seconds():
            self.timer = ReflectTimer(flow.reflect_seconds(), self.ui.monotonic)
        share = self.share_timer
        if share is not None and not share.running and share.remaining() == share.total:
            self.share_timer = ReflectTimer(flow.share_seconds(), self.ui.monotonic)

    def step_context(self) -> TeamContext:
        assert self.flow is not None and self.timer is not None
        assert self.share_timer is not None
        return TeamContext(self.flow, self.env.t, self.timer, str(self.team_log.path),
                           self.share_timer)

    def step_shown(self) -> None:
        """Each clock runs while its step is on the screen (its view repaints it)."""
        assert self.flow is not None and self.timer is not None
        for step, timer in ((TeamStep.REFLECT, self.timer), (TeamStep.SHARE, self.share_timer)):
            if timer is not None and self.flow.step is step:
                timer.start()
            elif timer is not None:
                timer.pause()

    def show_time(self) -> None:
        """The clock shows at once what a key did to it."""
        for clock in self.query(ReflectClock):
            clock.tick()

    # -- moving --------------------------------------------------------------------------

    async def action_next(self) -> None:
        flow = self.flow
        if flow is None:
            return
        if flow.step is TeamStep.SUMMARY:
            self.action_finish()
            return
        if not flow.next():
            self.refused()
            return
        await self.moved()

    async def action_enter(self) -> None:
        """Enter goes on as ctrl+n does, and at the summary still saves (as it always
        has); only ctrl+n leaves the footer there, where ctrl+s names the saving."""
        await self.action_next()

    def action_pause(self) -> None:
        if self.timer is not None:
            self.timer.toggle()
            self.show_time()

    def action_more_time(self) -> None:
        if self.timer is not None:
            self.timer.add_minute()
            self.show_time()

    async def action_skip(self) -> None:
        if self.timer is not None:
            self.timer.skip()
        await self.action_next()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        flow = self.flow
        if flow is None:
            return action == "leave"
        step = flow.step
        if action == "back":
            return not flow.at_start
        if action in ("pause", "more_time", "skip"):
            return step is TeamStep.REFLECT
        if action == "next":  # at the summary "Neste" would be untrue: ctrl+s saves
            return step is not TeamStep.SUMMARY
        if action == "finish":
            return step is TeamStep.SUMMARY or self.rewriting
        return True

    # -- saving the draft ----------------------------------------------------------------

    def save_now(self, *, heartbeat: bool = False) -> None:
        """Write the draft if anything changed (or, for the heartbeat, in any case); once
        the session was to be saved to the log, try that again instead."""
        self.stop_save_timer()
        flow = self.flow
        if flow is None or flow.session.is_complete:
            return
        if self._finishing_at is not None:
            self.finish_now()
            return
        if flow.revision == self._saved_revision and not heartbeat and not self.unsaved:
            return  # unchanged (claiming a resumed draft already wrote it with our owner)
        draft = Draft(flow.session, step=flow.step.value, log_revision=self.state.revision)
        try:
            self.team_log.save_draft(self.owner, draft)
        except TeamLogBusy as exc:  # taken over elsewhere: trying again cannot help
            t = self.env.t
            self.notify(error_text(exc, t), title=t("team.save_failed"), severity="error",
                        timeout=10, markup=False)
            return
        except RefleksError as exc:
            self.draft_failed(exc)
            return
        self._saved_revision = flow.revision
        self.kept_here = False
        self.save_succeeded()

    def draft_failed(self, exc: RefleksError) -> None:
        """Say it and try again (``DraftScreen``); the store has kept the session on this
        computer if it could (``unwritable_kept_here``)."""
        self.kept_here = isinstance(exc, KeyedError) and exc.key == "unwritable_kept_here"
        self.save_failed(exc)

    def heartbeat(self) -> None:
        self.save_now(heartbeat=True)

    def on_unmount(self) -> None:
        if self._untouched:
            self._release(discard=True)
        elif self._finishing_at is not None:
            self.finish_now(closing=True)  # the one more try on the way out
        else:
            self.save_now()

    def _release(self, *, discard: bool) -> None:
        """Let go of the log; a log that cannot be written now is said, not a crash (the
        next opening finds our claim and offers to take it over)."""
        try:
            self.team_log.release(self.owner, discard=discard)
        except RefleksError as exc:
            self.app.notify(error_text(exc, self.env.t), severity="warning", timeout=10,
                            markup=False)

    @property
    def _untouched(self) -> bool:
        """Nothing chosen or written in this session (and nothing resumed)."""
        return self.flow is None or (self.flow.revision == 0 and not self._resumed)

    @on(SummaryStep.Finish)
    def action_finish(self) -> None:
        """ctrl+s on the summary, or wherever a rewrite took the team: the confidentiality
        guard reads what was typed (a team log is shared), then ``complete``; "rewrite"
        goes back to where it was written."""
        from refleks.tui.screens.guard import confirm_passages, session_guard

        flow = self.flow
        if flow is None or not (flow.step is TeamStep.SUMMARY or self.rewriting):
            return
        if flow.step is TeamStep.FOCUS and flow.focus_problem() is not None:
            self.refused()  # the development areas as the focus step asks for them
            return
        passages = self.written_passages()
        confirm_passages(self, session_guard(self.session), self.env.t,
                         [(where, text) for where, text, _ in passages], self.complete,
                         rewrite=lambda index: self.call_later(self.go_back_to,
                                                               passages[index][2]),
                         shared=True)

    def written_passages(self) -> list[tuple[str, str, TeamStep]]:
        """Everything typed in this session, each with where it was written: the only
        free text a team log holds (follow-ups, key points, actions, roles)."""
        flow, t = self.flow, self.env.t
        assert flow is not None
        passages = [(f"{t('team.steps.follow_up')} · {f.value_name}", f.text,
                     TeamStep.FOLLOW_UP) for f in flow.session.follow_ups]
        passages.append((t("team.steps.share"), flow.session.key_points, TeamStep.SHARE))
        for f in flow.session.focus:
            passages.append((f"{f.value_name} · {t('team.focus.action')}", f.action,
                             TeamStep.FOCUS))
            passages.append((f"{f.value_name} · {t('team.focus.role')}", f.role,
                             TeamStep.FOCUS))
        return [p for p in passages if p[1].strip()]

    async def go_back_to(self, step: TeamStep) -> None:
        """Back to the step where a passage was written (to rewrite it)."""
        if self.flow is not None and step in self.flow.steps:
            self.rewriting = True
            self.flow.go_to(step)
            await self.show_step()

    def complete(self) -> None:
        """Add the session to the team log, beside anything saved there meanwhile."""
        if self._finishing_at is None:
            self._finishing_at = self.ui.current_time()
        self.finish_now()

    def finish_now(self, *, closing: bool = False) -> None:
        """One try at saving the session to the log (``TeamLog.save_session``). When it
        fails (a full disk on the share, the log busy), the session stays on the screen,
        its draft is written (to this computer if the share cannot take it), and it is
        tried again as a draft is (``save_failed``) until it works. ``closing``: the
        screen is going away; only the try."""
        flow = self.flow
        assert flow is not None and self._finishing_at is not None
        self.stop_save_timer()
        t = self.env.t
        session = flow.session
        session.completed_at = self._finishing_at
        try:
            beside = self.team_log.save_session(session, self.state.revision)
        except RefleksError as exc:
            session.completed_at = None
            said = self._keep_draft() or exc  # where it is kept says the most
            if closing:
                self.app.notify(error_text(said, t), title=t("team.save_failed"),
                                severity="error", timeout=12, markup=False)
            else:
                self.save_failed(said)
            return
        self._finishing_at = None
        self._release(discard=True)  # (the session is in the log: only the draft is left)
        if beside:
            self.app.notify(t("team.conflict"), severity="warning", timeout=12)
        self.app.notify(t("team.saved"), title=t("team.saved_title"))
        self.outcome = "saved"
        if not closing:
            self.unsaved = False
            self.dismiss(None)

    def _keep_draft(self) -> TeamLogError | None:
        """The session as a draft, where it can be kept, after the log refused it; the
        draft's own error, if writing it failed too (it says where it is kept, if
        anywhere)."""
        flow = self.flow
        assert flow is not None
        draft = Draft(flow.session, step=flow.step.value, log_revision=self.state.revision)
        try:
            self.team_log.save_draft(self.owner, draft)
        except TeamLogError as exc:
            self.kept_here = exc.key == "unwritable_kept_here"
            return exc
        self.kept_here = False
        return None

    def action_leave(self) -> None:
        """Esc: nothing chosen leaves at once; otherwise ask (the draft is kept, or, if it
        could not be saved, would be lost)."""
        flow = self.flow
        if flow is None or self._untouched:
            if flow is not None:  # our empty claim goes; a refused opening holds none
                self._release(discard=True)
                self.outcome = "nothing"
            self.dismiss(None)
            return
        self.save_now()
        if self.outcome == "saved":  # a save that had failed went through just now
            return

        def leave() -> None:
            self.save_now()
            if self.outcome == "saved":
                return
            self._finishing_at = None  # left: the draft is kept, to be saved another time
            self._release(discard=False)
            self.outcome = ("kept_here" if self.unsaved and self.kept_here
                            else "unsaved" if self.unsaved else "kept")
            self.dismiss(None)

        self.ask_to_leave(leave)

    def ask_to_leave(self, leave: Callable[[], object]) -> None:
        """As every draft screen asks, except that a session kept on this computer is
        not lost by leaving: it carries on from there the next time."""
        if not (self.unsaved and self.kept_here):
            super().ask_to_leave(leave)
            return
        from refleks.tui.screens.confirm import ConfirmScreen

        t = self.env.t
        question = ConfirmScreen(t, t("team.leave_kept_here"), t("team.leave_yes"),
                                 t("team.leave_no"))
        def answered(yes: bool | None) -> None:
            if yes:
                leave()

        self.app.push_screen(question, answered)
