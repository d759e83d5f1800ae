"""One check-in to read, rendered as the same Markdown the export writes; next and
previous move through the list it was opened from.

The page is one ``EntryView``, drawn line by line: an answer of 1 MB shows as quickly
as a short one (Textual's Markdown widget mounted a widget a paragraph: seconds)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from refleks.errors import RefleksError
from refleks.journal.model import CheckIn
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.journal.deleting import Deletions
from refleks.tui.screens.journal.exporting import Exporter
from refleks.tui.session import Session
from refleks.tui.widgets.entry_view import EntryView


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

    def __init__(self, session: Session, keys: list[int], index: int,
                 search: str = "") -> None:
        """``search``: the words searched for in the browser, marked where they occur."""
        super().__init__(session)
        self.exporter = Exporter(self)
        self.deletions = Deletions(self)
        self.keys = keys
        self.index = index
        self.search = search
        self.checkin: CheckIn | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◇")
        yield EntryView(id="entry")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = self.env.t("journal_view.title")
        self.show()

    def show(self) -> None:
        from refleks.journal.markdown import render_markdown

        self.checkin = self.env.journal.get(self.keys[self.index])
        view = self.query_one("#entry", EntryView)
        if self.checkin is None:
            view.update(self.env.t("journal_view.gone"))
        else:
            source = "".join(render_markdown([self.checkin], self.env.t, self.env.lang,
                                             title=False, content=self.env.content))
            view.update(mark_matches(source, self.search))
        view.focus()
        self.sub_title = f"{self.index + 1} / {len(self.keys)}"
        self.refresh_bindings()
        if self.search.strip():
            # Opened from a search: the first match in view (it may be anywhere: a later
            # note, the fifth answer, the end of a long one), once the page has a width
            self.call_after_refresh(view.scroll_to_first_match)

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

    async def action_resume(self) -> None:
        self.dismiss(None)
        await self.app.run_action("app.checkin")

    def action_note(self) -> None:
        from refleks.tui.screens.note import NoteScreen

        if self.checkin is None or self.checkin.id is None:
            return
        key = self.checkin.id

        def written(text: str | None) -> None:
            if text and text.strip():
                try:
                    self.env.journal.add_later_note(key, text.strip())
                except RefleksError as exc:
                    self.notify(error_text(exc, self.env.t), severity="error",
                                markup=False)
                    return
                self.show()

        from refleks.tui.screens.guard import session_guard

        self.app.push_screen(NoteScreen(self.env.t, session_guard(self.session)), written)

    @work(group="dialogs", exclusive=True)
    async def action_export(self) -> None:
        if self.checkin is not None and self.checkin.id is not None:
            written = self.checkin.completed_at or self.checkin.started_at
            await self.exporter.ask("one", 1, None, [self.checkin.id], day=written.date())

    @work(group="dialogs", exclusive=True)
    async def action_delete(self) -> None:
        if (self.checkin is not None and self.checkin.id is not None
                and await self.deletions.ask(self.checkin.id)):
            self.dismiss(None)  # what it showed is gone: back to the list

    def action_back(self) -> None:
        self.dismiss(None)


def mark_matches(source: str, search: str) -> str:
    """The searched words marked in the entry's Markdown, as the search found them.

    Each word matched as the search does (a case-blind prefix of a word) is wrapped in
    ``~~``, which the reader's stylesheet shows bold and underlined instead of struck
    through. The practitioner's own ``~`` is always escaped by the Markdown writer, so
    ``~~`` here is only ever ours; words never contain Markdown syntax.
    """
    import re

    words = re.findall(r"\w+", search)
    if not words:
        return source
    pattern = re.compile(r"(?<![\w\\])(?:" + "|".join(re.escape(w) for w in words) + r")\w*",
                         re.IGNORECASE)
    return pattern.sub(lambda m: f"~~{m.group(0)}~~", source)
