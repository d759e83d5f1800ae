"""A weekly reminder for the calendar: one recurring event, as an iCalendar file.

A practitioner's week lives in Outlook (or Google or Apple Calendar), not at a shell
prompt. ``refleks remind --ics FILE`` writes a file those calendars import: an event
every week on the chosen day and time (``RRULE:FREQ=WEEKLY``), in a named time zone with
its rules written out (``VTIMEZONE``, so Outlook shows it right across summer time), and
a reminder alarm before it (``VALARM``). Its text is only "refleks – weekly reflection"
in the person's language, handed in by the caller: nothing from the journal is read.

The time zone is Europe/Oslo unless another is named: the people refleks is for work in
Norway, and a remote desktop or Citrix server often runs in UTC or another zone, so the
machine's own setting would put the reflection at the wrong hour. A calendar shows the
event in the viewer's own zone whatever it is written in.

Generated with ``icalendar`` (RFC 5545): it folds long lines, escapes text and writes
another zone's ``VTIMEZONE`` from the tz database, the parts most likely to be wrong by
hand; Europe/Oslo's own is written here as yearly rules. The tests read the file back
with it too.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from refleks.errors import KeyedError

if TYPE_CHECKING:
    from pathlib import Path

DEFAULT_ZONE = "Europe/Oslo"
DEFAULT_DAY = "fri"  # before the weekend, while the week is still fresh
DEFAULT_TIME = time(14, 0)
DURATION = timedelta(minutes=30)
ALARM_BEFORE = timedelta(minutes=10)
# The days as the options name them, in English and Norwegian; ISO numbers (Monday 1).
DAYS: dict[str, int] = {
    "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
    "man": 1, "tir": 2, "ons": 3, "tor": 4, "fre": 5, "lør": 6, "lor": 6, "søn": 7, "son": 7,
}
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Europe/Oslo's rules as Outlook, Google and Apple write them: summer time from the last
# Sunday in March to the last Sunday in October, as yearly rules with no end. icalendar
# would write every change as a date up to 2038 (RDATE), and Outlook reads those badly.
OSLO = """BEGIN:VTIMEZONE
TZID:Europe/Oslo
BEGIN:DAYLIGHT
TZNAME:CEST
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZNAME:CET
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


class ReminderError(KeyedError):
    """A day, time or zone that cannot be used (words in ``cli.remind_*``)."""

    namespace = "cli.remind_"


def parse_day(text: str) -> int:
    """``fri``, ``Fre``, ``friday``, ``fredag`` → 5 (ISO weekday)."""
    key = text.strip().casefold()[:3]
    if key not in DAYS:
        raise ReminderError("bad_day", day=text)
    return DAYS[key]


def parse_time(text: str) -> time:
    """``14:00``, ``9:30``, ``0930`` → a time of day."""
    digits = text.strip().replace(".", ":")
    hour, colon, minute = digits.partition(":")
    if not colon and len(digits) == 4:
        hour, minute = digits[:2], digits[2:]
    if not (hour.isdigit() and minute.isdigit() and len(minute) == 2
            and hour.isascii() and minute.isascii()):
        raise ReminderError("bad_time", time=text)
    try:
        return time(int(hour), int(minute))
    except ValueError:
        raise ReminderError("bad_time", time=text) from None


def check_zone(name: str) -> str:
    """An IANA zone name the tz database knows (``Europe/Oslo``)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ReminderError("bad_zone", zone=name) from None
    return name


def first_occurrence(weekday: int, at: time, zone: str, today: date) -> datetime:
    """The first such day at ``at`` from ``today`` on (today itself if it is that day)."""
    from zoneinfo import ZoneInfo

    day = today + timedelta(days=(weekday - today.isoweekday()) % 7)
    return datetime.combine(day, at, tzinfo=ZoneInfo(zone))


def calendar_bytes(summary: str, weekday: int, at: time, zone: str = DEFAULT_ZONE,
                   today: date | None = None) -> bytes:
    """The iCalendar file: a weekly event on ``weekday`` at ``at`` in ``zone`` with an
    alarm before it, named ``summary`` (the only text in it)."""
    from icalendar import Alarm, Calendar, Event

    now = datetime.now().astimezone()
    start = first_occurrence(weekday, at, zone, today or now.date())
    calendar = Calendar()
    calendar.add("prodid", "-//refleks//weekly reminder//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if zone == DEFAULT_ZONE:  # before the event, where every calendar looks for it
        from icalendar import Timezone

        calendar.add_component(Timezone.from_ical(OSLO))
    event = Event()
    # A new UID each time: importing a second file adds a second event, as a person
    # who chose a new day would expect; the old one is removed in the calendar.
    event.add("uid", f"{uuid.uuid4()}@refleks")
    event.add("dtstamp", now)
    event.add("dtstart", start)
    event.add("dtend", start + DURATION)
    event.add("rrule", {"freq": "weekly", "byday": RRULE_DAYS[weekday - 1]})
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the time stays free
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    calendar.add_component(event)
    calendar.add_missing_timezones()  # another zone's VTIMEZONE, from the tz database
    data: bytes = calendar.to_ical()
    return data


def write_reminder(path: Path, data: bytes, *, overwrite: bool) -> None:
    """The file, written atomically (never replacing one unasked)."""
    from refleks.files import write_bytes

    write_bytes(path, data, overwrite=overwrite)
