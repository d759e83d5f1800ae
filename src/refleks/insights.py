"""Looking back over time, without scoring anyone: plain functions over journal summaries.

Everything here answers a question a practitioner asks ("which values have I worked
on?", "what haven't I looked at for a while?", "what did I write a year ago?") and
none of it ranks, grades or counts against a target. A missed week is just a week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from refleks.dates import month_start

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.journal.model import CheckIn
    from refleks.journal.queries import Summary
    from refleks.journal.store import Journal

WEEKS_IN_GRID = 52
ON_THIS_DAY_WINDOW = 3  # days either side of "a year ago today"
LONG_AGO = timedelta(days=60)


def week_start(day: date) -> date:
    """The Monday of the ISO week ``day`` is in."""
    return day - timedelta(days=day.weekday())


def _day(summary: Summary) -> date:
    return (summary.completed_at or summary.started_at).date()


def completed(summaries: Iterable[Summary]) -> list[Summary]:
    return [s for s in summaries if s.status == "complete"]


@dataclass
class FocusGrid:
    """Which values were a focus in which of the last weeks (column 0 is the oldest)."""

    weeks: list[date]  # the Monday of each column
    cells: dict[str, set[int]] = field(default_factory=dict)  # value id → week columns
    names: dict[str, str] = field(default_factory=dict)  # value id → name as last shown
    counts: Counter[str] = field(default_factory=Counter)


def focus_grid(summaries: Iterable[Summary], today: date,
               weeks: int = WEEKS_IN_GRID) -> FocusGrid:
    first = week_start(today) - timedelta(weeks=weeks - 1)
    grid = FocusGrid([first + timedelta(weeks=i) for i in range(weeks)])
    for summary in summaries:  # kept lean: this runs for every check-in of a year
        if summary.status != "complete" or not summary.focus:
            continue
        column = ((summary.completed_at or summary.started_at).date() - first).days // 7
        if not 0 <= column < weeks:  # ``first`` is a Monday, so this is the ISO week
            continue
        for value_id, name in summary.focus:
            grid.cells.setdefault(value_id, set()).add(column)
            grid.names.setdefault(value_id, name)
            grid.counts[value_id] += 1
    return grid


@dataclass(frozen=True)
class GridRow:
    value_id: str
    name: str
    columns: frozenset[int]
    count: int


@dataclass(frozen=True)
class GridGroup:
    title: str
    rows: tuple[GridRow, ...]


def grid_groups(grid: FocusGrid, library: Content, other_title: str,
                earlier: Sequence[str] = ()) -> list[GridGroup]:
    """Rows for every value in the grid (and ``earlier`` focus values, with empty rows),
    under their area in the content's order; values the content no longer has last."""
    wanted = set(grid.cells) | set(earlier)
    groups = []
    for area in library.areas:
        rows = tuple(_grid_row(grid, v.id, v.name) for v in area.values if v.id in wanted)
        if rows:
            groups.append(GridGroup(area.title, rows))
    known = library.values_by_id
    others = sorted((v for v in wanted if v not in known), key=lambda v: grid.names.get(v, v))
    if others:
        groups.append(GridGroup(other_title,
                                tuple(_grid_row(grid, v, grid.names.get(v, v)) for v in others)))
    return groups


def _grid_row(grid: FocusGrid, value_id: str, name: str) -> GridRow:
    return GridRow(value_id, name, frozenset(grid.cells.get(value_id, ())),
                   grid.counts.get(value_id, 0))


def earlier_focus(journal: Journal, in_grid: set[str]) -> list[str]:
    """Values that were a focus before the grid's year (empty rows, still a thread).

    The journal lists every value it has used, drafts included; a value only a
    draft has chosen is not a focus yet, so the draft's values are checked.
    """
    from refleks.journal.queries import Filter

    _, used = journal.known_ids()
    earlier = used - in_grid
    draft = journal.current_draft()
    for value_id in set(draft.focus_ids if draft is not None else ()) & earlier:
        if not journal.summaries(Filter(value_id=value_id, include_drafts=False)):
            earlier.discard(value_id)
    return sorted(earlier)


@dataclass(frozen=True)
class Visit:
    """When an area or CHIME element was last reflected on; ``None`` if never."""

    id: str
    last: date | None
    times: int

    def long_ago(self, today: date) -> bool:
        return self.last is None or today - self.last >= LONG_AGO


