"""Rytme: check-ins per month and the usual spacing between them; never a run of weeks.

A count of "weeks in a row" is a streak, a score by another name, and one quiet week
would break it. The spacing a person usually keeps describes the same rhythm without
anything to lose; a missed week is just a week.
"""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static

from refleks.tui.screens.overtime.base import OverTimeBase
from refleks.tui.screens.overtime.text import bars

PAUSE = timedelta(weeks=4)  # from this long since the last reflection, a kind word


class CadenceTab(OverTimeBase):
    def show_cadence(self) -> None:
        t = self.env.t
        rhythm = self.rhythm
        assert rhythm is not None  # set in on_mount
        counts = [n for _, n in rhythm.per_month]
        labels = [t(f"dates.month_{m.month}")[:3] for m, _ in rhythm.per_month]
        self.query_one("#cadence-chart", Static).update(bars(counts, labels, self.room))
        words = []
        gap = rhythm.typical_gap_days
        if gap is not None:
            weeks = round(gap / 7)
            words.append(t("overtime.gap_days") if weeks < 1
                         else t.count("overtime.gap", weeks))
        if rhythm.last is not None and self.today - rhythm.last >= PAUSE:
            words.append(t("overtime.pause"))
        total = rhythm.total
        words.append(t.count("overtime.total", total) if total else t("overtime.total_none"))
        words.append(t("overtime.kind"))
        self.query_one("#cadence-words", Static).update("\n\n".join(words))
