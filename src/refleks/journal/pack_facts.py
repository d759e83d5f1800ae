"""What the supervision pack says before the first check-in: the period, the counts,
each check-in's running header, and the overview of the weeks.

The pack streams its check-ins, so these facts are read first: one light query of the
columns and side tables (no body is read: the CHIME marks have a table of their own
since schema 8), or the check-ins in hand when the app exports a selection. They come
as a stream of ``EntryFacts`` that the pack folds into ``PackFacts`` one at a time
while it writes each check-in's running header, so nothing grows with the journal but
a short language code a check-in (a list of 50,000 kept every check-in's facts: 157
against 43 MiB, and 2.3× the Markdown export's CPU). Only names are kept here (values,
areas, CHIME elements) and dates: nothing a person wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any, NamedTuple

from refleks.journal import schema
from refleks.safe_text import visible

if TYPE_CHECKING:
    from refleks.journal.model import CheckIn
    from refleks.journal.queries import Filter
    from refleks.journal.store import Journal

# The columns and side tables, as JSON arrays: one row a check-in.
_HEAD_COLUMNS = (
    "c.started_at, c.area_id, c.area_title, c.lang, "
    "(SELECT json_group_array(json_array(value_id, value_name)) FROM "
    "(SELECT value_id, value_name FROM focus WHERE checkin_id = c.id ORDER BY position)), "
    "(SELECT json_group_array(value_id) FROM follow_ups WHERE checkin_id = c.id AND keep), "
)
FACT_COLUMNS = _HEAD_COLUMNS + (
    "(SELECT json_group_array(json_array(element_id, element_name, mode)) FROM "
    "(SELECT element_id, element_name, mode FROM chime_marks WHERE checkin_id = c.id "
    "ORDER BY position))"
)
# A journal older than schema 8, read as it is (``schema.READABLE_FROM``), has its CHIME
# marks in the bodies only: read with SQLite's JSON, as version 8 copied them out.
FACT_COLUMNS_FROM_BODIES = _HEAD_COLUMNS + (
    "(SELECT json_group_array(json_array(json_extract(value, '$.element_id'), "
    "json_extract(value, '$.element_name'), json_extract(value, '$.mode'))) "
    "FROM json_each(c.body, '$.chime'))"
)


class EntryFacts(NamedTuple):
    """One check-in as the title page, the running header and the overview see it (a
    tuple: one is made a check-in, and a frozen dataclass's ``__init__`` cost more than
    all the rest of reading the row)."""

    started_at: datetime
    area_id: str | None
    area_title: str
    lang: str
    focus: tuple[tuple[str, str], ...]  # (value id, stored name), in the order chosen
    kept: frozenset[str]  # value ids the person chose to keep from the week before
    chime: tuple[tuple[str, str, str], ...]  # (element id, stored name, present/missing)


@dataclass
class Week:
    """One calendar week (Monday) of the overview."""

    monday: date
    focus: dict[str, bool] = field(default_factory=dict)  # value id → kept from before
    present: list[tuple[str, str]] = field(default_factory=list)  # CHIME (id, name)
    missing: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PackFacts:
    """The check-ins the pack holds, folded in one at a time (``add``), in its order,
    and how many moments go with them: only what the title page and overview show."""

    moment_times: list[datetime] = field(default_factory=list)
    count: int = 0
    langs: list[str] = field(default_factory=list)  # each check-in's, in the pack's order
    areas: dict[tuple[str | None, str], int] = field(default_factory=dict)  # → check-ins
    _first: datetime | None = None
    _last: datetime | None = None
    _weeks: dict[int, Week] = field(default_factory=dict)  # by its Monday's ordinal
    _week: Week | None = None  # the last one added to (check-ins come a week at a time)
    _week_ordinal: int = 0  # …its Monday's
    _names: dict[str, str] = field(default_factory=dict)  # value id → latest stored name
    _lang_codes: dict[str, str] = field(default_factory=dict)  # one string per code

    def add(self, e: EntryFacts) -> None:
        """One more check-in, after those already added."""
        when, area_id, area_title, lang, focus, kept, chime = e
        self.count += 1
        self.langs.append(self._lang_codes.setdefault(lang, lang))
        if self._first is None or when < self._first:
            self._first = when
        if self._last is None or when > self._last:
            self._last = when
        if area_id or area_title:
            key = (area_id, area_title)
            self.areas[key] = self.areas.get(key, 0) + 1
        day = when.toordinal()
        monday = day - (day - 1) % 7  # ordinal 1, 1 January of year 1, is a Monday
        week = self._week
        if week is None or self._week_ordinal != monday:
            week = self._weeks.get(monday)
            if week is None:
                week = self._weeks[monday] = Week(date.fromordinal(monday))
            self._week, self._week_ordinal = week, monday
        if focus:
            values = week.focus
            if kept:
                for value_id, _ in focus:
                    values[value_id] = values.get(value_id, False) or value_id in kept
            else:
                for value_id, _ in focus:
                    if value_id not in values:
                        values[value_id] = False
            self._names.update(focus)  # (value id, name) pairs: the latest name wins
        for element_id, name, mode in chime:
            chosen = week.present if mode == "present" else week.missing
            if (element_id, name) not in chosen:
                chosen.append((element_id, name))

    @property
    def period(self) -> tuple[date, date] | None:
        """The first and last day included: the check-ins', else the moments'."""
        if self._first is not None and self._last is not None:
            return self._first.date(), self._last.date()
        if not self.moment_times:
            return None
        return min(self.moment_times).date(), max(self.moment_times).date()

    def value_names(self) -> dict[str, str]:
        """Each focus value's stored name, by id (the latest one written)."""
        return self._names

    def weeks(self) -> list[Week]:
        """The weeks with a check-in, oldest first. A value is "kept" in a week when
        the person kept it at the follow-up, or it was a focus the week before too."""
        ordered = [self._weeks[k] for k in sorted(self._weeks)]
        for before, week in pairwise(ordered):
            if week.monday - before.monday == timedelta(days=7):
                for value_id in week.focus:
                    week.focus[value_id] = week.focus[value_id] or value_id in before.focus
        return ordered


