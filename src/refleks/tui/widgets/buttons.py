"""A button whose focus reads without colour: ``[ Skriv om ]`` has it, ``Behold`` not.

Textual shows the focused button by reverse video or a brighter background only. With
``NO_COLOR`` (the app then keeps to the terminal's own colours), in a monochrome theme,
in a plain screen capture or for a person who does not see the difference, the guard's
"Skriv om" and "Behold" looked alike, and Enter chose whichever had the focus. This one
draws brackets around the label while it has the focus, and two spaces in their place
while it has not, so the button's width stays the same as the focus moves and nothing
beside it shifts. Use it wherever refleks shows a button (import it instead of
Textual's: same name, same API, the same ``Button.Pressed``).
"""

from __future__ import annotations

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Button as _Button

OPEN, CLOSE = "[ ", " ]"
BLANK = " " * len(OPEN)


class Button(_Button):
    """A ``Button`` whose label stands in brackets while it has the focus."""

    def on_mount(self) -> None:
        self.styles.line_pad = 0  # the spaces beside the brackets are the padding (CSS
        # takes no 0 for line-pad)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        label_width = super().get_content_width(container, viewport) - 2  # Textual's pad
        return label_width + len(OPEN) + len(CLOSE)

    def render(self) -> RenderResult:
        label = super().render()
        assert isinstance(label, Content)
        if self.has_focus:
            return Content.assemble(OPEN, label, CLOSE)
        return Content.assemble(BLANK, label, BLANK)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self.refresh()
