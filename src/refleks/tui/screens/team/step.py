"""What a team step's view is built from: the flow and the words (``StepContext``), the
reflection's and the sharing's clocks, and where the team log is.

Every view derives from the shared ``steps.view.StepView``; the screen's table
(``TeamScreen.VIEWS``) names the view of each step.
"""

from __future__ import annotations

from dataclasses import dataclass

from refleks.team.flow import ReflectTimer, TeamFlow
from refleks.tui.screens.steps.view import StepContext


@dataclass(frozen=True)
class TeamContext(StepContext[TeamFlow]):
    timer: ReflectTimer
    log_path: str
    share_timer: ReflectTimer
