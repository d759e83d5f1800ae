"""A filter field where Enter chooses, and what is typed next follows the cursor.

The focus steps (the weekly check-in's and the team's) say "type to filter, Enter
ticks, then write the action". A quick typist does not wait for the screen: the keys
after Enter reach this field before its Enter has been handled (Input's own Enter is a
binding, run after the keys already waiting) and before the cursor has moved to the
action field the choice opens. Those keys are the start of the action, so from Enter
until this field loses the cursor they are held, then handed, in order, to the field
that took it — or given back here when nothing was chosen. Whoever handles ``Chosen``
ends the hold with ``hand_to`` or ``give_back`` (both focus steps do, in ``finally``).
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class ChoosingFilter(Input):
    class Chosen(Message):
        """Enter, with the filter's text as it stood when Enter was pressed."""

        def __init__(self, field: ChoosingFilter, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> ChoosingFilter:
            """The filter it came from (``@on(Chosen, "#id")`` matches by it)."""
            return self.field

    held: list[str] | None = None
    _target: Input | None = None
    _start = 0  # where in the target the held keys belong

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.held is None:
            event.stop()
            event.prevent_default()
            if self.value.strip():
                self.held = []  # whoever handles Chosen ends it: hand_to or give_back
            self.post_message(self.Chosen(self, self.value))
            return
        if self.held is not None and event.is_printable and event.character:
            self.held.append(event.character)
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def hand_to(self, target: Input | None) -> None:
        """The choice is made: the cursor goes to ``target``, and what was held follows
        it there as soon as it has arrived; with no target it comes back here."""
        if target is None or target is self:
            self.give_back()
            return
        self._target = target
        self._start = len(target.value)
        target.focus()

    def _on_blur(self, event: events.Blur) -> None:
        target, self._target = self._target, None
        if target is None or self.held is None:
            return
        typed, self.held = "".join(self.held), None
        if typed:  # keys the new field got first were typed after these: they go before
            value, cursor = target.value, target.cursor_position
            at = min(self._start, len(value))
            target.value = value[:at] + typed + value[at:]
            target.cursor_position = cursor + len(typed) if cursor >= at else cursor

    def give_back(self) -> None:
        """Held keys back into this field (nothing was chosen, or no field took them)."""
        if self.held is None or self._target is not None:
            return
        typed, self.held = "".join(self.held), None
        if typed:
            self.insert_text_at_cursor(typed)
