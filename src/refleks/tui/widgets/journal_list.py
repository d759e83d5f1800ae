"""A list of check-ins that draws only the lines in view (Textual's line API).

A DataTable builds every row up front — seconds for 5,000 check-ins. Here a row is
formatted the moment it scrolls into view, so opening the journal costs the same
with fifty check-ins or fifty thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from refleks.tui.widgets.marked_list import MARK, NO_MARK, cursor_mark

RowType = TypeVar("RowType")
CHOSEN = "✓"  # the gutter's second column: a row marked (for export)
GUTTER = len(MARK)  # the columns start after it (a heading above them too)
Cells = tuple[str | Text, ...]


class JournalList(ScrollView, Generic[RowType], can_focus=True):
    """Rows of cells in fixed-width columns (the last takes the rest), with a cursor."""

    DEFAULT_CSS = """
    JournalList { height: 1fr; }
    JournalList > .journal-list--cursor { background: $accent 30%; text-style: bold; }
    JournalList:focus > .journal-list--cursor { background: $accent 60%; }
    """
    COMPONENT_CLASSES = {"journal-list--cursor"}
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    @dataclass
    class Selected(Message):
        """Enter (or a double click) on a row."""

        journal_list: JournalList[Any]
        index: int

        @property
        def control(self) -> JournalList[Any]:
            return self.journal_list

    def __init__(self, widths: Sequence[int], cells: Callable[[RowType], Cells],
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.widths = tuple(widths)
        self.cells = cells  # how one row becomes its cells; called only for rows in view
        self.rows: Sequence[RowType] = ()
        self._cache: dict[int, Cells] = {}
        # Whether a row is marked (the journal's rows to export): a tick in the gutter.
        self.is_marked: Callable[[RowType], bool] = lambda row: False

    # -- data ------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[RowType], *, keep_cursor: bool = True) -> None:
        self.rows = rows
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(rows))
        cursor = self.cursor if keep_cursor else 0
        self.cursor = max(0, min(cursor, len(rows) - 1))
        self.scroll_to_cursor()
        self.refresh()

    def row_cells(self, index: int) -> Cells:
        found = self._cache.get(index)
        if found is None:
            found = self.cells(self.rows[index])
            if len(self._cache) > 2_000:
                self._cache.clear()
            self._cache[index] = found
        return found

    def plain_rows(self) -> list[list[str]]:
        """Every row's text (for tests and accessibility; formats all rows)."""
        return [[c.plain if isinstance(c, Text) else c for c in self.row_cells(i)]
                for i in range(len(self.rows))]

    @property
    def current(self) -> RowType | None:
        return self.rows[self.cursor] if self.rows else None

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("journal-list--cursor")
        # the current row is marked, not shaded alone (NO_COLOR, a plain capture)
        # hollow (▷) while the keys go elsewhere (the search, the entry beside)
        gutter = cursor_mark(self.has_focus) if index == self.cursor else NO_MARK
        if self.is_marked(self.rows[index]):
            gutter = gutter[0] + CHOSEN
        segments: list[Segment] = [Segment(gutter)]
        used = GUTTER
        cells = self.row_cells(index)
        for column, cell in enumerate(cells):
            last = column == len(cells) - 1
            room = max(0, width - used) if last else self.widths[column]
            text = cell.copy() if isinstance(cell, Text) else Text(cell)
            text.truncate(max(0, room - 1), overflow="ellipsis")
            text.pad_right(room - text.cell_len)
            segments.extend(text.render(self.app.console))
            used += room
        strip = Strip(segments).apply_style(style)
        return strip.crop_extend(0, width, style)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))

    # -- moving ----------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()

    def scroll_to_cursor(self) -> None:
        top = self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))
            self.scroll_to_cursor()

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_edge(self, end: int) -> None:
        self.move_to(len(self.rows) - 1 if end else 0)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.rows):
            self.move_to(index)
            if event.chain >= 2:
                self.post_message(self.Selected(self, index))
