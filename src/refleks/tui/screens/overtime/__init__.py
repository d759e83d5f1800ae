"""Over time: a picture of the past year, answering a practitioner's questions without
scoring anyone.

- Fokus (``focus``): which values were a focus, in which weeks; Enter on a value opens
  its thread (``thread``) — every week it was a focus, the action, and what was written
  about it the week after.
- Områder og CHIME (``visits``): what has been reflected on, and, kindly, what has not.
- Rytme (``cadence``): check-ins per month and the current run of weeks.
- For et år siden (``year``): what was written around this week a year ago.

``screen`` joins the tabs; what is computed rather than shown lives in
``refleks.insights``.
"""

from refleks.tui.screens.overtime.screen import OverTimeScreen
from refleks.tui.screens.overtime.thread import ThreadScreen

__all__ = ["OverTimeScreen", "ThreadScreen"]
