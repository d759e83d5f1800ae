"""The team session: one screen, a step widget per module (``refleks team``)."""

from refleks.tui.screens.team.screen import TeamScreen

__all__ = ["TeamScreen"]
