"""The team session across processes: a real kill mid-session, and a second facilitator
opening the same team log while a session is under way.

The other process runs the same app headless (``run_test``) on the same files.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from team_helpers import FakeClock, session_open, team_app, until
from tui_helpers import screen_text

from refleks.team.flow import TeamStep
from refleks.team.store import TeamLog
from refleks.tui.screens.team import TeamScreen

TESTS = Path(__file__).resolve().parents[1]
CHILD = textwrap.dedent(f"""
    import asyncio, sys
    from pathlib import Path
    sys.path[:0] = [{str(TESTS)!r}, {str(TESTS / "tui")!r}]
    from team_helpers import FakeClock, team_app, team_at, until
    from tui_helpers import fill

    from refleks.team.flow import TeamStep
    from refleks.team.store import TeamLog

    def saved():
        log = TeamLog(Path(sys.argv[1]).with_name("team-log.json"))
        draft = log.read_draft()
        return draft is not None and draft.session.key_points == "halvveis i delingen"

    async def main():
        app = team_app(Path(sys.argv[1]), FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            await team_at(pilot, TeamStep.SHARE)  # the suggested theme, read, reflected
            await fill(pilot, "halvveis i delingen")
            await until(pilot, saved)  # the draft is on disk
            print("ready", flush=True)
            await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)

    asyncio.run(main())
""")


def start_child(journal_path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(journal_path)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.strip() == "ready", line
    return child


def draft_of(journal_path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(TeamLog(journal_path.with_name("team-log.json")).draft_path.read_text())


async def test_a_killed_session_resumes_where_it_was(journal_path: Path) -> None:
    child = start_child(journal_path)
    assert draft_of(journal_path)["session"]["key_points"] == "halvveis i delingen"
    os.kill(child.pid, signal.SIGKILL)  # the laptop lid, the power cable
    child.wait(timeout=20)
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await session_open(pilot)
        assert app.screen.flow.step is TeamStep.SHARE
        assert app.screen.query_one("#key-points").text == "halvveis i delingen"


async def test_a_second_session_on_the_same_log_is_refused(journal_path: Path) -> None:
    child = start_child(journal_path)
    try:
        app = team_app(journal_path, FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "er i gang et annet sted" in screen_text(app))
            await pilot.press("enter")  # the careful answer is first: go back
            await until(pilot, lambda: not isinstance(app.screen, TeamScreen))
        # nothing of theirs was touched
        assert draft_of(journal_path)["session"]["key_points"] == "halvveis i delingen"
        app = team_app(journal_path, FakeClock())
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "er i gang et annet sted" in screen_text(app))
            await pilot.press("shift+tab", "enter")  # "Ta over økten": the other laptop was shut
            await session_open(pilot)
            assert app.screen.query_one("#key-points").text == "halvveis i delingen"
    finally:
        child.communicate("\n", timeout=30)
