"""What every step of the team session is: a widget over the flow, saying "changed".

As in the check-in: each step shows the flow's state, turns what the facilitator does
into calls on ``TeamFlow``, posts ``Changed`` so the draft is saved, and ``Advance``
when a choice means "go on".
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message

from refleks.content.ui import Strings
from refleks.team.flow import TeamFlow


class TeamStepView(Vertical):
    class Changed(Message):
        """Something in the session changed: time to save the draft."""

    class Advance(Message):
        """A choice was made that naturally leads to the next step."""

    def __init__(self, flow: TeamFlow, t: Strings) -> None:
        super().__init__(classes="team-step")
        self.flow = flow
        self.t = t

    def changed(self) -> None:
        self.post_message(self.Changed())

    def focus_first(self) -> None:
        for widget in self.query("OptionList, TextArea, Input, RadioSet, Button, .read-scroll"):
            if widget.focusable:
                widget.focus()
                return
