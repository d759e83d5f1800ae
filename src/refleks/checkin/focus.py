"""The focus choice of a check-in: 2–3 values, each with an action and why it matters.

A mixin of ``CheckinFlow`` (``refleks.checkin.flow``): the rule about how many values a
week holds, and carrying last week's focus forward, read best on their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.checkin.parts import MAX_FOCUS, MIN_FOCUS, WHY_PREFIX, FocusProblem, Prompt
from refleks.journal.model import Focus

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.journal.model import CheckIn


class FocusChoice:
    """Choosing this week's focus values; ``CheckinFlow`` supplies the state below."""

    content: Content
    checkin: CheckIn
    previous: CheckIn | None

    def _changed(self) -> None:
        raise NotImplementedError

    def answer(self, prompt_id: str) -> str:
        raise NotImplementedError

    def set_answer(self, prompt: Prompt, text: str) -> None:
        raise NotImplementedError

    def _value_name(self, value_id: str, fallback: str = "") -> str:
        value = self.content.value(value_id)
        return value.name if value else fallback

    def is_focus(self, value_id: str) -> bool:
        return value_id in self.checkin.focus_ids

    def toggle_focus(self, value_id: str) -> FocusProblem | None:
        """Choose or unchoose a value; refuses a fourth with ``TOO_MANY``."""
        if self.is_focus(value_id):
            self.checkin.focus = [f for f in self.checkin.focus if f.value_id != value_id]
            self.checkin.answers = [a for a in self.checkin.answers
                                    if a.question_id != WHY_PREFIX + value_id]
            self._changed()
            return None
        if self.content.value(value_id) is None:
            return FocusProblem.UNKNOWN_VALUE
        if len(self.checkin.focus) >= MAX_FOCUS:
            return FocusProblem.TOO_MANY
        self.checkin.focus.append(Focus(value_id, self._value_name(value_id)))
        self._changed()
        return None

    def set_action(self, value_id: str, action: str) -> None:
        for focus in self.checkin.focus:
            if focus.value_id == value_id and focus.action != action:
                focus.action = action
                self._changed()

    def why(self, value_id: str) -> str:
        """The optional "why this one?" beside a focus value's action (001's Veien videre)."""
        return self.answer(WHY_PREFIX + value_id)

    def set_why(self, value_id: str, question_text: str, text: str) -> None:
        """Store why a value matters, with the question as shown; only for a chosen value."""
        if self.is_focus(value_id):
            self.set_answer(Prompt(WHY_PREFIX + value_id, question_text, "", "why"), text)

    def carry_forward_ids(self) -> list[str]:
        """Last week's focus values not chosen yet: what "keep last week's focus" adds."""
        if self.previous is None:
            return []
        return [f.value_id for f in self.previous.focus
                if f.value_id not in self.checkin.focus_ids
                and self.content.value(f.value_id) is not None]

    def carry_forward(self) -> None:
        """Make last week's focus this week's too, each with its action to start from."""
        assert self.previous is not None or not self.carry_forward_ids()
        for value_id in self.carry_forward_ids():
            if len(self.checkin.focus) >= MAX_FOCUS:
                break
            old = next(f for f in self.previous.focus if f.value_id == value_id)  # type: ignore[union-attr]
            self.checkin.focus.append(Focus(value_id, self._value_name(value_id, old.value_name),
                                            old.action))
            self._changed()

    def focus_problem(self) -> FocusProblem | None:
        """2–3 values is the invitation; none is fine too (a week with no new focus).

        One alone, or more than three, is refused with the reason.
        """
        count = len(self.checkin.focus)
        if 0 < count < MIN_FOCUS:
            return FocusProblem.TOO_FEW
        if count > MAX_FOCUS:
            return FocusProblem.TOO_MANY
        return None

