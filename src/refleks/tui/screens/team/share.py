"""Share in the team: 001's prompts, the reminder, optional key points, and the plan's
minutes for sharing on a clock like the reflection's (it runs while the step is shown;
its keys stay the reflection's, since here space and + are typed into the key points).

The prompt is the guide's own third step ("Del i teamet"), shown with its source; the
key points are what the team wants to remember, never who said what.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from refleks.content.credit import credit
from refleks.team.flow import TeamFlow
from refleks.tui.screens.steps.view import StepView
from refleks.tui.screens.team.reflect import ReflectClock
from refleks.tui.screens.team.step import TeamContext
from refleks.tui.widgets.editor import AnswerEditor
from refleks.tui.widgets.section import Section

SHARE_STEP = "howto.3"


class ShareStep(StepView[TeamFlow]):
    def __init__(self, context: TeamContext) -> None:
        super().__init__(context)
        self.clock = ReflectClock(context.share_timer, context.t)

    def compose(self) -> ComposeResult:
        t, flow = self.t, self.flow
        howto = flow.content.guide.howto
        step = next((s for s in howto.steps if s.id == SHARE_STEP), None)
        with Horizontal(id="share-top"):
            with Section(id="share-text"):
                yield Static(step.title if step else t("team.share.title"),
                             classes="step-title", markup=False)
                if step is not None:
                    yield Static(step.text, classes="share-prompt", markup=False)
                    yield Static(credit(flow.content, t, step.source or howto.source),
                                 classes="muted share-source", markup=False)
            yield self.clock
        yield Static(t("team.share.reminder"), classes="hint share-reminder")
        yield Static(t("team.share.key_points"), classes="section-title")
        yield AnswerEditor(flow.session.key_points, key="key_points", id="key-points",
                           placeholder=t("team.share.placeholder"))

    def focus_first(self) -> None:
        self.query_one("#key-points", AnswerEditor).focus()

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        self.flow.set_key_points(event.text)
        self.changed()
