"""The way in: ``refleks`` on the command line → ``Environment`` → ``tui.app.run`` → screen.

These start the app through ``refleks.cli.main`` exactly as the installed command
does, with a temporary journal and config; only ``App.run`` is made headless and
driven by an auto pilot, so the quick path, ``run`` and ``open_session`` all run.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.screen import Screen

from refleks.cli import main
from refleks.environment import Environment
from refleks.journal import sql
from refleks.settings import load_settings
from refleks.tui.app import RefleksApp

AutoPilot = Callable[[Pilot[Any]], Coroutine[Any, Any, None]]

# Each test runs the app through ``main`` as a person at a terminal does (headless here).
pytestmark = pytest.mark.usefixtures("at_a_terminal")


@pytest.fixture
def config(isolated_home: Path) -> Path:
    """A config a person wrote, welcome already seen, with a comment of their own."""
    path = isolated_home / "config.toml"
    path.write_text("# my refleks settings\nwelcomed = true  # seen it\n", encoding="utf-8")
    return path


def headless(monkeypatch: pytest.MonkeyPatch,
             auto_pilot: AutoPilot | None) -> list[RefleksApp]:
    """Make ``RefleksApp.run`` headless at 80x24, driven by ``auto_pilot`` (``None``:
    left alone, as a person would); the apps that were run are collected in the
    returned list."""
    started: list[RefleksApp] = []

    def run(self: RefleksApp, **_: object) -> None:
        started.append(self)
        return App.run(self, headless=True, size=(80, 24), auto_pilot=auto_pilot)

    monkeypatch.setattr(RefleksApp, "run", run)
    return started


SHOWN: list[list[str]] = []  # the screen stack each look_and_leave saw, by class name
JOURNALS: list[Any] = []  # the journal each look_and_leave saw open


async def look_and_leave(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    SHOWN.append([type(screen).__name__ for screen in pilot.app.screen_stack])
    JOURNALS.append(pilot.app.env.journal)
    await pilot.exit(None)


@pytest.fixture(autouse=True)
def _forget_shown() -> None:
    SHOWN.clear()
    JOURNALS.clear()


def test_plain_refleks_opens_the_app_without_building_the_parser(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, config: Path
) -> None:
    def no_parser(*_: object) -> None:
        raise AssertionError("the quick path built the full parser")

    monkeypatch.setattr("refleks.cli.parser.build_parser", no_parser)
    started = headless(monkeypatch, look_and_leave)
    journal = tmp_path / "mine.sqlite3"
    assert main(["--lang", "en", f"--journal={journal}"]) == 0
    [app] = started
    env = app.env
    assert (env.lang, env.config_path) == ("en", config)
    assert env.journal.path == journal
    assert len(SHOWN[0]) == 1  # welcomed: straight to the first screen
    assert journal.is_file()
    with pytest.raises(sql.ProgrammingError):  # closed when the app ended
        JOURNALS[0]._conn.execute("SELECT 1")


def test_the_tui_subcommand_takes_the_same_way_in(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, config: Path
) -> None:
    started = headless(monkeypatch, look_and_leave)
    journal = tmp_path / "mine.sqlite3"
    assert main(["--journal", str(journal), "tui"]) == 0
    [app] = started
    assert app.env.lang == "nb"  # from LANG, as the test home sets it
    assert app.env.journal.path == journal


def test_a_first_run_shows_the_welcome_and_remembers_it(
    monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    started = headless(monkeypatch, look_and_leave)
    assert main([]) == 0
    assert len(started) == 1
    assert SHOWN[0][1:] == ["WelcomeScreen"]
    assert not load_settings(isolated_home / "config.toml").welcomed  # not dismissed


def test_a_theme_picked_in_the_app_is_saved_and_the_comments_stay(
    monkeypatch: pytest.MonkeyPatch, config: Path
) -> None:
    async def pick_theme(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        pilot.app.theme = "nord"
        await pilot.pause()
        await pilot.exit(None)

    headless(monkeypatch, pick_theme)
    assert main([]) == 0
    text = config.read_text(encoding="utf-8")
    assert "# my refleks settings\n" in text and "# seen it" in text
    assert load_settings(config).theme == "nord"


class Broken(Screen[None]):
    def compose(self) -> ComposeResult:
        raise RuntimeError("the first screen broke")


def test_a_crash_on_the_first_screen_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(RefleksApp, "get_default_screen", lambda self: Broken())
    started = headless(monkeypatch, None)
    assert main(["--lang", "en"]) == 1
    assert started[0].return_code == 1
    assert "the first screen broke" in capsys.readouterr().err


def test_a_crash_stays_a_crash_when_the_app_is_told_to_exit_after_it(
    monkeypatch: pytest.MonkeyPatch, config: Path
) -> None:
    """``exit()`` after the crash sets Textual's ``return_code`` back to 0."""
    monkeypatch.setattr(RefleksApp, "get_default_screen", lambda self: Broken())
    started = headless(monkeypatch, look_and_leave)
    assert main(["--lang", "en"]) == 1
    assert started[0].return_code == 0


def test_a_missing_team_folder_stops_before_the_app(
    monkeypatch: pytest.MonkeyPatch, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = headless(monkeypatch, look_and_leave)
    assert main(["--lang", "en", "--content", "/no/such/folder"]) == 2
    assert started == []
    assert "/no/such/folder is not a folder" in capsys.readouterr().err


def test_run_takes_an_environment_built_from_plain_values(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, config: Path
) -> None:
    from refleks.tui.app import run

    started = headless(monkeypatch, look_and_leave)
    env = Environment(lang_option="en", journal_option=str(tmp_path / "j.sqlite3"),
                      config=config)
    assert run(env) == 0
    assert started[0].env.t("home.title") == env.t("home.title")
