"""The weekly check-in, testable without a terminal: ``CheckinFlow`` and its parts."""

from refleks.checkin.flow import CheckinFlow
from refleks.checkin.parts import (
    MAX_FOCUS,
    MIN_FOCUS,
    MOMENT_PARTS,
    FocusProblem,
    Prompt,
    Step,
    Suggestion,
    suggest_area,
    week_index,
)

__all__ = ["MAX_FOCUS", "MIN_FOCUS", "MOMENT_PARTS", "CheckinFlow", "FocusProblem", "Prompt",
           "Step", "Suggestion", "suggest_area", "week_index"]
