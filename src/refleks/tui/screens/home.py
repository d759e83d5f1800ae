"""Home: when you last reflected, whether one is due, your current focus, and where to go."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from refleks.content.names import shown_name
from refleks.dates import format_date, format_weekday_date
from refleks.journal.model import CheckIn
from refleks.tui.i18n import translate_bindings
from refleks.tui.screens.base import SessionScreen
from refleks.tui.widgets.marked_list import MarkedOptionList

# The menu, each entry beside its key: (the app action it starts, its key, its text).
# Nine keys do not fit a footer (at 60 columns it ended "s Innstillinge", with no q or
# ?; at 80 it left out m and t), so each key is shown where its entry is, and the
# footer keeps quit and help, which every screen names.
MENU = (
    ("checkin", "n", "home.start"),
    ("moment", "m", "moment_view.menu"),
    ("journal", "j", "home.journal"),
    ("overtime", "o", "home.overtime"),
    ("library", "l", "home.library"),
    ("team", "t", "team.home_menu"),
    ("settings", "s", "home.settings"),
    ("help", "?", "home.help"),
    ("quit", "q", "home.quit"),
)


class HomeScreen(SessionScreen):
    BINDINGS = [
        *(Binding(key, f"app.{action}", text, show=False)
          for action, key, text in MENU if action not in ("help", "quit")),
        Binding("q", "app.quit", "keys.quit"),
    ]


    def compose(self) -> ComposeResult:
        t = self.env.t
        journal = self.env.journal
        draft = journal.current_draft()
        last = journal.latest()
        yield Header(show_clock=False, icon="◇")
        with Horizontal(id="home-body"):
            with VerticalScroll(id="home-status"):
                returning = last is not None or draft is not None
                greeting = "home.greeting" if returning else "home.hello"
                yield Static(t(greeting), classes="screen-title")
                yield Static(self._status_text(last), id="status", classes="body-text")
                if draft is not None:
                    when = format_date(draft.updated_at or draft.started_at, t)
                    yield Static(t("home.draft", date=when), id="draft-note", classes="body-text")
                # counted, not read: home is built again after every dialog
                waiting = journal.moments.count(after=last.completed_at if last else None)
                if waiting:  # noted since the last check-in: the next one offers them
                    yield Static(t.count("moment_view.waiting", waiting), id="moments-note",
                                 classes="body-text")
                if last is not None and last.focus:
                    # Names in the language in use; the content is read for them only
                    # when the check-in was written in another (home stays quick).
                    library = self.env.content if last.lang != self.env.lang else None
                    yield Static(t("home.focus_title"), classes="section-title")
                    for focus in last.focus:
                        action = focus.action or t("home.no_action")
                        name = shown_name(library, "value", focus.value_id, focus.value_name)
                        yield Static(  # stored text: shown as text, never as markup
                            Content.assemble((name, "bold"), f" — {action}"),
                            classes="focus-line")
                    if last.method_title:
                        method = shown_name(library, "method", last.method_id,
                                            last.method_title)
                        yield Static(Content(t("home.method", method=method)),
                                     classes="focus-line")
            resume = draft is not None
            yield MarkedOptionList(
                *(Option(Content.assemble((key, "bold"), "  ", t(
                    "home.resume" if action == "checkin" and resume else text)), id=action)
                  for action, key, text in MENU),
                id="home-menu",
            )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "refleks"
        self.sub_title = self.env.t("home.subtitle")
        self.focus_menu()

    def _status_text(self, last: CheckIn | None) -> str:
        from refleks.insights import status

        t = self.env.t
        state = status(last, self.ui.current_time(), self.env.settings.cadence_days)
        if state.last is None:
            return t("home.first_time")
        text = t("home.last", date=format_weekday_date(state.last, t))
        if state.is_due:
            return f"{text} {t('home.due_now')}"
        days = state.days_until or 0
        when = t.count("home.next_in", days, days=days)
        return f"{text} {when}"

    @on(OptionList.OptionSelected, "#home-menu")
    async def choose(self, event: OptionList.OptionSelected) -> None:
        """Each menu entry is named for the app action it starts (help and quit too)."""
        if event.option.id is not None:
            await self.app.run_action(f"app.{event.option.id}")

    async def returned(self) -> None:
        """Back from a check-in, the journal or a dialog: show what changed."""
        translate_bindings(self, self.env.t)  # the language may have changed
        self.sub_title = self.env.t("home.subtitle")
        await self.recompose()
        self.refresh_bindings()
        self.focus_menu()

    def focus_menu(self) -> None:
        menu = self.query_one("#home-menu", OptionList)
        menu.highlighted = 0
        menu.focus()

