"""A step that gives way to the next while a refresh or a clock tick is under way.

On a busy machine Textual may still draw, or a timer still reach, a step that has just
been taken off the screen. Both once stopped the app in CI (a check-in's CHIME editor
drawn after its styles were cleared; the team clock ticking a reflection step whose
parts were gone). The races are too rare to provoke on demand, so these tests do
what the race does: ask the removed widget to draw, or to tick, after its removal.
"""

from __future__ import annotations

from pathlib import Path

from team_helpers import FakeClock, team_app, team_at, until
from textual.geometry import Region
from tui_helpers import SIZE, checkin_at, eventually, make_session

from refleks.checkin import Step
from refleks.team.flow import TeamStep
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import CheckinScreen
from refleks.tui.screens.team.reflect import ReflectStep
from refleks.tui.widgets.editor import AnswerEditor


async def test_an_answer_editor_taken_off_the_screen_draws_nothing(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await eventually(pilot, lambda: bool(app.screen.query(AnswerEditor)))
        editor = app.screen.query_one(AnswerEditor)
        assert len(editor.render_lines(Region(0, 0, 30, 3))) == 3  # drawn while it is there
        await pilot.press("ctrl+n")  # the next question: this editor goes
        await eventually(pilot, lambda: not editor.is_attached)
        editor.notify_style_update()  # as losing focus on its way out does
        lines = editor.render_lines(Region(0, 0, 30, 3))
        assert [line.text for line in lines] == [" " * 30] * 3
        assert isinstance(app.screen, CheckinScreen)


async def test_the_team_clock_ticking_a_reflection_step_that_has_gone(
        journal_path: Path) -> None:
    app = team_app(journal_path, FakeClock(), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.REFLECT)  # the theme, read: the quiet reflection
        await until(pilot, lambda: bool(app.screen.query(ReflectStep)))
        step = app.screen.query_one(ReflectStep)
        await pilot.press("s")  # skipped: the step goes
        await until(pilot, lambda: not step.query("#timer"))
        step.clock.tick()  # what the clock's own interval does if it still runs
        await pilot.pause()
        assert not app.screen.query(ReflectStep)
