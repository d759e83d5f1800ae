"""A stored record, declared once: the kinds of value its fields hold, where each is
kept, whether a team may see it, and the code derived from that declaration.

``codec`` declares a check-in with these pieces and ``moments`` a moment; this module
knows nothing of either. It also holds what every stored value shares: the limits on
text and lists, and how a moment in time is written (ISO 8601 with its offset).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from functools import cached_property, partial
from typing import Any

from refleks.journal.errors import ImportFormatError
from refleks.safe_text import visible

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


_SURROGATE = re.compile("[\ud800-\udfff]")


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
        if _SURROGATE.search(value):  # JSON's "\ud800" alone: not text, and SQLite stops on it
            raise self.fail("not_unicode", f"{where}.{key}")
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


def _uids(ck: Checker, node: Mapping[str, Any], key: str, where: str) -> list[str]:
    """A list of uids (at most ``MAX_ITEMS``), each as ``_uid`` reads one."""

    def one(item: Any, at: str) -> str:
        if (not isinstance(item, str) or not item or len(item) > 200
                or any(ch.isspace() for ch in item) or _SURROGATE.search(item)):
            raise ck.fail("bad_uid", at)
        return item

    return ck.items(node, key, where, one)


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
REFERENCES = Kind(_uids)  # a list of uids, e.g. the moments a draft takes further
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
