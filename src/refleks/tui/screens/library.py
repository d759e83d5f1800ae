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

from refleks.content.model import Content
from refleks.content.ui import Strings
from refleks.tui.screens.base import SessionScreen
from refleks.tui.session import Session


@dataclass(frozen=True)
class Entry:
    """One readable thing in the library: its tree label, its page, and its searchable text."""

    kind: str  # value | area | quality | chime | method | dilemma | collection | guide
    id: str
    label: str
    page: str

    @property
    def haystack(self) -> str:
        return f"{self.label}\n{self.page}".lower()


def _source_line(content: Content, source: str, label: str) -> str:
    return f"\n\n*{label}: {content.source_title(source)}*"


def library_sections(content: Content, t: Strings) -> Iterator[tuple[str, list[Entry]]]:
    """The library's sections in reading order, each a list of entries (pure data)."""
    src = t("library.source")
    guide = content.guide
    about = [
        Entry("guide", "intro", guide.intro_title,
              f"# {guide.intro_title}\n\n{guide.intro}\n\n{guide.not_a_test}"
              + _source_line(content, guide.source, src)),
        Entry("guide", "howto", guide.howto.title,
              f"# {guide.howto.title}\n\n" + "\n\n".join(
                  f"**{i}. {s.title}** — {s.text}" for i, s in enumerate(guide.howto.steps, 1))
              + _source_line(content, guide.howto.source, src)),
        Entry("guide", "way_forward", guide.way_forward.title,
              f"# {guide.way_forward.title}\n\n{guide.way_forward.intro}\n\n" + "\n\n".join(
                  f"**{s.title}** — {s.text}" for s in guide.way_forward.steps)
              + f"\n\n{guide.way_forward.closing}"
              + _source_line(content, guide.way_forward.source, src)),
    ]
    yield t("library.about"), about
    yield guide.qualities_title, [
        Entry("quality", q.id, q.name, f"# {q.name}\n\n{q.meaning}\n\n{guide.qualities_intro}"
              + _source_line(content, q.source, src))
        for q in guide.qualities
    ]
    for area in content.areas:
        entries = [Entry("area", area.id, t("library.area_intro"),
                         f"# {area.title}\n\n{area.intro}"
                         + _source_line(content, area.source, src))]
        entries += [
            Entry("value", v.id, v.name,
                  f"# {v.name}\n\n{v.meaning}\n\n*{area.title}*\n\n"
                  + t("library.make_focus_hint")
                  + _source_line(content, v.source, src))
            for v in area.values
        ]
        questions = "\n\n".join(
            f"**{q.text}**" + (f"\n\n{q.hint}" if q.hint else "") for q in area.questions
        )
        entries.append(Entry("questions", f"{area.id}.questions",
                             t("library.questions"),
                             f"# {area.title}\n\n{questions}"
                             + _source_line(content, area.questions[0].source, src)))
        if area.examples:
            examples = "\n".join(f"- {e.text}" for e in area.examples)
            entries.append(Entry("examples", f"{area.id}.examples",
                                 t("library.examples"),
                                 f"# {area.title}\n\n{area.examples_intro}\n\n{examples}"
                                 + _source_line(content, area.source, src)))
        entries += [
            Entry("dilemma", d.id, d.title, f"# {d.title}\n\n{d.text}"
                  + _source_line(content, d.source, src))
            for d in area.dilemmas
        ]
        yield f"{area.number}. {area.title}", entries
    chime = [Entry("chime", "chime", t("library.chime_about"),
                   f"# CHIME\n\n{content.chime_intro}"
                   + _source_line(content, content.chime_source, src))]
    for e in content.chime:
        needs = "\n".join(f"- {n}" for n in e.needs)
        questions = "\n".join(f"- {q.text}" for q in e.questions)
        chime.append(Entry(
            "chime", e.id, f"{e.name} ({e.model_name})",
            f"# {e.name} ({e.model_name})\n\n{e.description}"
            + _source_line(content, e.description_source, src)
            + f"\n\n{needs}" + _source_line(content, e.needs_source, src)
            + f"\n\n## {t('library.reflect')}\n\n{questions}",
        ))
    yield "CHIME", chime
    methods = [Entry("methods", "methods", t("library.methods_about"),
                     f"{content.methods_intro}"
                     + _source_line(content, content.methods_source, src))]
    for m in content.methods:
        points = "\n".join(f"- **{p.title}**: {p.text}" for p in m.points)
        methods.append(Entry("method", m.id, f"{m.number}. {m.title}",
                             f"# {m.number}. {m.title}\n\n**{m.prompt}**\n\n{m.summary}\n\n"
                             f"{points}" + _source_line(content, m.source, src)))
    yield t("library.methods"), methods
    collections = []
    for c in content.collections:
        items = "\n".join(
            "- " + (f"**{i.title}**: " if i.title else "") + i.text
            + (f" — *{i.remedy}*" if i.remedy else "")
            for i in c.items
        )
        intro = f"{c.intro}\n\n" if c.intro else ""
        collections.append(Entry("collection", c.id, c.title,
                                 f"# {c.title}\n\n{intro}{items}"
                                 + _source_line(content, c.source, src)))
    yield t("library.collections"), collections


class LibraryTree(Tree[Entry]):
    """The library's contents; a label longer than the tree ends in "…", never mid-word
    without a sign (the full title heads the page beside it)."""

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        text = super().render_label(node, base_style, style)
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
        self.sections = list(library_sections(session.content, session.t))

    def compose(self) -> ComposeResult:
        t = self.session.t
        yield Header(show_clock=False, icon="◇")
        with Vertical():
            yield Input(placeholder=t("library.search"), id="library-search")
            with Horizontal():
                tree = LibraryTree(t("library.title"), id="library-tree")
                tree.show_root = False  # the screen's title already says "Library"
                tree.guide_depth = 3
                yield tree
                yield Markdown(id="library-page")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.session.t("library.title")
        self.fill("")
        tree = self.query_one("#library-tree", Tree)
        tree.focus()

    def fill(self, query: str) -> None:
        needle = query.strip().lower()
        tree: Tree[Entry] = self.query_one("#library-tree", Tree)
        tree.clear()
        tree.root.expand()
        first: TreeNode[Entry] | None = None
        for title, entries in self.sections:
            matching = [e for e in entries if not needle or needle in e.haystack]
            if not matching:
                continue
            branch = tree.root.add(title, data=entries[0], expand=bool(needle))
            for entry in matching:
                leaf = branch.add_leaf(entry.label, data=entry)
                first = first or leaf
        if needle and first is not None:
            self.show(first.data)
        elif not needle:
            self.show(self.sections[0][1][0])
        else:
            self.query_one("#library-page", Markdown).update(
                self.session.t("library.nothing_found", query=query)
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
            self.notify(self.session.t("library.not_a_value"))
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
