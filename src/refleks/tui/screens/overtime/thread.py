"""One value's thread: every week it was a focus, the action, and the week after."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from refleks.content.ui import Strings
from refleks.dates import format_date
from refleks.insights import ThreadEntry, journal_thread
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.journal import EntryScreen
from refleks.tui.screens.overtime.entries import EntryList
from refleks.tui.screens.overtime.text import indented
from refleks.tui.session import Session

THREAD_LIMIT = 260  # five years of weekly focus; older entries are in the journal


class ThreadScreen(SessionScreen):
    """One value's thread: every week it was a focus, the action, and the week after."""

    CSS_PATH = "overtime.tcss"
    BINDINGS = [Binding("escape", "back", "keys.back")]

    def __init__(self, session: Session, value_id: str, name: str) -> None:
        super().__init__(session)
        self.value_id = value_id
        self.value_name = name
        self.entries: list[ThreadEntry] = []

    def compose(self) -> ComposeResult:
        t = self.session.t
        library = self.session.content
        value = library.value(self.value_id)
        yield Header(show_clock=False, icon="◇")
        with VerticalScroll(id="thread-head"):
            if value is not None:
                area = library.area(value.area_id)
                yield Static(Content.styled(value.meaning, "italic"), classes="body-text")
                if area is not None:
                    yield Static(Content(area.title), classes="hint")
            yield Static(t("overtime.thread_loading"), id="thread-summary", classes="body-text")
        yield EntryList(t, id="thread-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.t("overtime.thread_title", name=self.value_name)
        self.query_one("#thread-list", EntryList).display = False
        self.read_thread()

    @work(thread=True, exclusive=True, group="thread")
    def read_thread(self) -> None:
        """Two indexed queries on the journal's focus and follow-up tables (no check-in
        is decoded), off the UI thread all the same: a long journal never stalls a key."""
        from textual.worker import get_current_worker

        entries = journal_thread(self.session.journal, self.value_id)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_thread, entries)

    def show_thread(self, entries: list[ThreadEntry]) -> None:
        if not self.is_mounted:
            return
        t = self.session.t
        self.entries = entries[-THREAD_LIMIT:]
        summary = self.query_one("#thread-summary", Static)
        if not entries:
            summary.update(Content(t("overtime.thread_none", name=self.value_name)))
            return
        first = format_date(entries[0].day, t)
        text = t.count("overtime.thread_summary", len(entries), date=first)
        if len(entries) > len(self.entries):
            text += " " + t("overtime.thread_more", shown=len(self.entries), count=len(entries))
        summary.update(text)
        newest = self.session.journal.latest()
        latest = newest.id if newest is not None else None
        options: list[Option | None] = []
        for index, entry in enumerate(self.entries):
            if options:
                options.append(None)
            waiting = entry.checkin_id == latest and not entry.follow_up
            options.append(Option(thread_entry(entry, t, waiting), id=str(index)))
        listing = self.query_one("#thread-list", EntryList)
        listing.add_options(options)
        listing.display = True
        listing.highlighted = len(self.entries) - 1  # the latest, at the bottom
        listing.focus()
        self.call_after_refresh(listing.scroll_end, animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#thread-list")
    def open_entry(self, event: OptionList.OptionSelected) -> None:
        ids = [e.checkin_id for e in self.entries if e.checkin_id is not None]
        entry = self.entries[int(event.option.id or 0)]
        if entry.checkin_id is not None:
            self.app.push_screen(EntryScreen(self.session, ids, ids.index(entry.checkin_id)))

    def action_back(self) -> None:
        self.dismiss(None)


def thread_entry(entry: ThreadEntry, t: Strings, waiting: bool = False) -> Content:
    """A week of the thread: the date, the action, and what came of it."""
    lines = [Content.styled(format_date(entry.day, t), "bold")]
    action = (t("overtime.thread_action", action=entry.action) if entry.action.strip()
              else t("overtime.thread_no_action"))
    lines.append(Content(indented(action)))
    if entry.follow_up.strip():
        after = t("overtime.thread_follow_up", text=" ".join(entry.follow_up.split()))
    elif waiting:
        after = t("overtime.thread_waiting")
    else:
        after = t("overtime.thread_no_follow_up")
    kept = t("overtime.thread_kept") if entry.kept else ""
    text = indented(f"{after} {kept}")
    line = Content(text)
    if kept and text.endswith(kept):
        line = line.stylize("$foreground-muted", len(text) - len(kept), len(text))
    lines.append(line)
    return Content("\n").join(lines)
