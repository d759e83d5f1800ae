"""Check-ins to plain dicts and back: the shape of the JSON export and of the stored body.

A stored check-in is declared once, in ``CHECKIN``: each field of ``model.CheckIn``,
in the order it is stored, with the kind of value it holds, where it is kept, and
whether a team may see it. The rest is derived from that table: the stored body
(``body_dict``, ``body_parts``), the export object (``to_dict``, ``export_object``), the
strict reading of an import (``from_dict``), the key lists, and ``sharing``'s
allow-list. A moment is declared the same way (``moments.MOMENT``).

``from_dict`` names the exact place of anything wrong
(``checkins[3].answers[0].question_id``), because a file that is half understood must
not be half imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from functools import cached_property, partial
from typing import Any

from refleks.journal.errors import ImportFormatError
from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus, FollowUp, LaterNote
from refleks.safe_text import visible

STATUSES = ("draft", "complete")
CHIME_MODES = ("present", "missing")

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


# -- reading untrusted plain data --------------------------------------------------------


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


# -- the kinds of value a stored field holds ------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """How a stored field's value is checked in an imported file (``check``: the
    ``Checker``, the object, its key, where it is), made plain data (``store``) and
    read back from what refleks itself wrote (``load``); ``None``: as it is. A list of
    a record's objects (``items``) names the record instead (``of``): its ``store_all``
    and ``load_all`` are made only when a field of that kind is first stored or read."""

    check: Callable[[Checker, Mapping[str, Any], str, str], Any]
    store: Callable[[Any], Any] | None = None
    load: Callable[[Any], Any] | None = None
    of: Record | None = None

    def storer(self) -> Callable[[Any], Any] | None:
        return self.store if self.of is None else self.of.store_all

    def loader(self) -> Callable[[Any], Any] | None:
        return self.load if self.of is None else self.of.load_all


def _uid(ck: Checker, node: Mapping[str, Any], key: str, where: str) -> str:
    uid: str = ck.text(node, key, where, required=True)
    if len(uid) > 200 or any(ch.isspace() for ch in uid):
        raise ck.fail("bad_uid", f"{where}.{key}")
    return uid


def _when(ck: Checker, node: Mapping[str, Any], key: str, where: str) -> datetime:
    when = ck.when(node, key, where)
    assert when is not None
    return when


def _visible_or_none(value: str | None) -> str | None:
    return value and visible(value)


def _parsed_or_none(value: str | None) -> datetime | None:
    return parse_iso(value) if value else None


# Words typed or shown (every text comes back through ``visible``) …
TEXT = Kind(Checker.text, load=visible)
REQUIRED_TEXT = Kind(partial(Checker.text, required=True), load=visible)
TEXT_OR_NONE = Kind(partial(Checker.text, nullable=True), load=_visible_or_none)
# … the record's own uid, or one refleks made (another check-in's uid, a step reached):
# read back as stored, since they are how things are found again …
UID = Kind(_uid)
REFERENCE = Kind(partial(Checker.text, nullable=True))
# … and the rest.
FLAG = Kind(Checker.boolean)
WHEN = Kind(_when, store=iso, load=parse_iso)
WHEN_OR_NONE = Kind(partial(Checker.when, nullable=True), store=iso_or_none,
                    load=_parsed_or_none)


def one_of(choices: tuple[str, ...]) -> Kind:
    return Kind(partial(Checker.choice, choices=choices))


def items(record: Record) -> Kind:
    """A list of ``record``'s objects (at most ``MAX_ITEMS``)."""
    return Kind(lambda ck, node, key, where: ck.items(node, key, where,
                                                      partial(record.check, ck)),
                of=record)


# -- records: a stored kind of object, declared once ----------------------------------------

# Where a field of a check-in is kept: a column of its own, which an export object also
# puts first; the JSON ``body``; the body of a draft only, when it says something; or
# only in the journal's own bookkeeping, never exported (its ``Kind`` is ``None``).
HEAD = "head"
BODY = "body"
DRAFT = "draft"
JOURNAL = "journal"

