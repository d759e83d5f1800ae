"""What the team session tests share: a fake clock for the timer, and the app on a log."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tui_helpers import frozen_clock, make_session

from refleks.tui.app import make_app

TZ = timezone(timedelta(hours=1))
TODAY = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)


class FakeClock:
    """Seconds that pass only when a test says so: ``clock.advance(60)``."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


def team_app(journal_path: Path, clock: FakeClock, *, lang: str = "nb",
             when: datetime = TODAY, start: str | None = "team", env: Any = None) -> Any:
    """The app the team runs (``refleks team``), its timer and dates on fake clocks.
    ``env``: an ``Environment`` as the command line builds it, opened as ``run`` opens
    it (``open_session``), instead of the journal at ``journal_path`` opened here."""
    if env is None:
        session = make_session(journal_path, lang, now=frozen_clock(when),
                               draft_save_delay=0.01)
    else:
        from refleks.tui.app import open_session

        session = open_session(env, start)
        session.ui.now = frozen_clock(when)
        session.ui.draft_save_delay = 0.01
    session.ui.monotonic = clock
    app = make_app(session)
    app.start = start
    return app


async def until(pilot: Any, condition: Any, seconds: float = 20.0) -> None:
    """Pause until ``condition()`` holds: a screen that opens a file settles in its own
    time (``tui_helpers.eventually``, under the name these tests use)."""
    from tui_helpers import eventually

    await eventually(pilot, condition, seconds)


async def session_open(pilot: Any) -> None:
    """Until the team screen shows its first step."""
    from refleks.tui.screens.steps.view import StepView
    from refleks.tui.screens.team import TeamScreen

    def shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, TeamScreen) and bool(screen.query(StepView))

    await until(pilot, shown)
    await pilot.pause()


async def team_at(pilot: Any, step: Any, prepare: Any = None) -> Any:
    """The team session, opened as ``team_app`` opens it, shown at ``step`` for a test
    about that step; returns the screen. As ``tui_helpers.checkin_at`` does for the
    check-in: ``prepare(flow)`` gives the flow what the steps before would have, the
    flow goes on to ``step`` with ``flow.next()`` as ctrl+n would (the choice takes the
    suggested theme if ``prepare`` chose none), or else jumps there (``flow.go_to``),
    and the step is shown (``show_step()``) and settled."""
    from tui_helpers import settle, walk_to

    from refleks.team.flow import TeamStep

    await session_open(pilot)
    screen = pilot.app.screen
    flow = screen.flow
    if prepare is not None:
        prepare(flow)
    walk_to(flow, step)
    await screen.show_step()
    await settle(pilot)
    assert flow.step is TeamStep(step), f"the session is at {flow.step}, not {step}"
    return screen


def visible_text(app: Any) -> str:
    """Every character on the terminal now — headers, footers, lists, dialogs and the
    screens a dialog lies over — as plain text (what ``export_screenshot`` draws), its
    whitespace collapsed: a sentence wrapped in one column reads whole. (The test app
    shows no toasts: ``app._notifications`` holds them.)"""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      legacy_windows=False, safe_box=False, color_system=None)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return " ".join(console.export_text().split())
