"""The weekly check-in's rules, on the flow itself (no terminal): which steps there are,
going on and back, the focus choice, carrying last week's focus forward, follow-ups and
resuming a draft. The screens show these rules; the TUI tests check the keys."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from refleks.checkin import CheckinFlow, FocusProblem, Step
from refleks.content.model import Content
from refleks.journal.model import CheckIn, Focus
from refleks.journal.moments import Moment

TZ = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)




def last_week(content: Content, *focus_ids: str) -> CheckIn:
    previous = CheckIn(started_at=MONDAY - timedelta(weeks=1), status="complete")
    previous.focus = [Focus(v, content.value(v).name, f"Handling for {v}")  # type: ignore[union-attr]
                      for v in focus_ids]
    return previous


# -- steps -----------------------------------------------------------------------------------


def test_the_first_week_has_no_follow_up_and_no_moments(content: Content) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    assert flow.steps == [Step.AREA, Step.REFLECT, Step.CHIME, Step.FOCUS, Step.METHOD,
                          Step.SUMMARY]


def test_a_second_week_starts_by_asking_how_last_weeks_actions_went(
        content: Content, value_ids: list[str]) -> None:
    previous = last_week(content, *value_ids[:2])
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY), previous,
                       moments=[Moment("Hun lo for første gang")])
    assert flow.steps[:3] == [Step.FOLLOW_UP, Step.MOMENTS, Step.AREA]
    assert [f.value_id for f in flow.checkin.follow_ups] == previous.focus_ids
    assert [f.action for f in flow.checkin.follow_ups] == [f.action for f in previous.focus]


def test_going_on_from_the_area_step_chooses_the_suggested_area(content: Content) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    assert flow.checkin.area_id is None
    assert flow.next() and flow.step is Step.REFLECT
    assert flow.checkin.area_id == flow.suggested_area().id


def test_back_and_forth_keeps_the_furthest_step_seen(content: Content) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    for _ in range(3):
        flow.next()
    assert flow.step is Step.FOCUS and flow.checkin.reached == "focus"
    assert flow.back() and flow.back() and flow.step is Step.REFLECT
    assert flow.checkin.reached == "focus"  # going back is no reason to forget
    assert CheckinFlow(content, flow.checkin).resume_step() is Step.FOCUS


def test_back_from_the_start_and_on_from_the_end_do_nothing(content: Content) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    assert not flow.back() and flow.step is Step.AREA
    flow.go_to(Step.SUMMARY)
    assert not flow.next() and flow.step is Step.SUMMARY


# -- the focus choice ------------------------------------------------------------------------


def test_one_two_or_three_values_go_on_and_none_is_fine(
        content: Content, value_ids: list[str]) -> None:
    """Two or three is the invitation, but one alone goes on (the source asks for "one
    or two relational values"); only a fourth is refused."""
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    flow.go_to(Step.FOCUS)
    assert flow.focus_problem() is None  # a week with no new focus
    first, second, third, fourth = value_ids[:4]
    assert flow.toggle_focus(first) is None
    assert flow.focus_problem() is None
    assert flow.next() and flow.step is Step.METHOD
    assert flow.back() and flow.step is Step.FOCUS
    assert flow.toggle_focus(second) is None and flow.focus_problem() is None
    assert flow.toggle_focus(third) is None and flow.focus_problem() is None
    assert flow.toggle_focus(fourth) is FocusProblem.TOO_MANY
    assert flow.checkin.focus_ids == [first, second, third]
    assert flow.next() and flow.step is Step.METHOD


def test_the_focus_choice_is_an_object_of_its_own(
        content: Content, value_ids: list[str]) -> None:
    """The flow's focus choice works without a flow: it changes the check-in it is given
    and says each change, which is how the flow knows to save."""
    from refleks.checkin.focus import FocusChoice

    checkin, changes = CheckIn(started_at=MONDAY), []
    choice = FocusChoice(content, checkin, None, lambda: changes.append(1))
    first, second = value_ids[:2]
    assert choice.toggle(first) is None and choice.problem() is None
    choice.set_why(first, "Hvorfor denne?", "Fordi")
    choice.set_action(first, "Ringe tilbake")
    choice.set_action(first, "Ringe tilbake")  # the same again: no change
    assert choice.toggle(second) is None and choice.problem() is None
    assert checkin.focus_ids == [first, second] and choice.why(first) == "Fordi"
    assert len(changes) == 4
    flow = CheckinFlow(content, checkin)
    assert flow.focus.checkin is checkin and flow.is_focus(first)


def test_an_unknown_value_is_refused(content: Content) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    assert flow.toggle_focus("no-such-value") is FocusProblem.UNKNOWN_VALUE
    assert flow.checkin.focus == []


def test_unticking_a_value_forgets_why_it_was_chosen(
        content: Content, value_ids: list[str]) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    first = value_ids[0]
    flow.toggle_focus(first)
    flow.set_action(first, "Ringe tilbake samme dag")
    flow.set_why(first, "Hvorfor denne?", "Fordi det betyr noe")
    assert flow.why(first) == "Fordi det betyr noe"
    flow.toggle_focus(first)
    assert flow.why(first) == "" and flow.checkin.focus == []


def test_every_change_is_news_for_the_draft(content: Content, value_ids: list[str]) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY))
    first = value_ids[0]
    before = flow.revision
    flow.toggle_focus(first)
    flow.set_action(first, "Lytte først")
    assert flow.revision == before + 2
    flow.set_action(first, "Lytte først")  # the same text again is no change
    assert flow.revision == before + 2


