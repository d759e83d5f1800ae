"""The journal: every check-in, newest first, with filters, search, export and care.

The list holds only the ids from one SQL query and reads summaries (dates, area,
focus names, a search's snippet) a page at a time as rows come into view, so it
stays quick with 50,000 check-ins. Search runs as you type, in a worker thread: each
key replaces the search before it (which stops at once), and waits a moment for the
next key (longer after a word of one or two letters), so the typing never waits for a
search. Opening a check-in shows the same Markdown the export writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Input, Select, Static
from textual.worker import Worker, get_current_worker

from refleks.content.names import shown_name
from refleks.dates import format_date, parse_day
from refleks.errors import RefleksError
from refleks.journal.queries import Filter, Summary, SummaryList, search_words
from refleks.textfit import marked_parts
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.journal.deleting import Deletions
from refleks.tui.screens.journal.entry import EntryScreen
from refleks.tui.screens.journal.exporting import Exporter
from refleks.tui.session import Session
from refleks.tui.widgets.journal_list import GUTTER, JournalList
from refleks.tui.widgets.marked_list import MarkedSelect

COLUMN_WIDTHS = (26, 22)  # date, area; what was chosen or found takes the rest
# Under 70 columns the date is written 2026-11-23 (as the date filters take it), and a
# search gives the area's room to what it found: at 60 columns "…is stre…" was all a
# match showed. "2026-11-23 (utkast)" still fits.
NARROW = 70
NARROW_WIDTHS: tuple[int, ...] = (20, 20)
NARROW_SEARCH_WIDTHS: tuple[int, ...] = (20,)  # the date, and what was found
SEARCH_GROUP = "journal-search"


def highlighted_snippet(snippet: str, room: int = 0) -> Text:
    """The FTS snippet with its matches in bold (the markers never reach the screen).

    With ``room`` (the column's width), the text before the first match is cut to a
    third of it, at a word, so a late match is on screen rather than past the edge.
    """
    text = Text(no_wrap=True, overflow="ellipsis")
    before: int | None = None
    for part, hit in marked_parts(" ".join(snippet.split())):
        if hit and before is None:
            before = len(text.plain)
        text.append(part, style="bold reverse" if hit else None)
    lead = room // 3
    if room and before is not None and before > lead:
        cut = text.plain.find(" ", before - lead, before)
        cut = before - lead if cut < 0 else cut + 1
        text = Text("…", no_wrap=True, overflow="ellipsis") + text[cut:]
    return text


@dataclass(frozen=True)
class FilterState:
    """What the browser shows; the single source for the query and for the status line."""

    since: date | None = None
    until: date | None = None
    area_id: str | None = None
    value_id: str | None = None
    search: str = ""

    @property
    def active(self) -> bool:
        return self != FilterState()

    def to_filter(self) -> Filter:
        return Filter(since=self.since, until=self.until, area_id=self.area_id,
                      value_id=self.value_id, search=self.search.strip() or None)


class JournalScreen(SessionScreen):
    CSS_PATH = "journal.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]  # filters on two rows
    AUTO_FOCUS = "#journal-table"
    BINDINGS = [
        Binding("escape", "back", "keys.back_home"),
        Binding("slash", "search", "keys.search"),
        Binding("f", "filters", "keys.filter"),
        Binding("c", "clear", "keys.clear", show=False),
        Binding("e", "export", "keys.export"),
        # Not in the footer either (full at 60 columns): the status line says it once
        # something is marked, and the README.
        Binding("space", "mark", "keys.mark", show=False),
        Binding("d", "delete", "keys.delete"),
        Binding("u", "undo", "keys.undo"),
        # Not in the footer (it is full at 80 columns): the status line names m
        # whenever there are moments to show.
        Binding("m", "moments", "moment_view.journal_key", show=False),
    ]

    # Seconds a typed search waits for the next key before it asks the journal: a key
    # typed within it replaces the search unasked. Quick typists leave 100–200 ms
    # between keys; a search of 50,000 check-ins takes ~55 ms after it, and a newer key
    # stops a running one at once, so the wait is short (it is all of the results'
    # delay that is not the search itself).
    search_delay = 0.03
    # A word of one or two letters is the start of a longer one, mostly, and matches
    # nearly every check-in: SQLite first merges the index of every word with that
    # prefix (~0.1 s of CPU at 50,000), a stretch a newer key cannot stop, which then
    # slows the search the person is waiting for. So it waits as long as a quick
    # typist takes between keys; if no key comes, its results follow.
    short_search_delay = 0.15

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.exporter = Exporter(self)
        self.deletions = Deletions(self)
        self.state = FilterState()
        self.typed = ""  # the search field's text; ahead of ``state`` while a search runs
        self.rows: Sequence[Summary] = ()
        self.marked: dict[int, None] = {}  # check-in ids to export, in the order marked

    def compose(self) -> ComposeResult:
        t = self.env.t
        yield Header(show_clock=False, icon="◇")
        with Vertical(id="journal-body"):
            yield Input(placeholder=t("journal_view.search"), id="journal-search")
            yield Static("", id="journal-status", classes="hint")
            yield Static(id="journal-columns")
            table = JournalList[Summary](COLUMN_WIDTHS, self.cells, id="journal-table")
            table.is_marked = lambda summary: summary.id in self.marked
            yield table
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        t = self.env.t
        self.title = t("journal_view.title")
        self.refill()

    @property
    def table(self) -> JournalList[Summary]:
        return self.query_one("#journal-table", JournalList)

    def cells(self, summary: Summary) -> tuple[str | Text, ...]:
        """One row, formatted only when it scrolls into view; the area and values in
        the language in use (``content.names``), whichever they were written in."""
        t, library = self.env.t, self.env.content
        day = summary.completed_at or summary.started_at
        when = day.date().isoformat() if self.narrow else format_date(day, t)
        if summary.is_draft:
            when = f"{when} ({t('journal_view.draft')})"
        if self.state.search.strip() and summary.snippet:
            room = self.table.size.width - GUTTER - sum(self.widths())
            third: str | Text = highlighted_snippet(summary.snippet, max(room, 12))
        else:
            third = ", ".join(shown_name(library, "value", value_id, name)
                              for value_id, name in summary.focus) or "–"
        if len(self.widths()) == 1:
            return (when, third)
        area = shown_name(library, "area", summary.area_id, summary.area_title)
        return (when, area or "–", third)

    async def returned(self) -> None:
        """Back from a check-in or a dialog: show what changed."""
        self.refill()
        self.refresh_bindings()  # one deleted from its own page can be undone here

    @property
    def narrow(self) -> bool:
        return self.size.width < NARROW

    def widths(self) -> tuple[int, ...]:
        """The date's and the area's columns for this width, searching or not (the last
        column takes the rest)."""
        if not self.narrow:
            return COLUMN_WIDTHS
        return NARROW_SEARCH_WIDTHS if self.state.search.strip() else NARROW_WIDTHS

    def on_resize(self) -> None:
        """Snippets and dates are cut to the columns' widths: a new width formats them
        again."""
        if self.state.search.strip() or self.table.widths != self.widths():
            self.show_rows(self.rows)

    # -- what is shown ---------------------------------------------------------------------

    def refill(self) -> None:
        """Query the journal with the current filters and fill the table (at once: a
        filter chosen, a return from a check-in; a search typed in the field takes
        ``search_in_background``). A search still running is no longer wanted."""
        self.workers.cancel_group(self, SEARCH_GROUP)
        try:
            rows = self.env.journal.summaries(self.state.to_filter(), lazy_snippets=True)
        except RefleksError as exc:
            self.notify(error_text(exc, self.env.t), severity="error", markup=False)
            rows = SummaryList([])
        self.show_rows(rows)

    @work(thread=True, exclusive=True, group=SEARCH_GROUP)
    def search_in_background(self, wanted: FilterState) -> None:
        """Search for ``wanted`` off the screen's thread, unless a newer key came first.

        ``exclusive`` cancels the search of the key before; a cancelled search stops
        its query (``cancelled``) and never shows what it found — the list only ever
        shows what the field says now.
        """
        worker = get_current_worker()
        words = search_words(wanted.search)
        short = bool(words) and min(map(len, words)) <= 2
        # A newer key wakes it at once (and it leaves the way free for that key's search).
        if worker.cancelled_event.wait(self.short_search_delay if short else self.search_delay):
            return
        try:
            rows = self.env.journal.summaries(wanted.to_filter(), lazy_snippets=True,
                                                  cancelled=lambda: worker.is_cancelled)
            if rows and not worker.is_cancelled:
                rows[0]  # the first page, read here rather than while drawing
        except RefleksError as exc:
            if not worker.is_cancelled:
                self.app.call_from_thread(self.notify, error_text(exc, self.env.t),
                                          severity="error", markup=False)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self.found, wanted, rows, worker)

    def found(self, wanted: FilterState, rows: SummaryList, worker: Worker[None]) -> None:
        """A search's result, shown if it is still what the field asks for."""
        if worker.is_cancelled or wanted.search != self.typed:
            return
        self.state = wanted
        self.show_rows(rows)

    def show_rows(self, rows: Sequence[Summary]) -> None:
        t = self.env.t
        self.rows = rows
        searching = bool(self.state.search.strip())
        label = "journal_view.col_match" if searching else "journal_view.col_focus"
        widths = self.table.widths = self.widths()
        titles: tuple[str, ...] = (t("journal_view.col_date"), t("journal_view.col_area"),
                                   t(label))
        if len(widths) == 1:  # the area gives way to what was found
            titles = (titles[0], titles[2])
        header = Text(" " * GUTTER, style="bold")  # over the rows' mark
        for title, width in zip(titles, (*widths, 0), strict=True):
            header.append(title.ljust(width) if width else title)
        self.query_one("#journal-columns", Static).update(header)
        self.table.set_rows(self.rows)
        self.show_status()

    def show_status(self) -> None:
        t = self.env.t
        parts = []
        s = self.state
        if s.since or s.until:
            parts.append(t("journal_view.f_dates", since=s.since.isoformat() if s.since else "…",
                           until=s.until.isoformat() if s.until else "…"))
        if s.area_id:
            area = self.env.content.area(s.area_id)
            parts.append(t("journal_view.f_area", area=area.title if area else s.area_id))
        if s.value_id:
            value = self.env.content.value(s.value_id)
            parts.append(t("journal_view.f_value", value=value.name if value else s.value_id))
        if s.search.strip():
            parts.append(t("journal_view.f_search", text=s.search.strip()))
        if not self.rows:
            line = t("journal_view.no_match") if s.active else t("journal_view.empty")
        else:
            line = t.count("journal_view.count", len(self.rows))
        moments = self.moments_shown()
        if moments:  # found by the same search and filters; m lists them
            line += "  ·  " + t.count("moment_view.in_journal", moments)
        if parts:
            line += "  ·  " + t("journal_view.filtered", filters="; ".join(parts))
        if self.marked:
            line += "  ·  " + t.count("journal_view.marked", len(self.marked))
        self.query_one("#journal-status", Static).update(Content(line))  # typed text: literal

    def moments_shown(self) -> int:
        """How many moments the same filters find (none when an area is chosen)."""
        from refleks.journal.moments import filter_like

        selection = filter_like(self.state.to_filter())
        if selection is None:
            return 0
        try:
            return len(self.env.journal.moments.select(selection))
        except RefleksError:
            return 0

    def set_state(self, **changes: Any) -> None:
        new = replace(self.state, search=self.typed, **changes)
        if new != self.state:
            self.state = new
            self.refill()

    # -- filters ---------------------------------------------------------------------------

    @on(Input.Changed, "#journal-search")
    def searched(self, event: Input.Changed) -> None:
        self.typed = event.value
        wanted = replace(self.state, search=event.value)
        if wanted == self.state:  # back to what is shown: nothing to look for
            self.workers.cancel_group(self, SEARCH_GROUP)
            return
        self.search_in_background(wanted)

    @on(Input.Submitted, "#journal-search")
    def search_done(self) -> None:
        self.table.focus()

    @on(Input.Changed, ".date")
    def date_changed(self, event: Input.Changed) -> None:
        end = event.input.id == "until"
        raw = event.value.strip()
        if not raw:
            self.set_state(**{event.input.id or "since": None})
            event.input.remove_class("invalid")
            return
        try:
            day = parse_day(raw, end=end)
        except ValueError:
            event.input.add_class("invalid")  # not a date yet: keep the last good filter
            self.query_one("#journal-status", Static).update(
                Content(self.env.t("journal_view.bad_date", text=raw)))
            return
        event.input.remove_class("invalid")
        self.set_state(**{event.input.id or "since": day})
        self.show_status()

    @on(Select.Changed, "#area")
    def area_changed(self, event: Select.Changed) -> None:
        self.set_state(area_id=None if event.value is Select.NULL else str(event.value))

    @on(Select.Changed, "#value")
    def value_changed(self, event: Select.Changed) -> None:
        self.set_state(value_id=None if event.value is Select.NULL else str(event.value))

    def action_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    async def action_filters(self) -> None:
        """The date, area and value filters, built the first time they are asked for
        (they are the heaviest widgets here, and most visits only read or search)."""
        if not self.query("#filter-bar"):
            t = self.env.t
            content = self.env.content
            bar = Horizontal(
                Input(placeholder=t("journal_view.since"), id="since", classes="date"),
                Input(placeholder=t("journal_view.until"), id="until", classes="date"),
                MarkedSelect([(Content(a.title), a.id) for a in content.areas], id="area",
                             prompt=t("journal_view.any_area")),
                MarkedSelect([(Content(v.name), v.id) for a in content.areas for v in a.values],
                             id="value", prompt=t("journal_view.any_value")),
                id="filter-bar",
            )
            await self.query_one("#journal-body").mount(bar, after="#journal-search")
        self.query_one("#since", Input).focus()

    def action_clear(self) -> None:
        self.query_one("#journal-search", Input).value = ""
        self.typed = ""
        if self.query("#filter-bar"):
            for selector in ("#since", "#until"):
                self.query_one(selector, Input).value = ""
            self.query_one("#area", Select).clear()
            self.query_one("#value", Select).clear()
        self.state = FilterState()
        self.refill()
        self.table.focus()

    def action_back(self) -> None:
        if self.state.active:
            self.action_clear()
            return
        self.dismiss(None)

    # -- opening, exporting, deleting (the latter two: ``exporting``, ``deleting``) ----------
    # The dialog chains are exclusive workers: a second ``e``/``d`` handled before the
    # first dialog is up cancels the first chain before it has pushed anything (one
    # dialog, one delete); once a dialog is up, the keys go to it.

    def current(self) -> Summary | None:
        return self.table.current

    @on(JournalList.Selected)
    def open_row(self, event: JournalList.Selected) -> None:
        rows = self.rows
        keys = rows.ids if isinstance(rows, SummaryList) else [s.id for s in rows]
        self.app.push_screen(EntryScreen(self.session, keys, event.index,
                                         search=self.state.search.strip()))

    def action_mark(self) -> None:
        """Mark the current reflection for export, or unmark it: marked ones are
        exported alone (for supervision, the few the person chose to bring)."""
        summary = self.current()
        if summary is None:
            return
        if summary.id in self.marked:
            del self.marked[summary.id]
        else:
            self.marked[summary.id] = None
        self.table.refresh()
        self.show_status()

    @work(group="dialogs", exclusive=True)
    async def action_export(self) -> None:
        if self.marked:
            await self.exporter.ask("marked", len(self.marked), None, list(self.marked))
            return
        what = "selection" if self.state.active else "all"
        await self.exporter.ask(what, len(self.rows), self.state.to_filter(), None)

    @work(group="dialogs", exclusive=True)
    async def action_delete(self) -> None:
        summary = self.current()
        if summary is not None and await self.deletions.ask(summary.id):
            self.refill()
            self.refresh_bindings()  # "u Undo" comes into the footer

    def action_moments(self) -> None:
        """The moments noted between check-ins (``screens/moments_list.py``), found by
        the same words, value and dates as the check-ins shown here."""
        from refleks.journal.moments import MomentFilter, filter_like
        from refleks.tui.screens.moments_list import MomentsScreen

        selection = filter_like(self.state.to_filter()) or MomentFilter(
            value_id=self.state.value_id, search=self.state.search.strip() or None)
        self.app.push_screen(MomentsScreen(self.session, selection))

    def action_undo(self) -> None:
        if self.deletions.undo():
            self.refill()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo is offered once something was deleted: at 60 columns the footer has
        room for every key but one, and "? Help" was the one cut off."""
        if action == "undo":
            return bool(self.ui.deleted)
        return True
