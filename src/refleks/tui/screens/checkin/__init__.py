"""The weekly check-in: the screen (``screen``) and its steps, one module each, on the
``StepView`` shared with the team session (``steps.view``)."""

from refleks.tui.screens.checkin.area import AreaStep
from refleks.tui.screens.checkin.chime import ChimeStep
from refleks.tui.screens.checkin.focus import FocusStep
from refleks.tui.screens.checkin.follow_up import FollowUpStep
from refleks.tui.screens.checkin.method import MethodStep
from refleks.tui.screens.checkin.reflect import ReflectStep
from refleks.tui.screens.checkin.screen import CheckinScreen
from refleks.tui.screens.checkin.summary import SummaryStep
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.section import Section

__all__ = ["AreaStep", "CheckinScreen", "ChimeStep", "FocusStep", "FollowUpStep",
           "MethodStep", "ReflectStep", "Section", "StepView", "SummaryStep"]
