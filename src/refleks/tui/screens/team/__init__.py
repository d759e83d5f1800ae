"""The team session: one screen, a step widget per module (``refleks team``), on the
team's start screen, and a closing screen when it ends."""

from refleks.tui.screens.team.closing import TeamClosingScreen
from refleks.tui.screens.team.screen import TeamScreen
from refleks.tui.screens.team.start import TeamStartScreen

__all__ = ["TeamClosingScreen", "TeamScreen", "TeamStartScreen"]
