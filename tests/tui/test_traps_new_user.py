"""Traps a new user found (issue 22's rule: what the screen invites works)."""

from __future__ import annotations

from pathlib import Path

import pytest
from team_helpers import visible_text
from textual.widgets import Input
from tui_helpers import SIZE, checkin_at, fill, make_session, type_keys

from refleks.checkin import Step
from refleks.tui.app import make_app


@pytest.mark.parametrize("size", [SIZE, (60, 18)], ids=["80x24", "60x18"])
async def test_enter_in_the_third_action_goes_back_to_the_filter_which_says_three_is_plenty(
        journal_path: Path, size: tuple[int, int]) -> None:
    """The intro says Enter takes you back to choose the next; with a third value ticked
    the cursor stayed in its action, and a filter word typed next went into the action
    ("xuser inv"). Now the filter has it, and says a value must go before another comes."""
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=size) as pilot:
        await checkin_at(pilot, Step.FOCUS)
        box = app.screen.query_one("#focus-filter", Input)
        actions = [("trust", "Keep what I promise"), ("warmth", "Ask how they are"),
                   ("empathy", "Listen to the end")]
        for name, action in actions:
            await type_keys(pilot, name)
            await pilot.press("enter")  # ticks it; the cursor goes to its action
            await fill(pilot, action)
            await pilot.press("enter")  # back to the filter, as the intro says
            await pilot.pause()
            assert app.focused is box, (name, app.focused)
        assert "Three is plenty" in visible_text(app)
        await type_keys(pilot, "humility")  # the next name goes to the filter
        await pilot.pause()
        assert box.value == "humility"
        focus = app.screen.flow.checkin.focus
        assert [(f.value_id, f.action) for f in focus] == [
            ("tillit", "Keep what I promise"), ("varme", "Ask how they are"),
            ("empati", "Listen to the end")]
        await pilot.press("enter")  # a fourth is refused, the message still says why
        await pilot.pause()
        assert len(app.screen.flow.checkin.focus) == 3
        assert "Three is plenty" in visible_text(app)
