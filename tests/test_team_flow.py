"""A team session's rules, on the flow itself (no terminal): its steps, the theme taken
when none was chosen, one to three development areas, going on with last time's, the
plan for each length, the reflection clock and resuming."""

from __future__ import annotations

import pytest

from refleks.checkin import FocusProblem
from refleks.content.model import Content
from refleks.team.flow import (
    ADD_SECONDS,
    LENGTHS,
    ReflectTimer,
    TeamFlow,
    TeamStep,
    clock_text,
    plan_for,
)
from refleks.team.model import TeamFocus, TeamSession


def last_time(content: Content, *ids: str) -> TeamSession:
    session = TeamSession()
    session.focus = [TeamFocus(v, content.value(v).name, f"Tiltak {v}", f"Rolle {v}")  # type: ignore[union-attr]
                     for v in ids]
    return session


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_first_session_has_no_follow_up(content: Content) -> None:
    flow = TeamFlow(content, TeamSession())
    assert flow.steps[0] is TeamStep.CHOOSE and TeamStep.FOLLOW_UP not in flow.steps


def test_a_later_session_follows_up_last_times_areas(
        content: Content, value_ids: list[str]) -> None:
    ids = value_ids[:2]
    flow = TeamFlow(content, TeamSession(), last_time(content, *ids))
    assert flow.steps[0] is TeamStep.FOLLOW_UP
    assert [f.value_id for f in flow.session.follow_ups] == ids


def test_going_on_without_a_choice_takes_the_suggested_theme(content: Content) -> None:
    flow = TeamFlow(content, TeamSession())
    suggested = flow.suggested()
    assert flow.next() and flow.step is TeamStep.READ
    assert flow.theme == suggested


def test_no_step_after_the_choice_is_reached_without_a_theme(content: Content) -> None:
    flow = TeamFlow(content, TeamSession())
    flow.go_to(TeamStep.SHARE)
    assert flow.step is TeamStep.CHOOSE
    flow.go_to("not a step")
    assert flow.step is TeamStep.CHOOSE


def test_one_to_three_development_areas(content: Content, value_ids: list[str]) -> None:
    flow = TeamFlow(content, TeamSession())
    flow.choose_theme(flow.suggested().id)
    flow.go_to(TeamStep.FOCUS)
    assert flow.focus_problem() is FocusProblem.TOO_FEW and not flow.next()
    ids = value_ids[:4]
    assert flow.toggle_focus(ids[0]) is None and flow.focus_problem() is None
    flow.toggle_focus(ids[1])
    flow.toggle_focus(ids[2])
    assert flow.toggle_focus(ids[3]) is FocusProblem.TOO_MANY
    assert flow.toggle_focus("no-such-value") is FocusProblem.UNKNOWN_VALUE
    assert flow.next() and flow.step is TeamStep.SUMMARY


def test_going_on_with_last_times_area_brings_its_action_and_role(
        content: Content, value_ids: list[str]) -> None:
    first, second = value_ids[:2]
    flow = TeamFlow(content, TeamSession(), last_time(content, first, second))
    flow.set_keep(0, True)
    (kept,) = flow.session.focus
    assert (kept.value_id, kept.action, kept.role) == (first, f"Tiltak {first}",
                                                        f"Rolle {first}")
    flow.set_keep(0, False)
    assert flow.session.focus == []


@pytest.mark.parametrize("length", LENGTHS)
def test_each_plan_fills_its_length(length: int) -> None:
    plan = plan_for(length)
    assert plan.read + plan.reflect + plan.share + plan.focus == length


def test_the_reflection_clock_pauses_grows_and_resumes_from_what_was_left() -> None:
    clock = FakeClock()
    timer = ReflectTimer(180.0, clock)
    timer.start()
    clock.now += 15
    timer.pause()
    assert timer.remaining() == 165.0 and not timer.running
    clock.now += 60  # paused: no time passes for the team
    assert timer.remaining() == 165.0
    timer.add_minute()
    assert timer.remaining() == 165.0 + ADD_SECONDS and not timer.running
    timer.start()
    clock.now += 5
    assert timer.remaining() == 220.0
    assert clock_text(timer.remaining()) == "3:40"
    timer.skip()
    assert timer.done and clock_text(timer.remaining()) == "0:00"


def test_a_minute_more_keeps_a_paused_clock_paused() -> None:
    clock = FakeClock()
    timer = ReflectTimer(240.0, clock)
    timer.start()
    clock.now += 15
    timer.pause()
    timer.add_minute()
    assert not timer.running and timer.remaining() == 285.0
    clock.now += 3
    assert timer.remaining() == 285.0


def test_a_minute_more_after_the_time_ran_out_counts_from_now() -> None:
    clock = FakeClock()
    timer = ReflectTimer(60.0, clock)
    timer.start()
    clock.now += 500  # nobody looked at the clock for a while
    assert timer.done
    timer.add_minute()
    assert timer.running and timer.remaining() == float(ADD_SECONDS)
    clock.now += 20
    assert timer.remaining() == ADD_SECONDS - 20.0


def test_a_resumed_session_picks_up_where_it_has_something(
        content: Content, value_ids: list[str]) -> None:
    session = TeamSession()
    flow = TeamFlow(content, session)
    assert flow.resume_step() is TeamStep.CHOOSE
    flow.choose_theme(flow.suggested().id)
    assert TeamFlow(content, session).resume_step() is TeamStep.READ
    flow.set_key_points("Vi snakket om å vente")
    assert TeamFlow(content, session).resume_step() is TeamStep.SHARE
    flow.toggle_focus(value_ids[0])
    assert TeamFlow(content, session).resume_step() is TeamStep.FOCUS
