"""The check-in's moments as one list that draws only the lines in view.

Each moment is a few lines: when it was noted (and its tags), its text as written, and
"[ ] Come back to this one". The moments step first built these as widgets, ten a
moment with the three answer editors; a thousand moments since the last check-in took
two minutes to draw and a key four seconds. Here a moment is wrapped into lines of
text once for the width it is shown at, and drawn only while it is in view, so the step
opens as quickly with ten thousand moments as with three. The step mounts the editors
once, for the moment under the cursor.

Everything shown is plain text put into segments, never markup: a moment's text is the
journal's data.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from refleks.tui.widgets.line_breaks import line_breaks
from refleks.tui.widgets.marked_list import MARK, NO_MARK, cursor_mark

INDENT = "  "  # the moment's text and its tick, under its heading
TICKED, UNTICKED = "[x]", "[ ]"  # as the app's check boxes draw them (widgets.toggles)


def wrapped(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken between words (a word
    longer than a line is cut), each line break of the text kept."""
    return [text[start:end] for start, end in line_breaks(text, width)]


@dataclass(frozen=True)
class Shown:
    """One moment as the list shows it: its heading and its text, as plain text."""

    heading: str
    text: str


class MomentList(ScrollView, can_focus=True):
    """Moments, each with its tick; up and down move between them, space or Enter
    ticks the one under the cursor ("come back to this one")."""

    DEFAULT_CSS = """
    MomentList { height: 1fr; }
    MomentList > .moment-list--heading { color: $text-muted; }
    MomentList > .moment-list--tick { color: $foreground; }
    MomentList > .moment-list--ticked { color: $text-success; text-style: bold; }
    MomentList > .moment-list--cursor { background: $accent 20%; }
    MomentList:focus > .moment-list--cursor { background: $accent 40%; }
    """
    COMPONENT_CLASSES = {"moment-list--heading", "moment-list--tick", "moment-list--ticked",
                         "moment-list--cursor"}
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("space,enter", "tick", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor is on another moment."""

        moment_list: MomentList
        index: int

    @dataclass
    class Toggled(Message):
        """Space, Enter or a click on the tick: the moment's tick is to change."""

        moment_list: MomentList
        index: int

    def __init__(self, moments: Sequence[Shown], ticked: Callable[[int], bool], tick_label: str,
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.moments = moments
        self.ticked = ticked  # asked while drawing, so the tick is always the flow's
        self.tick_label = tick_label
        self._width = 0
        self._lines: list[tuple[list[str], list[str]]] = []  # heading's and text's lines
        self._starts: list[int] = [0]  # first line of each moment, and the end

    # -- lines -----------------------------------------------------------------------------

    def _lay_out(self, width: int) -> None:
        """Wrap every moment for ``width`` columns: the only work that grows with the
        number of moments, and a short line takes the quick path."""
        if width <= len(MARK) + len(INDENT) or (
                width == self._width and len(self._lines) == len(self.moments)):
            return  # not laid out yet (no width), or already for this width
        self._width = width
        room = max(1, width - len(MARK))
        text_room = max(1, room - len(INDENT))
        self._lines = [(wrapped(m.heading, room), wrapped(m.text, text_room))
                       for m in self.moments]
        starts = [0]
        for heading, text in self._lines:  # heading, text, the tick, a blank line
            starts.append(starts[-1] + 2 + len(heading) + len(text))
        self._starts = starts
        self.virtual_size = Size(width, starts[-1])

    def moment_at(self, line: int) -> int | None:
        """Which moment the ``line``-th line of the whole list belongs to."""
        if not self.moments or not 0 <= line < self._starts[-1]:
            return None
        return bisect_right(self._starts, line) - 1

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out(self.text_width)
        self.scroll_to_cursor()

    def on_mount(self) -> None:
        self._lay_out(self.text_width)

    @property
    def text_width(self) -> int:
        """The columns the text is drawn in: without the scrollbar, which comes when the
        list shrinks (while a moment is written about) and took a word's last letters."""
        return self.scrollable_content_region.width

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        self._lay_out(width)
        base = self.rich_style
        line = self.scroll_offset.y + y
        index = self.moment_at(line)
        if index is None:
            return Strip.blank(width, base)
        heading, text = self._lines[index]
        row = line - self._starts[index]
        current = index == self.cursor
        style = base + self.get_component_rich_style("moment-list--cursor") if current else base
        if row == self._starts[index + 1] - self._starts[index] - 1:
            return Strip.blank(width, base)  # the blank line after each moment
        # before the moment under the cursor, so it shows without colour; hollow (▷)
        # while the keys go to the editors below
        gutter = cursor_mark(self.has_focus) if current and row == 0 else NO_MARK
        segments = [Segment(gutter, style)]
        if row < len(heading):
            segments.append(Segment(heading[row], style + self._rich("heading")))
        elif row - len(heading) < len(text):
            segments.append(Segment(INDENT + text[row - len(heading)], style))
        else:
            ticked = self.ticked(index)
            glyph = self._rich("ticked" if ticked else "tick")
            segments += [Segment(INDENT), Segment(TICKED if ticked else UNTICKED, style + glyph),
                         Segment(f" {self.tick_label}", style)]
        return Strip(segments).crop_extend(0, width, style)

    def _rich(self, part: str) -> Style:
        return self.get_component_rich_style(f"moment-list--{part}", partial=True)

    # -- moving ----------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        self.post_message(self.Highlighted(self, new))

    def scroll_to_cursor(self) -> None:
        """The whole moment in view, or at least its top when it is longer than that."""
        if not self.moments or len(self._starts) <= self.cursor + 1:
            return
        top, end = self._starts[self.cursor], self._starts[self.cursor + 1] - 1
        height = max(1, self.scrollable_content_region.height)
        shown = self.scroll_offset.y
        if top < shown or end - top > height:
            self.scroll_to(y=top, animate=False)
        elif end > shown + height:
            self.scroll_to(y=end - height, animate=False)

    def move_to(self, index: int) -> None:
        if self.moments:
            self.cursor = max(0, min(index, len(self.moments) - 1))
            self.scroll_to_cursor()

    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        """About a screen's worth of moments on (at least one)."""
        height = max(1, self.scrollable_content_region.height)
        index = self.cursor
        target = self._starts[index] + direction * height
        found = self.moment_at(max(0, min(target, self._starts[-1] - 1)))
        self.move_to(found if found is not None and found != index else index + direction)

    def action_edge(self, end: int) -> None:
        self.move_to(len(self.moments) - 1 if end else 0)

    def action_tick(self) -> None:
        if self.moments:
            self.post_message(self.Toggled(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to the moment; on its tick it also ticks it."""
        line = self.scroll_offset.y + event.y
        index = self.moment_at(line)
        if index is None:
            return
        self.move_to(index)
        if line == self._starts[index + 1] - 2:
            self.post_message(self.Toggled(self, index))
