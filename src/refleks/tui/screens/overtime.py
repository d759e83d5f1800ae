"""Over time: a picture of the past year, answering a practitioner's questions without
scoring anyone.

- Fokus: which values were a focus, in which weeks (a 52-column grid, by area);
  Enter on a value opens its thread — every week it was a focus, the action, and what
  was written about it the week after.
- Områder og CHIME: what has been reflected on, and, kindly, what has not for a while.
- Rytme: check-ins per month and the current run of weeks; a missed week is just a week.
- For et år siden: what was written around this week a year ago, to read again.

The grid is shown at once from one query for the last year's summaries; the other tabs
are built the first time they are opened, and the CHIME reflections and the year-ago
excerpts, which need the check-ins' text, are read then, in a worker.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from refleks.content.ui import Strings
from refleks.dates import format_date
from refleks.insights import (
    Cadence,
    ThreadEntry,
    Visit,
    a_year_before,
    area_visits,
    cadence,
    chime_history,
    chime_visits,
    excerpt,
    focus_grid,
    looking_back_since,
    on_this_day,
    value_thread,
)
from refleks.journal.model import CheckIn
from refleks.journal.queries import Filter, Summary
from refleks.tui.i18n import translate_bindings
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.journal import EntryScreen
from refleks.tui.session import Session
from refleks.tui.widgets.focus_grid import (
    FocusGridView,
    GridGroup,
    grid_groups,
    month_ruler,
    weeks_that_fit,
)

TABS = ("focus", "visits", "cadence", "year")
THREAD_LIMIT = 260  # five years of weekly focus; older entries are in the journal
BAR_HEIGHT = 4
WRAP = 74  # list entries are wrapped to fit 80 columns with room to spare
BLOCKS = " ▁▂▃▄▅▆▇█"


class EntryList(OptionList):
    """A list of check-ins to read: Enter opens the highlighted one."""

    BINDINGS = [Binding("enter", "select", "overtime.key_open")]

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self, t)


@dataclass
class Reflections:
    """What the worker read from the last year's check-ins."""

    chime: list[tuple[date, str, str]]
    excerpts: dict[int, str]