def area_visits(summaries: Iterable[Summary], area_ids: Sequence[str]) -> list[Visit]:
    last: dict[str, date] = {}
    times: Counter[str] = Counter()
    for summary in completed(summaries):
        if summary.area_id:
            times[summary.area_id] += 1
            day = _day(summary)
            if summary.area_id not in last or day > last[summary.area_id]:
                last[summary.area_id] = day
    return [Visit(a, last.get(a), times[a]) for a in area_ids]


def with_earlier_visits(visits: Sequence[Visit], before: Mapping[str, datetime | date],
                        ) -> list[Visit]:
    """Areas not visited in the year get the day of their last visit before it (with no
    times counted), so "not since March 2024" can be said rather than "never"."""
    return [v if v.last is not None or v.id not in before
            else Visit(v.id, _as_date(before[v.id]), 0) for v in visits]


def _as_date(day: datetime | date) -> date:
    return day.date() if isinstance(day, datetime) else day


@dataclass(frozen=True)
class Waiting:
    """What has waited a while: visited long ago (oldest visit kept), or never."""

    since: list[Visit]
    never: list[str]  # ids, in the order given


def waiting(visits: Iterable[Visit], today: date) -> Waiting:
    since, never = [], []
    for visit in visits:
        if not visit.long_ago(today):
            continue
        if visit.last is None:
            never.append(visit.id)
        else:
            since.append(visit)
    return Waiting(since, never)


@dataclass(frozen=True)
class ChimeTally:
    """How often an element was reflected on as present and as missing, and when last."""

    visit: Visit
    present: int
    missing: int


def chime_tallies(history: Sequence[tuple[date, str, str]],
                  element_ids: Sequence[str]) -> list[ChimeTally]:
    """One tally per element of ``element_ids``, from ``chime_history``'s triples."""
    visits = chime_visits(((day, element) for day, element, _ in history), element_ids)
    modes = Counter((element, mode) for _, element, mode in history)
    return [ChimeTally(v, modes[v.id, "present"], modes[v.id, "missing"]) for v in visits]


def chime_visits(history: Iterable[tuple[date, str]], element_ids: Sequence[str]) -> list[Visit]:
    """``history`` is (day, element id) for each CHIME reflection in a completed check-in."""
    last: dict[str, date] = {}
    times: Counter[str] = Counter()
    for day, element_id in history:
        times[element_id] += 1
        if element_id not in last or day > last[element_id]:
            last[element_id] = day
    return [Visit(e, last.get(e), times[e]) for e in element_ids]


@dataclass(frozen=True)
class ThreadEntry:
    """One week a value was a focus: the action, and what was written about it after."""

    checkin_id: int | None
    day: date
    action: str
    follow_up: str
    kept: bool


def value_thread(checkins: Iterable[CheckIn], value_id: str) -> list[ThreadEntry]:
    """Every completed check-in where ``value_id`` was a focus, oldest first, with the
    follow-up written the week after (matched by the check-in it came from).

    ``checkins`` is read once and not kept, so a whole journal can be streamed through
    (``Journal.iter_checkins``) with flat memory.
    """
    # (started_at, arrival) orders entries and decides which follow-up wins when one
    # check-in was followed up twice: the later one, as if the input were sorted.
    found: list[tuple[datetime, int, int, str, int | None, date, str]] = []
    follow_ups: dict[str, tuple[datetime, int, str, bool]] = {}
    arrival = 0
    for checkin in checkins:
        if checkin.status != "complete":
            continue
        arrival += 1
        key = (checkin.started_at, arrival)
        for follow_up in checkin.follow_ups:
            if follow_up.value_id == value_id and follow_up.from_uid:
                seen = follow_ups.get(follow_up.from_uid)
                if seen is None or key >= seen[:2]:
                    follow_ups[follow_up.from_uid] = (*key, follow_up.text, follow_up.keep)
        day = (checkin.completed_at or checkin.started_at).date()
        for position, focus in enumerate(checkin.focus):
            if focus.value_id == value_id:
                found.append((*key, position, checkin.uid, checkin.id, day, focus.action))
    found.sort(key=lambda item: item[:3])
    thread = []
    for *_order, uid, checkin_id, day, action in found:
        _, _, text, kept = follow_ups.get(uid, (None, 0, "", False))
        thread.append(ThreadEntry(checkin_id, day, action, text, kept))
    return thread


