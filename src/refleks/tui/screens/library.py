"""The library: everything in the content, to browse and search, each item with its source.

From a value, ``f`` makes it a focus: the App opens the check-in at the focus step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Input, Markdown, Tree
from textual.widgets.tree import TreeNode

from refleks.content.credit import REFLEKS, chime_label, credit, title_credit
from refleks.content.model import Collection, Content, Question
from refleks.content.ui import Strings
from refleks.journal.markdown_text import block, emphasis, escape_inline, heading
from refleks.tui.screens.base import SessionScreen
from refleks.tui.session import Session
from refleks.tui.widgets.marked_list import cursor_mark
from refleks.tui.widgets.plain_markdown import PlainMarkdown


@dataclass(frozen=True)
class Entry:
    """One readable thing in the library: its tree label (plain text), its page
    (Markdown, the content's words escaped in it), and its searchable text."""

    kind: str  # value | area | quality | chime | method | dilemma | collection | guide
    id: str
    label: str
    page: str

    @property
    def haystack(self) -> str:
        # the page as read, not as written: the escapes' backslashes are no words
        return f"{self.label}\n{self.page}".replace("\\", "").lower()


# The content's words go into a page as the text they are, never as Markdown: a team's
# folder can hold ``[a link](https://…)``, which the page would offer to open, or a
# ``#`` that would make a heading (journal.markdown_text, as for the journal's text).
def _line(text: str) -> str:
    return escape_inline(text)


def _bold(text: str) -> str:
    return f"**{escape_inline(text)}**"


def _credit_line(text: str) -> str:
    return f"\n\n{emphasis(text)}"


def _items(content: Content, t: Strings, c: Collection) -> str:
    """A collection's items; an item whose text or title has another author than the
    collection says so beside it, so nothing refleks wrote sits under a document's name."""
    own = credit(content, t, c.source)
    lines = []
    for i in c.items:
        text_by = credit(content, t, i.source or c.source)
        title_by = credit(content, t, i.title_source or i.source or c.source)
        title = ""
        if i.title:
            title = _bold(i.title)
            if title_by != text_by and title_by != own:
                title += f" ({emphasis(title_by)})"
            title += ": "
        line = "- " + title + _line(i.text) + (f" — {emphasis(i.remedy)}" if i.remedy else "")
        if text_by != own:
            line += f" ({emphasis(text_by)})"
        lines.append(line)
    return "\n".join(lines)


def _questions(content: Content, t: Strings, questions: tuple[Question, ...],
               inherited: str) -> str:
    """Each question with its own credit; a hint by another hand gets its own."""
    blocks = []
    for q in questions:
        said = credit(content, t, q.source or inherited, q.adapted_from)
        hint_by = credit(content, t, q.hint_source or q.source or inherited)
        entry = _bold(q.text)
        if q.hint and hint_by != said:
            entry += _credit_line(said) + f"\n\n{block(q.hint)}" + _credit_line(hint_by)
        else:
            entry += (f"\n\n{block(q.hint)}" if q.hint else "") + _credit_line(said)
        blocks.append(entry)
    return "\n\n".join(blocks)


def library_sections(content: Content, t: Strings) -> Iterator[tuple[str, list[Entry]]]:
    """The library's sections in reading order, each a list of entries (pure data)."""

    def by(source: str, adapted_from: str = "") -> str:
        return _credit_line(credit(content, t, source, adapted_from))

    def title(text: str) -> str:
        return heading(1, text)

    guide = content.guide
    about = [
        Entry("guide", "intro", guide.intro_title,
              f"{title(guide.intro_title)}\n\n{block(guide.intro)}\n\n"
              f"{block(guide.not_a_test)}" + by(guide.source)),
        Entry("guide", "howto", guide.howto.title,
              f"{title(guide.howto.title)}\n\n" + "\n\n".join(
                  f"{_bold(f'{i}. {s.title}')} — {_line(s.text)}"
                  for i, s in enumerate(guide.howto.steps, 1))
              + by(guide.howto.source)),
        Entry("guide", "way_forward", guide.way_forward.title,
              f"{title(guide.way_forward.title)}\n\n{block(guide.way_forward.intro)}\n\n"
              + "\n\n".join(f"{_bold(s.title)} — {_line(s.text)}"
                             for s in guide.way_forward.steps)
              + f"\n\n{block(guide.way_forward.closing)}"
              + by(guide.way_forward.source)),
    ]
    yield t("library.about"), about
    yield guide.qualities_title, [
        Entry("quality", q.id, q.name, f"{title(q.name)}\n\n{block(q.meaning)}\n\n"
              f"{block(guide.qualities_intro)}" + by(q.source))
        for q in guide.qualities
    ]
    for area in content.areas:
        pillars = [v for v in area.values if v.pillar]
        pillar_names = ", ".join(v.name for v in pillars)
        pillar_line = (f"\n\n**{t('library.pillars')}:** {_line(pillar_names)}"
                       if pillars else "")
        entries = [Entry("area", area.id, t("library.area_intro"),
                         f"{title(area.title)}\n\n{block(area.intro)}{pillar_line}"
                         + by(area.source))]
        entries += [
            Entry("value", v.id, f"{v.name} ◆" if v.pillar else v.name,
                  f"{title(v.name)}\n\n{block(v.meaning)}"
                  # a note by another hand follows the meaning's own credit, so the
                  # document is never credited with refleks's words (nor the reverse)
                  + (by(v.source or area.source) + f"\n\n{block(v.note)}"
                     + by(v.note_by) if v.note else "")
                  + f"\n\n{emphasis(area.title)}\n\n"
                  + (f"◆ {_line(t('library.pillar', pillars=pillar_names))}\n\n"
                     if v.pillar else "")
                  + t("library.make_focus_hint")
                  + ("" if v.note else by(v.source or area.source)))
            for v in area.values
        ]
        entries.append(Entry("questions", f"{area.id}.questions",
                             t("library.questions"),
                             f"{title(area.title)}\n\n"
                             + _questions(content, t, area.questions, area.source)))
        if area.examples:
            examples = "\n".join(
                f"- {_line(e.text)}" + ("" if (e.source or area.source) == area.source
                                        else f" ({emphasis(credit(content, t, e.source))})")
                for e in area.examples)
            entries.append(Entry("examples", f"{area.id}.examples",
                                 t("library.examples"),
                                 f"{title(area.title)}\n\n{block(area.examples_intro)}"
                                 f"\n\n{examples}" + by(area.source)))
        entries += [
            Entry("dilemma", d.id, d.title, f"{title(d.title)}\n\n{block(d.text)}"
                  + by(d.source or area.source)
                  + (f"\n\n{_bold(d.follow_up)}"
                     + by(d.follow_up_source or d.source or area.source)
                     if d.follow_up else ""))
            for d in area.dilemmas
        ]
        yield f"{area.number}. {area.title}", entries
    chime = [Entry("chime", "chime", t("library.chime_about"),
                   f"# CHIME\n\n{block(content.chime_intro)}"
                   + (by(REFLEKS, content.chime_intro_adapted_from)
                      if content.chime_intro_adapted_from else by(content.chime_source)))]
    for e in content.chime:
        needs = "\n".join(f"- {_line(n)}" for n in e.needs)
        label = chime_label(e)
        chime.append(Entry(
            "chime", e.id, label,
            f"{title(label)}\n\n{block(e.description)}" + by(e.description_source or e.source)
            + f"\n\n{needs}" + by(e.needs_source or e.source)
            + f"\n\n## {t('library.reflect')}\n\n"
            + _questions(content, t, e.questions, e.source),
        ))
    yield "CHIME", chime
    methods = [Entry("methods", "methods", t("library.methods_about"),
                     block(content.methods_intro) + by(content.methods_source))]
    for m in content.methods:
        points = "\n".join(f"- {_bold(p.title)}: {_line(p.text)}" for p in m.points)
        methods.append(Entry("method", m.id, f"{m.number}. {m.title}",
                             f"{title(f'{m.number}. {m.title}')}\n\n{_bold(m.prompt)}"
                             + by(m.prompt_by) + f"\n\n{block(m.summary)}\n\n{points}"
                             + by(m.source)))
    yield t("library.methods"), methods
    collections = []
    for c in content.collections:
        title_source = c.title_source or c.source
        head = title(c.title)
        if credit(content, t, title_source) != credit(content, t, c.source):
            head += "\n\n" + emphasis(title_credit(content, t, title_source))
        intro = ""
        if c.intro:
            intro = block(c.intro)
            if c.intro_source and c.intro_source != c.source:
                intro += by(c.intro_source)
            intro += "\n\n"
        collections.append(Entry("collection", c.id, c.title,
                                 f"{head}\n\n{intro}{_items(content, t, c)}"
                                 + by(c.source)))
    yield t("library.collections"), collections


class LibraryTree(Tree[Entry]):
    """The library's contents; a label longer than the tree ends in "…", never mid-word
    without a sign (the full title heads the page beside it).

    The row under the cursor, whose page is shown beside, carries the mark the app's
    other lists use (``▶``; ``▷`` while the keys go elsewhere), so it shows without
    colour; a section is ``+`` when closed and ``−`` when open (Textual's ``▶``/``▼``
    made every closed section look current). On the current section the mark takes
    the place of ``+``/``−``: whether it is open shows in the rows below it."""

    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "− "

    def process_label(self, label: str | Text) -> Text:
        """A label as the text it is: ``Tree`` reads a string as console markup, and a
        team's folder can name a value ``[@click=app.quit]…`` or ``[link=…]``."""
        return super().process_label(Text(label) if isinstance(label, str) else label)

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        text = super().render_label(node, base_style, style)
        if node is self.cursor_node:
            icon = len(self.ICON_NODE) if node.allow_expand else 0
            text = Text.assemble((cursor_mark(self.has_focus), base_style), text[icon:])
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        guides = max(0, depth - (0 if self.show_root else 1)) * self.guide_depth
        room = self.scrollable_content_region.width - guides
        if 0 < room < text.cell_len:
            text.truncate(room, overflow="ellipsis")
        return text


class LibraryScreen(SessionScreen):
    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("escape", "back", "keys.back_home"),
        Binding("slash", "search", "keys.search"),
        Binding("f", "make_focus", "keys.make_focus"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.sections = list(library_sections(self.env.content, self.env.t))

    def compose(self) -> ComposeResult:
        t = self.env.t
        yield Header(show_clock=False, icon="◇")
        with Vertical():
            yield Input(placeholder=t("library.search"), id="library-search")
            with Horizontal():
                tree = LibraryTree(t("library.title"), id="library-tree")
                tree.show_root = False  # the screen's title already says "Library"
                tree.guide_depth = 3
                yield tree
                yield PlainMarkdown(id="library-page")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.env.t("library.title")
        self.fill("")
        tree = self.query_one("#library-tree", Tree)
        tree.focus()

    def fill(self, query: str) -> None:
        needle = query.strip().lower()
        tree: Tree[Entry] = self.query_one("#library-tree", Tree)
        tree.clear()
        tree.root.expand()
        first: TreeNode[Entry] | None = None
        top: TreeNode[Entry] | None = None
        for title, entries in self.sections:
            matching = [e for e in entries if not needle or needle in e.haystack]
            if not matching:
                continue
            branch = tree.root.add(title, data=entries[0], expand=bool(needle))
            top = top or branch
            for entry in matching:
                leaf = branch.add_leaf(entry.label, data=entry)
                first = first or leaf
        # the cursor (and its mark) on the row whose page is shown, once the rows exist
        current = first if needle else top
        if current is not None:
            self.call_after_refresh(tree.move_cursor, current)
        if needle and first is not None:
            self.show(first.data)
        elif not needle:
            self.show(self.sections[0][1][0])
        else:
            self.query_one("#library-page", Markdown).update(
                self.env.t("library.nothing_found", query=escape_inline(query))
            )

    def show(self, entry: Entry | None) -> None:
        if entry is not None:
            self.query_one("#library-page", Markdown).update(entry.page)

    @on(Tree.NodeHighlighted, "#library-tree")
    def highlighted(self, event: Tree.NodeHighlighted[Entry]) -> None:
        self.show(event.node.data)

    @on(Input.Changed, "#library-search")
    def searched(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#library-search")
    def search_done(self) -> None:
        self.query_one("#library-tree", Tree).focus()

    def action_search(self) -> None:
        self.query_one("#library-search", Input).focus()

    def action_back(self) -> None:
        search = self.query_one("#library-search", Input)
        if search.has_focus and search.value:
            search.value = ""
            return
        self.dismiss(None)

    async def action_make_focus(self) -> None:
        node = self.query_one("#library-tree", Tree).cursor_node
        entry = node.data if node is not None else None
        if entry is None or entry.kind != "value":
            self.notify(self.env.t("library.not_a_value"))
            return
        self.dismiss(None)
        await self.app.run_action(f"app.checkin({entry.id!r})")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "make_focus":
            trees = self.query("#library-tree")
            if not trees:
                return True
            node = trees.first(Tree).cursor_node
            return bool(node is not None and node.data is not None and node.data.kind == "value")
        return True

    @on(Tree.NodeHighlighted)
    def update_keys(self) -> None:
        self.refresh_bindings()
