"""The check-in uses what the documents offer, varied week by week (no terminal needed).

Issue 11: 003's practice questions, 004's reflection cards and 000's dialogue questions
come up as an optional extra after an area's own questions; the CHIME question takes
turns; the focus step asks "why this one?"; last week's method is followed up. The
journal stores each text as it was shown, as it does for everything.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from refleks.checkin import CheckinFlow, Suggestion
from refleks.content.model import Content
from refleks.journal.model import CheckIn, Focus

TZ = timezone(timedelta(hours=1))
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)



def flow_in_week(content: Content, weeks: int, previous: CheckIn | None = None) -> CheckinFlow:
    checkin = CheckIn(started_at=MONDAY + timedelta(weeks=weeks))
    return CheckinFlow(content, checkin, previous)


# -- the area suggestion -------------------------------------------------------------------


def test_an_area_never_visited_is_not_called_the_longest_since(content: Content) -> None:
    checkin = CheckIn(started_at=MONDAY)
    first = CheckinFlow(content, checkin, last_visits={})
    assert first.suggestion() is Suggestion.FIRST
    visited = {"relasjonell": MONDAY - timedelta(weeks=2)}
    assert CheckinFlow(content, checkin, last_visits=visited).suggestion() is Suggestion.NEVER
    all_visited = {a.id: MONDAY - timedelta(weeks=a.number) for a in content.areas}
    flow = CheckinFlow(content, checkin, last_visits=all_visited)
    assert flow.suggestion() is Suggestion.OLDEST
    assert flow.suggested_area().id == content.areas[-1].id


# -- the extra prompt ----------------------------------------------------------------------


def test_one_extra_prompt_follows_the_areas_own_questions(content: Content) -> None:
    flow = flow_in_week(content, 0)
    flow.choose_area("relasjonell")
    prompts = flow.prompts()
    own = len(content.area("relasjonell").questions)  # type: ignore[union-attr]
    assert [p.kind for p in prompts[:own]] == ["reflect"] * own
    assert prompts[own].kind == "prompt"
    assert [p.kind for p in prompts].count("prompt") == 1


def test_over_a_season_every_practice_question_card_and_dialogue_question_comes_up(
        content: Content) -> None:
    pool = {i.id for c in content.collections if c.kind in ("questions", "cards")
            for i in c.items}
    assert {"practice.relationship", "card.drommen", "team-questions.1"} <= pool
    seen = set()
    for week in range(len(pool)):
        flow = flow_in_week(content, week)
        flow.choose_area("etikk")
        seen.add(flow.offer().id)  # type: ignore[union-attr]
    assert seen == pool
    # and it changes from one week to the next
    ids = [flow_in_week(content, w).offer().id for w in range(3)]  # type: ignore[union-attr]
    assert len(set(ids)) == 3


def test_the_extra_prompt_is_stored_as_shown_and_kept_by_the_draft(content: Content) -> None:
    flow = flow_in_week(content, 0)
    flow.choose_area("relasjonell")
    offer = flow.offer()
    assert offer is not None
    flow.set_answer(offer, "Jeg spurte om drømmen.")
    stored = flow.checkin.answers[-1]
    assert (stored.question_id, stored.question_text, stored.kind) == (offer.id, offer.text,
                                                                       "prompt")
    # the same draft resumed in another week still offers what it answered
    later = CheckinFlow(content, flow.checkin)
    later.checkin.started_at += timedelta(weeks=1)
    assert later.offer().id == offer.id  # type: ignore[union-attr]


def test_a_card_says_who_wrote_its_text(content: Content) -> None:
    offers = {p.id: p for p in flow_in_week(content, 0).offers()}
    card = offers["card.drommen"]
    assert card.source == "refleks" and card.hint_source == "recoveryteam"
    assert offers["practice.relationship"].source == "ti-metoder"


# -- CHIME ---------------------------------------------------------------------------------


def test_the_chime_question_takes_turns_week_by_week(content: Content) -> None:
    element = content.chime[0]
    asked = []
    for week in range(len(element.questions)):
        flow = flow_in_week(content, week)
        flow.choose_chime(element.id)
        asked.append(flow.chime_reflection().question_text)  # type: ignore[union-attr]
    assert sorted(asked) == sorted(q.text for q in element.questions)


def test_a_draft_keeps_its_chime_question(content: Content) -> None:
    flow = flow_in_week(content, 1)
    element = content.chime[1]
    flow.choose_chime(element.id)
    question = flow.chime_reflection().question_text  # type: ignore[union-attr]
    flow.checkin.started_at += timedelta(weeks=1)
    assert flow.chime_question(element).text == question  # type: ignore[union-attr]


# -- focus: why this one? ------------------------------------------------------------------


def test_why_this_one_is_stored_beside_the_focus(content: Content) -> None:
    flow = flow_in_week(content, 0)
    flow.toggle_focus("likeverd")
    flow.set_why("likeverd", "Hvorfor Likeverd?", "Fordi alt bygger på det.")
    assert flow.why("likeverd") == "Fordi alt bygger på det."
    answer = flow.checkin.answers[-1]
    assert (answer.question_id, answer.question_text, answer.kind) == (
        "why.likeverd", "Hvorfor Likeverd?", "why")
    flow.set_why("empati", "Hvorfor Empati?", "not chosen")  # not a focus: nothing stored
    assert flow.why("empati") == ""


# -- last week's method --------------------------------------------------------------------


def test_last_weeks_method_is_followed_up(content: Content) -> None:
    previous = CheckIn(started_at=MONDAY, status="completed", method_id="method.1",
                       method_title="Start alltid med personens egne mål")
    flow = flow_in_week(content, 1, previous)
    assert flow.steps[0].value == "follow_up"  # even without focus values last week
    assert flow.method_follow_up() == ("method.1", "Start alltid med personens egne mål")
    flow.set_method_follow_up("Du valgte å prøve «Start alltid med personens egne mål». "
                              "Hvordan gikk det?", "Bra.")
    assert flow.method_follow_up_answer() == "Bra."
    assert flow.checkin.answers[-1].kind == "method_follow_up"


def test_no_method_last_week_no_question(content: Content) -> None:
    previous = CheckIn(started_at=MONDAY, status="completed",
                       focus=[Focus("likeverd", "Likeverd", "x")])
    flow = flow_in_week(content, 1, previous)
    assert flow.method_follow_up() is None
    flow.set_method_follow_up("?", "text")
    assert flow.checkin.answers == []
