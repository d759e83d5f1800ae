"""Each screen fits its essentials at 60×18, the smallest size the app draws, and says
the keys that matter there; 80×24 still holds.

Read from what the terminal would show (the compositor's lines), not from the widgets:
a word cut off at the edge or a key left out of the footer is what a person meets.
"""

from __future__ import annotations

from typing import Any

import pytest
from tui_helpers import settle

SIZES = [(60, 18), (80, 24)]


def screen_lines(app: Any) -> list[str]:
    """The lines the terminal shows for the active screen, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer(app: Any) -> str:
    return screen_lines(app)[-1]


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_every_key_beside_its_entry_and_the_footer_keeps_quit_and_help(
        app: Any, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        for entry in ("n  Start ukens refleksjon", "m  Noter et øyeblikk", "j  Journalen",
                      "o  Over tid", "l  Biblioteket", "t  Teamrefleksjon",
                      "s  Innstillinger", "?  Hjelp", "q  Avslutt"):
            assert entry in text, (entry, text)
        assert "q Avslutt" in footer(app) and "? Hjelp" in footer(app)
        await pilot.press("t")  # a key the footer never named works as the menu says
        from refleks.tui.screens.team import TeamStartScreen

        assert isinstance(app.screen, TeamStartScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_settings_shows_save_and_its_key_and_ctrl_s_saves(
        app: Any, size: tuple[int, int]) -> None:
    from textual.widgets import Input

    from refleks.tui.screens.home import HomeScreen

    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await settle(pilot)
        lines = screen_lines(app)
        assert any(line.strip() == "Lagre" for line in lines[:-1]), lines  # the button
        save = app.screen.query_one("#save")
        assert save.region.bottom <= size[1] - 1  # all of it above the footer
        assert "^s Lagre" in footer(app)
        cadence = app.screen.query_one("#cadence", Input)
        cadence.focus()
        cadence.value = ""
        await pilot.press("1", "4", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.env.settings.cadence_days == 14
