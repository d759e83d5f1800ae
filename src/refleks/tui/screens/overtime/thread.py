"""One value's thread: every week it was a focus, the action, and the week after."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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
from refleks.journal.moments import Moment, MomentFilter
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.journal import EntryScreen
from refleks.tui.screens.moments_list import moment_option
from refleks.tui.screens.overtime.entries import EntryList
from refleks.tui.screens.overtime.text import WRAP, indented
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
        self.moments: dict[str, Moment] = {}

    def compose(self) -> ComposeResult:
        t = self.env.t
        library = self.env.content
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
        self.title = self.env.t("overtime.thread_title", name=self.value_name)
        self.query_one("#thread-list", EntryList).display = False
        self.read_thread()

    @work(thread=True, exclusive=True, group="thread")
    def read_thread(self) -> None:
        """Two indexed queries on the journal's focus and follow-up tables (no check-in
        is decoded), off the UI thread all the same: a long journal never stalls a key."""
        from textual.worker import get_current_worker

        entries = journal_thread(self.env.journal, self.value_id)
        moments = self.env.journal.moments.select(MomentFilter(value_id=self.value_id),
                                                      oldest_first=True)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_thread, entries, moments)

    def show_thread(self, entries: list[ThreadEntry], moments: Sequence[Moment] = ()) -> None:
        if not self.is_mounted:
            return
        t = self.env.t
        self.entries = entries[-THREAD_LIMIT:]
        summary = self.query_one("#thread-summary", Static)
        self.moments = {m.uid: m for m in moments}
        if not entries and not moments:
            summary.update(Content(t("overtime.thread_none", name=self.value_name)))
            return
        text = ""
        if entries:
            first = format_date(entries[0].day, t)
            text = t.count("overtime.thread_summary", len(entries), date=first)
        if len(entries) > len(self.entries):
            text += " " + t("overtime.thread_more", shown=len(self.entries), count=len(entries))
        if moments:
            text += " " + t.count("moment_view.thread_moments", len(moments))
        summary.update(text.strip())
        newest = self.env.journal.latest()
        latest = newest.id if newest is not None else None
        # Weeks and moments in time order: a moment tagged with the value sits among
        # the weeks it was noted in.
        timeline: list[tuple[date, int, Option]] = []
        # wrapped to the list's width: at 60 columns lines wrapped for 80 broke again
        # a few words short of their end
        wrap = min(WRAP, self.app.size.width - 6)
        for index, entry in enumerate(self.entries):
            waiting = entry.checkin_id == latest and not entry.follow_up
            timeline.append((entry.day, 0, Option(thread_entry(entry, t, waiting, wrap),
                                                  id=str(index))))
        width = min(72, self.app.size.width - 8)
        for moment in moments:
            timeline.append((moment.created_at.date(), 1,
                             Option(moment_option(moment, t, width, self.env.content),
                                    id=f"m{moment.uid}")))
        timeline.sort(key=lambda item: item[:2])
        options: list[Option | None] = []
        for _day, _kind, option in timeline:
            if options:
                options.append(None)
            options.append(option)
        listing = self.query_one("#thread-list", EntryList)
        listing.add_options(options)
        listing.display = True
        listing.highlighted = listing.option_count - 1  # the latest, at the bottom
        listing.focus()
        self.call_after_refresh(listing.scroll_end, animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#thread-list")
    def open_entry(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or "0"
        if option_id.startswith("m"):
            from refleks.tui.screens.moments_list import MomentViewScreen

            moment = self.moments.get(option_id[1:])
            if moment is not None:
                self.app.push_screen(MomentViewScreen(self.session, moment))
            return
        ids = [e.checkin_id for e in self.entries if e.checkin_id is not None]
        entry = self.entries[int(event.option.id or 0)]
        if entry.checkin_id is not None:
            self.app.push_screen(EntryScreen(self.session, ids, ids.index(entry.checkin_id)))

    def action_back(self) -> None:
        self.dismiss(None)


def thread_entry(entry: ThreadEntry, t: Strings, waiting: bool = False,
                 width: int = WRAP) -> Content:
    """A week of the thread: the date, the action, and what came of it, in lines of
    ``width`` cells."""
    lines = [Content.styled(format_date(entry.day, t), "bold")]
    action = (t("overtime.thread_action", action=entry.action) if entry.action.strip()
              else t("overtime.thread_no_action"))
    lines.append(Content(indented(action, width)))
    if entry.follow_up.strip():
        after = t("overtime.thread_follow_up", text=" ".join(entry.follow_up.split()))
    elif waiting:
        after = t("overtime.thread_waiting")
    else:
        after = t("overtime.thread_no_follow_up")
    kept = t("overtime.thread_kept") if entry.kept else ""
    text = indented(f"{after} {kept}", width)
    line = Content(text)
    if kept and text.endswith(kept):
        line = line.stylize("$foreground-muted", len(text) - len(kept), len(text))
    lines.append(line)
    return Content("\n").join(lines)