# Whether a team may see a field of a check-in (``sharing.redact``): always, never, or
# when the practitioner ticks the part (of ``sharing.PARTS``) that is named instead.
ALWAYS = "always"  # what says which check-in it is: its date, its area, its language
NEVER = "never"  # the journal's own bookkeeping, and what stays private whatever is ticked


@dataclass(frozen=True)
class Field:
    """A stored field: its name (the attribute and the key), its ``Kind``, where it is
    kept, whether a team may see it, and the field stored ``instead`` when it is
    ``None``."""

    name: str
    kind: Kind | None
    place: str = BODY
    team: str | None = None
    instead: str | None = None


def _compiled(source: str, scope: dict[str, Any]) -> Any:
    """The function a lambda's ``source`` makes, with ``scope`` its only names.

    How a declaration becomes code as quick as if written out by hand (the way
    ``dataclasses`` makes an ``__init__``): a loop over the fields, a call each, took
    up to twice as long, and these run for every item of every check-in of a journal.
    """
    return eval(source, {"__builtins__": {}, **scope})


def _not_stored(nodes: Any) -> list[Any]:
    raise TypeError("an object with fields that are not stored is not read back whole")


class Record:
    """A dataclass as it is stored: its fields in the stored order, and what is derived
    from them: plain data (``store``, ``store_all``), the values or the objects again
    from what refleks wrote (``loaded``, ``load_all``), and from an untrusted file
    (``values``, ``check``).

    Each derived function is made on its first use (most records need only some of
    them, and making them all would cost the app's start). A field kept only in a draft
    (``DRAFT``) is stored by ``store`` only for a draft, and only when it says
    something: the rule lives here, not with each caller.
    """

    def __init__(self, cls: type[Any], *declared: Field) -> None:
        self.cls = cls
        self.fields = declared
        self.exported = tuple(f for f in declared if f.place != JOURNAL)
        self.keys = tuple(f.name for f in self.exported if f.place != DRAFT)
        self.optional_keys = tuple(f.name for f in self.exported if f.place == DRAFT)
        self._drafts = tuple((f.name, f.kind.check) for f in self.exported
                             if f.kind is not None and f.place == DRAFT)
        self._in_class = [f.name for f in fields(cls)]
        for f in self.exported:
            if f.name not in self._in_class or f.kind is None:
                raise TypeError(f"{cls.__name__}.{f.name}: not a field, or no kind")

    @cached_property
    def _scope(self) -> dict[str, Any]:
        scope: dict[str, Any] = {"cls": self.cls, "keys": self.keys,
                                 "optional_keys": self.optional_keys}
        for f in self.exported:
            assert f.kind is not None
            scope[f"store_{f.name}"], scope[f"load_{f.name}"] = (f.kind.storer(),
                                                                 f.kind.loader())
            scope[f"check_{f.name}"] = f.kind.check
        return scope

    def _plain(self, kept: Callable[[Field], bool]) -> str:
        """The source of a dict of the fields ``kept`` of ``o``, made plain."""
        stored = []
        for f in self.exported:
            if not kept(f):
                continue
            name, kind = f.name, f.kind
            assert kind is not None
            value = f"o.{name}" if f.instead is None else (
                f"(o.{f.instead} if o.{name} is None else o.{name})")
            stored.append(f"{name!r}: " + (f"store_{name}({value})" if kind.storer()
                                           else value))
        return f"{{{', '.join(stored)}}}"

    @cached_property
    def _read(self) -> dict[str, str]:
        read = {}
        for f in self.exported:
            assert f.kind is not None
            name = f.name
            read[name] = f"load_{name}(n[{name!r}])" if f.kind.loader() else f"n[{name!r}]"
        return read

    @cached_property
    def _checked_source(self) -> str:
        return ", ".join(f"{name!r}: check_{name}(ck, d, {name!r}, where)"
                         for name in self.keys)

    @cached_property
    def _checked(self) -> Callable[[Checker, Mapping[str, Any], str], dict[str, Any]]:
        checked: Callable[[Checker, Mapping[str, Any], str], dict[str, Any]] = _compiled(
            f"lambda ck, d, where: {{{self._checked_source}}}", self._scope)
        return checked

    @cached_property
    def check(self) -> Callable[[Checker, Any, str], Any]:
        """The object from an untrusted file, every field checked (``Checker``)."""
        if self._drafts:
            return self._check_values
        scope = {**self._scope, "made": _compiled(
            f"lambda ck, d, where: cls(**{{{self._checked_source}}})", self._scope)}
        check: Callable[[Checker, Any, str], Any] = _compiled(
            "lambda ck, node, where: made(ck, ck.mapping(node, where, keys), where)", scope)
        return check

    @cached_property
    def store(self) -> Callable[[Any], dict[str, Any]]:
        """One object as plain data; a field kept only in a draft only for a draft, and
        only when it says something (it follows the other fields)."""
        plain: Callable[[Any], dict[str, Any]] = _compiled(
            f"lambda o: {self._plain(lambda f: f.place != DRAFT)}", self._scope)
        if not self._drafts:
            return plain
        drafted: Callable[[Any], dict[str, Any]] = _compiled(
            f"lambda o: {self._plain(lambda f: f.place == DRAFT)}", self._scope)

        def store(o: Any) -> dict[str, Any]:
            d = plain(o)
            if o.status == "draft":  # as ``values`` reads them
                d.update((key, value) for key, value in drafted(o).items() if value)
            return d

        return store

    @cached_property
    def store_all(self) -> Callable[[Any], list[dict[str, Any]]]:
        if self._drafts:
            store = self.store
            return lambda objs: [store(o) for o in objs]
        store_all: Callable[[Any], list[dict[str, Any]]] = _compiled(
            f"lambda objs: [{self._plain(lambda f: True)} for o in objs]", self._scope)
        return store_all

    @cached_property
    def loaded(self) -> Callable[[Mapping[str, Any]], dict[str, Any]]:
        loaded: Callable[[Mapping[str, Any]], dict[str, Any]] = _compiled(
            f"lambda n: {{{', '.join(f'{name!r}: {v}' for name, v in self._read.items())}}}",
            self._scope)
        return loaded

    @cached_property
    def load_all(self) -> Callable[[Any], list[Any]]:
        """The objects themselves, built positionally, when every field of the class is
        stored (the items of a body)."""
        read = self._read
        if set(read) != set(self._in_class):
            return _not_stored
        built = f"cls({', '.join(read[name] for name in self._in_class)})"
        load_all: Callable[[Any], list[Any]] = _compiled(
            f"lambda nodes: [{built} for n in nodes]", self._scope)
        return load_all

    def only(self, *places: str) -> Record:
        """The fields kept in ``places`` alone (a check-in's head, its body)."""
        return Record(self.cls, *(f for f in self.fields if f.place in places))

    def values(self, ck: Checker, node: Any, where: str) -> dict[str, Any]:
        """The checked values of an untrusted object, in the stored order; a field kept
        only in a draft is read only from a draft."""
        d = ck.mapping(node, where, self.keys, self.optional_keys)
        values = self._checked(ck, d, where)
        for name, check in self._drafts:
            if name in d and values.get("status") == "draft":
                values[name] = check(ck, d, name, where)
        return values

    def _check_values(self, ck: Checker, node: Any, where: str) -> Any:
        return self.cls(**self.values(ck, node, where))


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
_HEAD = CHECKIN.only(HEAD)
_BODY = CHECKIN.only(BODY)
_STORED_BODY = CHECKIN.only(BODY, DRAFT)  # what the ``body`` column holds
_DRAFT_LOADS = tuple((f.name, f.kind.load) for f in CHECKIN.exported
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
    for name, load in _DRAFT_LOADS:  # what only a draft keeps, and only when it is set
        value = body.get(name)
        parts[name] = value if value is None or load is None else load(value)
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


def search_text(c: CheckIn) -> str:
    """Everything the practitioner wrote, for the full-text index (not the questions)."""
    parts: list[str] = [a.text for a in c.answers]
    parts += [r.text for r in c.chime]
    parts += [f.action for f in c.focus]
    parts += [f.text for f in c.follow_ups]
    parts.append(c.notes)
    parts += [n.text for n in c.later_notes]
    return "\n\n".join(p for p in parts if p and p.strip())
