"""The app as a process: where there is no terminal, and when it is ended from outside.

Whole processes, as a person or a script starts them: ``refleks`` with its input and
output redirected, and ``refleks`` in a real pseudo-terminal ended by a signal.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest
from terminal_helpers import Terminal, command
from tui_helpers import SIZE, checkin_at, fill, make_session

from refleks.checkin import Step
from refleks.journal.store import Journal
from refleks.tui.app import make_app


def saved_answers(journal_path: Path) -> list[str]:
    """The answers of the draft on disk, read as another process would."""
    journal = Journal.open(journal_path)
    try:
        draft = journal.current_draft()
        return [a.text for a in draft.answers] if draft is not None else []
    finally:
        journal.close()


@pytest.mark.parametrize("argv", [(), ("--lang", "en"), ("team",)])
def test_without_a_terminal_the_app_says_so_and_makes_nothing(
        argv: tuple[str, ...], isolated_home: Path, journal_path: Path) -> None:
    done = subprocess.run(command(*argv), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "terminal" in lines[0]  # nb: "terminal" too
    assert "refleks note" in lines[0]  # and what works without one
    assert done.stdout == ""  # nothing drawn into a file
    assert not journal_path.exists()
    assert not (isolated_home / ".local" / "share").exists()


def test_with_only_its_input_a_terminal_the_app_still_refuses(journal_path: Path) -> None:
    """Textual draws on standard error: with that in a file, nobody sees the app."""
    import pty

    primary, secondary = pty.openpty()
    try:
        done = subprocess.run(command("--lang", "en"), stdin=secondary,
                              capture_output=True, text=True, timeout=60)
    finally:
        os.close(primary)
        os.close(secondary)
    assert done.returncode == 2 and "the app needs a terminal" in done.stderr
    assert not journal_path.exists()


def test_ctrl_c_from_outside_keeps_the_draft_and_exits_130(journal_path: Path) -> None:
    """SIGINT (a shell's ctrl+c, ``kill -INT``) ends the app as a shell expects, with
    what was typed kept in the draft."""
    terminal = Terminal("--lang", "en")
    try:
        terminal.sees("Let's begin")
        terminal.press("\r")  # the welcome's button
        terminal.sees("Start this week's")
        terminal.press("n")
        terminal.sees("Step 1 of")
        terminal.press("\r")  # the suggested area: its values to read first …
        terminal.sees("To the questions")
        terminal.press("\r")  # … and on to the questions
        terminal.sees("Question 1 of")
        terminal.press("What stays with me")
        terminal.sees("stays with me")
        os.kill(terminal.process.pid, signal.SIGINT)
        assert terminal.ended() == 130
    finally:
        terminal.close()
    assert saved_answers(journal_path)[0] == "What stays with me"


async def test_ended_from_outside_saves_what_was_typed_since_the_last_autosave(
        journal_path: Path) -> None:
    """No waiting for the autosave: the signal itself saves."""
    app = make_app(make_session(journal_path, lang="en", draft_save_delay=600))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "typed a moment ago")
        assert saved_answers(journal_path) in ([], [""])  # the autosave waits 10 minutes
        app.ended_from_outside(signal.SIGTERM)
        await pilot.pause()
        assert saved_answers(journal_path)[0] == "typed a moment ago"
    assert app.return_code == 128 + signal.SIGTERM
