"""Shared fixtures: every test runs with its own config and journal, never the developer's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import time_machine

if TYPE_CHECKING:  # imported where used, so the tests without a terminal never load Textual
    from refleks.content.model import Content
    from refleks.tui.app import RefleksApp
    from refleks.tui.session import Session


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point config, data and documents at a temporary home, and fix the language."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.setenv("REFLEKS_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("REFLEKS_JOURNAL", str(home / "journal.sqlite3"))
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("REFLEKS_LANG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # no OS keyring: a test never reads or writes the developer's (refleks passphrase
    # --remember); tests of remembering put one in memory
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


# Every test starts at this moment unless it is marked ``real_clock``: a Monday morning in
# Norway (ISO week 49 of 2026). The check-in offers a different CHIME question, extra
# prompt and method each ISO week, so a test that read the real clock passed in some weeks
# and failed in others. The clock still runs from here (``tick=True``): timers, timeouts
# and "how long ago" behave as they do for a person, only the calendar is fixed.
FIXED_MONDAY = datetime(2026, 11, 30, 10, 0, tzinfo=timezone(timedelta(hours=1)))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (the README's test command) starts two workers a core, at most 16.

    A TUI test spends about a third of its time waiting rather than computing (the
    pilot's idle looks, ``eventually``'s polls, draft timers, worker threads, the
    processes the team tests start): with one worker a core those waits leave the
    cores idle, with two the other worker computes meanwhile (``tests/tui`` on 2 cores:
    86 s with 2 workers, 67 s with 4). ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides
    when it is set, and ``-n <number>`` as ever.
    """
    import os

    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own reading of it
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return min(2 * cores, 16)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "real_clock: the test is about the real clock (file ages, the date a "
        "whole process sees), so the calendar is not fixed for it")
    config.addinivalue_line(
        "markers", "faked_platform(name): runs here with sys.platform (and what that "
        "system would answer) faked as Windows or macOS; unverified on the real system")


@pytest.fixture(autouse=True)
def fixed_calendar(request: pytest.FixtureRequest) -> Iterator[None]:
    """Start every test's clock at ``FIXED_MONDAY``, whatever today is."""
    if request.node.get_closest_marker("real_clock"):
        yield
        return
    with time_machine.travel(FIXED_MONDAY, tick=True):
        yield


@pytest.fixture(scope="session")
def content() -> Content:
    """The bundled content in Norwegian, read once: for a flow's rules, without a terminal."""
    from refleks.content.loader import load_content
    from refleks.paths import bundled_content_dir

    return load_content(bundled_content_dir(), "nb")


@pytest.fixture(scope="session")
def value_ids(content: Content) -> list[str]:
    """Every value's id in ``content``, area by area, in its order."""
    return [value.id for area in content.areas for value in area.values]


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """As typed at a terminal: the app's commands get past "the app needs a terminal"
    (pytest's own input and error output are not one). For tests of what the app does
    once it runs, with its ``run`` or screens faked."""
    monkeypatch.setattr("refleks.cli.app_commands._is_terminal", lambda stream: True)


@pytest.fixture
def journal_path(isolated_home: Path) -> Path:
    return isolated_home / "journal.sqlite3"


@pytest.fixture(autouse=True)
def steady_cursor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursor in the TUI tests: a picture is the same every time, and no
    blink timer keeps repainting while a test waits."""
    if "tui" not in request.path.parts:
        return
    from textual.widgets import Input, TextArea

    for widget in (TextArea, Input):
        monkeypatch.setattr(widget, "cursor_blink", False, raising=False)


@pytest.fixture(autouse=True)
def quick_pilot(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pilot waits for the app to be idle in 5 ms looks rather than 20 ms ones.

    After every key (twice) and every ``pause()`` Textual's pilot sleeps in slices of
    ``SLEEP_GRANULARITY`` (1/50 s) until the process's CPU time stops advancing (less
    than ``SLEEP_IDLE``, 1/20 of a slice, used in one): at least 60 ms a key, nearly all
    of it asleep, which was most of the TUI tests' time. A quarter of the slice, with the
    same idle ratio, waits for the same quiet in a quarter of the time. (A private
    module of Textual, pinned to 8.2: if it moves, the tests are only slower.)
    """
    if "tui" not in request.path.parts:
        return
    import textual._wait

    monkeypatch.setattr(textual._wait, "SLEEP_GRANULARITY", 1 / 200, raising=False)
    monkeypatch.setattr(textual._wait, "SLEEP_IDLE", 1 / 200 / 20, raising=False)


@pytest.fixture
def session(journal_path: Path) -> Session:
    """A welcomed practitioner in Norwegian, on an empty temporary journal."""
    from tui_helpers import make_session

    return make_session(journal_path)


@pytest.fixture
def app(session: Session) -> RefleksApp:
    """The app the user runs (``make_app``), on ``session``."""
    from refleks.tui.app import make_app

    return make_app(session)
