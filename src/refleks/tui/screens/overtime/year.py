"""For et år siden: what was written around this week a year ago, to read again."""

from __future__ import annotations

from textual import on
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from refleks.content.names import shown_name
from refleks.dates import format_date
from refleks.insights import a_year_before
from refleks.tui.screens.journal import EntryScreen
from refleks.tui.screens.overtime.base import OverTimeBase
from refleks.tui.screens.overtime.entries import EntryList
from refleks.tui.screens.overtime.text import indented


class YearTab(OverTimeBase):
    def show_year(self) -> None:
        t = self.env.t
        intro = self.query_one("#year-intro", Static)
        listing = self.query_one("#year-list", EntryList)
        if not self.year_ago:
            intro.update(t("overtime.year_none"))
            listing.display = False
            return
        intro.update(t("overtime.year_intro", date=format_date(a_year_before(self.today), t)))
        self.fill_year({})

    def fill_year(self, excerpts: dict[int, str]) -> None:
        t, library = self.env.t, self.env.content
        listing = self.query_one("#year-list", EntryList)
        highlighted = listing.highlighted
        options: list[Option | None] = []
        for summary in self.year_ago:
            when = format_date(summary.completed_at or summary.started_at, t)
            area = shown_name(library, "area", summary.area_id, summary.area_title)
            head = Content.styled(f"{when} · {area or '–'}", "bold")
            lines = [head]
            if summary.focus:
                values = ", ".join(shown_name(library, "value", value_id, name)
                                   for value_id, name in summary.focus)
                lines.append(Content("  " + t("overtime.year_focus", values=values)))
            if excerpts.get(summary.id):
                quoted = t("overtime.quoted", name=excerpts[summary.id])
                lines.append(Content.styled(indented(quoted), "italic"))
            if options:
                options.append(None)
            options.append(Option(Content("\n").join(lines), id=str(summary.id)))
        listing.clear_options()
        listing.add_options(options)
        listing.highlighted = highlighted if highlighted is not None else 0

    @on(OptionList.OptionSelected, "#year-list")
    def open_year_entry(self, event: OptionList.OptionSelected) -> None:
        ids = [s.id for s in self.year_ago]
        chosen = int(event.option.id or 0)
        if chosen in ids:
            self.app.push_screen(EntryScreen(self.session, ids, ids.index(chosen)))
