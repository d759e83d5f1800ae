"""Moments in the app: noting one from home, the guard before saving, and the check-in
step that takes moments further."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import TextArea
from tui_helpers import SIZE, TZ, fill, frozen_clock, make_session, screen_text, type_keys

from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.guard import GuardScreen
from refleks.tui.screens.moment import MomentScreen

NOW = datetime(2026, 11, 25, 15, 30, tzinfo=TZ)


async def test_m_on_home_notes_a_moment_with_values_and_chime(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MomentScreen)
        await fill(pilot, "Stod i stillheten i stedet for å fylle den.")
        await pilot.press("tab")              # to the value filter
        await type_keys(pilot, "tillit")
        await pilot.press("enter")            # to the list
        await pilot.press("enter")            # tick Tillit
        await pilot.press("tab")              # to CHIME
        await pilot.press("enter")
        await pilot.press("down", "down", "enter")  # Hope (after the blank)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MomentScreen)
    with Journal.open(journal_path) as j:
        saved = j.moments.select()
    assert len(saved) == 1
    assert saved[0].text == "Stod i stillheten i stedet for å fylle den."
    assert saved[0].value_ids == ["tillit"] and saved[0].chime_id == "chime.hope"
    assert saved[0].created_at == NOW


async def test_the_guard_asks_before_a_moment_is_saved(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "Kari ringte fra 412 34 567 i dag.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        shown = screen_text(app)
        assert "Kari" in shown and "412 34 567" in shown
        await pilot.press("enter")            # Rewrite: back to the text, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, MomentScreen)
        editor = app.screen.query_one("#moment-text", TextArea)
        assert editor.text == "Kari ringte fra 412 34 567 i dag."
        with Journal.open(journal_path) as j:
            assert j.moments.count() == 0
        editor.text = "En pårørende ringte i dag."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (GuardScreen, MomentScreen))
    with Journal.open(journal_path) as j:
        assert [m.text for m in j.moments.select()] == ["En pårørende ringte i dag."]


async def test_keep_as_written_saves_it_as_it_is(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "Ringte Per om avtalen.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        await pilot.press("tab", "enter")     # Keep as written
        await pilot.pause()
    with Journal.open(journal_path) as j:
        assert [m.text for m in j.moments.select()] == ["Ringte Per om avtalen."]
