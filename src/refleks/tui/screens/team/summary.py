"""Save: the session exactly as the team log will keep it, as the minutes read."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from refleks.team.flow import TeamFlow
from refleks.team.minutes import render_session
from refleks.tui.screens.steps.view import StepView
from refleks.tui.screens.team.step import TeamContext
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.plain_markdown import PlainMarkdown
from refleks.tui.widgets.section import Section


class SummaryStep(StepView[TeamFlow]):
    class Finish(Message):
        """Save the session in the team log."""

    def __init__(self, context: TeamContext) -> None:
        super().__init__(context)
        self.log_path = context.log_path

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("team.summary.title"), classes="step-title")
        yield Static(t("team.summary.intro"), classes="hint")
        with Section(classes="step-scroll"):
            yield PlainMarkdown(render_session(self.flow.session, t, level=3), id="team-minutes")
        yield Static(t("team.summary.where", path=self.log_path), classes="muted body-text",
                     markup=False)
        yield Button(t("team.summary.save"), id="team-save", variant="primary")

    def focus_first(self) -> None:
        self.query_one("#team-save", Button).focus()

    @on(Button.Pressed, "#team-save")
    def save(self) -> None:
        self.post_message(self.Finish())
