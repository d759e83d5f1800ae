"""One check-in to read, rendered as the same Markdown the export writes; next and
previous move through the list it was opened from."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Markdown
from textual.widgets.markdown import MarkdownBlock

from refleks.errors import RefleksError
from refleks.journal.model import CheckIn
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import SessionScreen
from refleks.tui.screens.journal.deleting import Deletions
from refleks.tui.screens.journal.exporting import Exporter
from refleks.tui.session import Session
from refleks.tui.widgets.plain_markdown import PlainMarkdown


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
        with VerticalScroll(id="entry-scroll"):
            yield PlainMarkdown(id="entry")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.title = self.env.t("journal_view.title")
        self.show()

    def show(self) -> None:
        from refleks.journal.markdown import render_markdown

        self.checkin = self.env.journal.get(self.keys[self.index])
        view = self.query_one("#entry", Markdown)
        if self.checkin is None:
            updated = view.update(self.env.t("journal_view.gone"))
        else:
            source = "".join(render_markdown([self.checkin], self.env.t, self.env.lang,
                                             title=False, content=self.env.content))
            updated = view.update(mark_matches(source, self.search))
        scroll = self.query_one("#entry-scroll", VerticalScroll)
        scroll.scroll_home(animate=False)
        scroll.focus()
        self.sub_title = f"{self.index + 1} / {len(self.keys)}"
        self.refresh_bindings()
        if self.search.strip():
            self.call_later(self._first_match_once_shown, updated)

    async def _first_match_once_shown(self, updated: AwaitComplete) -> None:
        """Opened from a search: the first match in view, once the page is laid out.
        It may be anywhere (a later note, the fifth answer, the end of a long one), and
        an entry opened at its top left the person to hunt for what they searched."""
        await updated
        self.call_after_refresh(self.scroll_to_first_match)

    def scroll_to_first_match(self) -> None:
        """The first marked word about a third of the way down the view (the lines
        before it give its context), or the top when it is in the first screen."""
        view = self.query_one("#entry", Markdown)
        line = next((n for n, text in enumerate(view.source.splitlines()) if "~~" in text),
                    None)
        if line is None:
            return
        # the innermost block holding that line (a list before its items, in DOM order)
        holding = [b for b in view.query(MarkdownBlock)
                   if b.source_range[0] <= line < b.source_range[1]]
        if not holding:
            return
        block = holding[-1]
        scroll = self.query_one("#entry-scroll", VerticalScroll)
        on_screen = block.content_region.y + marked_row(block)
        target = scroll.scroll_y + on_screen - scroll.content_region.y
        scroll.scroll_to(y=max(0, target - scroll.content_region.height // 3), animate=False)

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


def marked_row(block: MarkdownBlock) -> int:
    """Which of ``block``'s lines, as wrapped on screen, holds its first marked word
    (``mark_matches``' ``~~``, drawn with the ``s`` style); 0 when not known."""
    content = block.content
    width = block.content_region.width
    if not isinstance(content, Content) or width <= 0:
        return 0
    for row, line in enumerate(content.wrap(width)):
        if any(span.style == ".s" for span in line.spans):
            return row
    return 0


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
