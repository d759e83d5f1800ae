"""A check-in to read, as the export's Markdown, drawn as lines of one scrolling widget.

Textual's Markdown widget mounts a widget for every block: an answer of 1 MB became
about 2,000 of them, took seconds to show and a focus change restyled them all. Here the
Markdown is parsed once (the same parser, without linkify: ``plain_markdown``) into
blocks of styled text, each block is broken into lines for the width it is shown at
(the plain text only, so quickly), and a line is styled and drawn only while it is in
view. What the export writes reads as before: headings, paragraphs, lists, quotes,
emphasis, and the searched words (``~~…~~``) bold and underlined, never struck through.

The text is data: it is put into segments as text, never parsed as markup, and any
link Markdown could make of it is dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from markdown_it.token import Token
from rich.cells import cell_len
from rich.segment import Segment
from textual import events
from textual.content import Content, Span
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from refleks.tui.widgets.line_breaks import line_breaks
from refleks.tui.widgets.plain_markdown import data_parser

MARK = "bold underline"  # a searched word, as the reader's stylesheet showed it
INLINE = {"em": "italic", "strong": "bold", "s": MARK}


@dataclass
class Block:
    """One block of the page: its text with inline styles, and how it is set."""

    text: Content
    kind: str = "paragraph"  # paragraph, heading, code, rule
    level: int = 0  # a heading's level
    first: str = ""  # before its first line (a list's bullet, a quote's bar)
    rest: str = ""  # before each further line (the bullet's width, the bar)
    gap: int = 1  # blank lines before it (none between the items of a tight list)
    lines: list[tuple[int, int]] = field(default_factory=list)  # [start, end) per line


def inline_content(children: list[Token]) -> Content:
    """The inline tokens of a block as text with spans: emphasis, strong, the searched
    words; code as text; a link's text without its link; a line break kept."""
    parts: list[str] = []
    spans: list[Span] = []
    open_at: dict[str, list[int]] = {}
    length = 0
    for token in children:
        kind = token.type
        if kind in ("text", "code_inline", "html_inline"):
            text = token.content
        elif kind == "softbreak":
            text = " "
        elif kind == "hardbreak":
            text = "\n"
        elif kind == "image":
            text = token.content or ""
        elif kind.endswith("_open") and kind[:-5] in INLINE:
            open_at.setdefault(kind[:-5], []).append(length)
            continue
        elif kind.endswith("_close") and open_at.get(kind[:-6]):
            start = open_at[kind[:-6]].pop()
            if length > start:
                spans.append(Span(start, length, INLINE[kind[:-6]]))
            continue
        else:
            continue
        parts.append(text)
        length += len(text)
    return Content("".join(parts), spans)


def page_blocks(source: str) -> list[Block]:
    """The Markdown's blocks, in order, as the page shows them."""
    blocks: list[Block] = []
    lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
    quotes = 0
    item = False  # the next block is a list item's first
    tight = False  # its paragraph is hidden: a tight list, items line after line
    fresh = False  # the list just began
    heading = 0
    for token in data_parser().parse(source):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append([int(token.attrs.get("start", 1) or 1)] if kind[0] == "o" else [])
            fresh = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item = True
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "paragraph_open":
            tight = token.hidden
        elif kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind in ("inline", "fence", "code_block", "hr"):
            bar = "▌ " * quotes
            indent = "  " * max(0, len(lists) - 1)
            first = rest = bar + indent + ("  " if lists else "")
            gap = 0 if (item and tight and not fresh) or not blocks else 1
            if item and lists:
                numbers = lists[-1]
                bullet = f"{numbers[0]}. " if numbers else "• "
                if numbers:
                    numbers[0] += 1
                first = bar + indent + bullet
                rest = bar + indent + " " * len(bullet)
                item = fresh = False
            if kind == "inline":
                blocks.append(Block(inline_content(token.children or []),
                                    "heading" if heading else "paragraph", heading,
                                    first, rest, gap))
            elif kind == "hr":
                blocks.append(Block(Content(""), "rule", 0, first, rest, gap))
            else:
                blocks.append(Block(Content(token.content.rstrip("\n")), "code", 0,
                                    first + "  ", rest + "  ", gap))
    return blocks


