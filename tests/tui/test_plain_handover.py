"""One draft, two ways in: a check-in begun in ``refleks --plain`` is finished in the
app, and one begun in the app is finished in plain lines (issue 26)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from terminal_helpers import command
from textual.widgets import Input
from tui_helpers import SIZE, eventually, fill, make_session, type_keys

from refleks.checkin import Step
from refleks.content.ui import load_strings
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import CheckinScreen, ChimeStep, FocusStep, SummaryStep
from refleks.tui.screens.home import HomeScreen


def plain(lang: str, answers: str) -> str:
    """``refleks --plain`` through pipes, given ``answers`` one line each; what it said."""
    env = {**os.environ, "TERM": "xterm-256color"}
    done = subprocess.run(command("--lang", lang, "--plain"), input=answers.encode(),
                          capture_output=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode()


async def test_begun_in_plain_lines_and_finished_in_the_app(journal_path: Path) -> None:
    t = load_strings("nb")
    said = plain("nb", "1\nJeg lyttet mer.\n\n\n\n\nhopp\n2\n\nEt lite smil.\n\nslutt\n")
    assert t("plain.focus.ask") in said and t("plain.left") in said  # left at focus
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # home offers the draft; the check-in picks it up
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        await eventually(pilot, lambda: bool(screen.query(FocusStep)))  # where it was left
        filter_box = screen.query_one("#focus-filter", Input)
        filter_box.focus()
        await type_keys(pilot, "tillit")
        await pilot.press("enter")
        await fill(pilot, "Ringe tilbake når jeg har lovet det.")
        await pilot.press("ctrl+n", "ctrl+n")  # the method (none), the summary
        await eventually(pilot, lambda: bool(screen.query(SummaryStep)))
        await pilot.press("ctrl+s")
        await eventually(pilot, lambda: isinstance(app.screen, HomeScreen))
    saved = Journal.open(journal_path).latest()
    assert saved is not None and saved.status == "complete"
    assert saved.area_id == "relasjonell"
    assert [(a.question_id, a.text) for a in saved.answers] == [
        ("relasjonell.q1", "Jeg lyttet mer.")]
    assert [(c.element_id, c.mode, c.text) for c in saved.chime] == [
        ("chime.hope", "present", "Et lite smil.")]
    assert [(f.value_id, f.action) for f in saved.focus] == [
        ("tillit", "Ringe tilbake når jeg har lovet det.")]


async def test_begun_in_the_app_and_finished_in_plain_lines(journal_path: Path) -> None:
    t = load_strings("en")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, CheckinScreen)
        await pilot.press("enter", "enter")  # the suggested area, its values, the questions
        await fill(pilot, "I waited before I answered.")
        await pilot.press("ctrl+f")  # past the other questions, to CHIME
        await eventually(pilot, lambda: bool(screen.query(ChimeStep)))
        await pilot.press("down", "enter")
        await fill(pilot, "A small hope.")
        await pilot.press("ctrl+n")
        await eventually(pilot, lambda: screen.flow.step is Step.FOCUS)
        await pilot.press("escape")  # leave; the draft is kept
        await pilot.press("enter")  # "Leave"
        await eventually(pilot, lambda: isinstance(app.screen, HomeScreen))
    said = plain("en", "trust\nCall back when I said I would.\n\n\n\n\n\n")
    assert t("plain.resumed", date="|").split("|")[0] in said  # the draft, carried on
    assert t("checkin.saved") in said
    saved = Journal.open(journal_path).latest()
    assert saved is not None and saved.status == "complete"
    assert [(a.question_id, a.text) for a in saved.answers] == [
        ("relasjonell.q1", "I waited before I answered.")]
    assert [(c.element_id, c.text) for c in saved.chime] == [("chime.hope", "A small hope.")]
    assert [(f.value_id, f.action) for f in saved.focus] == [
        ("tillit", "Call back when I said I would.")]
