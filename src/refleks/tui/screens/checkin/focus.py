"""Step 5: two or three values to work on next (one is fine too), each with an action – or,
this week, none.

The shared focus step (``steps.focus``) with the check-in's words and ways: beside each
action the optional "why this one?" (001's Veien videre); Enter in the filter on a value
already ticked unticks it; a value chosen in the list moves the cursor to its action;
Enter in an action goes back to the filter for the next value; with none chosen, last
week's focus is offered again.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from refleks.checkin import CheckinFlow
from refleks.content.ui import Strings
from refleks.journal.model import Focus
from refleks.tui.screens.steps.focus import Carry, FocusSetup, FocusStep
from refleks.tui.screens.steps.view import StepContext
from refleks.tui.widgets.holding_input import HoldingInput


def fields(step: FocusStep[CheckinFlow, Focus], focus: Focus) -> list[Widget]:
    """A chosen value's label, and one row under it: its action, and beside it why."""
    t = step.t
    label = Content.assemble((focus.value_name, "bold"), f" — {t('checkin.focus.action')}")
    # one row each, so three values and their actions all fit under the list
    return [Static(label, classes="focus-label"), Horizontal(
        HoldingInput(focus.action, placeholder=t("checkin.focus.action_placeholder"),
                     name=focus.value_id, classes="focus-action", compact=True),
        HoldingInput(step.flow.why(focus.value_id),
                     placeholder=t("checkin.focus.why_placeholder"),
                     name=focus.value_id, classes="focus-why", compact=True),
        classes="focus-row",
    )]


def store_why(flow: CheckinFlow, value_id: str, text: str, t: Strings) -> bool:
    """Why this value matters (001's "Veien videre"), stored with the question shown."""
    focus = next((f for f in flow.checkin.focus if f.value_id == value_id), None)
    if focus is None:
        return False
    flow.set_why(focus.value_id, f"{focus.value_name} — {t('checkin.focus.why')}", text)
    return True


SETUP: FocusSetup[CheckinFlow, Focus] = FocusSetup(
    words="checkin.focus", filter_id="focus-filter", picker_id="focus-picker",
    message_id="focus-message", actions_id="focus-actions",
    action_class="focus-action", other_class="focus-why",
    chosen=lambda flow: flow.checkin.focus, fields=fields, store_other=store_why,
    pick_goes_to_action=True, enter_goes_back=True,
    none_ok=True, none_yet=False, one_ok=True,
    carry=Carry(ids=lambda flow: flow.carry_forward_ids(), take=lambda flow: flow.carry_forward()),
)


def focus_step(context: StepContext[CheckinFlow]) -> FocusStep[CheckinFlow, Focus]:
    return FocusStep(context, SETUP)


__all__ = ["SETUP", "FocusStep", "focus_step"]
