"""Nothing refleks writes to disk holds journal text in plaintext, except an export.

Issue 20's promise, checked as a person would meet it: a marker in a moment (``refleks
note``), in a check-in and in a later note (the app, by keys); the journal encrypted,
backed up and exported by the commands, each a process of its own; then the app opened
in a real terminal, the marker typed into a new check-in and saved as a draft, and the
app killed with SIGKILL in the middle of it. Every file in the data folder, its backups
and the temporary folder is then read as bytes: the marker is in the export and nowhere
else. An import of that export into another encrypted journal leaves nothing readable
either.

The commands and the app find their folders as they do for a person (no
``REFLEKS_JOURNAL``: the journal in refleks' own data folder), and every process's
``TMPDIR`` is a folder of the test's, so any temporary file they made is searched too.
Each process starts on the test's fixed calendar (``ON_A_FIXED_CALENDAR``), as the
test itself does: the app is opened the Monday after the check-in, whatever today is.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from terminal_helpers import Terminal, command
from textual.widgets import Input
from tui_helpers import SIZE, checkin_at, eventually, fill

from refleks.checkin import Step
from refleks.environment import Environment
from refleks.journal import cipher, converting
from refleks.journal.backups import backups_dir
from refleks.journal.store import Journal
from refleks.paths import data_dir, own_journal_path
from refleks.tui.app import make_app, open_session
from refleks.tui.screens.checkin import FocusStep, SummaryStep
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.journal import EntryScreen
from refleks.tui.widgets.entry_view import EntryView

MARKER = "QZPLAINXMARK7"  # one word, found in no other text and in no encrypted page
PASSPHRASE = "grønn te om morgenen"


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of every process of the test (``TMPDIR``), and the folder
    the export is written to; the journal in refleks' own data folder, as for a person."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.delenv("REFLEKS_JOURNAL")
    return folder


def refleks(*argv: str, stdin: str = "") -> str:
    """One command, as typed at the shell (the passphrase on standard input)."""
    done = subprocess.run(command(*argv), input=stdin,
                          capture_output=True, text=True, env=os.environ.copy(), timeout=60)
    assert done.returncode == 0, (argv, done.stdout, done.stderr)
    return done.stdout


def holding_the_marker(folder: Path) -> list[Path]:
    """Every file under ``folder`` whose bytes hold the marker (UTF-8 or UTF-16)."""
    forms = [MARKER.encode(), MARKER.encode("utf-16-le"), MARKER.encode("utf-16-be")]
    return sorted(path for path in folder.rglob("*") if path.is_file()
                  and any(form in path.read_bytes() for form in forms))


def every_file(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# -- a real terminal --------------------------------------------------------------------------


@pytest.fixture
def terminal() -> Iterator[Callable[..., Terminal]]:
    started: list[Terminal] = []

    def start(*argv: str, later: timedelta = timedelta(0), before: str = "") -> Terminal:
        started.append(Terminal(*argv, later=later, before=before, size=SIZE))
        return started[-1]

    yield start
    for one in started:
        one.close()


# -- typed in the app -------------------------------------------------------------------------


async def write_a_checkin_and_a_later_note(isolated_home: Path) -> None:
    """By keys in the app, on the journal in refleks' own data folder."""
    (isolated_home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    env = Environment(lang_option="nb")
    app = make_app(open_session(env))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await checkin_at(pilot, Step.CHIME)
            await pilot.press("enter")  # the first CHIME element
            await fill(pilot, f"Vi snakket om håp. {MARKER}")
            await pilot.press("ctrl+n")
            await eventually(pilot, lambda: bool(app.screen.query(FocusStep)))
            for value in ("tillit", "varme"):
                app.screen.query_one("#focus-filter", Input).focus()
                app.screen.query_one("#focus-filter", Input).clear()
                await fill(pilot, value)  # the filter finds it
                await pilot.press("enter")  # ticks the value the filter shows
            await pilot.press("ctrl+n", "ctrl+n")  # past the method, to the summary
            await eventually(pilot, lambda: bool(app.screen.query(SummaryStep)))
            await pilot.press("ctrl+s")
            await eventually(pilot, lambda: isinstance(app.screen, HomeScreen))
            await pilot.press("j", "enter", "a")  # the journal, the check-in, a later note
            await fill(pilot, f"Lest igjen i mars. {MARKER}")
            await pilot.press("ctrl+s")
            await eventually(pilot, lambda: isinstance(app.screen, EntryScreen) and MARKER
                             in app.screen.query_one("#entry", EntryView).source)
    finally:
        env.close()


# -- the test ---------------------------------------------------------------------------------


async def test_the_marker_is_on_disk_only_in_the_export(
        isolated_home: Path, scratch: Path, tmp_path: Path,
        terminal: Callable[..., Terminal]) -> None:
    refleks("note", "-", stdin=f"Hun sa at hun ville prøve igjen. {MARKER}\n")
    await write_a_checkin_and_a_later_note(isolated_home)
    journal = own_journal_path()
    assert journal.is_file() and holding_the_marker(data_dir())  # plain, so far

    refleks("--passphrase-stdin", "encrypt", "--remove-plain-backups", stdin=PASSPHRASE + "\n")
    refleks("--passphrase-stdin", "backup", stdin=PASSPHRASE + "\n")
    export = scratch / "refleksjoner.json"
    refleks("--passphrase-stdin", "export", "--format", "json", "-o", str(export),
            stdin=PASSPHRASE + "\n")
    # the check-in's CHIME reflection, the moment and the later note
    assert export.read_text(encoding="utf-8").count(MARKER) == 3

    # The app, in a terminal: the passphrase, a new check-in, the marker in its first
    # answer (how last week's focus went), saved as a draft; then killed.
    t = Environment(lang_option="nb").t
    app = terminal(later=timedelta(weeks=1))  # opened again the next week
    key = cipher.unlock(journal, PASSPHRASE)  # while the app starts

    def draft_saved() -> bool:
        with Journal.open(journal, key, read_only=True) as opened:
            draft = opened.current_draft()
        return draft is not None and any(MARKER in f.text for f in draft.follow_ups)

    app.sees(t("lock.passphrase"))
    app.press(PASSPHRASE + "\r")
    app.sees(t("moment_view.menu"))  # home
    app.press("n")
    app.sees(t("checkin.follow_up.placeholder"))
    app.press(f"Det gikk bra {MARKER}")
    app.until(draft_saved, "the draft saved in the journal")
    app.kill()
    assert draft_saved()  # kept, encrypted, in the -wal the killed app left

    data, backups = data_dir(), backups_dir(journal)
    assert (data / "journal.sqlite3-wal").is_file() and list(backups.glob("*.sqlite3"))
    assert [] == holding_the_marker(data) == holding_the_marker(backups), every_file(data)
    assert holding_the_marker(scratch) == [export], every_file(scratch)
    # nor anywhere else the processes of the test could write: home, config, cache
    assert holding_the_marker(tmp_path) == [export], every_file(tmp_path)

    # The export, imported into another encrypted journal: nothing readable is left.
    fresh = tmp_path / "ny" / "journal.sqlite3"
    fresh.parent.mkdir()
    Journal.open(fresh).close()
    fresh_key = converting.encrypt(fresh, PASSPHRASE)
    refleks("--journal", str(fresh), "--passphrase-stdin", "import", str(export),
            stdin=PASSPHRASE + "\n")
    with Journal.open(fresh, fresh_key, read_only=True) as imported:
        latest = imported.latest()
        assert latest is not None and MARKER in latest.later_notes[0].text
    assert holding_the_marker(tmp_path) == [export], every_file(tmp_path)


# A bug that reaches Textual ends the app with its crash report (``RefleksApp._fatal_error``):
# here the error's message carries the journal's text, as one about the markup of an
# answer does.
A_BUG_HOLDING_JOURNAL_TEXT = """
from refleks.tui.app import RefleksApp


def action_lock(self):
    noted = [moment.text for moment in self.env.journal.moments.select()]
    raise RuntimeError(f"a bug: {noted!r}")


RefleksApp.action_lock = action_lock
"""


def test_a_crash_report_goes_to_the_terminal_and_nowhere_on_disk(
        isolated_home: Path, scratch: Path, tmp_path: Path,
        terminal: Callable[..., Terminal]) -> None:
    """The crash report is the terminal's: no log or report file holds what it says."""
    (isolated_home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    refleks("note", "-", stdin=f"Hun sa at hun ville prøve igjen. {MARKER}\n")
    refleks("--passphrase-stdin", "encrypt", "--remove-plain-backups", stdin=PASSPHRASE + "\n")
    t = Environment(lang_option="nb").t

    app = terminal(before=A_BUG_HOLDING_JOURNAL_TEXT)
    app.sees(t("lock.passphrase"))
    app.press(PASSPHRASE + "\r")
    app.sees(t("moment_view.menu"))  # home
    app.press("\x0c")  # ctrl+l, the bug
    assert app.ended() == 1
    assert "RuntimeError: a bug" in app.text() and MARKER in app.text()  # the report
    assert holding_the_marker(tmp_path) == [], every_file(tmp_path)
