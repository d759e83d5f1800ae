"""Check boxes and radio buttons whose state reads without colour.

Textual draws both states of a toggle as the same glyph (``▐X▌`` / ``▐●▌``) and tells
them apart by colour alone; with ``NO_COLOR``, in a monochrome theme or for a person
who does not see the difference, "off" looks like "on" — a practitioner misread which
value they kept. These draw ``[x]`` / ``[ ]`` and ``(•)`` / ``( )``. Use them wherever
refleks shows a toggle (import them instead of Textual's: same names, same API).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox as _Checkbox
from textual.widgets import RadioButton as _RadioButton

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


class Checkbox(_Checkbox):
    """A check box showing ``[x]`` when ticked and ``[ ]`` when not."""

    DEFAULT_CSS = _CSS.format(name="Checkbox")

    @property
    def _button(self) -> Content:
        return _glyph(self, "[x]", "[ ]")


class RadioButton(_RadioButton):
    """A radio button showing ``(•)`` when chosen and ``( )`` when not."""

    DEFAULT_CSS = _CSS.format(name="RadioButton")

    @property
    def _button(self) -> Content:
        return _glyph(self, "(•)", "( )")
