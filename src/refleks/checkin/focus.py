"""The focus choice of a check-in: 1–3 values (2–3 the invitation), each with an action
and why it matters.

``FocusChoice`` is one check-in's choice of values, held by its ``CheckinFlow`` as
``flow.focus``: the rule about how many values a week holds, carrying last week's focus
forward, and the optional "why this one?" beside each action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from refleks.checkin.parts import (
    MAX_FOCUS,
    MIN_FOCUS,
    WHY_PREFIX,
    FocusProblem,
    Prompt,
    answer_text,
    store_answer,
)
from refleks.journal.model import Focus

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.journal.model import CheckIn


class FocusChoice:
    """Choosing this week's focus values in ``checkin``; ``changed`` is called after
    every change (the flow counts them, so a screen knows to save)."""

    def __init__(self, content: Content, checkin: CheckIn, previous: CheckIn | None,
                 changed: Callable[[], None]) -> None:
        self.content = content
        self.checkin = checkin
        self.previous = previous
        self._changed = changed

    def value_name(self, value_id: str, fallback: str = "") -> str:
        value = self.content.value(value_id)
        return value.name if value else fallback

    def is_chosen(self, value_id: str) -> bool:
        return value_id in self.checkin.focus_ids

    def toggle(self, value_id: str) -> FocusProblem | None:
        """Choose or unchoose a value; refuses a fourth with ``TOO_MANY``."""
        if self.is_chosen(value_id):
            self.checkin.focus = [f for f in self.checkin.focus if f.value_id != value_id]
            self.checkin.answers = [a for a in self.checkin.answers
                                    if a.question_id != WHY_PREFIX + value_id]
            self._changed()
            return None
        if self.content.value(value_id) is None:
            return FocusProblem.UNKNOWN_VALUE
        if len(self.checkin.focus) >= MAX_FOCUS:
            return FocusProblem.TOO_MANY
        self.checkin.focus.append(Focus(value_id, self.value_name(value_id)))
        self._changed()
        return None

    def set_action(self, value_id: str, action: str) -> None:
        for focus in self.checkin.focus:
            if focus.value_id == value_id and focus.action != action:
                focus.action = action
                self._changed()

    def why(self, value_id: str) -> str:
        """The optional "why this one?" beside a focus value's action (001's Veien videre)."""
        return answer_text(self.checkin, WHY_PREFIX + value_id)

    def set_why(self, value_id: str, question_text: str, text: str) -> None:
        """Store why a value matters, with the question as shown; only for a chosen value."""
        order = [WHY_PREFIX + chosen for chosen in self.checkin.focus_ids]
        if self.is_chosen(value_id) and store_answer(
                self.checkin, Prompt(WHY_PREFIX + value_id, question_text, "", "why"), text,
                order):
            self._changed()

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
            self.checkin.focus.append(Focus(value_id, self.value_name(value_id, old.value_name),
                                            old.action))
            self._changed()

    def problem(self) -> FocusProblem | None:
        """2–3 values is the invitation; one is fine, and so is none (a week with no
        new focus). Only more than three is refused, with the reason.
        """
        count = len(self.checkin.focus)
        if 0 < count < MIN_FOCUS:
            return FocusProblem.TOO_FEW
        if count > MAX_FOCUS:
            return FocusProblem.TOO_MANY
        return None
