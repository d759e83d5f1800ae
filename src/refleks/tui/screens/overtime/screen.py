"""The over-time screen: a tab bar over four tabs, each a mixin of its own module.

The grid is shown at once from one query for the last year's summaries; the other tabs
are built the first time they are opened, and the CHIME reflections and the year-ago
excerpts, which need the check-ins' text, are read then, in a worker.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Footer, Header, Static

from refleks.dates import month_start
from refleks.insights import area_visits, cadence, chime_history, excerpt, on_this_day
from refleks.journal.queries import Filter
from refleks.tui.screens.overtime.base import Reflections
from refleks.tui.screens.overtime.cadence import CadenceTab
from refleks.tui.screens.overtime.entries import EntryList
from refleks.tui.screens.overtime.focus import FocusTab
from refleks.tui.screens.overtime.visits import VisitsTab
from refleks.tui.screens.overtime.year import YearTab
from refleks.tui.widgets.focus_grid import FocusGridView

TABS = ("focus", "visits", "cadence", "year")


class OverTimeScreen(FocusTab, VisitsTab, CadenceTab, YearTab):
    CSS_PATH = "overtime.tcss"
    AUTO_FOCUS = "#focus-grid"  # straight to the grid: one focus change, one footer
    BINDINGS = [
        Binding("escape", "back", "keys.back_home"),
        Binding("1", "show_tab('focus')", "overtime.key_tabs", key_display="1–4"),
        Binding("2", "show_tab('visits')", show=False),
        Binding("3", "show_tab('cadence')", show=False),
        Binding("4", "show_tab('year')", show=False),
    ]

    def compose(self) -> ComposeResult:
        """The grid at once; the other tabs are built the first time they are shown."""
        t = self.env.t
        yield Header(show_clock=False, icon="◇")
        yield Static("", id="tab-bar")
        with ContentSwitcher(id="overtime-tabs", initial="focus"):
            with Vertical(id="focus"):
                yield Static(t("overtime.focus_intro"), id="focus-intro", classes="hint")
                yield Static("", id="focus-ruler")
                yield FocusGridView(t, id="focus-grid")
            yield VerticalScroll(id="visits", classes="pane-body")
            yield VerticalScroll(id="cadence", classes="pane-body")
            yield Vertical(id="year")
        yield Footer()

    def on_mount(self) -> None:
        t = self.env.t
        self.title = t("overtime.title")
        journal = self.env.journal
        with _few_collections():
            summaries = journal.summaries(Filter(since=self.since, include_drafts=False))
            # What every tab needs, kept small; the year's summaries are let go at once.
            self.ever_completed = journal.count(include_drafts=False)
            self.year_ago = sorted(on_this_day(summaries, self.today),
                                   key=lambda s: s.completed_at or s.started_at)
            self.area_list = area_visits(summaries, [a.id for a in self.env.content.areas])
            self.rhythm = cadence(summaries, self.today)
            self.show_grid(summaries)
            del summaries
        self.show_tab_bar()

    # -- tabs -----------------------------------------------------------------------------

    def show_span(self) -> None:
        """The title names one period, the same on every tab: the twelve months up to
        this one, as the rhythm's bars show them. (It named each tab's own first month,
        so the title changed from tab to tab: the grid's first week, the first day
        counted, the first bar; each tab's own months are on its axis or in its words.)"""
        start = month_start(self.today, 11)
        self.sub_title = self.env.t("overtime.subtitle", start=self.month_year(start),
                                    end=self.month_year(self.today))

    def show_tab_bar(self) -> None:
        self.show_span()
        t = self.env.t
        labels = {"focus": t("overtime.tab_focus"), "visits": t("overtime.tab_visits"),
                  "cadence": t("overtime.tab_cadence"),
                  "year": t("overtime.tab_year_some", count=len(self.year_ago))
                  if self.year_ago else t("overtime.tab_year")}
        parts = []
        for number, (tab, label) in enumerate(labels.items(), 1):
            if tab == self.tab:  # ▶ as the app's current row: without colour, the
                # underline and the shade are gone (NO_COLOR, a plain capture), the mark is not
                parts.append(Content.styled(f"▶ {number} {label}", "bold underline $primary"))
            else:  # a link: its look comes from #tab-bar's link styles
                parts.append(Content.from_markup(
                    f"[@click=screen.show_tab('{tab}')]$number $label[/]", number=str(number),
                    label=label))
        self.query_one("#tab-bar", Static).update(Content("   ").join(parts))

    async def action_show_tab(self, tab: str) -> None:
        if tab not in TABS:
            return
        if tab not in self.built:
            self.built.add(tab)
            await self.build_tab(tab)
        self.tab = tab
        self.query_one("#overtime-tabs", ContentSwitcher).current = tab
        self.show_tab_bar()
        target = {"focus": "#focus-grid", "visits": "#visits", "cadence": "#cadence",
                  "year": "#year-list"}[tab]
        widget = self.query_one(target)
        if widget.display:
            widget.focus()

    async def build_tab(self, tab: str) -> None:
        t = self.env.t
        pane = self.query_one(f"#{tab}")
        if tab in ("visits", "year") and not self.reading:
            # Only these tabs need the check-ins' text; the grid never waits for it.
            self.reading = True
            self.read_reflections([s.id for s in self.year_ago])
        if tab == "visits":
            await pane.mount_all([
                Static(t("overtime.noticing_title"), classes="section-title"),
                Static("", id="noticing", classes="body-text"),
                Static(t("overtime.areas_title"), classes="section-title"),
                Static("", id="areas", classes="table"),
                Static(t("overtime.chime_title"), classes="section-title"),
                Static(t("overtime.loading"), id="chime", classes="table"),
            ])
            self.show_areas()
            if self.reflections is not None:
                self.show_chime(self.reflections.chime)
        elif tab == "cadence":
            await pane.mount_all([
                Static(t("overtime.cadence_title"), classes="section-title"),
                Static("", id="cadence-chart"),
                Static("", id="cadence-words", classes="body-text"),
            ])
            self.show_cadence()
        elif tab == "year":
            await pane.mount_all([Static("", id="year-intro", classes="body-text"),
                                  EntryList(t, id="year-list")])
            self.show_year()
            if self.reflections is not None:
                self.fill_year(self.reflections.excerpts)

    # -- the worker -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="overtime")
    def read_reflections(self, wanted: list[int]) -> None:
        """CHIME history and the year-ago excerpts need the check-ins' text."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        history: list[tuple[date, str, str]] = []
        excerpts: dict[int, str] = {}
        wanted_ids = set(wanted)
        for checkin in self.env.journal.iter_checkins(
                Filter(since=self.since, include_drafts=False)):
            if worker.is_cancelled:
                return
            history.extend(chime_history([checkin]))
            if checkin.id in wanted_ids:
                excerpts[checkin.id] = excerpt(checkin)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_reflections, Reflections(history, excerpts))

    def show_reflections(self, found: Reflections) -> None:
        if not self.is_mounted:
            return
        self.reflections = found
        if "visits" in self.built:
            self.show_chime(found.chime)
        if "year" in self.built and found.excerpts:
            self.fill_year(found.excerpts)

    # -- keys -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)


@contextmanager
def _few_collections() -> Iterator[None]:
    """No cyclic garbage collection while a year of summaries is built and summed up.

    They are some 20,000 small objects that refcounting frees right after; a full
    collection started halfway would walk the whole app's heap and could double the
    time the screen takes to open.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
