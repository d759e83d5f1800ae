"""What every over-time tab reads: the day it is, what was read once on opening, and
how a month is said. The tabs are mixins on this base; ``OverTimeScreen`` joins them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from refleks.dates import format_date
from refleks.insights import Cadence, GridGroup, Visit, looking_back_since
from refleks.journal.queries import Summary
from refleks.tui.screens.base import SessionScreen
from refleks.tui.session import Session


@dataclass
class Reflections:
    """What the worker read from the last year's check-ins."""

    chime: list[tuple[date, str, str]]
    excerpts: dict[int, str]


class OverTimeBase(SessionScreen):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.today = session.ui.current_time().date()
        self.since = looking_back_since(self.today)
        self.rhythm: Cadence | None = None
        self.year_ago: list[Summary] = []
        self.area_list: list[Visit] = []
        self.ever_completed = 0
        self.groups: list[GridGroup] = []
        self.weeks: list[date] = []
        self.grid_first = -1
        self.tab = "focus"
        self.built = {"focus"}
        self.reflections: Reflections | None = None
        self.reading = False

    def show_span(self) -> None:
        """The months in the title, the same on every tab (see ``OverTimeScreen``)."""

    @property
    def room(self) -> int:
        """Columns a tab's line has: the screen's width less the pane's padding and its
        scroll bar (tables and bars fit it rather than wrap)."""
        return self.app.size.width - 6

    def when(self, day: date | None) -> str:
        t = self.env.t
        if day is None:
            return t("overtime.not_yet")
        return format_date(day, t)

    def month_year(self, day: date) -> str:
        t = self.env.t
        return t("overtime.month_year", month=t(f"dates.month_{day.month}"), year=day.year)

    def month(self, day: date) -> str:
        t = self.env.t
        name = t(f"dates.month_{day.month}")
        if day.year == self.today.year or (self.today - day).days < 300:
            return name
        return self.month_year(day)
