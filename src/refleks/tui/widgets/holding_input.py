"""Fields whose Enter sends the cursor elsewhere without dropping what is typed next.

The focus steps (the weekly check-in's and the team's) say "type to filter, Enter
ticks, then write the action"; Enter in an action goes back to choose the next value.
A quick typist does not wait for the screen: the keys after Enter reach the field
before its Enter has been handled (Input's Enter is a binding, run after the key has
gone round the app) and before the field Enter points at is there. They are held from
Enter until the screen says where the cursor goes (``pass_on``), then handed there in
order, as keys, so an Enter among them does what it says.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input

GIVE_BACK_AFTER = 10.0  # seconds: only if no handler ever passes the keys on


class HoldingInput(Input):
    """A field whose Enter sends the cursor elsewhere. Enter holds the keys typed after
    it until the field it points at is there to take them: a quick typist does not wait
    for the screen, and those keys would otherwise land here (Enter's binding runs only
    after the key has gone round the app, and keys behind it reach this field first)."""

    held: list[events.Key] | None = None
    passing_to: Widget | None = None  # keys still on their way here go on to it

    def holds_on_enter(self) -> bool:
        return True

    async def _on_key(self, event: events.Key) -> None:
        if self.passing_to is not None:
            if self.screen.focused is not self:
                self.passing_to._forward_event(events.Key(event.key, event.character))
                event.stop()
                event.prevent_default()
                return
            self.passing_to = None
        if self.held is not None:
            self.held.append(events.Key(event.key, event.character))
            event.stop()
            event.prevent_default()
            return
        if event.key == "enter" and self.holds_on_enter():
            self.held = []
            self.set_timer(GIVE_BACK_AFTER, self._give_back)  # should Enter somehow not submit
        await super()._on_key(event)

    def pass_on(self, target: Widget) -> None:
        """Focus ``target`` and give it, in order, every key typed since Enter."""
        held, self.held = self.held or [], None
        if target is not self:
            self.screen.set_focus(target)  # at once: keys the app hands on go there now
            self.passing_to = target
        for key in held:  # as the app hands on a key: its bindings (Enter) run as typed
            target._forward_event(key)

    def _give_back(self) -> None:
        if self.held is not None:
            self.pass_on(self)


class FilterInput(HoldingInput):
    """The value filter: Enter with something typed ticks, and the action field takes
    what is typed on; with nothing typed Enter goes to the list."""

    def holds_on_enter(self) -> bool:
        return bool(self.value.strip())