class EntryView(ScrollView, can_focus=True):
    """A Markdown page drawn line by line; only the lines in view are styled."""

    DEFAULT_CSS = """
    EntryView { height: 1fr; padding: 0 1; }
    EntryView > .entry-view--heading { color: $primary; text-style: bold; }
    EntryView > .entry-view--title { color: $primary; text-style: bold underline; }
    EntryView > .entry-view--code { background: $boost; }
    EntryView > .entry-view--rule { color: $primary 50%; }
    EntryView > .entry-view--mark { text-style: bold underline; background: $accent 40%; }
    """
    COMPONENT_CLASSES = {"entry-view--heading", "entry-view--title", "entry-view--code",
                         "entry-view--rule", "entry-view--mark"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""
        self.blocks: list[Block] = []
        self._width = 0
        self._starts: list[int] = [0]  # where each block begins (its gap first), the end
        # asked to show the first match before the view had a size: done on its resize
        self._match_wanted = False
        self._match_tries = 0

    def update(self, source: str) -> None:
        """Show ``source``, the export's Markdown, from its top."""
        self.source = source
        self._match_tries = 0
        self.blocks = page_blocks(source)
        self._width = 0
        self._lay_out(self.scrollable_content_region.width)
        self.scroll_to(0, 0, animate=False)
        self.refresh()

    # -- lines -----------------------------------------------------------------------------

    def _lay_out(self, width: int) -> None:
        if width <= 0 or width == self._width:
            return
        self._width = width
        starts = [0]
        for block in self.blocks:
            room = width - cell_len(block.rest)
            block.lines = ([(0, 0)] if block.kind == "rule"
                           else line_breaks(block.text.plain, room))
            starts.append(starts[-1] + block.gap + len(block.lines))
        self._starts = starts
        self.virtual_size = Size(width, starts[-1])

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(self.scrollable_content_region.width)
        if self._match_wanted:  # once the new size is the view's own, not before
            self.call_after_refresh(self.scroll_to_first_match)

    def block_at(self, line: int) -> tuple[int, int] | None:
        """(block, its line) shown at ``line`` of the page; None on a blank line."""
        if not self.blocks or not 0 <= line < self._starts[-1]:
            return None
        index = bisect_right(self._starts, line) - 1
        row = line - self._starts[index] - self.blocks[index].gap
        return (index, row) if row >= 0 else None

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        self._lay_out(width)
        base = self.visual_style
        found = self.block_at(self.scroll_offset.y + y)
        if found is None:
            return Strip.blank(width, base.rich_style)
        index, row = found
        block = self.blocks[index]
        style = base
        if block.kind in ("heading", "code", "rule"):
            part = "title" if block.kind == "heading" and block.level <= 2 else block.kind
            style = base + self.get_visual_style(f"entry-view--{part}")
        prefix = block.first if row == 0 else block.rest
        if block.kind == "rule":
            text = Content("─" * max(0, width - cell_len(prefix)))
        else:
            start, end = block.lines[row]
            text = block.text[start:end]
            if any(span.style == MARK for span in text.spans):  # on a tint, from the CSS
                mark = self.get_visual_style("entry-view--mark")
                text = Content(text.plain, [Span(s.start, s.end, mark if s.style == MARK
                                                 else s.style) for s in text.spans])
        segments = [Segment(prefix, base.rich_style), *text.render_segments(style)]
        return Strip(segments).crop_extend(0, width, base.rich_style)

    def action_scroll_home(self) -> None:
        """Home and End jump: animated across a long answer, its end showed after a
        second of scrolling through text no one reads on the way."""
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

    # -- the searched words ----------------------------------------------------------------

    def first_marked_line(self) -> int | None:
        """The page's line that holds the first searched word (``~~…~~``), if any."""
        self._lay_out(self.scrollable_content_region.width)
        for index, block in enumerate(self.blocks):
            marked = next((s.start for s in block.text.spans if s.style == MARK), None)
            if marked is None:
                continue
            row = next((n for n, (_, end) in enumerate(block.lines) if marked < end),
                       len(block.lines) - 1)
            return self._starts[index] + block.gap + row
        return None

    def first_line_of(self, words: str) -> int:
        """The page's line where the first block holding ``words`` begins (or 0)."""
        self._lay_out(self.scrollable_content_region.width)
        for index, block in enumerate(self.blocks):
            if words in block.text.plain:
                return self._starts[index] + block.gap
        return 0

    def scroll_to_first_match(self) -> None:
        """The first searched word about a third of the way down the view (the lines
        before it give its context), or the top when it is in the first screen.

        Before the view has a size its lines cannot be counted and any scroll is held
        at the top: then it is done when the view is given its size (on a busy machine
        the screen's first refresh can come before its layout)."""
        region = self.scrollable_content_region
        self._match_wanted = region.width <= 0 or region.height <= 0
        if self._match_wanted:
            return
        line = self.first_marked_line()
        if line is None:
            return
        target = max(0, line - region.height // 3)
        self.scroll_to(y=target, animate=False)
        # Until its layout has caught up with the new size the view holds the scroll at
        # its old limit; then it is tried again after the next refresh (a few times).
        reachable = min(target, max(0, self.virtual_size.height - region.height))
        if self.scroll_offset.y < reachable and self._match_tries < 20:
            self._match_tries += 1
            self.call_after_refresh(self.scroll_to_first_match)
