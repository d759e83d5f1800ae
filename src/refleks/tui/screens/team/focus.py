"""Identify development areas: 1–3 team focus values, an action each, and a role.

The shared focus step (``steps.focus``) with the team's words and ways: type to filter,
Enter ticks, and the ticked values get their action and, below it, a role – never a
name – to bring it up. Enter in a field goes on to the next field.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from refleks.content.ui import Strings
from refleks.team.flow import TeamFlow
from refleks.team.model import TeamFocus
from refleks.tui.screens.steps.focus import FocusSetup, FocusStep
from refleks.tui.screens.steps.view import StepContext


def fields(step: FocusStep[TeamFlow, TeamFocus], focus: TeamFocus) -> list[Widget]:
    """A chosen value's action, and its role below it, each with its label."""
    t = step.t
    return [
        Static(Content.assemble((focus.value_name, "bold"), " — ", t("team.focus.action")),
               classes="focus-label"),
        Input(focus.action, placeholder=t("team.focus.action_placeholder"),
              name=focus.value_id, classes="team-action", compact=True, select_on_focus=False),
        Static(t("team.focus.role"), classes="muted focus-label"),
        Input(focus.role, placeholder=t("team.focus.role_placeholder"),
              name=focus.value_id, classes="team-role", compact=True, select_on_focus=False),
    ]


def store_role(flow: TeamFlow, value_id: str, text: str, t: Strings) -> bool:
    flow.set_role(value_id, text)
    return True


SETUP: FocusSetup[TeamFlow, TeamFocus] = FocusSetup(
    words="team.focus", filter_id="team-filter", picker_id="team-picker",
    message_id="team-focus-message", actions_id="team-actions",
    action_class="team-action", other_class="team-role",
    chosen=lambda flow: flow.session.focus, fields=fields, store_other=store_role,
    pick_goes_to_action=False, enter_goes_back=False,
    none_ok=False, none_yet=True,
)


def focus_step(context: StepContext[TeamFlow]) -> FocusStep[TeamFlow, TeamFocus]:
    return FocusStep(context, SETUP)
