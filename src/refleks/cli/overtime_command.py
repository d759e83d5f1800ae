"""``refleks overtime``: the app's Over time screen as plain lines at the prompt.

For a screen reader, a braille display or a simple terminal, the app's tabs are of no
use: they are drawn, not written. This says the same things in the same order (the
focus values, the areas and CHIME, the rhythm, one year ago) as lines under plain
headings, with no box drawing and no escape sequence at all; ``--value`` gives one
value's thread (each week it was a focus: the date, the action, the week after).
Everything is computed by ``refleks.insights``, as the screen's tabs are, so the two
never disagree. Text from the journal is data and passes through ``visible``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from refleks.content.names import shown_name
from refleks.dates import format_date, month_start
from refleks.safe_text import visible

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.environment import Environment
    from refleks.insights import Cadence, ChimeTally, GridGroup, ThreadEntry, Visit
    from refleks.journal.store import Journal

INDENT = "  "
PAUSE = timedelta(weeks=4)  # as the app's Rhythm tab: from this long, a kind word


def overtime_command(env: Environment, args: Namespace) -> int:
    """Print the over-time summary (or one value's thread); exit 2 for an unknown value."""
    import json

    from refleks.cli.journal_commands import existing

    today = datetime.now().astimezone().date()
    journal = existing(env)  # never creates a journal just to say it is empty
    if journal is None:
        if args.value is not None:  # still answered: an unknown name is named as one
            _value_id(env, args.value, set())
        print(json.dumps({"empty": True}) if args.json else env.t("overtime.plain_empty"))
        return 0
    with journal:
        if args.value is not None:
            value_id = _value_id(env, args.value, journal.known_ids()[1])
            report = _thread(env, journal, value_id)
        else:
            report = _overview(env, journal, today)
    if args.json:
        print(json.dumps(report["json"], ensure_ascii=False, indent=2))
    else:
        print("\n".join(report["lines"]))
    return 0


def _value_id(env: Environment, typed: str, used: set[str]) -> str:
    from refleks.cli.ids import resolve_id

    return resolve_id(env, "value", typed, used)


# -- one value's thread --------------------------------------------------------------------


def _thread(env: Environment, journal: Journal, value_id: str) -> dict[str, Any]:
    from refleks.insights import journal_thread

    t = env.t
    library = env.names_content()
    value = library.value(value_id) if library is not None else None
    stored = value_id if value is not None else _stored_name(journal, value_id)
    name = visible(shown_name(library, "value", value_id, stored))
    entries = journal_thread(journal, value_id)
    latest = journal.latest()
    latest_id = latest.id if latest is not None else None
    lines = [t("overtime.thread_title", name=name)]
    if value is not None:
        lines.append(visible(value.meaning))
    lines.append("")
    if not entries:
        lines.append(t("overtime.thread_none", name=name))
    else:
        lines.append(t.count("overtime.thread_summary", len(entries),
                             date=format_date(entries[0].day, t)))
        for entry in entries:
            lines.append("")
            lines.extend(_thread_lines(entry, t, entry.checkin_id == latest_id))
    return {"lines": lines, "json": {
        "value": {"id": value_id, "name": name},
        "thread": [{"checkin": e.checkin_id, "date": e.day.isoformat(), "action": e.action,
                    "follow_up": e.follow_up, "kept": e.kept} for e in entries]}}


def _thread_lines(entry: ThreadEntry, t: Strings, newest: bool) -> list[str]:
    """A week of the thread as the app's list shows it, in plain lines."""
    action = (t("overtime.thread_action", action=_one_line(entry.action))
              if entry.action.strip() else t("overtime.thread_no_action"))
    if entry.follow_up.strip():
        after = t("overtime.thread_follow_up", text=_one_line(entry.follow_up))
    elif newest:
        after = t("overtime.thread_waiting")
    else:
        after = t("overtime.thread_no_follow_up")
    if entry.kept:
        after += " " + t("overtime.thread_kept")
    return [format_date(entry.day, t), INDENT + action, INDENT + after]


def _stored_name(journal: Journal, value_id: str) -> str:
    """The name the journal stored beside a value the content no longer knows."""
    for checkin_id, *_ in journal.thread_rows(value_id)[0][-1:]:
        checkin = journal.get(checkin_id)
        for focus in checkin.focus if checkin is not None else ():
            if focus.value_id == value_id:
                return focus.value_name
    return value_id


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


# -- the whole summary ---------------------------------------------------------------------


def _overview(env: Environment, journal: Journal, today: date) -> dict[str, Any]:
    from refleks.insights import (
        area_visits,
        cadence,
        chime_history,
        chime_tallies,
        earlier_focus,
        excerpt,
        focus_grid,
        grid_groups,
        looking_back_since,
        on_this_day,
        with_earlier_visits,
    )
    from refleks.journal.queries import Filter

    t = env.t
    if not journal.count(include_drafts=False):
        return {"lines": [t("overtime.plain_empty")], "json": {"empty": True}}
    library = env.content
    since = looking_back_since(today)
    summaries = journal.summaries(Filter(since=since, include_drafts=False))
    grid = focus_grid(summaries, today)
    groups = grid_groups(grid, library, t("overtime.other_values"),
                         earlier_focus(journal, set(grid.cells)))
    visits = area_visits(summaries, [a.id for a in library.areas])
    if any(v.last is None for v in visits):
        visits = with_earlier_visits(visits, journal.last_visit_per_area())
    rhythm = cadence(summaries, today)
    year_ago = sorted(on_this_day(summaries, today), key=lambda s: s.completed_at or s.started_at)
    wanted = {s.id for s in year_ago}
    history: list[tuple[date, str, str]] = []
    excerpts: dict[int, str] = {}
    for checkin in journal.iter_checkins(Filter(since=since, include_drafts=False)):
        history.extend(chime_history([checkin]))
        if checkin.id in wanted:
            excerpts[checkin.id] = excerpt(checkin)
    tallies = chime_tallies(history, [e.id for e in library.chime])
    titles = {a.id: a.title for a in library.areas}

    start = month_start(today, 11)
    lines = [t("overtime.title") + ": " + t("overtime.subtitle", start=_month_year(start, t),
                                            end=_month_year(today, t))]
    lines += ["", t("overtime.tab_focus")]
    lines += _focus_lines(groups, grid.weeks, t)
    lines += ["", t("overtime.tab_visits")]
    lines += _visits_lines(library, visits, tallies, today, t)
    lines += ["", t("overtime.tab_cadence")]
    lines += _cadence_lines(rhythm, today, t)
    lines += ["", t("overtime.tab_year")]
    lines += _year_lines(library, year_ago, excerpts, today, t)
    lines += ["", t("overtime.plain_thread_hint")]
    return {"lines": lines, "json": {
        "empty": False,
        "focus": [{"id": r.value_id, "name": visible(r.name), "area": g.title,
                   "weeks": [grid.weeks[c].isoformat() for c in sorted(r.columns)]}
                  for g in groups for r in g.rows],
        "areas": [{"id": v.id, "name": titles[v.id], "times": v.times,
                   "last": v.last.isoformat() if v.last else None} for v in visits],
        "chime": [{"id": e.id, "name": e.name, "present": c.present, "missing": c.missing,
                   "last": c.visit.last.isoformat() if c.visit.last else None}
                  for e, c in zip(library.chime, tallies, strict=True)],
        "rhythm": {"per_month": [{"month": m.isoformat()[:7], "count": n}
                                 for m, n in rhythm.per_month],
                   "typical_gap_days": rhythm.typical_gap_days, "total": rhythm.total},
        "year_ago": [{"id": s.id, "date": (s.completed_at or s.started_at).date().isoformat(),
                      "excerpt": excerpts.get(s.id, "")} for s in year_ago]}}


def _month_year(day: date, t: Strings) -> str:
    return t("overtime.month_year", month=t(f"dates.month_{day.month}"), year=day.year)


def _focus_lines(groups: list[GridGroup], weeks: list[date], t: Strings) -> list[str]:
    """The grid as words: under each area, each value with how many weeks and the
    latest (a value chosen only before the year, as the grid's empty row, says so)."""
    if not groups:
        return [t("overtime.focus_empty")]
    lines = []
    for group in groups:
        lines.append(visible(group.title))
        for row in group.rows:
            name = visible(row.name)
            if row.columns:
                last = format_date(weeks[max(row.columns)], t)
                lines.append(INDENT + t.count("overtime.plain_focus", len(row.columns),
                                               name=name, date=last))
            else:
                lines.append(INDENT + t("overtime.plain_focus_earlier", name=name))
    return lines


def _when(day: date | None, t: Strings) -> str:
    return format_date(day, t) if day is not None else t("overtime.not_yet")


def _visits_lines(library: Content, visits: list[Visit], tallies: list[ChimeTally],
                  today: date, t: Strings) -> list[str]:
    from refleks.insights import waiting

    lines = [t("overtime.noticing_title")]
    noticed = []
    for kind, names, seen in (("area", {a.id: a.title for a in library.areas}, visits),
                              ("chime", {e.id: e.name for e in library.chime},
                               [c.visit for c in tallies])):
        waited = waiting(seen, today)
        for visit in waited.since:
            assert visit.last is not None
            noticed.append(t(f"overtime.{kind}_not_since", name=_named(names[visit.id], kind, t),
                             month=_month_year(visit.last, t)))
        never = [_named(names[i], kind, t) for i in waited.never]
        if len(never) > 1 and kind == "area":
            never = [t("overtime.quoted", name=name) for name in never]
        if never:
            noticed.append(t(f"overtime.{kind}_never", name=_and_list(never, t)))
    lines += [INDENT + line for line in noticed] or [INDENT + t("overtime.noticing_none")]
    lines += ["", t("overtime.areas_title")]
    titles = {a.id: a.title for a in library.areas}
    for visit in visits:
        name = titles[visit.id]
        if visit.last is None:
            line = t("overtime.plain_visits_never", name=name)
        elif not visit.times:  # visited, but before the past year
            line = t("overtime.plain_visits_before", name=name, last=_when(visit.last, t))
        else:
            line = t.count("overtime.plain_visits", visit.times, name=name,
                           last=_when(visit.last, t))
        lines.append(INDENT + line)
    lines += ["", t("overtime.chime_title")]
    for element, tally in zip(library.chime, tallies, strict=True):
        lines.append(INDENT + t("overtime.plain_chime", name=element.name,
                                present=tally.present, missing=tally.missing,
                                last=_when(tally.visit.last, t)))
    return lines


def _named(name: str, kind: str, t: Strings) -> str:
    """A name inside a sentence, as the app's tab says it: "etiske og …" in lower case
    ("CHIME" stays), CHIME elements in quotation marks."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    return t("overtime.quoted", name=name) if kind == "chime" else name


def _and_list(names: list[str], t: Strings) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {t('overtime.and')} {names[-1]}"


def _cadence_lines(rhythm: Cadence, today: date, t: Strings) -> list[str]:
    """The bars as a line a month, then the same words as the app's Rhythm tab."""
    lines = [t("overtime.cadence_title")]
    lines += [INDENT + t("overtime.plain_month", month=_month_year(m, t), count=n)
              for m, n in rhythm.per_month]
    lines.append("")
    if rhythm.typical_gap_days is not None:
        weeks = round(rhythm.typical_gap_days / 7)
        lines.append(t("overtime.gap_days") if weeks < 1 else t.count("overtime.gap", weeks))
    if rhythm.last is not None and today - rhythm.last >= PAUSE:
        lines.append(t("overtime.pause"))
    lines.append(t.count("overtime.total", rhythm.total) if rhythm.total
                 else t("overtime.total_none"))
    lines.append(t("overtime.kind"))
    return lines


def _year_lines(library: Content, year_ago: list[Any], excerpts: dict[int, str],
                today: date, t: Strings) -> list[str]:
    from refleks.insights import a_year_before

    if not year_ago:
        return [t("overtime.year_none")]
    lines = [t("overtime.year_intro", date=format_date(a_year_before(today), t))]
    for summary in year_ago:
        when = format_date(summary.completed_at or summary.started_at, t)
        area = shown_name(library, "area", summary.area_id, summary.area_title)
        lines.append(INDENT + visible(f"{when} · {area or '–'}"))
        if summary.focus:
            values = ", ".join(shown_name(library, "value", i, n) for i, n in summary.focus)
            lines.append(INDENT * 2 + t("overtime.year_focus", values=visible(values)))
        if excerpts.get(summary.id):
            lines.append(INDENT * 2 + t("overtime.quoted", name=visible(excerpts[summary.id])))
    return lines
