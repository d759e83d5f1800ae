"""What one check-in holds, as plain data.

Every piece of text the practitioner was shown is stored next to the id it came
from (``question_id`` + ``question_text``), so an old entry still reads correctly
after the content is reworded or a team runs with its own content.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple

Status = Literal["draft", "complete"]
ChimeMode = Literal["present", "missing"]


def new_uid() -> str:
    """A globally unique id, so that imports can merge without collisions."""
    return uuid.uuid4().hex


@dataclass
class Answer:
    """The answer to one reflection question (or extra prompt) as it was shown."""

    question_id: str
    question_text: str
    text: str = ""
    kind: str = "reflect"  # one of ANSWER_KINDS


# The kinds of answer in the order the check-in asks them: how last week's method went
# (in the follow-up), the moments taken further, the area's questions, the week's extra
# prompt, the everyday examples, the dilemmas, and why each focus value was chosen. The
# answers are kept and shown in this order, whatever order they were written or
# rewritten in (a rewritten answer stays where its question is).
ANSWER_KINDS = ("method_follow_up", "moment", "reflect", "prompt", "example", "dilemma",
                "why")
ANSWER_RANK = {kind: rank for rank, kind in enumerate(ANSWER_KINDS)}
WHY_PREFIX = "why."  # an answer to "why this one?" for a focus value: ``why.<value id>``


@dataclass
class ChimeReflection:
    """What the practitioner wrote about one CHIME element this week."""

    element_id: str
    element_name: str
    mode: ChimeMode
    question_text: str
    text: str = ""


@dataclass
class Focus:
    """One chosen focus value and the concrete action for the coming week."""

    value_id: str
    value_name: str
    action: str = ""


@dataclass
class FollowUp:
    """Looking back at one of last week's focus values."""

    value_id: str
    value_name: str
    action: str  # the action chosen last week, as it was written then
    text: str = ""
    keep: bool = False
    from_uid: str | None = None  # the check-in the focus came from


@dataclass
class LaterNote:
    """A note added to a completed check-in later, without changing what was written."""

    created_at: datetime
    text: str


@dataclass
class CheckIn:
    """One weekly reflection, draft or complete."""

    uid: str = field(default_factory=new_uid)
    id: int | None = None  # the journal's short number; None until stored
    started_at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    updated_at: datetime | None = None
    completed_at: datetime | None = None
    status: Status = "draft"
    lang: str = "nb"
    area_id: str | None = None
    area_title: str = ""
    answers: list[Answer] = field(default_factory=list)
    chime: list[ChimeReflection] = field(default_factory=list)
    focus: list[Focus] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    method_id: str | None = None
    method_title: str = ""
    notes: str = ""
    later_notes: list[LaterNote] = field(default_factory=list)
    # A draft only: the furthest step of the check-in the practitioner has seen
    # (``refleks.checkin.Step`` value), so a resumed draft never skips a step unseen.
    reached: str | None = None
    # A draft only: the moments (their uids) ticked "take this further" in the moments
    # step, so one ticked before a word is written about it comes back ticked when the
    # draft is resumed. What was written is in ``answers``; gone once complete.
    taken_further: list[str] = field(default_factory=list)
    # The journal's revision of this check-in when this copy was last saved or read;
    # None for a check-in the journal has not seen. ``Journal.save`` refuses to
    # overwrite a newer revision written meanwhile by another refleks window.
    saved_revision: int | None = field(default=None, compare=False)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def focus_ids(self) -> list[str]:
        return [f.value_id for f in self.focus]


class Readable(NamedTuple):
    """A check-in as its Markdown is made: the few columns the document shows and the
    stored body as decoded JSON (the shape of ``codec.body_dict``: the later notes'
    dates are ISO text there).

    An export streams these rather than ``CheckIn`` objects: building forty small
    objects a check-in only to read them once was a quarter of an export's time.
    ``markdown.readable`` makes one from a ``CheckIn``; ``rows.readable_from_row``
    from a stored row, its text already passed through ``visible``.
    """

    uid: str
    started_at: datetime
    completed_at: datetime | None
    status: str
    area_title: str
    method: str  # the method's title, else its id, else ""
    body: Mapping[str, Any]
    # The ids beside the two titles, so a document can name them in its own language
    # (``content.names``); None where none was chosen.
    area_id: str | None = None
    method_id: str | None = None
    lang: str = ""  # the language it was written in: the pack marks it (``lang``)