# -- carrying last week's focus forward ------------------------------------------------------


def test_last_weeks_focus_comes_along_with_its_action(
        content: Content, value_ids: list[str]) -> None:
    kept = value_ids[:2]
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY), last_week(content, *kept))
    assert flow.carry_forward_ids() == kept
    flow.carry_forward()
    assert flow.checkin.focus_ids == kept
    assert [f.action for f in flow.checkin.focus] == [f"Handling for {v}" for v in kept]
    assert flow.carry_forward_ids() == []  # nothing left to carry


def test_carrying_forward_stops_at_three(content: Content, value_ids: list[str]) -> None:
    ids = value_ids[:4]
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY), last_week(content, *ids[1:]))
    flow.toggle_focus(ids[0])
    flow.carry_forward()
    assert flow.checkin.focus_ids == ids[:3]


def test_keeping_a_value_in_the_follow_up_makes_it_a_focus(
        content: Content, value_ids: list[str]) -> None:
    first, second = value_ids[:2]
    flow = CheckinFlow(content, CheckIn(started_at=MONDAY), last_week(content, first, second))
    flow.set_follow_up(first, "Det gikk bedre enn jeg trodde")
    flow.set_keep(first, True)
    assert flow.checkin.focus_ids == [first]
    assert next(f for f in flow.checkin.follow_ups if f.value_id == first).keep
    flow.set_keep(first, False)
    assert flow.checkin.focus_ids == []


# -- resuming --------------------------------------------------------------------------------


def test_an_older_draft_resumes_at_the_furthest_step_with_words_in_it(
        content: Content, value_ids: list[str]) -> None:
    checkin = CheckIn(started_at=MONDAY, area_id=content.areas[0].id)
    assert CheckinFlow(content, checkin).resume_step() is Step.REFLECT
    checkin.focus = [Focus(value_ids[0], "", "")]
    assert CheckinFlow(content, checkin).resume_step() is Step.FOCUS
    checkin.notes = "Til slutt"
    assert CheckinFlow(content, checkin).resume_step() is Step.SUMMARY


def test_a_resumed_draft_offers_what_it_offered_before(content: Content) -> None:
    """What the check-in offers turns with the week it was started, not the week it is
    resumed in."""
    import time_machine

    started = CheckinFlow(content, CheckIn(started_at=MONDAY))
    started.choose_area(content.areas[0].id)
    offered = (started.week, started.offer(), started.prompts())
    with time_machine.travel(MONDAY + timedelta(weeks=3, days=2)):
        resumed = CheckinFlow(content, started.checkin)
        assert (resumed.week, resumed.offer(), resumed.prompts()) == offered
        fresh = CheckinFlow(content, CheckIn())  # started now, three weeks on
        fresh.choose_area(content.areas[0].id)
        assert fresh.week != started.week
