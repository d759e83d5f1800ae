"""Reflect individually: the question, and a quiet, visible timer. Nothing is typed.

The timer is big (``Digits``) so the room can see it, and silent when it runs out: a
line says time is up and the facilitator goes on when the room is ready. The screen
owns the ``ReflectTimer`` and repaints this view while it runs.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Digits, Static

from refleks.content.ui import Strings
from refleks.team.flow import ReflectTimer, TeamFlow, clock_text
from refleks.tui.screens.team.step import TeamStepView


class ReflectStep(TeamStepView):
    def __init__(self, flow: TeamFlow, t: Strings, timer: ReflectTimer) -> None:
        super().__init__(flow, t)
        self.timer = timer

    def compose(self) -> ComposeResult:
        t, theme = self.t, self.flow.theme
        assert theme is not None
        questions = theme.questions or (t("team.reflect.fallback_question"),)
        with VerticalScroll(classes="stage reflect-stage", can_focus=False):
            yield Static(t("team.reflect.title"), classes="stage-kind")
            yield Static(theme.title, classes="stage-title", markup=False)
            for question in questions:
                mark = "• " if len(questions) > 1 else ""
                yield Static(f"{mark}{question}", classes="stage-question", markup=False)
            yield Digits(clock_text(self.timer.remaining()), id="timer")
            yield Static("", id="timer-state", classes="muted")
            yield Static(t("team.reflect.intro"), classes="hint")

    def on_mount(self) -> None:
        self.add_class("reflect-step")
        self.tick()

    def tick(self) -> None:
        """Show the time left, and whether the timer is paused or done."""
        if not (self.query("#timer") and self.query("#timer-state")):
            return  # the step is going (its parts are going) while the clock still ticks
        self.query_one("#timer", Digits).update(clock_text(self.timer.remaining()))
        if self.timer.done:
            state = self.t("team.reflect.done")
        elif not self.timer.running:
            state = self.t("team.reflect.paused")
        else:
            state = ""
        self.query_one("#timer-state", Static).update(state)

    def focus_first(self) -> None:
        self.screen.set_focus(None)  # nothing to type: the keys go to the screen
