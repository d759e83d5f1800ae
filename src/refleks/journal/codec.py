"""Check-ins to plain dicts and back: the shape of the JSON export and of the stored body.

``to_dict`` gives the per-check-in object of the export format (see
``docs/journal-format.md``); ``from_dict`` reads it back strictly, naming the exact
place of anything wrong (``checkins[3].answers[0].question_id``), because a file that
is half understood must not be half imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from refleks.journal.errors import ImportFormatError
from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus, FollowUp, LaterNote
from refleks.safe_text import visible

STATUSES = ("draft", "complete")
CHIME_MODES = ("present", "missing")

# The parts of a check-in kept in the ``body`` column (the rest are columns of their own).
BODY_KEYS = ("answers", "chime", "focus", "follow_ups", "notes", "later_notes")
# Optional body keys: written only when they say something (older bodies lack them).
OPTIONAL_BODY_KEYS = ("reached",)

HEAD_KEYS = (
    "uid", "status", "lang", "started_at", "updated_at", "completed_at",
    "area_id", "area_title", "method_id", "method_title",
)
CHECKIN_KEYS = (*HEAD_KEYS, *BODY_KEYS)
OPTIONAL_CHECKIN_KEYS = OPTIONAL_BODY_KEYS
ANSWER_KEYS = ("question_id", "question_text", "kind", "text")
CHIME_KEYS = ("element_id", "element_name", "mode", "question_text", "text")
FOCUS_KEYS = ("value_id", "value_name", "action")
FOLLOW_UP_KEYS = ("value_id", "value_name", "action", "text", "keep", "from_uid")
LATER_NOTE_KEYS = ("created_at", "text")

# The most one piece of text may hold (an answer, a note, a title), in characters.
# Far beyond anything typed in a week, and small enough that searching, showing and
# exporting stay quick: a 20 MB answer once took minutes to show.
MAX_TEXT = 1_000_000

# The most entries one list of a check-in may hold (answers, focus values, notes …). A
# week's reflection has a few dozen at most; a check-in of 200,000 answers once took a
# minute and a gigabyte to show.
MAX_ITEMS = 1_000

# The years a stored date may fall in. Outside them a date is a mistake or an attack,
# and arithmetic near year 1 or 9999 overflows (a due date a week after 9999-12-31).
FIRST_YEAR = 1970
LAST_YEAR = 2200


# -- dates -------------------------------------------------------------------------------


def aware(dt: datetime) -> datetime:
    """A datetime with a UTC offset; a naive one is taken as local time."""
    return dt if dt.tzinfo is not None else dt.astimezone()


def iso(dt: datetime) -> str:
    """ISO 8601 with the UTC offset it was written in (``2026-11-30T09:12:05+01:00``)."""
    return aware(dt).isoformat()


def iso_or_none(dt: datetime | None) -> str | None:
    return None if dt is None else iso(dt)


def utc_key(dt: datetime) -> str:
    """A fixed-width UTC text that sorts in time order, whatever the offsets."""
    return aware(dt).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def now() -> datetime:
    return datetime.now().astimezone()


# -- to plain data -------------------------------------------------------------------------


def body_dict(c: CheckIn) -> dict[str, Any]:
    """The nested parts of a check-in, as stored in the ``body`` column."""
    body: dict[str, Any] = {
        "answers": [
            {"question_id": a.question_id, "question_text": a.question_text,
             "kind": a.kind, "text": a.text}
            for a in c.answers
        ],
        "chime": [
            {"element_id": r.element_id, "element_name": r.element_name, "mode": r.mode,
             "question_text": r.question_text, "text": r.text}
            for r in c.chime
        ],
        "focus": [
            {"value_id": f.value_id, "value_name": f.value_name, "action": f.action}
            for f in c.focus
        ],
        "follow_ups": [
            {"value_id": f.value_id, "value_name": f.value_name, "action": f.action,
             "text": f.text, "keep": f.keep, "from_uid": f.from_uid}
            for f in c.follow_ups
        ],
        "notes": c.notes,
        "later_notes": [{"created_at": iso(n.created_at), "text": n.text} for n in c.later_notes],
    }
    if c.is_draft and c.reached:
        body["reached"] = c.reached  # where a resumed draft picks up; gone once complete
    return body


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
    head: dict[str, Any] = {
        "uid": c.uid,
        "status": c.status,
        "lang": c.lang,
        "started_at": iso(c.started_at),
        "updated_at": iso(c.updated_at or c.started_at),
        "completed_at": iso_or_none(c.completed_at),
        "area_id": c.area_id,
        "area_title": c.area_title,
        "method_id": c.method_id,
        "method_title": c.method_title,
    }
    head.update(body_dict(c))
    return head


def body_parts(body: Mapping[str, Any]) -> dict[str, Any]:
    """The nested parts of a check-in from a stored body (written by us, so its shape is
    trusted; its text is not: a journal written before imports were cleaned, or by
    another program, may hold control characters, so every text passes ``visible``)."""
    v = visible
    return {
        "answers": [Answer(v(a["question_id"]), v(a["question_text"]), v(a["text"]),
                           v(a["kind"]))
                    for a in body["answers"]],
        "chime": [ChimeReflection(v(r["element_id"]), v(r["element_name"]), r["mode"],
                                  v(r["question_text"]), v(r["text"]))
                  for r in body["chime"]],
        "focus": [Focus(v(f["value_id"]), v(f["value_name"]), v(f["action"]))
                  for f in body["focus"]],
        "follow_ups": [FollowUp(v(f["value_id"]), v(f["value_name"]), v(f["action"]),
                                v(f["text"]), f["keep"], f["from_uid"])
                       for f in body["follow_ups"]],
        "notes": v(body["notes"]),
        "later_notes": [LaterNote(parse_iso(n["created_at"]), v(n["text"]))
                        for n in body["later_notes"]],
        "reached": body.get("reached"),
    }


# -- from plain data, strictly ----------------------------------------------------------


class Checker:
    """Reads untrusted plain data, raising ``ImportFormatError`` at the first problem.

    Every text comes back through ``visible``: a control character in an imported file
    (an escape sequence that would retitle or clear the terminal) is stored as a
    visible symbol, never as code. Text longer than ``MAX_TEXT``, a list longer than
    ``MAX_ITEMS`` and dates outside ``FIRST_YEAR``–``LAST_YEAR`` are refused, naming
    the field.
    """

    def fail(self, key: str, where: str, **params: object) -> ImportFormatError:
        return ImportFormatError(f"import.{key}", where=where, **params)

    def mapping(self, node: Any, where: str, keys: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> Mapping[str, Any]:
        if not isinstance(node, dict):
            raise self.fail("not_object", where)
        for key in keys:
            if key not in node:
                raise self.fail("missing_field", where, field=key)
        for key in node:
            if key not in keys and key not in optional:
                raise self.fail("unknown_field", where, field=key)
        return node

    def text(self, node: Mapping[str, Any], key: str, where: str, *,
             required: bool = False, nullable: bool = False) -> Any:
        value = node[key]
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise self.fail("not_text", f"{where}.{key}")
        if required and not value.strip():
            raise self.fail("empty", f"{where}.{key}")
        if len(value) > MAX_TEXT:
            raise self.fail("too_long", f"{where}.{key}", limit=MAX_TEXT)
        return visible(value)

    def choice(self, node: Mapping[str, Any], key: str, where: str,
               choices: tuple[str, ...]) -> str:
        value = node[key]
        if value not in choices:
            raise self.fail("bad_choice", f"{where}.{key}", choices=", ".join(choices))
        return str(value)

    def when(self, node: Mapping[str, Any], key: str, where: str, *,
             nullable: bool = False) -> datetime | None:
        value = node[key]
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            raise self.fail("bad_datetime", f"{where}.{key}")
        try:
            parsed = parse_iso(value)
        except ValueError:
            raise self.fail("bad_datetime", f"{where}.{key}") from None
        if parsed.tzinfo is None:
            raise self.fail("bad_datetime", f"{where}.{key}")
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            raise self.fail("date_out_of_range", f"{where}.{key}", first=FIRST_YEAR,
                            last=LAST_YEAR)
        return parsed

    def boolean(self, node: Mapping[str, Any], key: str, where: str) -> bool:
        value = node[key]
        if not isinstance(value, bool):
            raise self.fail("not_boolean", f"{where}.{key}")
        return value

    def items(self, node: Mapping[str, Any], key: str, where: str,
              build: Callable[[Any, str], Any]) -> list[Any]:
        value = node[key]
        if not isinstance(value, list):
            raise self.fail("not_list", f"{where}.{key}")
        if len(value) > MAX_ITEMS:
            raise self.fail("too_many_items", f"{where}.{key}", limit=MAX_ITEMS)
        return [build(item, f"{where}.{key}[{i}]") for i, item in enumerate(value)]


def from_dict(node: Any, where: str = "checkin") -> CheckIn:
    """One check-in from an export object; every field is required and checked."""
    ck = Checker()
    d = ck.mapping(node, where, CHECKIN_KEYS, OPTIONAL_CHECKIN_KEYS)

    def answer(item: Any, at: str) -> Answer:
        a = ck.mapping(item, at, ANSWER_KEYS)
        return Answer(ck.text(a, "question_id", at, required=True),
                      ck.text(a, "question_text", at), ck.text(a, "text", at),
                      ck.text(a, "kind", at, required=True))

    def chime(item: Any, at: str) -> ChimeReflection:
        r = ck.mapping(item, at, CHIME_KEYS)
        return ChimeReflection(ck.text(r, "element_id", at, required=True),
                               ck.text(r, "element_name", at),
                               ck.choice(r, "mode", at, CHIME_MODES),  # type: ignore[arg-type]
                               ck.text(r, "question_text", at), ck.text(r, "text", at))

    def focus(item: Any, at: str) -> Focus:
        f = ck.mapping(item, at, FOCUS_KEYS)
        return Focus(ck.text(f, "value_id", at, required=True), ck.text(f, "value_name", at),
                     ck.text(f, "action", at))

    def follow_up(item: Any, at: str) -> FollowUp:
        f = ck.mapping(item, at, FOLLOW_UP_KEYS)
        return FollowUp(ck.text(f, "value_id", at, required=True), ck.text(f, "value_name", at),
                        ck.text(f, "action", at), ck.text(f, "text", at),
                        ck.boolean(f, "keep", at), ck.text(f, "from_uid", at, nullable=True))

    def later_note(item: Any, at: str) -> LaterNote:
        n = ck.mapping(item, at, LATER_NOTE_KEYS)
        created = ck.when(n, "created_at", at)
        assert created is not None
        return LaterNote(created, ck.text(n, "text", at))

    uid = ck.text(d, "uid", where, required=True)
    if len(uid) > 200 or any(ch.isspace() for ch in uid):
        raise ck.fail("bad_uid", f"{where}.uid")
    status = ck.choice(d, "status", where, STATUSES)
    started = ck.when(d, "started_at", where)
    updated = ck.when(d, "updated_at", where)
    completed = ck.when(d, "completed_at", where, nullable=True)
    if status == "complete" and completed is None:
        raise ck.fail("complete_without_date", f"{where}.completed_at")
    if status == "draft" and completed is not None:
        raise ck.fail("draft_with_date", f"{where}.completed_at")
    assert started is not None
    return CheckIn(
        uid=uid,
        started_at=started,
        updated_at=updated,
        completed_at=completed,
        status=status,  # type: ignore[arg-type]
        lang=ck.text(d, "lang", where, required=True),
        area_id=ck.text(d, "area_id", where, nullable=True),
        area_title=ck.text(d, "area_title", where),
        answers=ck.items(d, "answers", where, answer),
        chime=ck.items(d, "chime", where, chime),
        focus=ck.items(d, "focus", where, focus),
        follow_ups=ck.items(d, "follow_ups", where, follow_up),
        method_id=ck.text(d, "method_id", where, nullable=True),
        method_title=ck.text(d, "method_title", where),
        notes=ck.text(d, "notes", where),
        later_notes=ck.items(d, "later_notes", where, later_note),
        reached=(ck.text(d, "reached", where, nullable=True)
                 if "reached" in d and status == "draft" else None),
    )


def search_text(c: CheckIn) -> str:
    """Everything the practitioner wrote, for the full-text index (not the questions)."""
    parts: list[str] = [a.text for a in c.answers]
    parts += [r.text for r in c.chime]
    parts += [f.action for f in c.focus]
    parts += [f.text for f in c.follow_ups]
    parts.append(c.notes)
    parts += [n.text for n in c.later_notes]
    return "\n\n".join(p for p in parts if p and p.strip())
