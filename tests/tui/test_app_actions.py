"""Screens reach each other through the app's actions: keys, the home menu and help."""

from __future__ import annotations

from pathlib import Path

from refleks.environment import Environment
from refleks.journal.store import Journal
from refleks.settings import Settings
from refleks.tui.app import make_app
from refleks.tui.screens.help import HelpScreen
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.library import LibraryScreen
from refleks.tui.screens.overtime import OverTimeScreen
from refleks.tui.screens.settings import SettingsScreen
from refleks.tui.screens.welcome import WelcomeScreen
from refleks.tui.session import Session

SIZE = (80, 24)


def make_session(path: Path) -> Session:
    from refleks.paths import bundled_content_dir

    return Session(Environment.given(lang="nb", content_dir=bundled_content_dir(),
                                     journal=Journal.open(path), settings=Settings(welcomed=True)))


async def test_keys_menu_and_help_open_screens_through_app_actions(journal_path: Path) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        for key, screen in (("o", OverTimeScreen), ("l", LibraryScreen), ("s", SettingsScreen)):
            await pilot.press(key)
            assert isinstance(app.screen, screen)
            await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("w")  # help → the welcome text, through app.welcome
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        # the home menu: its entries are named for the app's actions
        menu = app.screen.query_one("#home-menu")
        menu.focus()
        await pilot.press("down", "down", "down", "enter")  # past "Note a moment", "Journal"
        assert isinstance(app.screen, OverTimeScreen)
