"""Dates as a Norwegian or English reader writes them, and as a person types them.

Month and weekday names and the order of day, month and year come from the interface
text (``ui/dates.yaml``), not from the system locale, which is often English or ``C``
on a practitioner's machine.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refleks.languages import Speaker as Strings  # content.ui.Strings, seen from below


def format_date(day: date | datetime, t: Strings) -> str:
    """``30. november 2026`` in Norwegian, ``30 November 2026`` in English."""
    return t("dates.date", day=day.day, month=t(f"dates.month_{day.month}"), year=day.year)


def format_datetime(moment: datetime, t: Strings) -> str:
    """``30. november 2026 kl. 09:12`` (nb) or ``30 November 2026 at 09:12`` (en)."""
    return t("dates.datetime", date=format_date(moment, t), time=f"{moment:%H:%M}")


def format_weekday_date(day: date | datetime, t: Strings) -> str:
    """``mandag 30. november 2026`` / ``Monday, 30 November 2026``."""
    weekday = t(f"dates.weekday_{day.isoweekday()}")
    return t("dates.weekday_date", weekday=weekday, date=format_date(day, t))


def month_start(day: date, months_back: int = 0) -> date:
    """The first day of the month ``months_back`` months before ``day``'s month.

    ``month_start(date(2026, 2, 14), 11)`` is 1 March 2025: "the last twelve months"
    start there. One place for the year wrap, which is easy to get wrong by one.
    """
    index = day.year * 12 + (day.month - 1) - months_back
    return date(index // 12, index % 12 + 1, 1)


_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NORWEGIAN_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")


def parse_day(text: str, *, end: bool = False) -> date:
    """A day from ``2026-11-30``, ``30.11.2026``, ``2026-11``, ``2026-W48`` or ``2026``.

    A month, week or year means its first day, or with ``end=True`` its last, so
    ``--since 2026-11 --until 2026-11`` is all of November. ``ValueError`` otherwise.
    """
    text = text.strip()
    if m := _DAY.match(text):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := _NORWEGIAN_DAY.match(text):
        return date(int(m[3]), int(m[2]), int(m[1]))
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(text)
        import calendar

        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    if m := _WEEK.match(text):
        return date.fromisocalendar(int(m[1]), int(m[2]), 7 if end else 1)
    if m := _YEAR.match(text):
        year = int(m[1])
        if year < 1:
            raise ValueError(text)
        return date(year, 12, 31) if end else date(year, 1, 1)
    raise ValueError(text)
