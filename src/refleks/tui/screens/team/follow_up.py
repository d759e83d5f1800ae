"""Follow-up: the session opens with how last time's actions went, as the check-in does."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from refleks.dates import format_date
from refleks.team.flow import TeamFlow
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.section import Section
from refleks.tui.widgets.toggles import Checkbox


class FollowUpStep(StepView[TeamFlow]):
    def compose(self) -> ComposeResult:
        t, flow = self.t, self.flow
        previous = flow.previous
        when = previous.when if previous is not None else None
        yield Static(t("team.follow_up.title"), classes="step-title")
        yield Static(t("team.follow_up.intro", date=format_date(when, t) if when else "?"),
                     classes="hint")
        roles = {f.value_id: f.role for f in previous.focus} if previous else {}
        with Section(classes="step-scroll"):
            for index, follow_up in enumerate(flow.session.follow_ups):
                action = follow_up.action or t("team.minutes.no_action")
                yield Static(Content.assemble((follow_up.value_name, "bold"), " — ", action),
                             classes="follow-up-value")
                if roles.get(follow_up.value_id):
                    yield Static(t("team.follow_up.role", role=roles[follow_up.value_id]),
                                 classes="muted follow-up-role", markup=False)
                yield Input(follow_up.text, placeholder=t("team.follow_up.placeholder"),
                            id=f"follow-up-{index}", name=str(index), classes="follow-up",
                            compact=True, select_on_focus=False)
                # (the box says its state: [x], never a second mark beside it)
                yield Checkbox(t("team.follow_up.keep"), follow_up.keep,
                               name=str(index), classes="keep", compact=True)

    @on(Input.Changed, ".follow-up")
    def edited(self, event: Input.Changed) -> None:
        if event.input.name is not None:
            self.flow.set_follow_up(int(event.input.name), event.value)
            self.changed()

    @on(Checkbox.Changed, ".keep")
    def keep_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.name is not None:
            self.flow.set_keep(int(event.checkbox.name), event.value)
            self.changed()

    @on(Input.Submitted, ".follow-up")
    def submitted(self) -> None:
        self.screen.focus_next()
