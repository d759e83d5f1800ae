"""An option list whose current row carries a mark (``▶``), not a shade alone.

Textual shows the highlighted option by its background; in a list where the highlight
is the choice (CHIME, the method, the area) or where Enter acts (the home menu), a
shade of grey (about 1.6:1 against the rows beside it) is lost with ``NO_COLOR``, in
a monochrome theme, for a person who does not see the difference, and in a plain
screen capture. The mark is a character, so it shows in all of them.

The mark narrows the options by its width, so a long option wraps one or two columns
sooner. Where that matters (the value lists, whose names and meanings should wrap as
they always did, at 60×18 too) give the list ``padding: 0`` in its ``.tcss``: the mark
then stands in the two columns the padding had.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.app import ComposeResult
from textual.strip import Strip
from textual.widgets import OptionList, Select
from textual.widgets._select import SelectCurrent, SelectOverlay, SelectType

MARK = "▶ "
NO_MARK = " " * len(MARK)


def marked_line(options: OptionList, strip: Strip, y: int) -> Strip:
    """Line ``y`` of ``options`` as drawn (``strip``), with the mark before the first
    line of the highlighted option and blanks before every other line."""
    try:
        index, line_offset = options._lines[options.scroll_offset.y + y]
    except IndexError:  # below the last option: a blank line, already full width
        return strip
    here = index == options.highlighted and line_offset == 0
    component = "option-list--option-highlighted" if index == options.highlighted else ""
    style = (options.get_visual_style("option-list--option", component) if component
             else options.get_visual_style("option-list--option")).rich_style
    return Strip([Segment(MARK if here else NO_MARK, style), *strip],
                 strip.cell_length + len(MARK))


class MarkedOptionList(OptionList):
    """An ``OptionList`` drawing ``▶`` before the first line of the highlighted option."""

    def _get_left_gutter_width(self) -> int:
        return len(MARK)  # the options are drawn this much narrower, the mark goes there

    def render_line(self, y: int) -> Strip:
        return marked_line(self, super().render_line(y), y)


class _MarkedSelectOverlay(SelectOverlay):
    """The list a ``Select`` opens, its highlighted option marked as above. The mark
    takes the columns of the options' padding (``MarkedSelect``'s CSS), so a name has
    the width it had (a long one is cut where it was)."""

    def _get_left_gutter_width(self) -> int:
        return len(MARK)

    def render_line(self, y: int) -> Strip:
        return marked_line(self, super().render_line(y), y)


class MarkedSelect(Select[SelectType]):
    """A ``Select`` whose open list marks the option Enter takes (``▶``): Textual's
    shows it by a shade alone. Use it wherever refleks shows a Select."""

    DEFAULT_CSS = """
    MarkedSelect > SelectOverlay > .option-list--option {
        padding: 0;  /* the mark ("▶ ") stands where the padding was */
    }
    """

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield _MarkedSelectOverlay(type_to_search=self._type_to_search).data_bind(
            compact=Select.compact)
