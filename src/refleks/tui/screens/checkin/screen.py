"""The weekly check-in: one step at a time, saved as a draft while you type.

The screen owns no check-in logic: it renders the current step of a ``CheckinFlow``,
moves through it on ctrl+n / ctrl+b, and saves the draft at most half a second after
each change (a throttle, not a debounce, so steady typing is saved too).

A save that fails (another process holds the write lock, the disk is full) is tried
again on a timer until it succeeds, not only at the next keystroke: a person who
stops typing and walks away must not lose what is on the screen. Until then the
header says "not saved yet" in words, and leaving the screen tries once more.
"""

from __future__ import annotations

from textual import on
from textual.binding import Binding

from refleks.checkin import CheckinFlow, Step
from refleks.checkin.passages import written_passages
from refleks.errors import RefleksError
from refleks.journal.errors import ConflictError
from refleks.journal.model import CheckIn, new_uid
from refleks.tui.i18n import error_text
from refleks.tui.screens.checkin.area import AreaStep
from refleks.tui.screens.checkin.chime import ChimeStep
from refleks.tui.screens.checkin.focus import focus_step
from refleks.tui.screens.checkin.follow_up import FollowUpStep
from refleks.tui.screens.checkin.method import MethodStep
from refleks.tui.screens.checkin.moments import MomentsStep
from refleks.tui.screens.checkin.reflect import ReflectStep
from refleks.tui.screens.checkin.step import CheckinContext
from refleks.tui.screens.checkin.summary import SummaryStep
from refleks.tui.screens.steps.screen import StepScreen, ViewTable
from refleks.tui.screens.steps.view import StepView
from refleks.tui.session import Session
from refleks.tui.widgets.progress import ProgressLine

# Each step of the check-in and the view that shows it: a new step is a row here and a
# view module beside this one.
VIEWS: ViewTable = {
    Step.FOLLOW_UP: FollowUpStep,
    Step.MOMENTS: MomentsStep,
    Step.AREA: AreaStep,
    Step.REFLECT: ReflectStep,
    Step.CHIME: ChimeStep,
    Step.FOCUS: focus_step,
    Step.METHOD: MethodStep,
    Step.SUMMARY: SummaryStep,
}


