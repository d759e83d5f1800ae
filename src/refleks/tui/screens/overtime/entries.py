"""The list of check-ins both the year-ago tab and a value's thread show."""

from __future__ import annotations

from textual.binding import Binding

from refleks.content.ui import Strings
from refleks.tui.i18n import translate_bindings
from refleks.tui.widgets.marked_list import MarkedOptionList


class EntryList(MarkedOptionList):
    """A list of check-ins to read: Enter opens the highlighted one, which carries the
    mark (``▶``): its shade alone was lost without colour."""

    BINDINGS = [Binding("enter", "select", "overtime.key_open")]

    def __init__(self, t: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self, t)
