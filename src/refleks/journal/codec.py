"""Check-ins to plain dicts and back: the shape of the JSON export and of the stored body.

A stored check-in is declared once, in ``CHECKIN``: each field of ``model.CheckIn``,
in the order it is stored, with the kind of value it holds (``records``), where it is
kept, and whether a team may see it. The rest is derived from that table: the stored
body (``body_dict``, ``body_parts``), the export object (``to_dict``,
``export_object``), the strict reading of an import (``from_dict``), the key lists, and
``sharing``'s allow-list. A moment is declared the same way (``moments.MOMENT``).

``from_dict`` names the exact place of anything wrong
(``checkins[3].answers[0].question_id``), because a file that is half understood must
not be half imported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import MISSING, fields
from functools import partial
from typing import Any

from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus, FollowUp, LaterNote
from refleks.journal.records import (
    ALWAYS,
    BODY,
    DRAFT,
    FLAG,
    HEAD,
    JOURNAL,
    NEVER,
    REFERENCE,
    REFERENCES,
    REQUIRED_TEXT,
    TEXT,
    TEXT_OR_NONE,
    UID,
    WHEN,
    WHEN_OR_NONE,
    Checker,
    Field,
    Record,
    items,
    one_of,
)

STATUSES = ("draft", "complete")
CHIME_MODES = ("present", "missing")



ANSWER = Record(
    Answer,
    Field("question_id", REQUIRED_TEXT),
    Field("question_text", TEXT),
    Field("kind", REQUIRED_TEXT),  # reflect | example | dilemma | prompt | …
    Field("text", TEXT),
)
CHIME = Record(
    ChimeReflection,
    Field("element_id", REQUIRED_TEXT),
    Field("element_name", TEXT),
    Field("mode", one_of(CHIME_MODES)),
    Field("question_text", TEXT),
    Field("text", TEXT),
)
FOCUS = Record(
    Focus,
    Field("value_id", REQUIRED_TEXT),
    Field("value_name", TEXT),
    Field("action", TEXT),
)
FOLLOW_UP = Record(
    FollowUp,
    Field("value_id", REQUIRED_TEXT),
    Field("value_name", TEXT),
    Field("action", TEXT),
    Field("text", TEXT),
    Field("keep", FLAG),
    Field("from_uid", REFERENCE),
)
LATER_NOTE = Record(
    LaterNote,
    Field("created_at", WHEN),
    Field("text", TEXT),
)

# Every field of ``CheckIn``: a field added there fails ``tests/test_sharing.py`` until it
# has a row here, and so a decision on whether a team may see it (``sharing.redact``
# builds a new check-in from the fields a team may see alone).
CHECKIN = Record(
    CheckIn,
    #     name            kind                     kept in  a team sees
    Field("uid",          UID,                     HEAD,    ALWAYS),  # each check-in's anchor
    Field("status",       one_of(STATUSES),        HEAD,    ALWAYS),
    Field("lang",         REQUIRED_TEXT,           HEAD,    ALWAYS),
    Field("started_at",   WHEN,                    HEAD,    ALWAYS),
    # a check-in never saved gives its start
    Field("updated_at",   WHEN,                    HEAD,    NEVER, instead="started_at"),
    Field("completed_at", WHEN_OR_NONE,            HEAD,    ALWAYS),
    Field("area_id",      TEXT_OR_NONE,            HEAD,    ALWAYS),
    Field("area_title",   TEXT,                    HEAD,    ALWAYS),
    Field("method_id",    TEXT_OR_NONE,            HEAD,    "method"),
    Field("method_title", TEXT,                    HEAD,    "method"),
    Field("answers",      items(ANSWER),           BODY,    "answers"),
    Field("chime",        items(CHIME),            BODY,    "chime"),
    Field("focus",        items(FOCUS),            BODY,    "focus"),
    Field("follow_ups",   items(FOLLOW_UP),        BODY,    "follow_ups"),
    Field("notes",        TEXT,                    BODY,    "notes"),
    # added afterwards, never part of what was chosen to share
    Field("later_notes",  items(LATER_NOTE),       BODY,    NEVER),
    # the furthest step seen: where a resumed draft picks up; gone once complete
    Field("reached",      REFERENCE,               DRAFT,   NEVER),
    # the moments ticked to take further, written about or not; gone once complete
    Field("taken_further", REFERENCES,             DRAFT,   NEVER),
    # the journal's short number, and its revision when this copy was read
    Field("id",           None,                    JOURNAL, NEVER),
    Field("saved_revision", None,                  JOURNAL, NEVER),
)

# The parts of a check-in kept in the ``body`` column (the rest are columns of their own).
BODY_KEYS = tuple(f.name for f in CHECKIN.exported if f.place == BODY)
# Optional body keys: written only when they say something (older bodies lack them).
OPTIONAL_BODY_KEYS = tuple(f.name for f in CHECKIN.exported if f.place == DRAFT)
HEAD_KEYS = tuple(f.name for f in CHECKIN.exported if f.place == HEAD)
CHECKIN_KEYS = CHECKIN.keys
OPTIONAL_CHECKIN_KEYS = CHECKIN.optional_keys
# What a draft-only field holds when a body lacks it (a completed check-in, an older
# draft): the check-in's own default, so a list is a new empty list, never None.
_ABSENT = {f.name: (f.default_factory if f.default_factory is not MISSING
                    else partial(lambda value: value, f.default))
           for f in fields(CheckIn)}
_HEAD = CHECKIN.only(HEAD)
_BODY = CHECKIN.only(BODY)
_STORED_BODY = CHECKIN.only(BODY, DRAFT)  # what the ``body`` column holds
_DRAFT_LOADS = tuple((f.name, f.kind.load, _ABSENT[f.name]) for f in CHECKIN.exported
                     if f.kind is not None and f.place == DRAFT)


# -- to plain data -------------------------------------------------------------------------


def body_dict(c: CheckIn) -> dict[str, Any]:
    """The nested parts of a check-in, as stored in the ``body`` column (what a draft
    keeps, when it says something; gone once complete)."""
    return _STORED_BODY.store(c)


_encode = json.JSONEncoder(ensure_ascii=False).encode


def encode_body(c: CheckIn) -> str:
    """The ``body`` column: the nested parts as JSON, laid out exactly as in the export
    (so an export can splice it in without decoding and re-encoding it)."""
    return _encode(body_dict(c))


def export_object(head: tuple[Any, ...], body: str) -> str:
    """One check-in object of the export format from its stored columns and body text.

    ``head`` holds the values of ``HEAD_KEYS`` as stored. The result is the same text
    ``json.dumps(to_dict(checkin), ensure_ascii=False)`` gives, without the cost of
    building the check-in: that is what makes exporting 50,000 check-ins quick.
    """
    head_text = _encode(dict(zip(HEAD_KEYS, head, strict=True)))
    return f"{head_text[:-1]}, {body[1:]}"


def to_dict(c: CheckIn) -> dict[str, Any]:
    """One check-in as an object of the export format, keys in a fixed order."""
    return CHECKIN.store(c)


def body_parts(body: Mapping[str, Any]) -> dict[str, Any]:
    """The nested parts of a check-in from a stored body (written by us, so its shape is
    trusted; its text is not: a journal written before imports were cleaned, or by
    another program, may hold control characters, so every text passes ``visible``)."""
    parts = _BODY.loaded(body)
    for name, load, absent in _DRAFT_LOADS:  # what only a draft keeps, when it is set
        value = body.get(name)
        parts[name] = absent() if value is None else value if load is None else load(value)
    return parts


# -- from plain data, strictly ----------------------------------------------------------


def from_dict(node: Any, where: str = "checkin") -> CheckIn:
    """One check-in from an export object; every field is required and checked."""
    ck = Checker()
    values = CHECKIN.values(ck, node, where)
    status, completed = values["status"], values["completed_at"]
    if status == "complete" and completed is None:
        raise ck.fail("complete_without_date", f"{where}.completed_at")
    if status == "draft" and completed is not None:
        raise ck.fail("draft_with_date", f"{where}.completed_at")
    return CheckIn(**values)


# A moment taken further is kept in the check-in within each question asked about it,
# quoted after a dash: "What happened? – “Stood in the silence”" (``moments.step.question``
# in every language; ``tests/test_search_moments.py`` holds them to it).
_QUOTED_MOMENT = re.compile(r"\s[–-]\s*[“«\"](.*)[”»\"]\s*\Z", re.DOTALL)


def moment_words(question_text: str) -> str:
    """The moment's own text from a question asked about it; the whole question where
    it is not quoted as refleks quotes it (other words, another program): better a
    question's words found too than the moment's missed."""
    found = _QUOTED_MOMENT.search(question_text)
    return found.group(1) if found else question_text


def search_text(c: CheckIn) -> str:
    """Everything the practitioner wrote, for the full-text index (not the questions),
    with the words of each moment the check-in took further, once each: the moment
    is the practitioner's own, and its text is kept only inside the questions."""
    return body_search_text(body_dict(c))


def body_search_text(body: Mapping[str, Any]) -> str:
    """``search_text`` of a check-in from its stored body, as decoded from the ``body``
    column: what the index holds, read again for a snippet (the index keeps no copy of
    the text). One reading for both, so a snippet is cut from exactly what was found."""
    answers = body.get("answers", ())
    parts: list[str] = [a.get("text", "") for a in answers]
    parts += dict.fromkeys(moment_words(a.get("question_text", "")) for a in answers
                           if a.get("kind") == "moment")
    parts += [r.get("text", "") for r in body.get("chime", ())]
    parts += [f.get("action", "") for f in body.get("focus", ())]
    parts += [f.get("text", "") for f in body.get("follow_ups", ())]
    parts.append(body.get("notes", ""))
    parts += [n.get("text", "") for n in body.get("later_notes", ())]
    return "\n\n".join(p for p in parts if p and p.strip())
