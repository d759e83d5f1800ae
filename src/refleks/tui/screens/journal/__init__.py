"""The journal: the browser (``browser``), one check-in to read (``entry``), and the
export, delete and undo both offer (``actions``)."""

from refleks.tui.screens.journal.browser import FilterState, JournalScreen, highlighted_snippet
from refleks.tui.screens.journal.entry import EntryScreen

__all__ = ["EntryScreen", "FilterState", "JournalScreen", "highlighted_snippet"]
