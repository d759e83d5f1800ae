"""An option list whose current row carries a mark (``▶``), not a shade alone.

Textual shows the highlighted option by its background; in a list where the highlight
is the choice (CHIME, the method, the area) or where Enter acts (the home menu), a
shade of grey (about 1.6:1 against the rows beside it) is lost with ``NO_COLOR``, in
a monochrome theme, for a person who does not see the difference, and in a plain
screen capture. The mark is a character, so it shows in all of them.

The mark is hollow (``▷``) while the keys go elsewhere (issue 26: the moment dialog's
values kept ``▶`` while CHIME had the focus, so the mark said where the cursor was but
not where the keys went); a list steered by a field (the values' filter, whose Enter
ticks the marked value) keeps ``▶`` while that field has the focus. Same width, so
nothing moves.

The mark narrows the options by its width, so a long option wraps one or two columns
sooner. Where that matters (the value lists, whose names and meanings should wrap as
they always did, at 60×18 too) give the list ``padding: 0`` in its ``.tcss``: the mark
then stands in the two columns the padding had.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual import events
from textual.app import ComposeResult, RenderResult
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, Select
from textual.widgets._select import SelectCurrent, SelectOverlay, SelectType

from refleks.tui.widgets.buttons import CLOSE, OPEN

MARK = "▶ "
AWAY = "▷ "  # the current row of a list the keys do not go to
NO_MARK = " " * len(MARK)


def cursor_mark(keys_here: bool) -> str:
    """The current row's mark: ``▶`` where the keys go, ``▷`` where they do not."""
    return MARK if keys_here else AWAY


def marked_line(options: OptionList, strip: Strip, y: int, keys_here: bool | None = None) -> Strip:
    """Line ``y`` of ``options`` as drawn (``strip``), with the mark before the first
    line of the highlighted option and blanks before every other line. ``keys_here``:
    whether the keys act on the list (by default, whether it has the focus)."""
    try:
        index, line_offset = options._lines[options.scroll_offset.y + y]
    except IndexError:  # below the last option: a blank line, already full width
        return strip
    here = index == options.highlighted and line_offset == 0
    component = "option-list--option-highlighted" if index == options.highlighted else ""
    style = (options.get_visual_style("option-list--option", component) if component
             else options.get_visual_style("option-list--option")).rich_style
    mark = cursor_mark(options.has_focus if keys_here is None else keys_here)
    return Strip([Segment(mark if here else NO_MARK, style), *strip],
                 strip.cell_length + len(MARK))


class MarkedOptionList(OptionList):
    """An ``OptionList`` drawing ``▶`` before the first line of the highlighted option
    (``▷`` while the keys go elsewhere).

    ``steered_by``: the id of a field whose keys act on the highlighted option (the
    values' filter: Enter there ticks it); while it has the focus the mark stays full.
    """

    def __init__(self, *content: Any, steered_by: str | None = None, **options: Any) -> None:
        super().__init__(*content, **options)
        self.steered_by = steered_by

    def _get_left_gutter_width(self) -> int:
        return len(MARK)  # the options are drawn this much narrower, the mark goes there

    def on_mount(self) -> None:
        if self.steered_by is not None:
            self.watch(self.screen, "focused", self._focus_moved, init=False)

    def _focus_moved(self) -> None:
        self.refresh()

    @property
    def keys_here(self) -> bool:
        """Whether the keys act on the highlighted option: the list has the focus, or
        the field that steers it has."""
        if self.has_focus:
            return True
        focused = self.screen.focused if self.is_attached else None
        return focused is not None and self.steered_by is not None \
            and focused.id == self.steered_by

    def render_line(self, y: int) -> Strip:
        return marked_line(self, super().render_line(y), y, self.keys_here)


class _MarkedSelectOverlay(SelectOverlay):
    """The list a ``Select`` opens, its highlighted option marked as above. The mark
    takes the columns of the options' padding (``MarkedSelect``'s CSS), so a name has
    the width it had (a long one is cut where it was)."""

    def _get_left_gutter_width(self) -> int:
        return len(MARK)

    def render_line(self, y: int) -> Strip:
        return marked_line(self, super().render_line(y), y)


class _Bracket(Widget):
    """One side of the brackets a focused ``MarkedSelect`` stands in, as a button's
    label does (``[ Any value ▼ ]``); blanks of the same width while it has not the
    focus. As wide as its CSS says: ``[ `` / `` ]`` in two columns, ``[`` / ``]`` in
    one (where the select had one column of padding, the journal's filters)."""

    DEFAULT_CSS = """
    _Bracket { width: 2; height: 1; background: transparent; }
    """

    def __init__(self, side: str) -> None:
        super().__init__(classes="select-bracket")
        self.side = side
        self.shown = False

    def render(self) -> RenderResult:
        width = self.size.width
        if not self.shown:
            return " " * width
        return self.side[:width] if self.side == OPEN else self.side[-width:]


class _MarkedSelectCurrent(SelectCurrent):
    """The closed select's line, between the two brackets."""

    def compose(self) -> ComposeResult:
        yield _Bracket(OPEN)
        yield from super().compose()
        yield _Bracket(CLOSE)


class MarkedSelect(Select[SelectType]):
    """A ``Select`` whose open list marks the option Enter takes (``▶``): Textual's
    shows it by a shade alone. Closed, it stands in brackets while it has the focus,
    as a button does: Textual shows that by a border's colour alone, the same as
    unfocused with ``NO_COLOR`` (issue 26). The brackets take the columns of the
    line's padding, so nothing moves. Use it wherever refleks shows a Select."""

    DEFAULT_CSS = """
    MarkedSelect > SelectOverlay > .option-list--option {
        padding: 0;  /* the mark ("▶ ") stands where the padding was */
    }
    MarkedSelect > SelectCurrent {
        padding: 0;  /* the brackets ("[ ", " ]") stand where the padding was */
    }
    """

    def compose(self) -> ComposeResult:
        yield _MarkedSelectCurrent(self.prompt)
        yield _MarkedSelectOverlay(type_to_search=self._type_to_search).data_bind(
            compact=Select.compact)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._bracket()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._bracket()

    def _bracket(self) -> None:
        """Brackets while the keys come here (not while the open list has them: its
        mark shows where they go then)."""
        for bracket in self.query(_Bracket):
            bracket.shown = self.has_focus
            bracket.refresh()
