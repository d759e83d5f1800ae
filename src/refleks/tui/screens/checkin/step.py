"""What a check-in step's view is built from: the flow and the words (``StepContext``),
the language, and which question of the reflection is shown.

Every view derives from the shared ``steps.view.StepView``; the screen's table
(``CheckinScreen.VIEWS``) names the view of each step.
"""

from __future__ import annotations

from dataclasses import dataclass

from refleks.checkin import CheckinFlow
from refleks.tui.screens.steps.view import StepContext


@dataclass(frozen=True)
class CheckinContext(StepContext[CheckinFlow]):
    lang: str
    position: int = 0  # which question of the reflect step is shown
