"""Looking back over time: grids, visits, threads, cadence and status, without a terminal."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from refleks import insights
from refleks.cli import main
from refleks.journal.model import CheckIn, Focus, FollowUp
from refleks.journal.store import Journal

TZ = timezone(timedelta(hours=1))


def completed_on(day: date, area: str = "relasjonell",
                 focus: tuple[tuple[str, str], ...] = (("tillit", "Handling"),)) -> CheckIn:
    when = datetime(day.year, day.month, day.day, 18, 0, tzinfo=TZ)
    checkin = CheckIn(started_at=when, completed_at=when, status="complete", area_id=area,
                      area_title=area)
    checkin.focus = [Focus(v, v.capitalize(), action) for v, action in focus]
    return checkin


@pytest.fixture
def journal(journal_path: Path) -> Journal:
    return Journal.open(journal_path)


def store(journal: Journal, *checkins: CheckIn) -> None:
    journal.merge(checkins)


def test_focus_grid_places_values_by_week(journal: Journal) -> None:
    today = date(2026, 11, 30)  # a Monday
    store(journal, completed_on(date(2026, 11, 24)),
          completed_on(date(2026, 11, 10), focus=(("tillit", "a"), ("varme", "b"))),
          completed_on(date(2025, 10, 1)))  # older than a year: outside the grid
    grid = insights.focus_grid(journal.summaries(), today)
    assert len(grid.weeks) == 52 and grid.weeks[-1] == date(2026, 11, 30)
    assert grid.cells["tillit"] == {50, 48}
    assert grid.cells["varme"] == {48}
    assert grid.counts["tillit"] == 2


def test_areas_not_visited_for_a_long_time(journal: Journal) -> None:
    today = date(2026, 11, 30)
    store(journal, completed_on(date(2026, 3, 2), area="etikk"),
          completed_on(date(2026, 11, 23), area="relasjonell"))
    visits = {v.id: v for v in insights.area_visits(
        journal.summaries(), ["relasjonell", "menneskesyn", "etikk", "refleksiv"])}
    assert visits["etikk"].last == date(2026, 3, 2) and visits["etikk"].long_ago(today)
    assert not visits["relasjonell"].long_ago(today)
    assert visits["menneskesyn"].last is None and visits["menneskesyn"].long_ago(today)


def test_the_thread_of_one_value_includes_the_follow_up(journal: Journal) -> None:
    first = completed_on(date(2026, 11, 16), focus=(("tillit", "Holde avtaler"),))
    second = completed_on(date(2026, 11, 23), focus=(("varme", "Smile"),))
    second.follow_ups = [FollowUp("tillit", "Tillit", "Holde avtaler", "Gikk fint", True,
                                  from_uid=first.uid)]
    store(journal, first, second)
    thread = insights.value_thread(journal.iter_checkins(), "tillit")
    assert [(e.day, e.action, e.follow_up, e.kept) for e in thread] == [
        (date(2026, 11, 16), "Holde avtaler", "Gikk fint", True)
    ]


def test_on_this_day_a_year_ago(journal: Journal) -> None:
    store(journal, completed_on(date(2025, 12, 2)), completed_on(date(2025, 11, 1)))
    found = insights.on_this_day(journal.summaries(), date(2026, 11, 30))
    assert [s.started_at.date() for s in found] == [date(2025, 12, 2)]


def test_cadence_is_kind_about_this_week(journal: Journal) -> None:
    today = date(2026, 11, 30)  # Monday; nothing this week yet
    store(journal, completed_on(date(2026, 11, 25)), completed_on(date(2026, 11, 17)),
          completed_on(date(2026, 11, 3)))  # a missed week before that
    result = insights.cadence(journal.summaries(), today)
    assert result.typical_gap_days == 8  # 3 → 17 → 25 November: gaps 14 and 8 (the median)
    assert result.per_month[-1] == (date(2026, 11, 1), 3)
    assert len(result.per_month) == 12 and result.total == 3


def test_status_due_and_not_due() -> None:
    last = completed_on(date(2026, 11, 25))
    not_yet = insights.status(last, datetime(2026, 11, 30, 9, tzinfo=TZ), 7)
    assert not not_yet.is_due and not_yet.days_until == 2
    due = insights.status(last, datetime(2026, 12, 3, 9, tzinfo=TZ), 7)
    assert due.is_due and due.days_until is None
    assert insights.status(None, datetime(2026, 12, 3, tzinfo=TZ), 7).is_due


def test_status_command(journal: Journal, journal_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--journal", str(journal_path), "status"]) == 1
    assert "No reflections yet" in capsys.readouterr().out
    today = datetime.now().astimezone().date()
    store(journal, completed_on(today - timedelta(days=2),
                                focus=(("tillit", "a"), ("varme", "b"))))
    assert main(["--lang", "en", "--journal", str(journal_path), "status"]) == 0
    line = capsys.readouterr().out.strip()
    # stored in Norwegian, named in the language in use (issue 22.9)
    assert "next in 5 days" in line and "focus: Trust, Warmth" in line
    assert main(["--lang", "en", "--journal", str(journal_path), "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["is_due"] is False and data["days_until"] == 5
    assert [f["id"] for f in data["focus"]] == ["tillit", "varme"]
    store(journal, completed_on(today - timedelta(days=9)))
    (journal_path.parent / "config.toml").write_text("cadence_days = 1\n", encoding="utf-8")
    assert main(["--lang", "en", "--journal", str(journal_path), "status"]) == 1
    assert "time for a new reflection (since yesterday)" in capsys.readouterr().out


def test_the_thread_reads_a_stream_in_any_order(journal: Journal) -> None:
    first = completed_on(date(2026, 10, 5), focus=(("tillit", "Holde avtaler"),))
    second = completed_on(date(2026, 10, 12), focus=(("tillit", "Ringe tilbake"),
                                                     ("varme", "Smile")))
    second.follow_ups = [FollowUp("tillit", "Tillit", "Holde avtaler", "Ble bedre", True,
                                  from_uid=first.uid)]
    third = completed_on(date(2026, 10, 19), focus=(("varme", "Hilse"),))
    third.follow_ups = [FollowUp("tillit", "Tillit", "Ringe tilbake", "", False,
                                 from_uid=second.uid)]
    draft = completed_on(date(2026, 10, 20), focus=(("tillit", "Utkast"),))
    draft.status = "draft"
    store(journal, first, second, third, draft)
    newest_first = journal.iter_checkins(oldest_first=False)  # a generator, read once
    thread = insights.value_thread(newest_first, "tillit")
    assert [(e.day, e.action, e.follow_up, e.kept) for e in thread] == [
        (date(2026, 10, 5), "Holde avtaler", "Ble bedre", True),
        (date(2026, 10, 12), "Ringe tilbake", "", False),
    ]
    assert [e.checkin_id for e in thread] == [1, 2]  # the journal's numbers, to open them
    assert insights.value_thread(iter(()), "tillit") == []


def test_chime_history_and_excerpt() -> None:
    from refleks.journal.model import Answer, ChimeReflection

    checkin = completed_on(date(2026, 11, 2))
    checkin.chime = [ChimeReflection("chime.hope", "Håp", "missing", "?", "")]
    assert insights.chime_history([checkin]) == [(date(2026, 11, 2), "chime.hope", "missing")]
    checkin.status = "draft"
    assert insights.chime_history([checkin]) == []
    checkin.answers = [Answer("q1", "?", "  "), Answer("q2", "?", "Vi  møttes\npå kafeen.")]
    assert insights.excerpt(checkin) == "Vi møttes på kafeen."
    checkin.answers[1].text = "ord " * 60
    short = insights.excerpt(checkin, limit=30)
    assert short == "ord ord ord ord ord ord ord …" and len(short) <= 32
    assert insights.excerpt(CheckIn()) == ""


def test_looking_back_covers_grid_cadence_and_a_year_ago() -> None:
    today = date(2026, 11, 30)
    since = insights.looking_back_since(today)
    assert since == date(2025, 11, 26)  # 30 Nov 2025 less the 3-day window, less a spare day
    assert since <= week_start_of_grid(today) and since < date(2025, 12, 1)
    assert insights.a_year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert insights.looking_back_since(date(2026, 1, 15)) == date(2025, 1, 11)


def week_start_of_grid(today: date) -> date:
    return insights.week_start(today) - timedelta(weeks=insights.WEEKS_IN_GRID - 1)


# -- what the over-time screen groups and counts -------------------------------------------


@pytest.mark.parametrize(("day", "back", "first"), [
    (date(2026, 11, 30), 0, date(2026, 11, 1)),
    (date(2026, 11, 30), 11, date(2025, 12, 1)),
    (date(2026, 2, 14), 11, date(2025, 3, 1)),
    (date(2026, 1, 31), 1, date(2025, 12, 1)),
    (date(2026, 12, 1), 12, date(2025, 12, 1)),
    (date(2026, 3, 5), 27, date(2023, 12, 1)),
])
def test_month_start_wraps_the_year(day: date, back: int, first: date) -> None:
    from refleks.dates import month_start

    assert month_start(day, back) == first


def test_cadence_and_the_look_back_start_twelve_months_back() -> None:
    today = date(2026, 2, 14)
    months = [m for m, _ in insights.cadence([], today).per_month]
    assert months[0] == date(2025, 3, 1) and months[-1] == date(2026, 2, 1)
    assert len(months) == 12
    assert insights.looking_back_since(today) <= date(2025, 3, 1) - timedelta(days=1)


def _library():  # type: ignore[no-untyped-def]
    from refleks.content.loader import load_content
    from refleks.paths import bundled_content_dir

    return load_content(bundled_content_dir(), "nb")


def test_grid_groups_follow_the_areas_and_put_unknown_values_last(journal: Journal) -> None:
    today = date(2026, 11, 30)
    store(journal, completed_on(date(2026, 11, 24), focus=(("tillit", "a"), ("gone", "b"))),
          completed_on(date(2026, 11, 10), area="etikk",
                       focus=(("selvbestemmelse", "c"),)))
    library = _library()
    grid = insights.focus_grid(journal.summaries(), today)
    groups = insights.grid_groups(grid, library, "Andre", earlier=["varme"])
    area_of = {v.id: a.title for a in library.areas for v in a.values}
    titles = [g.title for g in groups]
    assert titles[-1] == "Andre" and [r.value_id for r in groups[-1].rows] == ["gone"]
    assert [r.name for r in groups[-1].rows] == ["Gone"]  # the name the journal kept
    order = [a.title for a in library.areas]
    assert titles[:-1] == sorted(titles[:-1], key=order.index)
    rows = {r.value_id: (g.title, r) for g in groups for r in g.rows}
    assert rows["tillit"][0] == area_of["tillit"] and rows["tillit"][1].count == 1
    assert rows["tillit"][1].columns == frozenset({50})  # last week, as above
    assert rows["varme"][1].columns == frozenset() and rows["varme"][1].count == 0


def test_earlier_focus_leaves_out_what_only_a_draft_chose(journal: Journal) -> None:
    store(journal, completed_on(date(2024, 1, 10), focus=(("tillit", "a"), ("varme", "b"))))
    draft = CheckIn(started_at=datetime(2026, 11, 29, 10, tzinfo=TZ))
    draft.focus = [Focus("empati", "Empati", "")]
    journal.save(draft)
    assert insights.earlier_focus(journal, {"varme"}) == ["tillit"]


def test_areas_unvisited_this_year_keep_their_last_visit_before() -> None:
    visits = [insights.Visit("a", date(2026, 10, 1), 2), insights.Visit("b", None, 0),
              insights.Visit("c", None, 0)]
    before = {"a": datetime(2020, 1, 1, tzinfo=TZ), "b": datetime(2025, 3, 2, 9, tzinfo=TZ)}
    result = insights.with_earlier_visits(visits, before)
    assert result == [visits[0], insights.Visit("b", date(2025, 3, 2), 0), visits[2]]


def test_waiting_splits_long_ago_from_never_in_order() -> None:
    today = date(2026, 11, 30)
    visits = [insights.Visit("recent", date(2026, 11, 1), 1),
              insights.Visit("never1", None, 0),
              insights.Visit("old", date(2026, 3, 1), 1),
              insights.Visit("never2", None, 0)]
    waited = insights.waiting(visits, today)
    assert [v.id for v in waited.since] == ["old"]
    assert waited.never == ["never1", "never2"]


def test_chime_tallies_count_present_and_missing_per_element() -> None:
    history = [(date(2026, 11, 1), "c", "present"), (date(2026, 11, 8), "c", "missing"),
               (date(2026, 11, 15), "c", "present"), (date(2026, 10, 1), "h", "missing")]
    tallies = insights.chime_tallies(history, ["c", "h", "i"])
    assert [(t.visit.id, t.present, t.missing, t.visit.last, t.visit.times) for t in tallies] == [
        ("c", 2, 1, date(2026, 11, 15), 3), ("h", 0, 1, date(2026, 10, 1), 1),
        ("i", 0, 0, None, 0)]
