"""The journal: every check-in, newest first; open one to read it as its Markdown export.

The table holds summaries only (dates, area, focus names), and DataTable renders only
the rows in view, so the list stays quick with thousands of check-ins.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Markdown, Static

from refleks.dates import format_date
from refleks.tui.i18n import translate_bindings
from refleks.tui.session import Session


class JournalScreen(Screen[None]):
    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("escape", "back", "keys.back_home"),
        Binding("slash", "search", "keys.search"),
        Binding("enter", "open", "keys.open", show=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        translate_bindings(self, session.t)
        self.keys: list[int] = []

    def compose(self) -> ComposeResult:
        t = self.session.t
        yield Header(show_clock=False, icon="◇")
        with Vertical():
            yield Input(placeholder=t("journal_view.search"), id="journal-search")
            yield Static("", id="journal-status", classes="hint")
            yield DataTable(id="journal-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        t = self.session.t
        self.title = t("journal_view.title")
        table = self.query_one("#journal-table", DataTable)
        table.add_column(t("journal_view.col_date"), key="date")
        table.add_column(t("journal_view.col_area"), key="area")
        table.add_column(t("journal_view.col_focus"), key="focus")
        self.fill("")
        table.focus()

    def on_screen_resume(self) -> None:
        self.fill(self.query_one("#journal-search", Input).value)

    def fill(self, query: str) -> None:
        t = self.session.t
        journal = self.session.journal
        summaries = journal.search(query) if query.strip() else journal.summaries()
        table = self.query_one("#journal-table", DataTable)
        table.clear()
        self.keys = []
        for summary in summaries:
            when = format_date(summary.completed_at or summary.started_at, t)
            if summary.status == "draft":
                when = f"{when} ({t('journal_view.draft')})"
            focus = ", ".join(name for _, name in summary.focus)
            table.add_row(when, summary.area_title or "–", focus or "–", key=str(summary.id))
            self.keys.append(summary.id)
        status = self.query_one("#journal-status", Static)
        if not summaries:
            status.update(t("journal_view.empty") if not query else
                          t("journal_view.no_match", query=query))
        else:
            status.update(t("journal_view.count", count=len(summaries)))

    @on(Input.Changed, "#journal-search")
    def searched(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#journal-search")
    def search_done(self) -> None:
        self.query_one("#journal-table", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#journal-search", Input).focus()

    @on(DataTable.RowSelected, "#journal-table")
    def action_open(self) -> None:
        table = self.query_one("#journal-table", DataTable)
        if not self.keys or table.cursor_row is None:
            return
        self.app.push_screen(EntryScreen(self.session, self.keys, table.cursor_row))

    def action_back(self) -> None:
        search = self.query_one("#journal-search", Input)
        if search.value:
            search.value = ""
            return
        self.dismiss(None)


class EntryScreen(Screen[None]):
    """One check-in, rendered as the same Markdown the export writes."""

    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("escape", "back", "keys.back"),
        Binding("n,right", "step(1)", "keys.next"),
        Binding("p,left", "step(-1)", "keys.previous"),
        Binding("r", "resume", "keys.resume"),
    ]

    def __init__(self, session: Session, keys: list[int], index: int) -> None:
        super().__init__()
        self.session = session
        self.keys = keys
        self.index = index
        translate_bindings(self, session.t)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◇")
        yield Markdown(id="entry")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.t("journal_view.title")
        self.show()

    def current(self):  # type: ignore[no-untyped-def]
        return self.session.journal.get(self.keys[self.index])

    def show(self) -> None:
        from refleks.journal.export import render_markdown

        checkin = self.current()
        view = self.query_one("#entry", Markdown)
        if checkin is None:
            view.update(self.session.t("journal_view.gone"))
            return
        view.update("".join(render_markdown([checkin], self.session.t, self.session.lang,
                                            title=False)))
        view.scroll_home(animate=False)
        self.sub_title = f"{self.index + 1} / {len(self.keys)}"
        self.refresh_bindings()

    def action_step(self, delta: int) -> None:
        target = self.index + delta
        if 0 <= target < len(self.keys):
            self.index = target
            self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            checkin = self.current()
            return bool(checkin is not None and checkin.is_draft)
        return True

    def action_resume(self) -> None:
        self.dismiss(None)
        self.app.start_checkin()  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.dismiss(None)
