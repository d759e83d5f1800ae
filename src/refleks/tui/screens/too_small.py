"""A friendly word instead of a broken layout when the terminal is too small."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from refleks.tui.session import Session


class TooSmallScreen(Screen[None]):
    DEFAULT_CSS = """
    TooSmallScreen Static { width: auto; max-width: 50; text-align: center; }
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.env = session.env

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(self.env.t("app.too_small"))
