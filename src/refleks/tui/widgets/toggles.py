"""Check boxes and radio buttons whose state reads without colour.

Textual draws both states of a toggle as the same glyph (``▐X▌`` / ``▐●▌``) and tells
them apart by colour alone (a radio set's highlight, where Enter acts, too); with
``NO_COLOR``, in a monochrome theme or for a person who does not see the difference,
"off" looks like "on" — a practitioner misread which value they kept. These draw
``[x]`` / ``[ ]`` and ``(•)`` / ``( )``, and underline the highlight. Use them wherever
refleks shows a toggle (import them instead of Textual's: same names, same API).

Where the keys go is drawn too, for the same reasons (issue 26: at 60×18 with
``NO_COLOR`` a focused check box looked like any other, and a radio set's highlight was
an underline a plain capture loses): ``▶`` before the focused check box and before the
highlighted button of a focused radio set, the mark the app's lists give their current
row, and two spaces in its place otherwise, so nothing moves as the focus does.
"""

from __future__ import annotations

from textual import events, on
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Checkbox as _Checkbox
from textual.widgets import RadioButton as _RadioButton
from textual.widgets import RadioSet as _RadioSet

from refleks.tui.widgets.marked_list import MARK, NO_MARK

_CSS = """
{name} > .toggle--button {{
    color: $foreground;
    background: $panel;
}}
{name}.-on > .toggle--button {{
    color: $text-success;
    text-style: bold;
}}
{name}:ansi > .toggle--button {{
    text-style: not dim;
}}
"""


def _glyph(widget: _Checkbox | _RadioButton, on: str, off: str) -> Content:
    """The state as a glyph in the button's style."""
    return Content.styled(on if widget.value else off, widget.get_visual_style("toggle--button"))


def _marked(content: Content, here: bool) -> Content:
    """``content`` after the mark (``here``: the keys act on this toggle) or blanks."""
    return Content.assemble(MARK if here else NO_MARK, content)


class Checkbox(_Checkbox):
    """A check box showing ``[x]`` when ticked and ``[ ]`` when not."""

    DEFAULT_CSS = _CSS.format(name="Checkbox")

    @property
    def _button(self) -> Content:
        return _glyph(self, "[x]", "[ ]")

    def render(self) -> Content:
        return _marked(super().render(), self.has_focus)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return super().get_content_width(container, viewport) + len(MARK)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line, as Textual's, unless the style lets the label wrap (the export
        dialog's team parts in their half-width columns, cut to "Answers to the ref")."""
        if self.styles.text_wrap != "wrap":
            return 1
        return max(1, len(self.render().wrap(width)))


class RadioButton(_RadioButton):
    """A radio button showing ``(•)`` when chosen and ``( )`` when not."""

    DEFAULT_CSS = _CSS.format(name="RadioButton")

    @property
    def _button(self) -> Content:
        return _glyph(self, "(•)", "( )")

    def render(self) -> Content:
        """Marked while it is the highlighted button (Textual's ``-selected``) of a set
        that has the focus: where Enter and space act."""
        here = self.has_class("-selected") and isinstance(self.parent, _RadioSet) \
            and self.parent.has_focus
        return _marked(super().render(), here)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return super().get_content_width(container, viewport) + len(MARK)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line, as Textual's, unless the style lets the label wrap (the export
        dialog's formats at 60 columns, which a "…" cut to "for sup…")."""
        if self.styles.text_wrap != "wrap":
            return 1
        return max(1, len(self.render().wrap(width)))


class RadioSet(_RadioSet):
    """A radio set whose highlight (where Enter and space act) starts on the chosen
    button and is underlined and marked (``▶``, by the button), so it shows without
    colour.

    Textual's starts on the first button: in settings, with English chosen, "up" and
    Enter to choose Norsk bokmål went round to English again, and nothing showed why.
    """

    DEFAULT_CSS = """
    RadioSet:focus > RadioButton.-selected > .toggle--label {
        text-style: bold underline;
    }
    """

    @on(events.Mount)
    def start_on_the_chosen(self) -> None:
        self.call_later(self._highlight_pressed)  # after Textual's own start on the first

    def _highlight_pressed(self) -> None:
        buttons = list(self.query(_RadioButton))
        if self.pressed_button in buttons:
            self._selected = buttons.index(self.pressed_button)

    def watch__selected(self) -> None:
        super().watch__selected()
        self._redraw_buttons()

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._redraw_buttons()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._redraw_buttons()

    def _redraw_buttons(self) -> None:
        """The mark follows the highlight and the focus; the buttons draw it."""
        for button in self.query(_RadioButton):
            button.refresh()


class ChoosingRadioSet(RadioSet):
    """A radio set where the highlight is the choice: the arrow keys choose as they
    move, as the area, CHIME and method lists do. For a choice that is never harmful
    to change (the export's format); moving with ↓ to HTML and going on must not leave
    Markdown chosen behind an underline."""

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose_highlighted()

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose_highlighted()

    def _choose_highlighted(self) -> None:
        buttons = list(self.query(_RadioButton))
        if self._selected is not None and not buttons[self._selected].value:
            buttons[self._selected].value = True  # the set unchooses the other
