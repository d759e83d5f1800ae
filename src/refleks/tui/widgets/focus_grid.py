"""The focus grid: one row per value, one character per week, grouped by area.

52 weeks fit in 52 columns beside a 19-character name and a count, so a whole year
reads at 80 columns; the list scrolls vertically and draws only the rows in view.
Enter (or a click) on a value says so with ``FocusGridView.ValueChosen``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from rich.segment import Segment
from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from refleks.content.ui import Strings
from refleks.insights import GridGroup, GridRow
from refleks.textfit import fit
from refleks.tui.i18n import translate_bindings
from refleks.tui.widgets.marked_list import cursor_mark

NAME_WIDTH = 19
INDENT = 2  # the first column holds the mark (▶) of the row under the cursor
COUNT_WIDTH = 4
FOCUS, EMPTY = "●", "·"

def row_content(row: GridRow, weeks: int, first: int = 0) -> Content:
    """``  Tillit              ··●●·····●…  12`` with the focus weeks coloured; columns
    ``first`` to ``weeks - 1`` (a narrow terminal shows the latest weeks)."""
    parts: list[tuple[str, str]] = [(" " * INDENT + fit(row.name, NAME_WIDTH) + " ", "")]
    run_start, filled = first, first in row.columns
    for column in range(first + 1, weeks + 1):
        now = column in row.columns if column < weeks else not filled
        if now != filled:
            mark = FOCUS if filled else EMPTY
            parts.append((mark * (column - run_start), "$primary" if filled else "$foreground 35%"))
            run_start, filled = column, now
    count = str(row.count) if row.count else ""
    parts.append((count.rjust(COUNT_WIDTH), "$foreground-muted"))
    return Content.assemble(*parts)


def weeks_that_fit(width: int, weeks: int) -> int:
    """How many week columns a list ``width`` cells wide can show beside name and count."""
    return max(1, min(weeks, width - (INDENT + NAME_WIDTH + 1) - COUNT_WIDTH))


def month_ruler(weeks: Sequence[date], month_name: Callable[[int], str]) -> str:
    """Three-letter month names above the first week of each month, where they fit."""
    starts = [i for i in range(1, len(weeks)) if weeks[i].month != weeks[i - 1].month]
    if weeks and (not starts or starts[0] >= 4):
        starts.insert(0, 0)
    line = [" "] * len(weeks)
    free_from = 0
    for column in starts:
        label = month_name(weeks[column].month)[:3]
        if column < free_from or column + len(label) > len(weeks):
            continue
        line[column:column + len(label)] = label
        free_from = column + len(label) + 1
    return " " * (INDENT + NAME_WIDTH + 1) + "".join(line)


class FocusGridView(OptionList):
    """The grid as a list: area headings (not selectable) and a row per value.

    The row under the cursor, which Enter opens, carries the mark (``▶``; ``▷`` while
    the keys go elsewhere) in its first column: its shade alone was lost without colour
    (``NO_COLOR``, a plain capture).
    The list has no padding of its own (``overtime.tcss``), so the rows, the headings
    and the month ruler above keep their columns.
    """

    BINDINGS = [Binding("enter", "select", "overtime.key_thread")]

    class ValueChosen(Message):
        def __init__(self, value_id: str, name: str) -> None:
            super().__init__()
            self.value_id = value_id
            self.name = name

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self, t)
        self.names: dict[str, str] = {}

    def show(self, groups: Sequence[GridGroup], weeks: int, first: int = 0) -> None:
        """Fill the list (again, after a resize), keeping the row the cursor is on."""
        chosen = self.highlighted_option.id if self.highlighted_option is not None else None
        options: list[Option] = []
        self.names = {}
        for group in groups:
            options.append(Option(Content.styled(" " * (INDENT - 1) + group.title, "bold"),
                                  disabled=True))
            for row in group.rows:
                options.append(Option(row_content(row, weeks, first), id=row.value_id))
                self.names[row.value_id] = row.name
        self.clear_options()
        self.add_options(options)
        if chosen is not None:
            self.highlighted = self.get_option_index(chosen)
        elif options:
            self.highlighted = 1

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
        except IndexError:  # below the last row: a blank line
            return strip
        if index != self.highlighted or line_offset != 0:
            return strip
        style = self.get_visual_style("option-list--option",
                                      "option-list--option-highlighted").rich_style
        return Strip([Segment(cursor_mark(self.has_focus).strip(), style), *strip.crop(1)],
                     strip.cell_length)

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value_id = event.option.id
        if value_id is not None:
            self.post_message(self.ValueChosen(value_id, self.names.get(value_id, value_id)))

    @on(OptionList.OptionHighlighted)
    def keep_heading_in_view(self, event: OptionList.OptionHighlighted) -> None:
        """Moving up onto the first value of an area shows the area's heading too."""
        index = event.option_index
        if index > 0 and self.get_option_at_index(index - 1).disabled:
            self.scroll_to_region(Region(0, index - 1, self.scrollable_content_region.width, 2),
                                  animate=False, force=True, immediate=True)