def journal_thread(journal: Journal, value_id: str) -> list[ThreadEntry]:
    """``value_thread`` over the whole journal, read from its focus and follow-up tables:
    two indexed queries instead of decoding every check-in (50,000 of them took seconds).
    """
    from refleks.journal.records import parse_iso

    focus_rows, follow_up_rows = journal.thread_rows(value_id)
    # Later rows win, as in ``value_thread``: the newest follow-up of a week counts.
    follow_ups = {uid: (text, bool(keep)) for uid, text, keep in follow_up_rows}
    thread = []
    for checkin_id, uid, started, completed, action in focus_rows:
        day = parse_iso(completed or started).date()
        text, kept = follow_ups.get(uid, ("", False))
        thread.append(ThreadEntry(checkin_id, day, action, text, kept))
    return thread


def chime_history(checkins: Iterable[CheckIn]) -> list[tuple[date, str, str]]:
    """(day, element id, "present" | "missing") for each CHIME reflection of the
    completed check-ins; feed ``(day, id)`` pairs of it to ``chime_visits``."""
    return [((c.completed_at or c.started_at).date(), r.element_id, r.mode)
            for c in checkins if c.status == "complete" for r in c.chime]


def excerpt(checkin: CheckIn, limit: int = 160) -> str:
    """The first thing written in a check-in, on one line, cut at a word near ``limit``."""
    texts = [a.text for a in checkin.answers] + [r.text for r in checkin.chime]
    texts += [f.text for f in checkin.follow_ups] + [f.action for f in checkin.focus]
    texts.append(checkin.notes)
    first = next((t for t in texts if t.strip()), "")
    line = " ".join(first.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] if " " in line[:limit] else line[:limit]
    return cut.rstrip(" ,.;:–-") + " …"


def looking_back_since(today: date, weeks: int = WEEKS_IN_GRID, months: int = 12,
                       window: int = ON_THIS_DAY_WINDOW) -> date:
    """The first day the grid, the cadence and "on this day" look at (a day to spare,
    as a journal filters on the day a check-in was started)."""
    grid = week_start(today) - timedelta(weeks=weeks - 1)
    anchor = a_year_before(today) - timedelta(days=window)
    return min(grid, month_start(today, months - 1), anchor) - timedelta(days=1)


def on_this_day(summaries: Iterable[Summary], today: date,
                window: int = ON_THIS_DAY_WINDOW) -> list[Summary]:
    """Completed check-ins from around this day one year ago."""
    anchor = a_year_before(today)
    return [s for s in completed(summaries) if abs((_day(s) - anchor).days) <= window]


def a_year_before(day: date) -> date:
    """The same day a year earlier (28 February for a 29th)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Cadence:
    """The rhythm of the past year, described rather than scored.

    There is deliberately no count of weeks in a row: a run is a streak, and a streak
    is a score that a missed week breaks. The typical spacing says the same about a
    person's rhythm and is not lost by one quiet week.
    """

    per_month: list[tuple[date, int]]  # first day of month, check-ins that month (oldest first)
    typical_gap_days: int | None  # the median days between reflections (None: fewer than 2)
    total: int
    last: date | None = None  # the newest reflection in the window


def cadence(summaries: Iterable[Summary], today: date, months: int = 12) -> Cadence:
    days = sorted(_day(s) for s in completed(summaries))
    per_month: Counter[tuple[int, int]] = Counter((d.year, d.month) for d in days)
    month_starts = [month_start(today, back) for back in range(months - 1, -1, -1)]
    first = month_starts[0]
    shown = [d for d in days if d >= first]
    gaps = sorted((b - a).days for a, b in pairwise(shown) if b > a)
    typical = gaps[(len(gaps) - 1) // 2] if gaps else None
    return Cadence([(m, per_month[(m.year, m.month)]) for m in month_starts], typical,
                   len(shown), shown[-1] if shown else None)


@dataclass(frozen=True)
class Status:
    """What ``refleks status`` and the home screen say about timing."""

    last: datetime | None
    due: datetime | None
    is_due: bool
    days_until: int | None  # None when due or never checked in
    focus: list[tuple[str, str, str]]  # (value id, name, action)


def status(last: CheckIn | None, now: datetime, cadence_days: int) -> Status:
    if last is None or last.completed_at is None:
        return Status(None, None, True, None, [])
    try:
        due = last.completed_at + timedelta(days=cadence_days)
    except OverflowError:  # a date at the calendar's edge, stored before imports refused it
        due = datetime.max.replace(tzinfo=last.completed_at.tzinfo)
    is_due = due.date() <= now.date()
    days_until = None if is_due else (due.date() - now.date()).days
    focus = [(f.value_id, f.value_name, f.action) for f in last.focus]
    return Status(last.completed_at, due, is_due, days_until, focus)
