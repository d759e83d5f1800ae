"""A scrolling part of a step, for the check-in and the team session alike."""

from __future__ import annotations

from textual.containers import VerticalScroll


class Section(VerticalScroll, can_focus=False):
    """A scrolling part of a step whose fields take the focus; Tab skips the frame."""
