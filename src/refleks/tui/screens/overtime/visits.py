"""Områder og CHIME: what has been reflected on, and, kindly, what has not for a while."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from refleks.insights import Visit, chime_tallies, waiting, with_earlier_visits
from refleks.tui.screens.overtime.base import OverTimeBase
from refleks.tui.screens.overtime.text import and_list, count_cell, lower_first, table


class VisitsTab(OverTimeBase):
    def show_areas(self) -> None:
        library = self.env.content
        if any(v.last is None for v in self.area_list):  # not in the last year: when, then?
            before = self.env.journal.last_visit_per_area()
            self.area_list = with_earlier_visits(self.area_list, before)
        names = {a.id: a.title for a in library.areas}
        rows = [(names[v.id], count_cell(v.times), self.when(v.last)) for v in self.area_list]
        t = self.env.t
        self.query_one("#areas", Static).update(
            table(rows, (t("overtime.col_times"), t("overtime.col_last")), self.room))
        self.show_noticing([])

    def show_noticing(self, chime: list[Visit]) -> None:
        """Kind sentences about what has waited a while; never-visited ones as one
        invitation rather than a list of things not done."""
        t = self.env.t
        noticing = self.query_one("#noticing", Static)
        if not self.ever_completed:
            noticing.update(t("overtime.noticing_empty"))
            return
        library = self.env.content
        lines = []
        for visits, names, kind in (
            (self.area_list, {a.id: a.title for a in library.areas}, "area"),
            (chime, {e.id: e.name for e in library.chime}, "chime"),
        ):
            waited = waiting(visits, self.today)
            for visit in waited.since:
                assert visit.last is not None
                lines.append(t(f"overtime.{kind}_not_since", name=self.named(names, visit.id, kind),
                               month=self.month(visit.last)))
            never = [self.named(names, element_id, kind) for element_id in waited.never]
            if len(never) > 1 and kind == "area":
                never = [t("overtime.quoted", name=name) for name in never]
            if never:
                lines.append(t(f"overtime.{kind}_never", name=and_list(never, t)))
        noticing.update(Content("\n".join(lines) or t("overtime.noticing_none")))

    def named(self, names: dict[str, str], element_id: str, kind: str) -> str:
        """A name inside a sentence; CHIME names ("… og …") read better quoted."""
        name = lower_first(names[element_id])
        return self.env.t("overtime.quoted", name=name) if kind == "chime" else name

    def show_chime(self, history: list[tuple[date, str, str]]) -> None:
        t = self.env.t
        library = self.env.content
        tallies = chime_tallies(history, [e.id for e in library.chime])
        rows = [(e.name, count_cell(tally.present), count_cell(tally.missing),
                 self.when(tally.visit.last))
                for e, tally in zip(library.chime, tallies, strict=True)]
        self.query_one("#chime", Static).update(table(
            rows, (t("overtime.col_present"), t("overtime.col_missing"), t("overtime.col_last")),
            self.room))
        self.show_noticing([tally.visit for tally in tallies])
