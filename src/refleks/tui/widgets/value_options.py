"""The values to choose from, filtered as the person types: one list, and one way of
typing into it, for the check-in's focus step, the team's focus step and a moment's
tags, so the three read and behave alike."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from refleks.content.model import Content as Library


def fill_value_options(picker: OptionList, library: Library, text: str,
                       chosen: Callable[[str], bool], *, nothing: str,
                       grouped: bool = True) -> None:
    """The values matching ``text`` (in name, meaning or id) in ``picker``; with none,
    one line saying so (``nothing``), where the eye looks for them.

    Chosen ones are marked ``[x]``, the others ``[ ]`` (readable without colour).
    ``grouped``: under their area's title, each with its meaning; otherwise one flat
    list, each with its area. The highlight, which Enter ticks, goes to the first value
    whose *name* holds ``text`` ("equal" is Equal worth, not Respect, whose meaning says
    "as equals"), unless the value it was on is one; with no name to go by, it stays on
    the value it was on, if shown.
    """
    needle = text.strip().lower()
    highlighted = picker.highlighted_option.id if picker.highlighted_option else None
    named: list[str] = []  # the shown values whose name holds the needle, in order
    picker.clear_options()
    for area in library.areas:
        values = [v for v in area.values
                  if not needle or needle in f"{v.name} {v.meaning} {v.id}".lower()]
        if not values:
            continue
        if grouped:
            picker.add_option(Option(Content.styled(area.title, "bold"), disabled=True))
        for value in values:
            mark = "[x]" if chosen(value.id) else "[ ]"
            about = value.meaning if grouped else area.title
            picker.add_option(Option(Content.assemble(f"{mark} {value.name} ",
                                                      (f"— {about}", "dim")), id=value.id))
            if needle in value.name.lower():
                named.append(value.id)
    if needle and picker.option_count == 0:
        picker.add_option(Option(Content(nothing), disabled=True))  # holds typed text
        return
    if named and highlighted not in named:
        highlighted = named[0]
    if highlighted is not None:
        try:
            picker.highlighted = picker.get_option_index(highlighted)
        except OptionDoesNotExist:  # the highlighted value was filtered out
            picker.highlighted = None
    if picker.highlighted is None:
        picker.action_first()


def type_into_filter(event: events.Key, picker: OptionList, box: Input, *,
                     new_word: bool) -> bool:
    """Typing while the value list has the cursor goes on filtering: it is never lost.

    ``new_word``: the first key after a choice starts a fresh filter word (choose one
    value, type the next); keys that arrive before the cursor has moved add to it.
    Backspace in the list mends the filter word. Returns whether a character was taken
    (the caller then notes the word has begun).
    """
    if picker.has_focus and event.key == "backspace" and box.value:
        box.value = box.value[:-1]  # mending the filter word, not starting a new one
        box.cursor_position = len(box.value)
        box.focus()
        event.stop()
        return False
    if not (picker.has_focus and event.is_printable and event.character not in (" ", None)):
        return False
    character = event.character or ""
    box.value = character if new_word else box.value + character
    box.cursor_position = len(box.value)
    box.focus()
    event.stop()
    return True
