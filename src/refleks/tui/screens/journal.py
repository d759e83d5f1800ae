"""The journal: every check-in, newest first, with filters, search, export and care.

The list holds summaries only (dates, area, focus names) from one SQL query, and
draws only the rows in view, so it stays quick with thousands of check-ins. Opening
a check-in shows the same Markdown the export writes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown, Select, Static

from refleks.dates import format_date, parse_day
from refleks.errors import RefleksError
from refleks.journal.model import CheckIn
from refleks.journal.queries import MATCH_END, MATCH_START, Filter, Summary
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import SessionScreen
from refleks.tui.session import Session
from refleks.tui.widgets.journal_list import JournalList

if TYPE_CHECKING:
    from refleks.tui.screens.export import ExportRequest

COLUMN_WIDTHS = (26, 22)  # date, area; what was chosen or found takes the rest


def highlighted_snippet(snippet: str) -> Text:
    """The FTS snippet with its matches in bold (the markers never reach the screen)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    rest = " ".join(snippet.split())
    while MATCH_START in rest:
        before, _, after = rest.partition(MATCH_START)
        match, _, rest = after.partition(MATCH_END)
        text.append(before)
        text.append(match, style="bold reverse")
    text.append(rest)
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
    AUTO_FOCUS = "#journal-table"
    BINDINGS = [
        Binding("escape", "back", "keys.back_home"),
        Binding("slash", "search", "keys.search"),
        Binding("f", "filters", "keys.filter"),
        Binding("c", "clear", "keys.clear", show=False),
        Binding("e", "export", "keys.export"),
        Binding("d", "delete", "keys.delete"),
        Binding("u", "undo", "keys.undo"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.state = FilterState()
        self.rows: Sequence[Summary] = ()

    def compose(self) -> ComposeResult:
        t = self.session.t
        yield Header(show_clock=False, icon="◇")
        with Vertical(id="journal-body"):
            yield Input(placeholder=t("journal_view.search"), id="journal-search")
            yield Static("", id="journal-status", classes="hint")
            yield Static(id="journal-columns")
            yield JournalList[Summary](COLUMN_WIDTHS, self.cells, id="journal-table")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        t = self.session.t
        self.title = t("journal_view.title")
        self.refill()

    @property
    def table(self) -> JournalList[Summary]:
        return self.query_one("#journal-table", JournalList)

    def cells(self, summary: Summary) -> tuple[str | Text, ...]:
        """One row, formatted only when it scrolls into view."""
        t = self.session.t
        when = format_date(summary.completed_at or summary.started_at, t)
        if summary.is_draft:
            when = f"{when} ({t('journal_view.draft')})"
        if self.state.search.strip() and summary.snippet:
            third: str | Text = highlighted_snippet(summary.snippet)
        else:
            third = ", ".join(name for _, name in summary.focus) or "–"
        return (when, summary.area_title or "–", third)

    async def returned(self) -> None:
        """Back from a check-in or a dialog: show what changed."""
        self.refill()

    # -- what is shown ---------------------------------------------------------------------

    def refill(self) -> None:
        """Query the journal with the current filters and fill the table."""
        t = self.session.t
        try:
            self.rows = self.session.journal.summaries(self.state.to_filter(),
                                                       lazy_snippets=True)
        except RefleksError as exc:
            self.notify(error_text(exc, self.session.t), severity="error")
            self.rows = []
        searching = bool(self.state.search.strip())
        label = "journal_view.col_match" if searching else "journal_view.col_focus"
        titles = (t("journal_view.col_date"), t("journal_view.col_area"), t(label))
        header = Text(style="bold")
        for title, width in zip(titles, (*COLUMN_WIDTHS, 0), strict=True):
            header.append(title.ljust(width) if width else title)
        self.query_one("#journal-columns", Static).update(header)
        self.table.set_rows(self.rows)
        self.show_status()

    def show_status(self) -> None:
        t = self.session.t
        parts = []
        s = self.state
        if s.since or s.until:
            parts.append(t("journal_view.f_dates", since=s.since.isoformat() if s.since else "…",
                           until=s.until.isoformat() if s.until else "…"))
        if s.area_id:
            area = self.session.content.area(s.area_id)
            parts.append(t("journal_view.f_area", area=area.title if area else s.area_id))
        if s.value_id:
            value = self.session.content.value(s.value_id)
            parts.append(t("journal_view.f_value", value=value.name if value else s.value_id))
        if s.search.strip():
            parts.append(t("journal_view.f_search", text=s.search.strip()))
        if not self.rows:
            line = t("journal_view.no_match") if s.active else t("journal_view.empty")
        else:
            line = t("journal_view.count", count=len(self.rows))
        if parts:
            line += "  ·  " + t("journal_view.filtered", filters="; ".join(parts))
        self.query_one("#journal-status", Static).update(line)

    def set_state(self, **changes: object) -> None:
        new = replace(self.state, **changes)  # type: ignore[arg-type]
        if new != self.state:
            self.state = new
            self.refill()

    # -- filters ---------------------------------------------------------------------------

    @on(Input.Changed, "#journal-search")
    def searched(self, event: Input.Changed) -> None:
        self.set_state(search=event.value)

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
                self.session.t("journal_view.bad_date", text=raw))
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
            t = self.session.t
            content = self.session.content
            bar = Horizontal(
                Input(placeholder=t("journal_view.since"), id="since", classes="date"),
                Input(placeholder=t("journal_view.until"), id="until", classes="date"),
                Select([(a.title, a.id) for a in content.areas], id="area",
                       prompt=t("journal_view.any_area")),
                Select([(v.name, v.id) for a in content.areas for v in a.values],
                       id="value", prompt=t("journal_view.any_value")),
                id="filter-bar",
            )
            await self.query_one("#journal-body").mount(bar, after="#journal-search")
        self.query_one("#since", Input).focus()

    def action_clear(self) -> None:
        self.query_one("#journal-search", Input).value = ""
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

    # -- opening, exporting, deleting -------------------------------------------------------

    def current(self) -> Summary | None:
        return self.table.current

    @on(JournalList.Selected)
    def open_row(self, event: JournalList.Selected) -> None:
        keys = [s.id for s in self.rows]
        self.app.push_screen(EntryScreen(self.session, keys, event.index))

    def action_export(self) -> None:
        what = "selection" if self.state.active else "all"
        start_export(self, self.session, what, len(self.rows), self.state.to_filter(), None)

    def action_delete(self) -> None:
        summary = self.current()
        if summary is not None:
            confirm_delete(self, self.session, summary.id, self.refill)

    def action_undo(self) -> None:
        undo_delete(self, self.session, self.refill)


def start_export(screen: Screen[None], session: Session, what: str, count: int,
                 flt: Filter | None, keys: list[int] | None) -> None:
    """Ask where and how, ask before overwriting, then write in a worker."""
    from refleks.paths import documents_dir
    from refleks.tui.screens.confirm import ConfirmScreen
    from refleks.tui.screens.export import ExportScreen

    t = session.t
    folder = documents_dir()
    if not folder.is_dir():
        from pathlib import Path

        folder = Path.home()

    def chosen(request: ExportRequest | None) -> None:
        if request is None:
            return
        if request.path.exists():
            def answered(overwrite: bool | None) -> None:
                if overwrite:
                    write_export(screen, session, request, flt, keys, overwrite=True)

            screen.app.push_screen(ConfirmScreen(
                t, t("export_view.overwrite", path=request.path),
                t("export_view.overwrite_yes"), t("export_view.overwrite_no"), careful=True),
                answered)
        else:
            write_export(screen, session, request, flt, keys, overwrite=False)

    today = session.current_time().date()
    screen.app.push_screen(ExportScreen(t, folder, today, what, count), chosen)


def write_export(screen: Screen[None], session: Session, request: ExportRequest,
                 flt: Filter | None, keys: list[int] | None, *, overwrite: bool) -> None:
    from refleks.journal.sharing import export_checkins

    t = session.t

    def run() -> None:
        journal = session.journal
        if keys is not None:
            checkins = (c for c in (journal.get(k) for k in keys) if c is not None)
        else:
            checkins = journal.iter_checkins(flt)
        try:
            count = export_checkins(request.path, checkins, request.format, t, session.lang,
                                    parts=request.parts, overwrite=overwrite)
        except RefleksError as exc:
            message = error_text(exc, session.t)
            screen.app.call_from_thread(screen.notify, message, severity="error", timeout=10)
            return
        except OSError as exc:
            screen.app.call_from_thread(screen.notify, f"{request.path}: {exc.strerror}",
                                        severity="error", timeout=10)
            return
        screen.app.call_from_thread(
            screen.notify,
            t("export_view.done_one" if count == 1 else "export_view.done_other", count=count,
              path=request.path),
            title=t("export_view.done_title"), timeout=10)

    screen.run_worker(run, thread=True, exclusive=True, group="export")


def confirm_delete(screen: Screen[None], session: Session, key: int,
                   after: Callable[[], None]) -> None:
    """A draft: asked once. A completed check-in: asked twice, backed up, undoable."""
    from refleks.tui.screens.confirm import ConfirmScreen

    t = session.t
    checkin = session.journal.get(key)
    if checkin is None:
        return

    def delete() -> None:
        try:
            if not checkin.is_draft:
                session.journal.backup()  # it stays in the newest backup, whatever happens
            session.journal.delete(key)
        except RefleksError as exc:
            screen.notify(error_text(exc, session.t), severity="error")
            return
        session.deleted.append(checkin)
        screen.notify(t("journal_view.deleted"), timeout=8)
        after()

    def second(yes: bool | None) -> None:
        if yes:
            delete()

    def first(yes: bool | None) -> None:
        if not yes:
            return
        if checkin.is_draft:
            delete()
        else:
            screen.app.push_screen(ConfirmScreen(
                t, t("journal_view.delete_really"), t("journal_view.delete_yes"),
                t("journal_view.delete_no"), careful=True), second)

    question = "journal_view.delete_draft" if checkin.is_draft else "journal_view.delete_one"
    screen.app.push_screen(ConfirmScreen(t, t(question), t("journal_view.delete_yes"),
                                         t("journal_view.delete_no"), careful=True), first)


def undo_delete(screen: Screen[None], session: Session, after: Callable[[], None]) -> None:
    t = session.t
    if not session.deleted:
        screen.notify(t("journal_view.nothing_to_undo"))
        return
    checkin = session.deleted.pop()
    try:
        session.journal.merge([checkin])
    except RefleksError as exc:
        session.deleted.append(checkin)
        screen.notify(error_text(exc, session.t), severity="error")
        return
    screen.notify(t("journal_view.restored"))
    after()


class EntryScreen(SessionScreen):
    """One check-in, rendered as the same Markdown the export writes."""

    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("escape", "back", "keys.back"),
        Binding("n,right", "step(1)", "keys.next"),
        Binding("p,left", "step(-1)", "keys.previous"),
        Binding("r", "resume", "keys.resume"),
        Binding("a", "note", "keys.note"),
        Binding("e", "export", "keys.export"),
        Binding("d", "delete", "keys.delete"),
    ]

    def __init__(self, session: Session, keys: list[int], index: int) -> None:
        super().__init__(session)
        self.keys = keys
        self.index = index
        self.checkin: CheckIn | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◇")
        with VerticalScroll(id="entry-scroll"):
            yield Markdown(id="entry")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = self.session.t("journal_view.title")
        self.show()

    def show(self) -> None:
        from refleks.journal.markdown import render_markdown

        self.checkin = self.session.journal.get(self.keys[self.index])
        view = self.query_one("#entry", Markdown)
        if self.checkin is None:
            view.update(self.session.t("journal_view.gone"))
        else:
            view.update("".join(render_markdown([self.checkin], self.session.t,
                                                self.session.lang, title=False)))
        scroll = self.query_one("#entry-scroll", VerticalScroll)
        scroll.scroll_home(animate=False)
        scroll.focus()
        self.sub_title = f"{self.index + 1} / {len(self.keys)}"
        self.refresh_bindings()

    def action_step(self, delta: int) -> None:
        target = self.index + delta
        if 0 <= target < len(self.keys):
            self.index = target
            self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and parameters:
            target = self.index + int(str(parameters[0]))
            return 0 <= target < len(self.keys)
        if action == "resume":
            return self.checkin is not None and self.checkin.is_draft
        if action == "note":
            return self.checkin is not None and not self.checkin.is_draft
        if action in ("export", "delete"):
            return self.checkin is not None
        return True

    def action_resume(self) -> None:
        self.dismiss(None)
        self.app.start_checkin()  # type: ignore[attr-defined]

    def action_note(self) -> None:
        from refleks.tui.screens.note import NoteScreen

        if self.checkin is None or self.checkin.id is None:
            return
        key = self.checkin.id

        def written(text: str | None) -> None:
            if text and text.strip():
                try:
                    self.session.journal.add_later_note(key, text.strip())
                except RefleksError as exc:
                    self.notify(error_text(exc, self.session.t), severity="error")
                    return
                self.show()

        self.app.push_screen(NoteScreen(self.session.t), written)

    def action_export(self) -> None:
        if self.checkin is not None and self.checkin.id is not None:
            start_export(self, self.session, "one", 1, None, [self.checkin.id])

    def action_delete(self) -> None:
        if self.checkin is not None and self.checkin.id is not None:
            confirm_delete(self, self.session, self.checkin.id, self.after_delete)

    def after_delete(self) -> None:
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