class OverTimeScreen(SessionScreen):
    CSS_PATH = "overtime.tcss"
    AUTO_FOCUS = "#focus-grid"  # straight to the grid: one focus change, one footer
    BINDINGS = [
        Binding("escape", "back", "keys.back_home"),
        Binding("1", "show_tab('focus')", "overtime.key_tabs", key_display="1–4"),
        Binding("2", "show_tab('visits')", show=False),
        Binding("3", "show_tab('cadence')", show=False),
        Binding("4", "show_tab('year')", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.today = session.current_time().date()
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

    def compose(self) -> ComposeResult:
        """The grid at once; the other tabs are built the first time they are shown."""
        t = self.session.t
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
        t = self.session.t
        self.title = t("overtime.title")
        year, month = self.today.year, self.today.month - 11  # twelve months, as cadence
        first = date(year, month, 1) if month >= 1 else date(year - 1, month + 12, 1)
        self.sub_title = t("overtime.subtitle", start=self.month_year(first),
                           end=self.month_year(self.today))
        journal = self.session.journal
        with _few_collections():
            summaries = journal.summaries(Filter(since=self.since, include_drafts=False))
            # What every tab needs, kept small; the year's summaries are let go at once.
            self.ever_completed = journal.count(include_drafts=False)
            self.year_ago = sorted(on_this_day(summaries, self.today),
                                   key=lambda s: s.completed_at or s.started_at)
            self.area_list = area_visits(summaries, [a.id for a in self.session.content.areas])
            self.rhythm = cadence(summaries, self.today)
            self.show_grid(summaries)
            del summaries
        self.show_tab_bar()

    # -- tabs -----------------------------------------------------------------------------

    def show_tab_bar(self) -> None:
        t = self.session.t
        labels = {"focus": t("overtime.tab_focus"), "visits": t("overtime.tab_visits"),
                  "cadence": t("overtime.tab_cadence"),
                  "year": t("overtime.tab_year_some", count=len(self.year_ago))
                  if self.year_ago else t("overtime.tab_year")}
        parts = []
        for number, (tab, label) in enumerate(labels.items(), 1):
            if tab == self.tab:
                parts.append(Content.styled(f"{number} {label}", "bold underline $primary"))
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
        t = self.session.t
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

    # -- focus ----------------------------------------------------------------------------

    def show_grid(self, summaries: list[Summary]) -> None:
        t = self.session.t
        grid = focus_grid(summaries, self.today)
        self.groups = grid_groups(grid, self.session.content, t("overtime.other_values"),
                                  self.earlier_focus(set(grid.cells)))
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
        width = self.size.width - 2 if self.size.width else 80  # the list's padding, scrollbar
        shown = weeks_that_fit(width, len(self.weeks))
        first = len(self.weeks) - shown
        if first == self.grid_first and view.option_count:
            return
        self.grid_first = first
        view.show(self.groups, len(self.weeks), first)
        t = self.session.t
        self.query_one("#focus-ruler", Static).update(
            month_ruler(self.weeks[first:], lambda m: t(f"dates.month_{m}")))

    def on_resize(self) -> None:
        self.fit_grid()

    def earlier_focus(self, in_grid: set[str]) -> list[str]:
        """Values that were a focus before the grid's year (empty rows, still a thread).

        The journal lists every value it has used, drafts included; a value only a
        draft has chosen is not a focus yet, so the draft's values are checked.
        """
        journal = self.session.journal
        _, used = journal.known_ids()
        earlier = used - in_grid
        draft = journal.current_draft()
        for value_id in set(draft.focus_ids if draft is not None else ()) & earlier:
            if not journal.summaries(Filter(value_id=value_id, include_drafts=False)):
                earlier.discard(value_id)
        return sorted(earlier)

    @on(FocusGridView.ValueChosen)
    def open_thread(self, event: FocusGridView.ValueChosen) -> None:
        self.app.push_screen(ThreadScreen(self.session, event.value_id, event.name))

    # -- areas and CHIME ------------------------------------------------------------------

    def show_areas(self) -> None:
        library = self.session.content
        if any(v.last is None for v in self.area_list):  # not in the last year: when, then?
            before = self.session.journal.last_visit_per_area()
            self.area_list = [v if v.last is not None or v.id not in before
                              else Visit(v.id, before[v.id].date(), 0) for v in self.area_list]
        names = {a.id: a.title for a in library.areas}
        rows = [(names[v.id], _count(v.times), self.when(v.last)) for v in self.area_list]
        t = self.session.t
        self.query_one("#areas", Static).update(
            _table(rows, (t("overtime.col_times"), t("overtime.col_last"))))
        self.show_noticing([])

    def show_noticing(self, chime: list[Visit]) -> None:
        """Kind sentences about what has waited a while; never-visited ones as one
        invitation rather than a list of things not done."""
        t = self.session.t
        noticing = self.query_one("#noticing", Static)
        if not self.ever_completed:
            noticing.update(t("overtime.noticing_empty"))
            return
        library = self.session.content
        lines = []
        for visits, names, kind in (
            (self.area_list, {a.id: a.title for a in library.areas}, "area"),
            (chime, {e.id: e.name for e in library.chime}, "chime"),
        ):
            never = []
            for visit in visits:
                if not visit.long_ago(self.today):
                    continue
                name = _lower_first(names[visit.id])
                if kind == "chime":  # names with "og" inside read better as names
                    name = t("overtime.quoted", name=name)
                if visit.last is None:
                    never.append(name)
                else:
                    lines.append(t(f"overtime.{kind}_not_since", name=name,
                                   month=self.month(visit.last)))
            if len(never) > 1 and kind == "area":
                never = [t("overtime.quoted", name=name) for name in never]
            if never:
                lines.append(t(f"overtime.{kind}_never", name=_and(never, t)))
        noticing.update("\n".join(lines) or t("overtime.noticing_none"))

    def show_chime(self, history: list[tuple[date, str, str]]) -> None:
        t = self.session.t
        library = self.session.content
        visits = chime_visits(((day, element) for day, element, _ in history),
                              [e.id for e in library.chime])
        modes = Counter((element, mode) for _, element, mode in history)
        rows = [(e.name, _count(modes[e.id, "present"]), _count(modes[e.id, "missing"]),
                 self.when(v.last)) for e, v in zip(library.chime, visits, strict=True)]
        self.query_one("#chime", Static).update(_table(
            rows, (t("overtime.col_present"), t("overtime.col_missing"), t("overtime.col_last"))))
        self.show_noticing(visits)

    def when(self, day: date | None) -> str:
        t = self.session.t
        if day is None:
            return t("overtime.not_yet")
        return format_date(day, t)

    def month_year(self, day: date) -> str:
        t = self.session.t
        return t("overtime.month_year", month=t(f"dates.month_{day.month}"), year=day.year)

    def month(self, day: date) -> str:
        t = self.session.t
        name = t(f"dates.month_{day.month}")
        if day.year == self.today.year or (self.today - day).days < 300:
            return name
        return self.month_year(day)

    # -- cadence --------------------------------------------------------------------------

    def show_cadence(self) -> None:
        t = self.session.t
        rhythm = self.rhythm
        assert rhythm is not None  # set in on_mount
        counts = [n for _, n in rhythm.per_month]
        labels = [t(f"dates.month_{m.month}")[:3] for m, _ in rhythm.per_month]
        self.query_one("#cadence-chart", Static).update(_bars(counts, labels))
        total = sum(counts)
        if rhythm.run_weeks >= 52:
            run = t("overtime.run_year")
        elif rhythm.run_weeks > 1:
            run = t("overtime.run_many", weeks=rhythm.run_weeks)
        elif rhythm.run_weeks == 1:
            run = t("overtime.run_one")
        else:
            run = t("overtime.run_none") if total else ""
        amount = (t("overtime.total", count=total) if total > 1 else
                  t("overtime.total_one") if total == 1 else t("overtime.total_none"))
        words = [w for w in (run, amount, t("overtime.kind")) if w]
        self.query_one("#cadence-words", Static).update("\n\n".join(words))

    # -- a year ago -----------------------------------------------------------------------

    def show_year(self) -> None:
        t = self.session.t
        intro = self.query_one("#year-intro", Static)
        listing = self.query_one("#year-list", EntryList)
        if not self.year_ago:
            intro.update(t("overtime.year_none"))
            listing.display = False
            return
        intro.update(t("overtime.year_intro", date=format_date(a_year_before(self.today), t)))
        self.fill_year({})

    def fill_year(self, excerpts: dict[int, str]) -> None:
        t = self.session.t
        listing = self.query_one("#year-list", EntryList)
        highlighted = listing.highlighted
        options: list[Option | None] = []
        for summary in self.year_ago:
            when = format_date(summary.completed_at or summary.started_at, t)
            head = Content.styled(f"{when} · {summary.area_title or '–'}", "bold")
            lines = [head]
            if summary.focus:
                values = ", ".join(name for _, name in summary.focus)
                lines.append(Content("  " + t("overtime.year_focus", values=values)))
            if excerpts.get(summary.id):
                quoted = t("overtime.quoted", name=excerpts[summary.id])
                lines.append(Content.styled(_indented(quoted), "italic"))
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

    # -- the worker -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="overtime")
    def read_reflections(self, wanted: list[int]) -> None:
        """CHIME history and the year-ago excerpts need the check-ins' text."""
        from textual.worker import get_current_worker

        worker = get_current_worker()
        history: list[tuple[date, str, str]] = []
        excerpts: dict[int, str] = {}
        wanted_ids = set(wanted)
        for checkin in self.session.journal.iter_checkins(
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
                    yield Static(area.title, classes="hint")
            yield Static(t("overtime.thread_loading"), id="thread-summary", classes="body-text")
        yield EntryList(t, id="thread-list")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.t("overtime.thread_title", name=self.value_name)
        self.query_one("#thread-list", EntryList).display = False
        self.read_thread()

    @work(thread=True, exclusive=True, group="thread")
    def read_thread(self) -> None:
        """The whole journal streams past once (follow-ups live in the next check-in);
        leaving the screen stops it between two check-ins."""
        from textual.worker import get_current_worker

        worker = get_current_worker()

        def until_left() -> Iterator[CheckIn]:
            for checkin in self.session.journal.iter_checkins(Filter(include_drafts=False)):
                if worker.is_cancelled:
                    return
                yield checkin

        entries = value_thread(until_left(), self.value_id)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_thread, entries)

    def show_thread(self, entries: list[ThreadEntry]) -> None:
        if not self.is_mounted:
            return
        t = self.session.t
        self.entries = entries[-THREAD_LIMIT:]
        summary = self.query_one("#thread-summary", Static)
        if not entries:
            summary.update(t("overtime.thread_none", name=self.value_name))
            return
        first = format_date(entries[0].day, t)
        text = (t("overtime.thread_summary", count=len(entries), date=first) if len(entries) > 1
                else t("overtime.thread_summary_one", date=first))
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
            options.append(Option(_thread_entry(entry, t, waiting), id=str(index)))
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


# -- pieces of text ---------------------------------------------------------------------


def _thread_entry(entry: ThreadEntry, t: Strings, waiting: bool = False) -> Content:
    lines = [Content.styled(format_date(entry.day, t), "bold")]
    action = (t("overtime.thread_action", action=entry.action) if entry.action.strip()
              else t("overtime.thread_no_action"))
    lines.append(Content(_indented(action)))
    if entry.follow_up.strip():
        after = t("overtime.thread_follow_up", text=" ".join(entry.follow_up.split()))
    elif waiting:
        after = t("overtime.thread_waiting")
    else:
        after = t("overtime.thread_no_follow_up")
    kept = t("overtime.thread_kept") if entry.kept else ""
    text = _indented(f"{after} {kept}")
    line = Content(text)
    if kept and text.endswith(kept):
        line = line.stylize("$foreground-muted", len(text) - len(kept), len(text))
    lines.append(line)
    return Content("\n").join(lines)


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


def _indented(text: str, width: int = WRAP) -> str:
    """One paragraph wrapped and indented under its heading line (lists cannot indent)."""
    import textwrap

    return "\n".join(textwrap.wrap(" ".join(text.split()), width - 2, initial_indent="  ",
                                    subsequent_indent="  ")) or "  "


def _count(times: int) -> str:
    return str(times) if times else "–"


def _lower_first(name: str) -> str:
    """"Etiske og …" → "etiske og …" inside a sentence; "CHIME" stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def _table(rows: list[tuple[str, ...]], headings: tuple[str, ...]) -> Content:
    """A name column, narrow right-aligned number columns and a date last; no borders."""
    widths = [max(len(h), *(len(r[i + 1]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headings)]
    name_width = min(40, max((len(r[0]) for r in rows), default=0))

    def line(name: str, cells: list[str]) -> str:
        *numbers, last = cells
        return name.ljust(name_width) + "".join(
            f"  {c:>{w}}" for c, w in zip(numbers, widths, strict=False)) + f"   {last}"

    lines = [Content.styled(line("", list(headings)), "$foreground-muted italic")]
    for name, *cells in rows:
        shown = name if len(name) <= name_width else name[: name_width - 1] + "…"
        lines.append(Content(line(shown, cells)))
    return Content("\n").join(lines)


def _and(names: list[str], t: Strings) -> str:
    """"a", "a og b", "a, b og c"."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {t('overtime.and')} {names[-1]}"


def _bars(counts: list[int], labels: list[str]) -> Content:
    """Twelve columns of quiet bars, month names under them and the numbers below."""
    top = max(counts, default=0) or 1
    lines = []
    for level in range(BAR_HEIGHT - 1, -1, -1):
        parts: list[tuple[str, str]] = [("  ", "")]
        for count in counts:
            eighths = 0 if not count else max(1, round(count / top * BAR_HEIGHT * 8))
            block = BLOCKS[max(0, min(8, eighths - level * 8))]
            parts.append((block * 3, "$primary"))
            parts.append(("  ", ""))
        lines.append(Content.assemble(*parts))
    lines.append(Content("  " + "".join(f"{label:<5}" for label in labels)))
    numbers = "".join(f"{(str(n) if n else '·'):^3}  " for n in counts)
    lines.append(Content.styled("  " + numbers, "$foreground-muted"))
    return Content("\n").join(lines)
