"""What the TUI tests share: a session on a temporary journal, a frozen clock, typing,
and a check-in opened at the step a test is about.

Two ways to put text in a field, on purpose:
- ``type_keys`` presses every character, as a person does (~20 ms a key under the
  pilot with ``conftest.quick_pilot``, each key drawn). Use it where the keys are what
  is tested: filter-as-you-type, the focus list, where typed text lands.
- ``fill`` puts the text in the focused field in one step, as typing it would (at the
  cursor, with the widget's own Changed message). Use it for everything else; it
  refuses if the focus is not a text field, so it never hides where typing would go.

Two ways to reach a step, on purpose: the keys from home (one whole journey a flow,
and the tests whose subject is the path: resuming, leaving, keys typed ahead across a
step change), or ``checkin_at`` (``team_helpers.team_at`` for the team session), which
mounts the screen at the step from a flow prepared with its own methods.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from refleks.environment import Environment
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir
from refleks.settings import Settings
from refleks.tui.session import Session

SIZE = (80, 24)
TZ = timezone(timedelta(hours=1))


def frozen_clock(moment: datetime) -> type[datetime]:
    """A ``datetime`` whose ``now()`` is always ``moment``, for ``Session.now``."""

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
            return moment if tz is None else moment.astimezone(tz)

    return FrozenClock


def make_session(path: Path, lang: str = "nb", *, now: type[datetime] | None = None,
                 draft_save_delay: float | None = None, **settings: Any) -> Session:
    """A welcomed practitioner's session on the journal at ``path``, bundled content."""
    session = Session(Environment.given(
        lang=lang, content_dir=bundled_content_dir(), journal=Journal.open(path),
        settings=Settings(**{"welcomed": True, **settings})))
    if now is not None:
        session.ui.now = now
    if draft_save_delay is not None:
        session.ui.draft_save_delay = draft_save_delay
    return session


async def type_keys(pilot: Any, text: str) -> None:
    """Press each character of ``text``: for tests whose subject is the typing."""
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])


async def fill(pilot: Any, text: str) -> None:
    """Insert ``text`` at the cursor of the focused field, as typing it would."""
    from textual.widgets import Input, TextArea

    # As a person would, wait for the cursor to arrive (a step that has just been
    # mounted focuses its field in its own time; on a busy machine that can take long).
    # A filter still holding keys typed after its Enter is about to hand the cursor on.
    await pilot.pause()
    for _ in range(400):
        focused = pilot.app.focused
        if (isinstance(focused, (Input, TextArea))
                and getattr(focused, "held", None) is None):
            break
        await pilot.pause(0.05)
    widget = pilot.app.focused
    if isinstance(widget, Input):
        widget.insert_text_at_cursor(text)
    elif isinstance(widget, TextArea):
        widget.insert(text)
    else:
        raise AssertionError(f"typing would not land in a text field but in {widget!r}")
    await pilot.pause()


async def settle(pilot: Any) -> None:
    """Let mounting, scrolling into view and other animations finish before a snapshot.

    On a busy machine one pause can catch a scroll half-way, so a snapshot would differ
    from the stored one by a scrollbar's position.
    """
    previous = None
    for _ in range(40):  # until two looks in a row see the same screen (or ~5 s)
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        shot = pilot.app.export_screenshot()
        if shot == previous:
            return
        previous = shot
        await pilot.pause(0.05)


def screen_text(app: Any) -> str:
    """Everything the Static widgets on the active screen say, for plain assertions."""
    from textual.widgets import Static

    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def type_ahead(pilot: Any, text: str) -> None:
    """Type ``text`` as a quick typist in a real terminal does: every key is queued
    before the app has handled the first, so a focus change one key asks for takes
    effect only after the keys behind it were already on their way."""
    from textual import events

    for ch in text:  # "\n" is Enter
        key = {" ": "space", "\n": "enter"}.get(ch, ch)
        pilot.app.post_message(events.Key(key, "\r" if ch == "\n" else ch))
    await pilot.pause()
    await pilot.pause()


