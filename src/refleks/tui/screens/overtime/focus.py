"""Fokus: which values were a focus, in which weeks (a 52-column grid, by area);
Enter on a value opens its thread."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.widgets import Static

from refleks.insights import earlier_focus, focus_grid, grid_groups
from refleks.journal.queries import Summary
from refleks.tui.screens.overtime.base import OverTimeBase
from refleks.tui.screens.overtime.thread import ThreadScreen
from refleks.tui.widgets.focus_grid import FocusGridView, month_ruler, weeks_that_fit


class FocusTab(OverTimeBase):
    def show_grid(self, summaries: Sequence[Summary]) -> None:
        t = self.env.t
        grid = focus_grid(summaries, self.today)
        self.groups = grid_groups(grid, self.env.content, t("overtime.other_values"),
                                  earlier_focus(self.env.journal, set(grid.cells)))
        self.weeks = grid.weeks
        if self.groups:
            self.fit_grid()
        else:
            self.query_one("#focus-ruler", Static).display = False
            self.query_one("#focus-grid", FocusGridView).display = False
            self.query_one("#focus-intro", Static).update(t("overtime.focus_empty"))

    def fit_grid(self) -> None:
        """All 52 weeks from 80 columns up; the latest weeks that fit when narrower."""
        if not self.groups:
            return
        view = self.query_one("#focus-grid", FocusGridView)
        width = self.size.width - 1 if self.size.width else 80  # beside the scrollbar
        shown = weeks_that_fit(width, len(self.weeks))
        first = len(self.weeks) - shown
        if first == self.grid_first and view.option_count:
            return
        self.grid_first = first
        view.show(self.groups, len(self.weeks), first)
        t = self.env.t
        self.query_one("#focus-ruler", Static).update(
            month_ruler(self.weeks[first:], lambda m: t(f"dates.month_{m}")))
        self.show_span()  # the title follows the weeks the grid has room for

    def on_resize(self) -> None:
        self.fit_grid()

    @on(FocusGridView.ValueChosen)
    def open_thread(self, event: FocusGridView.ValueChosen) -> None:
        self.app.push_screen(ThreadScreen(self.session, event.value_id, event.name))
