"""Issue 22's traps: where the screen invited something and it did not happen.

Each test presses what the screen invites a person to press and checks the screen and
the journal after; each is named after the behaviour it holds.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import SIZE, at_focus, fill, make_session, screen_text, type_keys

from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import FocusStep, MethodStep

# -- trap 6: one focus value goes on --------------------------------------------------------


async def test_one_focus_value_goes_on_with_its_action_kept(journal_path: Path) -> None:
    """One ticked value and its action: ctrl+n goes on to the method, and the draft
    keeps the value and the action (before, ctrl+n was refused until it was unticked,
    and the action went with it)."""
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await at_focus(pilot)
        assert "Choose two or three focus values" in screen_text(app)  # the invitation
        await type_keys(pilot, "trust")
        await pilot.press("enter")  # ticks Trust; the cursor goes to its action
        await fill(pilot, "Say what I do before I do it")
        assert "One value chosen" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query(MethodStep) and not app.screen.query(FocusStep)
        await pilot.press("ctrl+b")  # and back: the value and its action are still there
        await pilot.pause()
        actions = list(app.screen.query(".focus-action").results(Input))
        assert [a.value for a in actions] == ["Say what I do before I do it"]
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert [(f.value_id, f.action) for f in draft.focus] == [
        ("tillit", "Say what I do before I do it")]
