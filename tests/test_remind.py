"""``refleks remind --ics FILE``: a weekly event with an alarm, read back with icalendar.

The calendar is fixed at Monday 30 November 2026 (tests/conftest.py), so the first
occurrence of each day is known.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from refleks import cli
from refleks.journal.model import Answer, CheckIn
from refleks.journal.store import Journal
from refleks.reminder import DEFAULT_TIME, calendar_bytes, parse_day, parse_time

DATA = Path(__file__).parent / "data" / "reminder-fri-1400.ics"


def remind(tmp_path: Path, *options: str, lang: str = "en") -> tuple[Calendar, bytes]:
    path = tmp_path / "reminder.ics"
    assert cli.main(["--lang", lang, "remind", "--ics", str(path), *options]) == 0
    raw = path.read_bytes()
    return Calendar.from_ical(raw), raw


def check_weekly(calendar: Calendar, raw: bytes, *, byday: str, first: date, at: time,
                 summary: str, zone: str = "Europe/Oslo") -> None:
    """The event recurs weekly on ``byday`` from ``first`` at ``at`` in ``zone``, with a
    display alarm before it, and says ``summary`` and nothing else."""
    (event,) = calendar.walk("VEVENT")
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == [byday]
    start = event.decoded("DTSTART")
    assert (start.date(), start.time()) == (first, at)
    assert str(start.tzinfo) == zone
    assert f"DTSTART;TZID={zone}:".encode() in raw
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == zone
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -timedelta(minutes=10)
    assert str(event["SUMMARY"]) == summary == str(alarm["DESCRIPTION"])
    assert "DESCRIPTION" not in event and "LOCATION" not in event


def test_a_weekly_event_with_an_alarm_in_oslo_time(isolated_home: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    with Journal.open(isolated_home / "journal.sqlite3") as journal:  # nothing of it goes
        journal.save(CheckIn(status="complete", lang="en",
                             answers=[Answer("q", "Hemmelig: Kari på rom 4")]))
    calendar, raw = remind(tmp_path, "--day", "thu", "--time", "09:30")
    check_weekly(calendar, raw, byday="TH", first=date(2026, 12, 3), at=time(9, 30),
                 summary="refleks – weekly reflection")
    assert b"Kari" not in raw and b"Hemmelig" not in raw
    assert capsys.readouterr().out.startswith(
        f"Wrote {tmp_path / 'reminder.ics'}: every Thursday at 09:30 (Europe/Oslo)")


def test_in_norwegian_on_the_default_day(isolated_home: Path, tmp_path: Path) -> None:
    calendar, raw = remind(tmp_path, lang="nb")
    check_weekly(calendar, raw, byday="FR", first=date(2026, 12, 4), at=time(14, 0),
                 summary="refleks – ukentlig refleksjon")


def test_today_counts_as_the_first(isolated_home: Path, tmp_path: Path) -> None:
    calendar, raw = remind(tmp_path, "--day", "mandag", "--time", "0800")
    check_weekly(calendar, raw, byday="MO", first=date(2026, 11, 30), at=time(8, 0),
                 summary="refleks – weekly reflection")


def test_oslo_summer_time_follows_the_yearly_rules() -> None:
    """The hand-written VTIMEZONE: +01:00 in winter, +02:00 from the last Sunday in March
    to the last Sunday in October, every year (not only to 2038)."""
    calendar = Calendar.from_ical(calendar_bytes("x", 5, DEFAULT_TIME, today=date(2026, 11, 30)))
    (timezone,) = calendar.walk("VTIMEZONE")
    zone = timezone.to_tz()
    for moment, hours in [(datetime(2027, 1, 8, 14), 1), (datetime(2027, 3, 27, 14), 1),
                          (datetime(2027, 3, 29, 14), 2), (datetime(2027, 7, 2, 14), 2),
                          (datetime(2027, 10, 30, 14), 2), (datetime(2027, 11, 1, 14), 1),
                          (datetime(2045, 7, 7, 14), 2)]:
        assert moment.replace(tzinfo=zone).utcoffset() == timedelta(hours=hours), moment
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in calendar.to_ical()


def test_another_time_zone(isolated_home: Path, tmp_path: Path) -> None:
    calendar, raw = remind(tmp_path, "--tz", "America/New_York", "--day", "wed")
    check_weekly(calendar, raw, byday="WE", first=date(2026, 12, 2), at=time(14, 0),
                 summary="refleks – weekly reflection", zone="America/New_York")


@pytest.mark.parametrize(("options", "said"), [
    (["--day", "someday"], "refleks: --day: “someday” is not a day of the week"),
    (["--time", "25:00"], "refleks: --time: “25:00” is not a time of day"),
    (["--time", "2pm"], "refleks: --time: “2pm” is not a time of day"),
    (["--tz", "Mars/Base"], "refleks: --tz: “Mars/Base” is not a time zone refleks knows"),
])
def test_a_bad_choice_is_one_line_and_no_file(isolated_home: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str],
                                              options: list[str], said: str) -> None:
    path = tmp_path / "r.ics"
    assert cli.main(["--lang", "en", "remind", "--ics", str(path), *options]) == 2
    err = capsys.readouterr().err
    assert err.startswith(said) and err.count("\n") == 1
    assert not path.exists()


def test_an_existing_file_is_replaced_only_with_force(isolated_home: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.ics"
    path.write_text("mine", encoding="utf-8")
    assert cli.main(["--lang", "en", "remind", "--ics", str(path)]) == 2
    assert path.read_text(encoding="utf-8") == "mine"
    assert cli.main(["--lang", "en", "remind", "--ics", str(path), "--force"]) == 0
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(("text", "day"), [("fri", 5), ("Fredag", 5), ("søn", 7),
                                           ("sunday", 7), ("tir", 2)])
def test_days_in_either_language(text: str, day: int) -> None:
    assert parse_day(text) == day


def test_times() -> None:
    assert parse_time("9:05") == time(9, 5)
    assert parse_time("14.30") == time(14, 30)


def test_the_committed_file_is_what_refleks_writes(isolated_home: Path, tmp_path: Path) -> None:
    """tests/data/reminder-fri-1400.ics came from ``refleks --lang en remind --ics …``;
    it reads back as the reminder, and refleks still writes the same lines (but for the
    event's own id, when it was made and the first date)."""
    committed = DATA.read_bytes()
    check_weekly(Calendar.from_ical(committed), committed, byday="FR", first=date(2026, 12, 4),
                 at=time(14, 0), summary="refleks – weekly reflection")
    _, fresh = remind(tmp_path)

    def steady(raw: bytes) -> list[bytes]:
        return [line for line in raw.splitlines()
                if not line.startswith((b"UID:", b"DTSTAMP:", b"DTSTART;", b"DTEND;"))]

    assert steady(fresh) == steady(committed)
