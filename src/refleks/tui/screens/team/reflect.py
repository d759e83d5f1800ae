"""Reflect individually: the question, and a quiet, visible timer. Nothing is typed.

The timer is big (``Digits``) so the room can see it, and silent when it runs out: a
line says time is up and the facilitator goes on when the room is ready. The screen
owns the ``ReflectTimer`` (it starts, pauses and adds time on the keys); the clock that
shows it (``ReflectClock``) repaints itself on a timer of its own while it is on the
screen, so taking the step away stops it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Digits, Static

from refleks.content.ui import Strings
from refleks.team.flow import ReflectTimer, TeamFlow, clock_text
from refleks.tui.screens.steps.view import StepView
from refleks.tui.screens.team.step import TeamContext

TICK_SECONDS = 0.25  # how often the clock is repainted while it is shown


class ReflectClock(Vertical):
    """The time left in big digits (``#timer``; on a short terminal in one line,
    ``#timer-line``, team.tcss) and whether it is paused or done (``#timer-state``),
    repainted every ``TICK_SECONDS`` while mounted. ``keys``: the clock's keys, said
    under it where they work (the reflection; at under 80 columns the footer has no
    room for them)."""

    def __init__(self, timer: ReflectTimer, t: Strings, keys: str = "") -> None:
        super().__init__()
        self.timer = timer
        self.t = t
        self.keys = keys

    def compose(self) -> ComposeResult:
        yield Digits(clock_text(self.timer.remaining()), id="timer")
        yield Static(clock_text(self.timer.remaining()), id="timer-line")
        yield Static("", id="timer-state", classes="muted")
        if self.keys:
            yield Static(self.keys, id="timer-keys", classes="muted")

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)  # stops when the clock is removed

    def tick(self) -> None:
        """Show the time left, and whether the timer is paused or done."""
        if not (self.query("#timer") and self.query("#timer-line")
                and self.query("#timer-state")):
            return  # the clock is going (its parts are going) while a tick is under way
        self.query_one("#timer", Digits).update(clock_text(self.timer.remaining()))
        self.query_one("#timer-line", Static).update(clock_text(self.timer.remaining()))
        if self.timer.done:
            state = self.t("team.reflect.done")
        elif not self.timer.running:
            state = self.t("team.reflect.paused")
        else:
            state = ""
        self.query_one("#timer-state", Static).update(state)


class ReflectStep(StepView[TeamFlow]):
    def __init__(self, context: TeamContext) -> None:
        super().__init__(context)
        self.clock = ReflectClock(context.timer, context.t, context.t("team.reflect.keys"))

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
            yield self.clock
            yield Static(t("team.reflect.intro"), classes="hint")

    def on_mount(self) -> None:
        self.add_class("reflect-step")

    def focus_first(self) -> None:
        self.screen.set_focus(None)  # nothing to type: the keys go to the screen
