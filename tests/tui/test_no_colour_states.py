"""Issue 26: with NO_COLOR the app keeps to the terminal's own colours (Textual's ANSI
mode strips backgrounds and fixed colours), so a state shown by colour or shade alone
would vanish. Each test reads the screen as plain text, as a capture without colour
shows it, and finds the state in a mark or a word."""

from __future__ import annotations

import io
from pathlib import Path

from textual.widgets import Input
from tui_helpers import SIZE, eventually, make_session

from refleks.tui.app import make_app


def plain_rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The terminal's lines as plain text: no colour, no style."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      color_system=None)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


async def test_the_open_tab_of_over_time_is_marked(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from refleks.tui.screens.overtime import OverTimeScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await eventually(pilot, lambda: isinstance(app.screen, OverTimeScreen))
        bar = next(row for row in plain_rows(app) if "Areas and CHIME" in row)
        assert bar.split()[:3] == ["▶", "1", "Focus"] and bar.count("▶") == 1
        await pilot.press("3")
        await app.workers.wait_for_complete()
        await eventually(pilot, lambda: "▶ 3 Rhythm" in "\n".join(plain_rows(app)))
        bar = next(row for row in plain_rows(app) if "Areas and CHIME" in row)
        assert bar.count("▶") == 1 and "▶ 1 Focus" not in bar


async def test_a_number_settings_cannot_take_is_said_in_words_as_it_is_typed(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Textual marks an invalid Input by a red border only; without colour the border
    looks like any other, so the problem is said beside it at once (before, only Save
    said it)."""
    from refleks.tui.screens.settings import SettingsScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SettingsScreen(app.session))  # type: ignore[attr-defined]
        await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen)
                         and bool(app.screen.query("#settings-message")))
        cadence = app.screen.query_one("#cadence", Input)
        cadence.focus()
        await pilot.press("end", "backspace", "backspace", "backspace")
        await eventually(pilot, lambda: "Type a whole number of days between 1 and 365."
                         in "\n".join(plain_rows(app)))
        await pilot.press("7")
        await eventually(pilot, lambda: "Type a whole number of days"
                         not in "\n".join(plain_rows(app)))
        lock = app.screen.query_one("#lock-minutes", Input)
        lock.focus()
        await pilot.press("end", "backspace", "backspace", "-")
        await eventually(pilot, lambda: "Type a whole number of minutes between 0 and"
                         in "\n".join(plain_rows(app)))
