"""What a check-in is made of, apart from its flow: steps, prompts and their answers,
the focus rule's limits and the area suggestion. Kept apart so the flow module stays about the flow.
The step cursor and the focus problems serve the team session's flow too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Generic, TypeVar

from refleks.content.model import Area, Content
from refleks.journal.model import ANSWER_RANK, Answer, CheckIn
from refleks.journal.model import WHY_PREFIX as WHY_PREFIX  # the export puts each by its value

# Taking a moment further (Driscoll): what happened, what it meant, what now.
MOMENT_PARTS = ("what", "meaning", "now")

# One, two or three focus values a week, or none. Two or three is the invitation (room
# to compare and make them concrete), but the source asks for "one or two relational
# values", so one alone is never refused.
MIN_FOCUS = 1
MAX_FOCUS = 3


class Step(StrEnum):
    FOLLOW_UP = "follow_up"
    MOMENTS = "moments"  # only when there are moments since the last check-in
    AREA = "area"
    REFLECT = "reflect"
    CHIME = "chime"
    FOCUS = "focus"
    METHOD = "method"
    SUMMARY = "summary"


S = TypeVar("S", bound=StrEnum)


class StepCursor(Generic[S]):
    """Where a flow of steps is: its steps, the index of the one shown, and what the
    screens ask of it (the check-in's and the team session's flows)."""

    steps: list[S]
    index: int

    @property
    def step(self) -> S:
        return self.steps[self.index]

    @property
    def step_number(self) -> int:
        return self.index + 1

    @property
    def step_count(self) -> int:
        return len(self.steps)

    @property
    def at_start(self) -> bool:
        return self.index == 0

    @property
    def at_end(self) -> bool:
        return self.index == len(self.steps) - 1


class FocusProblem(StrEnum):
    """Why the focus choice cannot be saved yet (the screen explains it kindly)."""

    TOO_FEW = "too_few"
    TOO_MANY = "too_many"
    UNKNOWN_VALUE = "unknown_value"


@dataclass(frozen=True)
class Prompt:
    """One thing to reflect on in the reflect step: a question, example or dilemma."""

    id: str
    text: str
    hint: str
    kind: str  # reflect | example | dilemma | prompt (an extra from a collection)
    source: str = ""  # who wrote ``text`` (a sources.yaml id; ``refleks`` for our own)
    adapted_from: str = ""  # the document ``text`` was reworded from, if any
    hint_source: str = ""  # who wrote ``hint``
    group: str = ""  # for an extra: the title of the collection it comes from
    follow_up: str = ""  # for a dilemma: the question refleks asks after it
    follow_up_source: str = ""  # who wrote ``follow_up``


def answer_text(checkin: CheckIn, prompt_id: str) -> str:
    """What was written to the prompt ``prompt_id`` ("" if nothing)."""
    return next((a.text for a in checkin.answers if a.question_id == prompt_id), "")


def store_answer(checkin: CheckIn, prompt: Prompt, text: str,
                 order: Sequence[str] = ()) -> bool:
    """Store the answer with the prompt's text as shown; an emptied answer is removed.
    Whether anything changed worth saving.

    A new answer goes in at its question's place (``insert_answer``), not at the end:
    an answer emptied while it is rewritten and then written again would otherwise move
    after everything written since, in the summary, ``show`` and every export.
    ``order``: the prompt ids of its kind in the order they are asked.
    """
    for existing in checkin.answers:
        if existing.question_id == prompt.id:
            changed = existing.text != text
            if changed:
                existing.text = text
                existing.question_text = prompt.text
            if not text.strip():
                checkin.answers.remove(existing)
            return changed
    if text.strip():
        insert_answer(checkin.answers, Answer(prompt.id, prompt.text, text, prompt.kind),
                      order)
        return True
    return False


def insert_answer(answers: list[Answer], answer: Answer, order: Sequence[str]) -> None:
    """Put ``answer`` before the first answer asked after it: by its kind
    (``ANSWER_KINDS``), then by its place in ``order`` (ids of one kind in the order
    they are asked; one not in it goes after those that are)."""
    place = {question_id: i for i, question_id in enumerate(order)}
    last = len(ANSWER_RANK)

    def rank(a: Answer) -> tuple[int, int]:
        return ANSWER_RANK.get(a.kind, last), place.get(a.question_id, len(place))

    mine = rank(answer)
    at = next((i for i, a in enumerate(answers) if rank(a) > mine), len(answers))
    answers.insert(at, answer)


OFFER_KINDS = ("questions", "cards")  # collections whose items suit a personal extra prompt
METHOD_FOLLOW_UP_PREFIX = "method-follow-up."  # ``method-follow-up.<method id>``


def week_index(when: datetime) -> int:
    """A number that grows by one each ISO week, to vary what is offered week by week.

    Fixed by the check-in's start, so a resumed draft offers what it offered before.
    """
    year, week, _ = when.isocalendar()
    return year * 53 + week


def suggest_area(content: Content, last_visits: Mapping[str, datetime]) -> Area:
    """The least recently visited area: never visited first, then the oldest visit."""

    def key(area: Area) -> tuple[int, float, int]:
        visited = last_visits.get(area.id)
        if visited is None:
            return (0, 0.0, area.number)
        return (1, visited.timestamp(), area.number)

    return min(content.areas, key=key)


class Suggestion(StrEnum):
    """Why an area is suggested: the label must be true (never "longest since" a first)."""

    FIRST = "suggested_first"  # no area has been visited yet
    NEVER = "suggested_never"  # this area was never chosen, others were
    OLDEST = "suggested"  # the longest since it was chosen


