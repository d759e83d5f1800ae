"""The guard's dialog: Tab goes between its two buttons, and one of them always stands
in brackets, so Enter always presses the one that shows it (found trying it out at
80x24: a third Tab stop, the list of what was found, took the brackets from both
buttons, and Enter then did nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button
from tui_helpers import eventually, guard_over_a_moment, make_session, settle

from refleks.tui.app import make_app
from refleks.tui.screens.guard import GuardScreen


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_tab_never_leaves_both_buttons_without_the_focus(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path))
    async with app.run_test(size=size) as pilot:
        await guard_over_a_moment(pilot)
        findings = app.screen.query_one("#guard-findings")
        for _ in range(4):
            await pilot.press("tab")
            await settle(pilot)
            assert isinstance(app.focused, Button), app.focused
        if findings.max_scroll_y:  # 60x18: the arrow keys scroll what was found
            await pilot.press("down")
            await settle(pilot)
            assert findings.scroll_y > 0 and isinstance(app.focused, Button)
        await pilot.press("enter")  # the four Tabs came back to "Skriv om"
        await eventually(pilot, lambda: not isinstance(app.screen, GuardScreen))


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_the_footer_names_the_arrows_while_more_was_found_than_shows(
        journal_path: Path, size: tuple[int, int]) -> None:
    """At 60×18 the phone number was below the fold and nothing said that ↓ shows it
    (a new user's try-out); where everything shows, the footer does not name them."""
    from textual.widgets._footer import FooterKey

    app = make_app(make_session(journal_path))
    async with app.run_test(size=size) as pilot:
        await guard_over_a_moment(pilot)
        findings = app.screen.query_one("#guard-findings")

        def named() -> bool:
            return any(key.description == "Mer funnet" for key in app.screen.query(FooterKey))

        await eventually(pilot, lambda: named() == (findings.max_scroll_y > 0))
        if size == (60, 18):
            assert findings.max_scroll_y > 0 and named()
        else:
            assert findings.max_scroll_y == 0 and not named()
