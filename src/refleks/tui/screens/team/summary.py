"""Save: the session exactly as the team log will keep it, as the minutes read."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button, Markdown, Static

from refleks.team.minutes import render_session
from refleks.tui.screens.team.step import TeamStepView
from refleks.tui.widgets.section import Section


class SummaryStep(TeamStepView):
    class Finish(Message):
        """Save the session in the team log."""

    def __init__(self, *args: object, log_path: str) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.log_path = log_path

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("team.summary.title"), classes="step-title")
        yield Static(t("team.summary.intro"), classes="hint")
        with Section(classes="step-scroll"):
            yield Markdown(render_session(self.flow.session, t, level=3), id="team-minutes")
        yield Static(t("team.summary.where", path=self.log_path), classes="muted body-text",
                     markup=False)
        yield Button(t("team.summary.save"), id="team-save", variant="primary")

    def focus_first(self) -> None:
        self.query_one("#team-save", Button).focus()

    @on(Button.Pressed, "#team-save")
    def save(self) -> None:
        self.post_message(self.Finish())
