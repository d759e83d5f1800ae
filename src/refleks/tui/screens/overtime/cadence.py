"""Rytme: check-ins per month and the current run of weeks; a missed week is just a week."""

from __future__ import annotations

from textual.widgets import Static

from refleks.tui.screens.overtime.base import OverTimeBase
from refleks.tui.screens.overtime.text import bars


class CadenceTab(OverTimeBase):
    def show_cadence(self) -> None:
        t = self.session.t
        rhythm = self.rhythm
        assert rhythm is not None  # set in on_mount
        counts = [n for _, n in rhythm.per_month]
        labels = [t(f"dates.month_{m.month}")[:3] for m, _ in rhythm.per_month]
        self.query_one("#cadence-chart", Static).update(bars(counts, labels))
        total = sum(counts)
        if rhythm.run_weeks >= 52:
            run = t("overtime.run_year")
        elif rhythm.run_weeks >= 1:
            run = t.count("overtime.run", rhythm.run_weeks, weeks=rhythm.run_weeks)
        else:
            run = t("overtime.run_none") if total else ""
        amount = t.count("overtime.total", total) if total else t("overtime.total_none")
        words = [w for w in (run, amount, t("overtime.kind")) if w]
        self.query_one("#cadence-words", Static).update("\n\n".join(words))
