"""Textual's own words on the screen speak the reader's language too (issue 22): the
palette's "No matches found" and ctrl+c's "Do you want to quit?"."""

from __future__ import annotations

from typing import Any

from tui_helpers import eventually, type_keys


async def test_the_palette_says_no_matches_in_norwegian(app: Any) -> None:
    from textual.command import CommandList

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await eventually(pilot, lambda: bool(app.screen.query(CommandList)))
        await type_keys(pilot, "zzzq")
        commands = app.screen.query_one(CommandList)

        def said() -> str:
            return " ".join(str(commands.get_option_at_index(i).prompt.renderable)
                            for i in range(commands.option_count)
                            if commands.get_option_at_index(i).id == "--no-matches")

        await eventually(pilot, lambda: bool(said()))
        assert "Ingen treff" in said() and "No matches" not in said()


async def test_ctrl_c_names_the_key_that_quits_here_in_norwegian(app: Any) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [(n.title, n.message) for n in app._notifications]
    assert said == [("Vil du avslutte?", "Trykk q for å avslutte refleks.")]
