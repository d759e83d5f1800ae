"""How the team session looks on a laptop (80×24) and on a meeting room's screen (160×45).

After an intended change of look: ``pytest tests/tui/test_team_snapshots.py
--snapshot-update``, and look at the SVGs in ``__snapshots__`` before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from team_helpers import FakeClock, session_open, team_app, until
from tui_helpers import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 45), id="160x45")]


@pytest.mark.parametrize("size", SIZES)
def test_choose(snap_compare, journal_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = team_app(journal_path, FakeClock())
    async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
        await session_open(pilot)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=opened)


@pytest.mark.parametrize("size", SIZES)
def test_read(snap_compare, journal_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = team_app(journal_path, FakeClock())

    async def to_read(pilot) -> None:  # type: ignore[no-untyped-def]
        await session_open(pilot)
        await pilot.press("down", "down", "down", "down", "down", "enter")  # a dilemma
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=to_read)


@pytest.mark.parametrize("size", SIZES)
def test_reflect(snap_compare, journal_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    app = team_app(journal_path, clock)

    async def to_reflect(pilot) -> None:  # type: ignore[no-untyped-def]
        await session_open(pilot)
        await pilot.press("enter", "enter")
        clock.advance(13)
        await until(pilot, lambda: str(pilot.app.screen.query_one("#timer").value) != "3:00")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=to_reflect)
