"""What the supervision pack says before the first check-in: the period, the counts,
each check-in's running header, and the overview of the weeks.

The pack streams its check-ins, so these facts are read first, in one light query of
the columns and side tables (no body is decoded in Python: the CHIME marks come out of
SQLite's JSON), or from the check-ins in hand when the app exports a selection. Only
names are kept here (values, areas, CHIME elements) and dates: nothing a person wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from refleks.safe_text import visible

if TYPE_CHECKING:
    from refleks.journal.model import CheckIn
    from refleks.journal.queries import Filter
    from refleks.journal.store import Journal

# The side tables and the body's CHIME list, as JSON arrays: one row a check-in.
FACT_COLUMNS = (
    "c.started_at, c.area_id, c.area_title, c.lang, "
    "(SELECT json_group_array(json_array(value_id, value_name)) FROM "
    "(SELECT value_id, value_name FROM focus WHERE checkin_id = c.id ORDER BY position)), "
    "(SELECT json_group_array(value_id) FROM follow_ups WHERE checkin_id = c.id AND keep), "
    "(SELECT json_group_array(json_array(json_extract(value, '$.element_id'), "
    "json_extract(value, '$.element_name'), json_extract(value, '$.mode'))) "
    "FROM json_each(c.body, '$.chime'))"
)


@dataclass(frozen=True)
class EntryFacts:
    """One check-in as the title page, the running header and the overview see it."""

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
    areas: list[tuple[str | None, str]] = field(default_factory=list)
    present: list[tuple[str, str]] = field(default_factory=list)  # CHIME (id, name)
    missing: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PackFacts:
    """The check-ins the pack holds, in its order, and how many moments go with them."""

    entries: list[EntryFacts]
    moment_times: list[datetime] = field(default_factory=list)

    @property
    def period(self) -> tuple[date, date] | None:
        """The first and last day included: the check-ins', else the moments'."""
        times = [e.started_at for e in self.entries] or self.moment_times
        if not times:
            return None
        return min(times).date(), max(times).date()

    def value_names(self) -> dict[str, str]:
        """Each focus value's stored name, by id (the latest one written)."""
        return {value_id: name for e in self.entries for value_id, name in e.focus}

    def weeks(self) -> list[Week]:
        """The weeks with a check-in, oldest first. A value is "kept" in a week when
        the person kept it at the follow-up, or it was a focus the week before too."""
        weeks: dict[date, Week] = {}
        for e in self.entries:
            day = e.started_at.date()
            monday = day - timedelta(days=day.weekday())
            week = weeks.setdefault(monday, Week(monday))
            for value_id, _ in e.focus:
                week.focus[value_id] = week.focus.get(value_id, False) or value_id in e.kept
            if (e.area_id, e.area_title) not in week.areas and (e.area_id or e.area_title):
                week.areas.append((e.area_id, e.area_title))
            for element_id, name, mode in e.chime:
                chosen = week.present if mode == "present" else week.missing
                if (element_id, name) not in chosen:
                    chosen.append((element_id, name))
        ordered = [weeks[k] for k in sorted(weeks)]
        for before, week in pairwise(ordered):
            if week.monday - before.monday == timedelta(days=7):
                for value_id in week.focus:
                    week.focus[value_id] = week.focus[value_id] or value_id in before.focus
        return ordered


def _pairs(raw: str | None, width: int) -> tuple[tuple[str, ...], ...]:
    """A JSON array of arrays from SQLite as tuples of shown text (anything else: none)."""
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return ()
    out = []
    for item in items if isinstance(items, list) else ():
        if isinstance(item, list) and len(item) == width and isinstance(item[0], str):
            out.append(tuple(visible(x) if isinstance(x, str) else "" for x in item))
    return tuple(out)


def _entry_from_row(row: Sequence[Any]) -> EntryFacts:
    started, area_id, area_title, lang, focus, kept, chime = row
    try:
        kept_ids = json.loads(kept or "[]")
    except ValueError:
        kept_ids = []
    return EntryFacts(
        datetime.fromisoformat(started), area_id and visible(area_id), visible(area_title or ""),
        lang or "", _pairs(focus, 2),  # type: ignore[arg-type]
        frozenset(x for x in kept_ids if isinstance(x, str)) if isinstance(kept_ids, list)
        else frozenset(),
        _pairs(chime, 3))  # type: ignore[arg-type]


def facts_from_journal(journal: Journal | None, flt: Filter,
                       moment_times: Iterable[datetime] = ()) -> PackFacts:
    """The facts of the check-ins ``flt`` exports, in the order the export streams them."""
    entries = ([] if journal is None
               else [_entry_from_row(row) for row in journal.listing.iter_rows(FACT_COLUMNS, flt)])
    return PackFacts(entries, list(moment_times))


def facts_from_checkins(checkins: Iterable[CheckIn],
                        moment_times: Iterable[datetime] = ()) -> PackFacts:
    """The same facts from check-ins in hand (the app's selection, a team's copy)."""
    return PackFacts([
        EntryFacts(c.started_at, c.area_id, c.area_title, c.lang,
                   tuple((f.value_id, f.value_name) for f in c.focus),
                   frozenset(u.value_id for u in c.follow_ups if u.keep),
                   tuple((x.element_id, x.element_name, x.mode) for x in c.chime))
        for c in checkins], list(moment_times))
