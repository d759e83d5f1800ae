"""The journal: the browser (``browser``), one check-in to read (``entry``), and what
both offer: export (``exporting``), delete and undo (``deleting``)."""

from refleks.tui.screens.journal.browser import FilterState, JournalScreen, highlighted_snippet
from refleks.tui.screens.journal.entry import EntryScreen

__all__ = ["EntryScreen", "FilterState", "JournalScreen", "highlighted_snippet"]
