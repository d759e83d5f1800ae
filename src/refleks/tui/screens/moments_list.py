"""The moments noted between check-ins, in the journal: listed, searched, read, deleted.

Reached from the journal browser (``m``). Each moment has its own marker (◆) so it
reads as a note in passing, not a check-in. ``/`` searches the words, the value
selector narrows to one value, Enter reads a moment, ``d`` deletes one (after asking,
with a backup first), and ``u`` brings the last deleted one back while refleks is open.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from refleks.content.model import Content as Library
from refleks.content.ui import Strings
from refleks.dates import format_datetime
from refleks.errors import RefleksError
from refleks.journal.moments import Moment, MomentFilter
from refleks.journal.moments_text import render_moment, tags_line
from refleks.safe_text import visible
from refleks.textfit import fit
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.journal.exporting import Exporter
from refleks.tui.session import Session
from refleks.tui.widgets.marked_list import MarkedOptionList, MarkedSelect
from refleks.tui.widgets.plain_markdown import PlainMarkdown

MARKER = "◆"
TEXT_WIDTH = 72


def moment_option(moment: Moment, t: Strings, width: int = TEXT_WIDTH,
                  names: Library | None = None) -> Content:
    """``◆ 25 November 2026 at 14:05 · Values: Trust`` over the first words written.

    The words are cut to one line of ``width`` cells, so a long moment never wraps
    into a ragged second line in a list. The tags are named as ``names`` (the content
    in ``t``'s language) names them now.
    """
    tags = tags_line(moment, t, names)
    head = Content.assemble((f"{MARKER} ", "$accent"),
                            (format_datetime(moment.created_at, t), "bold"),
                            (f" · {tags}" if tags else "", "$foreground-muted"))
    text = fit(" ".join(visible(moment.text).split()), max(10, width - 2)).rstrip()
    return Content("\n").join([head, Content("  " + text)])


class MomentViewScreen(SessionScreen):
    """One moment, as the export writes it."""

    BINDINGS = [Binding("escape", "back", "keys.back")]

    def __init__(self, session: Session, moment: Moment) -> None:
        super().__init__(session)
        self.moment = moment

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◇")
        with VerticalScroll():
            yield PlainMarkdown(visible(render_moment(self.moment, self.env.t, level=2,
                                                      content=self.env.content)),
                           id="moment-view")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.env.t("moment_view.list_title")

    def action_back(self) -> None:
        self.dismiss(None)


class MomentsScreen(SessionScreen):
    BINDINGS = [
        Binding("escape", "back", "keys.back"),
        Binding("slash", "search", "keys.search"),
        Binding("e", "export", "keys.export"),
        Binding("d", "delete", "keys.delete"),
        Binding("u", "undo", "keys.undo"),
    ]
    CSS_PATH = "moments_list.tcss"

    def __init__(self, session: Session, start: MomentFilter | None = None) -> None:
        """``start``: the journal's filters, carried over so the same search finds both."""
        super().__init__(session)
        self.exporter = Exporter(self)
        self.moments: list[Moment] = []
        self.start = start or MomentFilter()

    def compose(self) -> ComposeResult:
        t = self.env.t
        content = self.env.content
        yield Header(show_clock=False, icon="◇")
        with Horizontal(id="moments-bar"):
            yield Input(self.start.search or "", placeholder=t("moment_view.search"),
                        id="moments-search")
            values = [(Content(v.name), v.id) for a in content.areas for v in a.values]
            known = self.start.value_id in {i for _, i in values}
            yield MarkedSelect(values, prompt=t("moment_view.any_value"), id="moments-value",
                               value=self.start.value_id if known else Select.NULL)
        yield Static("", id="moments-status")
        yield MarkedOptionList(id="moments-list")  # the current row marked, not shaded
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.env.t("moment_view.list_title")
        self.refill()
        self.query_one("#moments-list", OptionList).focus()

    def selection(self) -> MomentFilter:
        search = self.query_one("#moments-search", Input).value.strip()
        value = self.query_one("#moments-value", Select).value
        return MomentFilter(since=self.start.since, until=self.start.until,
                            value_id=value if isinstance(value, str) else None,
                            search=search or None)

    def refill(self) -> None:
        t = self.env.t
        try:
            self.moments = self.env.journal.moments.select(self.selection())
        except RefleksError as exc:
            self.notify(error_text(exc, t), severity="error")
            self.moments = []
        listing = self.query_one("#moments-list", OptionList)
        listing.clear_options()
        options: list[Option | None] = []
        width = min(TEXT_WIDTH, self.app.size.width - 8)  # borders, padding, scrollbar
        for moment in self.moments:
            if options:
                options.append(None)
            options.append(Option(moment_option(moment, t, width, self.env.content),
                                  id=moment.uid))
        listing.add_options(options)
        if self.moments:
            listing.highlighted = 0
        status = (t.count("moments.count", len(self.moments)) if self.moments
                  else self.none_found())
        if self.start.since or self.start.until:  # the journal's dates, carried over
            since, until = self.start.since, self.start.until
            status += "  ·  " + t("moment_view.period", period=t(
                "journal_view.f_dates", since=since.isoformat() if since else "…",
                until=until.isoformat() if until else "…"))
        self.query_one("#moments-status", Static).update(status)
        self.refresh_bindings()  # export and delete only name themselves over moments

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers only what does something here: export and delete need a
        moment listed, undo one deleted (an empty list offered all three)."""
        if action in ("export", "delete"):
            return bool(self.moments)
        if action == "undo":
            return bool(self.ui.deleted_moments)
        return True

    def none_found(self) -> str:
        """What an empty list says: with a value or words chosen it names what to widen
        ("No moments here" read as if none had been noted at all)."""
        t = self.env.t
        chosen = self.selection()
        narrowed = {(True, False): "value", (False, True): "search",
                    (True, True): "both"}.get((bool(chosen.value_id), bool(chosen.search)))
        if narrowed is None:
            return t("moment_view.none")
        return t(f"moment_view.none_match_{narrowed}", any_value=t("moment_view.any_value"))

    @on(Input.Changed, "#moments-search")
    @on(Select.Changed, "#moments-value")
    def narrowed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#moments-search")
    def search_done(self) -> None:
        self.query_one("#moments-list", OptionList).focus()

    def action_search(self) -> None:
        self.query_one("#moments-search", Input).focus()

    def current(self) -> Moment | None:
        option = self.query_one("#moments-list", OptionList).highlighted_option
        return next((m for m in self.moments if option and m.uid == option.id), None)

    @on(OptionList.OptionSelected, "#moments-list")
    def open_moment(self) -> None:
        moment = self.current()
        if moment is not None:
            self.app.push_screen(MomentViewScreen(self.session, moment))

    @work(group="dialogs", exclusive=True)
    async def action_export(self) -> None:
        """The moments listed (searched, narrowed) as Markdown, the HTML pack or JSON:
        the telling moments of a month, to bring to supervision."""
        if not self.moments:
            self.notify(self.none_found())
            return
        chosen = sorted(self.moments, key=lambda m: m.created_at)
        await self.exporter.ask("moments", len(chosen), None, None, moments=chosen)

    def action_delete(self) -> None:
        """Asked once (a moment is a line, not a week); a backup is taken first."""
        from refleks.tui.screens.confirm import ConfirmScreen

        journal, t = self.env.journal, self.env.t
        moment = self.current()
        if moment is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                gone = journal.moments.delete(moment.uid)
            except RefleksError as exc:
                self.notify(error_text(exc, t), severity="error")
                return
            self.ui.deleted_moments.append(gone)
            self.notify(t("moment_view.deleted"), timeout=8)
            self.refill()

        self.app.push_screen(ConfirmScreen(t, t("moment_view.delete_one"),
                                           t("journal_view.delete_yes"),
                                           t("journal_view.delete_no"), careful=True),
                             answered)

    def action_undo(self) -> None:
        deleted, t = self.ui.deleted_moments, self.env.t
        if not deleted:
            self.notify(t("journal_view.nothing_to_undo"))
            return
        moment = deleted.pop()
        try:
            self.env.journal.moments.restore(moment)
        except RefleksError as exc:
            deleted.append(moment)
            self.notify(error_text(exc, t), severity="error")
            return
        self.notify(t("moment_view.restored"))
        self.refill()

    def action_back(self) -> None:
        self.dismiss(None)