# ``EntryFacts`` but the date: (area id, area title, lang, focus, kept, CHIME marks).
_Tail = tuple[str | None, str, str, tuple[tuple[str, str], ...], frozenset[str],
              tuple[tuple[str, str, str], ...]]

# A check-in's focus and CHIME marks, as SQLite writes them, repeat from week to week
# (232 different ones among the bench's 50,000 check-ins): each is read once.
_READ: dict[tuple[str, int], tuple[tuple[str, ...], ...]] = {}


def _pairs(raw: str | None, width: int) -> tuple[tuple[str, ...], ...]:
    """A JSON array of arrays from SQLite as tuples of shown text (anything else: none)."""
    if not raw or raw == "[]":
        return ()
    key = (raw, width)
    found = _READ.get(key)
    if found is None:
        found = _read_pairs(raw, width)
        if len(_READ) < 10_000:
            _READ[key] = found
    return found


def _read_pairs(raw: str, width: int) -> tuple[tuple[str, ...], ...]:
    try:
        items = json.loads(raw)
    except ValueError:
        return ()
    out = []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, list) and len(item) == width and isinstance(item[0], str):
            out.append(tuple(visible(x) if isinstance(x, str) else "" for x in item))
    return tuple(out)


def _tail(raw: Sequence[Any]) -> _Tail:
    """A row's columns after the date (``FACT_COLUMNS``) as facts: shown text, tuples."""
    area_id, area_title, lang, focus, kept, chime = raw
    return (area_id and visible(area_id), visible(area_title or ""), lang or "",
            _pairs(focus, 2), _kept(kept), _pairs(chime, 3))  # type: ignore[return-value]


_KEPT: dict[str, frozenset[str]] = {}


def _kept(raw: str | None) -> frozenset[str]:
    """The value ids kept at the follow-up, from SQLite's JSON array (read once each)."""
    if not raw or raw == "[]":
        return frozenset()
    found = _KEPT.get(raw)
    if found is None:
        try:
            ids = json.loads(raw)
        except ValueError:
            ids = []
        found = (frozenset(x for x in ids if isinstance(x, str)) if isinstance(ids, list)
                 else frozenset())
        if len(_KEPT) < 10_000:
            _KEPT[raw] = found
    return found


def facts_from_journal(journal: Journal | None, flt: Filter) -> Iterator[EntryFacts]:
    """The facts of the check-ins ``flt`` exports, streamed in the export's order.

    All of a row but its date (area, language, focus, kept values, CHIME marks) repeats
    from check-in to check-in (232 different ones among the bench's 50,000): each is
    read once (``_tail``), the row's own columns looked up as they come from SQLite.
    """
    if journal is None:
        return
    columns = (FACT_COLUMNS if journal.version >= schema.CHIME_MARKS_SINCE
               else FACT_COLUMNS_FROM_BODIES)
    tails: dict[tuple[Any, ...], _Tail] = {}
    parse = datetime.fromisoformat
    for row in journal.listing.iter_rows(columns, flt):
        raw = row[1:]
        tail = tails.get(raw)
        if tail is None:
            tail = _tail(raw)
            if len(tails) < 10_000:
                tails[raw] = tail
        yield EntryFacts(parse(row[0]), *tail)


def facts_from_checkins(checkins: Iterable[CheckIn]) -> Iterator[EntryFacts]:
    """The same facts from check-ins in hand (the app's selection, a team's copy)."""
    for c in checkins:
        yield EntryFacts(c.started_at, c.area_id, c.area_title, c.lang,
                         tuple((f.value_id, f.value_name) for f in c.focus),
                         frozenset(u.value_id for u in c.follow_ups if u.keep),
                         tuple((x.element_id, x.element_name, x.mode) for x in c.chime))