class CheckinScreen(StepScreen):
    CSS_PATH = "checkin.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]  # -short: up to 21 rows
    BINDINGS = [
        Binding("ctrl+n", "next", "keys.next", priority=True),
        Binding("ctrl+b", "back", "keys.back", priority=True),
        Binding("ctrl+f", "skip", "keys.skip", priority=True),
        Binding("ctrl+s", "finish", "keys.finish", priority=True),
        Binding("escape", "leave", "keys.leave"),
    ]
    VIEWS = VIEWS

    def __init__(self, session: Session, focus_value: str | None = None) -> None:
        super().__init__(session)
        journal = self.env.journal
        draft = journal.current_draft()
        previous = journal.latest()
        checkin = draft if draft is not None else CheckIn(
            lang=self.env.lang, started_at=self.ui.current_time())
        moments = journal.moments.since(previous.completed_at if previous else None)
        self.flow = CheckinFlow(self.env.content, checkin, previous,
                                journal.last_visit_per_area(), moments)
        self.position = 0  # which prompt of the reflect step is shown
        if draft is not None:
            self.flow.go_to(self.flow.resume_step())
            if self.flow.step is Step.REFLECT:
                self.position = self.flow.resume_position()
        if focus_value is not None:
            if not self.flow.is_focus(focus_value):
                self.flow.toggle_focus(focus_value)
            self.flow.go_to(Step.FOCUS)
        self._saved_revision = self.flow.revision if draft is not None else 0

    async def on_mount(self) -> None:
        self.title = self.env.t("checkin.title")
        progress = self.query_one(ProgressLine)
        progress.caption = self.env.t("checkin.progress")
        await self.show_step()

    # -- rendering ----------------------------------------------------------------------

    def shown_flow(self) -> CheckinFlow:
        return self.flow

    def settle(self) -> None:
        flow = self.flow
        if flow.step is Step.REFLECT:
            if flow.area is None:  # e.g. arrived from the library: choose one first
                flow.go_to(Step.AREA)
            else:
                self.position = max(0, min(self.position, len(flow.prompts()) - 1))

    def step_context(self) -> CheckinContext:
        return CheckinContext(self.flow, self.env.t, self.env.lang, self.position)

    # -- moving -------------------------------------------------------------------------

    async def action_next(self) -> None:
        flow = self.flow
        if flow.step is Step.REFLECT and self.position < len(flow.prompts()) - 1:
            self.position += 1
        elif flow.step is Step.SUMMARY:
            return  # saving is only ever ctrl+s (or the button): a deliberate, named key
        else:
            self.query_one(StepView).commit()
            if not flow.next():
                self.refused()
                return
            self.position = 0
        await self.moved()

    async def action_skip(self) -> None:
        """Past the rest of the questions and extras, straight to the next step."""
        if self.flow.step is Step.REFLECT and self.flow.next():
            self.position = 0
            await self.moved()

    async def action_back(self) -> None:
        flow = self.flow
        if flow.step is Step.REFLECT and self.position > 0:
            self.position -= 1
        elif not flow.back():
            return
        elif flow.step is Step.REFLECT:
            self.position = len(flow.prompts()) - 1
        await self.moved()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return not (self.flow.at_start and self.position == 0)
        if action == "next":
            return self.flow.step is not Step.SUMMARY
        if action == "skip":
            return self.flow.step is Step.REFLECT
        if action == "finish":
            return self.flow.step is Step.SUMMARY
        return True

    # -- saving -------------------------------------------------------------------------

    def save_now(self) -> None:
        """Write the draft if anything changed since the last write."""
        self.stop_save_timer()
        if self.flow.revision == self._saved_revision or not self.flow.checkin.is_draft:
            return
        try:
            self.env.journal.save(self.flow.checkin, wait=self.ui.autosave_wait)
        except ConflictError:
            # Another refleks window saved this draft meanwhile: keep both, lose nothing.
            self.flow.checkin.uid = new_uid()
            self.flow.checkin.id = None
            self.flow.checkin.saved_revision = None
            self.notify(self.env.t("checkin.conflict"), severity="warning", timeout=12)
            self.save_now()
            return
        except RefleksError as exc:
            self.save_failed(exc)
            return
        self._saved_revision = self.flow.revision
        self.save_succeeded()

    def on_unmount(self) -> None:
        self.save_now()  # the one more try on the way out

    @on(SummaryStep.Finish)
    def action_finish(self) -> None:
        t = self.env.t
        problem = self.flow.can_complete()
        if problem is not None:
            self.notify(t(f"checkin.focus.{problem.value}"), severity="warning")
            return
        self.save_now()
        from refleks.tui.screens.guard import confirm_passages, session_guard

        passages = written_passages(self.flow, t)
        confirm_passages(self, session_guard(self.session), t,
                         [(where, text) for where, text, _ in passages], self.complete,
                         rewrite=lambda index: self.call_later(self.go_back_to,
                                                                 *passages[index][2]))

    async def go_back_to(self, step: Step, position: int) -> None:
        """"Rewrite" in the guard: to the step (and question) where it was written."""
        if step in self.flow.steps and step is not self.flow.step:
            self.query_one(StepView).commit()
            self.flow.go_to(step)
            self.position = position
            await self.show_step()
        elif step is Step.SUMMARY:
            self.query_one(SummaryStep).focus_notes()

    def complete(self) -> None:
        """Completing, once the confidentiality guard has had its say."""
        t = self.env.t
        try:
            self.env.journal.complete(self.flow.checkin)
        except RefleksError as exc:
            self.notify(error_text(exc, t), title=t("checkin.save_failed"), severity="error",
                        markup=False,
                        timeout=10)
            return
        self.app.notify(t("checkin.saved"), title=t("checkin.saved_title"))
        self.dismiss(None)

    def action_leave(self) -> None:
        """Esc: nothing typed leaves at once; otherwise ask (the draft is kept, or, if it
        could not be saved, would be lost)."""
        if self.flow.revision == 0 and self._saved_revision == 0:
            self.dismiss(None)
            return
        self.save_now()
        self.ask_to_leave(lambda: self.dismiss(None))

