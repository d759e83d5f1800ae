"""What every step of a step screen is: a widget over the flow, saying "changed".

Each step shows its flow's state (the check-in's ``CheckinFlow``, the team session's
``TeamFlow``) and turns what the person does into calls on it; after a change it posts
``StepView.Changed`` so the screen saves the draft, and ``StepView.Advance`` when a
choice means "go on".

A view is built from a ``StepContext``: the flow and the words, and whatever else a
flow's screen gives its views (the check-in's question, the team's clock), so a flow's
table of views is one class a step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.containers import Vertical
from textual.message import Message

from refleks.content.ui import Strings

FlowT = TypeVar("FlowT")


@dataclass(frozen=True)
class StepContext(Generic[FlowT]):
    """What a step view is built from; a flow adds its own fields in a subclass."""

    flow: FlowT
    t: Strings


class StepView(Vertical, Generic[FlowT]):
    """Base of every step: knows the flow and the text, and how to say "changed"."""

    # where the cursor starts: the first of these in the step, top to bottom
    FOCUS_FIRST = ("AnswerEditor, TextArea, OptionList, Input, Checkbox, RadioSet, Button,"
                   " .read-scroll")

    class Changed(Message):
        """Something in the check-in or session changed: time to save the draft."""

    class Advance(Message):
        """A choice was made that naturally leads to the next step."""

    def __init__(self, context: StepContext[FlowT]) -> None:
        super().__init__(classes="step")
        self.flow = context.flow
        self.t = context.t

    def changed(self) -> None:
        self.post_message(self.Changed())

    def commit(self) -> None:
        """Before moving on: take what the screen shows as chosen (e.g. a highlighted row)."""

    def focus_first(self) -> None:
        """Put the cursor where the person most likely wants to start."""
        for widget in self.query(self.FOCUS_FIRST):
            if widget.focusable:
                widget.focus()
                return
