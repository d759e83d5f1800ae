"""What every step of the check-in screen is: a widget over the flow, saying "changed".

Each step shows the flow's state and turns what the practitioner does into calls on
``CheckinFlow``; after a change it posts ``StepView.Changed`` so the screen saves the
draft, and ``StepView.Advance`` when a choice means "go on".
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message

from refleks.checkin import CheckinFlow
from refleks.content.ui import Strings


class StepView(Vertical):
    """Base of every step: knows the flow and the text, and how to say "changed"."""

    class Changed(Message):
        """Something in the check-in changed: time to save the draft."""

    class Advance(Message):
        """A choice was made that naturally leads to the next step."""

    def __init__(self, flow: CheckinFlow, t: Strings) -> None:
        super().__init__(classes="step")
        self.flow = flow
        self.t = t

    def changed(self) -> None:
        self.post_message(self.Changed())

    def commit(self) -> None:
        """Before moving on: take what the screen shows as chosen (e.g. a highlighted row)."""

    def focus_first(self) -> None:
        """Put the cursor where the practitioner most likely wants to start."""
        for widget in self.query("AnswerEditor, OptionList, Input, Checkbox, Button"):
            if widget.focusable:
                widget.focus()
                return
