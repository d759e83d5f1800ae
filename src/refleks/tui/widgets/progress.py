"""The progress line of the check-in: "Steg 3 av 7 · Reflekter", with dots for the rest."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class ProgressLine(Static):
    DEFAULT_CSS = """
    ProgressLine { height: 1; padding: 0 1; color: $text-muted; background: $panel; }
    """

    step = reactive(1)
    total = reactive(7)
    label = reactive("")
    caption = reactive("Step {number} of {total}")

    def render(self) -> str:
        dots = "".join("●" if i < self.step else "○" for i in range(self.total))
        head = self.caption.format(number=self.step, total=self.total)
        return f"{dots}  {head} · {self.label}"