async def eventually(pilot: Any, condition: Any, seconds: float = 20.0) -> None:
    """Let the app run until ``condition()`` holds (a timer's save, a worker's answer):
    on a busy machine a fixed pause can end before the timer has had its turn."""
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("it never happened")
        await pilot.pause(0.02)


async def at_focus(pilot: Any) -> Any:
    """Week one at the focus step, area 1 chosen (``checkin_at``: for a test about the
    focus step, not the way there); returns the screen."""
    from refleks.checkin import Step
    from refleks.tui.screens.checkin import FocusStep

    screen = await checkin_at(pilot, Step.FOCUS)
    assert pilot.app.screen.query_one(FocusStep)
    return screen


def walk_to(flow: Any, step: Any) -> None:
    """The flow (a check-in's or the team's) on to ``step`` with ``flow.next()``, as
    ctrl+n on each step would, without building the steps on the way; a step it would
    not go on to is jumped to (``flow.go_to``)."""
    while flow.step != step and flow.next():
        pass
    if flow.step != step:
        flow.go_to(step)


async def checkin_at(pilot: Any, step: Any, prepare: Any = None) -> Any:
    """The check-in (as ``n`` on home opens it) shown at ``step``, for a test about that
    step; returns the screen.

    Mounting a step costs a test more than anything else it does (a few hundred ms), so
    a test whose subject is one step starts there instead of walking from home by keys
    (``tests/tui/test_snapshots.py`` does the same): ``prepare(flow)`` first gives the
    flow what the steps before would have been given, with the flow's own methods; then
    the flow goes on with ``flow.next()`` up to ``step``, as ctrl+n on each step would
    (the area step takes the suggested area if ``prepare`` chose none, the furthest step
    reached is remembered, the check-in counts as begun), without building the steps
    on the way. A step the flow would not go on to is jumped to (``flow.go_to``). The
    walk by keys stays where the path of keys is the point and in one whole journey
    (``test_a_complete_checkin_from_keys_alone``).

    Only the screen's public surface is used: its ``flow``, prepared before the screen
    is mounted, so one step is built, not two.
    """
    from refleks.checkin import Step
    from refleks.tui.screens.checkin import CheckinScreen, StepView

    app = pilot.app
    screen = CheckinScreen(app.session)
    if prepare is not None:
        prepare(screen.flow)
    walk_to(screen.flow, step)
    app.push_screen(screen)
    await eventually(pilot, lambda: app.screen is screen and bool(screen.query(StepView)))
    await settle(pilot)
    assert screen.flow.step is Step(step), f"the check-in is at {screen.flow.step}, not {step}"
    return screen


async def guard_over_a_moment(pilot: Any, text: str = "I dag ringte Kari fra 412 34 567.") -> None:
    """m, a moment with a name and a phone number in it, ctrl+s: the guard's dialog is
    up and settled (the way the dialog's own tests reach it)."""
    from refleks.tui.screens.guard import GuardScreen

    await pilot.press("m")
    await fill(pilot, text)
    await pilot.press("ctrl+s")
    await eventually(pilot, lambda: isinstance(pilot.app.screen, GuardScreen))
    await settle(pilot)


async def export_with_team_parts(pilot: Any, folder: Path) -> None:
    """The export dialog (for three check-ins into ``folder``) with the team's box
    ticked, so its parts show: the dialog at its tallest."""
    from datetime import date

    from refleks.tui.screens.export import ExportScreen

    app = pilot.app
    await settle(pilot)
    app.push_screen(ExportScreen(app.env.t, folder, date(2026, 11, 30), "all", 3))
    await eventually(pilot, lambda: isinstance(app.screen, ExportScreen))
    await settle(pilot)
    await pilot.press("tab", "space")  # the team's check box: the parts show
    await settle(pilot)


def plain_rows(app: Any) -> list[str]:
    """The terminal's lines as plain text, every screen that shows through included:
    what a capture without colour shows (issue 26's tests read states from this)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      color_system=None)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()
