"""Dates in the chosen language's style, from the interface text (not the OS locale)."""

from __future__ import annotations

from datetime import date, datetime

from refleks.content.ui import Strings


def format_date(when: date | datetime, t: Strings) -> str:
    """``30. november 2026`` in Norwegian, ``30 November 2026`` in English."""
    month = t(f"dates.month_{when.month}")
    return t("dates.date", day=when.day, month=month, year=when.year)


def format_weekday_date(when: date | datetime, t: Strings) -> str:
    weekday = t(f"dates.weekday_{when.isoweekday()}")
    return t("dates.weekday_date", weekday=weekday, date=format_date(when, t))


def days_between(start: date, end: date) -> int:
    return (end - start).days
