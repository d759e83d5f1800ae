"""The team screens on a shared folder that misbehaves: a damaged log or draft, a full
disk. The app says it and stays usable; a finished session is never lost."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

import pytest
from team_helpers import TODAY, FakeClock, team_app, team_at, until
from tui_helpers import screen_text

from refleks.team import store
from refleks.team.flow import TeamStep
from refleks.team.model import TeamSession
from refleks.team.store import Draft, Owner, TeamLog
from refleks.tui.screens.team import TeamClosingScreen, TeamScreen, TeamStartScreen

SIZE = (80, 24)


def messages(app: Any) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def damage(journal_path: Path, what: str) -> Path:
    """The log with a session whose time is "garbage", or a draft whose heartbeat has
    no UTC offset (written by hand, or by another program); returns the damaged file."""
    log = TeamLog(journal_path.with_name("team-log.json"), now=lambda: TODAY)
    if what == "log":
        log.save_session(TeamSession(started_at=TODAY, completed_at=TODAY), 0)
        path = log.path
    else:
        log.claim(Owner(machine="another"), fresh=Draft(TeamSession(started_at=TODAY)))
        path = log.draft_path
    data = json.loads(path.read_text())
    if what == "log":
        data["sessions"][0]["started_at"] = "garbage"
    else:
        data["heartbeat"] = "2026-11-30T09:00:00"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize("what, where", [("log", "sessions[0].started_at"),
                                         ("draft", "draft.heartbeat")])
async def test_a_damaged_log_is_said_and_personal_work_goes_on(
        journal_path: Path, what: str, where: str) -> None:
    from refleks.tui.screens.home import HomeScreen
    from refleks.tui.screens.moment import MomentScreen

    path = damage(journal_path, what)
    before = path.read_text()
    app = team_app(journal_path, FakeClock(), start=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        await pilot.press("enter")  # a session: refused, said
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen)
                    and bool(app._notifications))
        assert str(path) in messages(app) and where in messages(app)
        assert "skadet" in messages(app)
        await pilot.press("escape")  # the facilitator's own work goes on
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MomentScreen))
    assert path.read_text() == before


async def test_refleks_team_on_a_damaged_log_says_it_and_stays(journal_path: Path) -> None:
    path = damage(journal_path, "log")
    app = team_app(journal_path, FakeClock())  # as `refleks team` starts it
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen)
                    and bool(app._notifications))
        assert str(path) in messages(app) and app.return_code is None
        assert "Teamrefleksjon" in screen_text(app)


def full_share(journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The team log's folder full while ``full[0]``: every file written there fails
    with ENOSPC, as a full disk on the share does; this computer's own folder has room."""
    share = journal_path.parent
    real = store.atomic_file
    full = [False]

    def atomic_file(path: Path, **kwargs: Any) -> Any:
        if full[0] and path.parent == share:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, **kwargs)

    monkeypatch.setattr(store, "atomic_file", atomic_file)
    return full


async def test_a_session_saved_to_a_full_share_is_kept_and_saved_when_there_is_room(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = full_share(journal_path, monkeypatch)
    app = team_app(journal_path, FakeClock())
    app.session.ui.save_retry_delay = 0.05
    log = TeamLog(journal_path.with_name("team-log.json"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await team_at(pilot, TeamStep.SUMMARY, lambda flow: flow.toggle_focus("varme"))
        full[0] = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "maskinen" in messages(app))  # kept on this computer
        assert isinstance(app.screen, TeamScreen) and screen.unsaved
        copy = log_copy(screen)
        assert "varme" in copy.read_text() and log.read().sessions == []
        full[0] = False  # room again; nobody presses a key
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen)
                    and "lagret" in screen_text(app))
        await pilot.pause()  # the closing screen's title settles before the app exits
    (saved,) = log.read().sessions
    assert saved.focus[0].value_id == "varme" and saved.completed_at is not None
    assert not copy.exists() and log.read_draft() is None


async def test_leaving_while_the_share_is_full_keeps_the_session_here(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = full_share(journal_path, monkeypatch)
    app = team_app(journal_path, FakeClock())
    app.session.ui.save_retry_delay = 60  # no retry meanwhile
    async with app.run_test(size=SIZE) as pilot:
        screen = await team_at(pilot, TeamStep.SUMMARY, lambda flow: flow.toggle_focus("varme"))
        full[0] = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: screen.unsaved)
        copy = log_copy(screen)
        await pilot.press("escape")
        await until(pilot, lambda: "tatt vare på her på maskinen" in screen_text(app))
        await pilot.press("enter")  # leave
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen)
                    and "tatt vare på her" in screen_text(app))
        await pilot.pause()
    assert copy.exists()
    full[0] = False  # the next time, on this computer: it carries on from the copy
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TeamScreen)
                    and app.screen.flow is not None)
        assert [f.value_id for f in app.screen.flow.session.focus] == ["varme"]


def log_copy(screen: TeamScreen) -> Path:
    copy = screen.team_log.local_draft_path
    assert copy is not None and copy.exists()
    return copy


async def test_a_log_path_that_looks_like_markup_is_shown_as_it_is(
        journal_path: Path, tmp_path: Path) -> None:
    """A share's folder may be called anything; the notice names it as text."""
    from refleks.environment import Environment

    folder = tmp_path / "[red]team"
    folder.mkdir()
    (folder / "team-log.json").write_text('{"not": "ours"}')
    env = Environment(lang_option="nb", journal_option=str(journal_path),
                      team_log_option=str(folder / "team-log.json"))
    app = team_app(journal_path, FakeClock(), env=env)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen)
                    and bool(app._notifications))
        await until(pilot, lambda: "[red]team" in toast_text(app))
        assert app.return_code is None


def toast_text(app: Any) -> str:
    """What the notices on the screen show, as drawn."""
    from textual.widgets._toast import Toast

    return "\n".join(str(w.render()) for w in app.screen.query(Toast))


async def test_the_start_screen_offers_a_session_kept_only_on_this_computer(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The team's folder filled up as the session began, so what it holds is only here:
    the start screen says Enter goes on with it (as Enter does), not that it starts one."""
    full = full_share(journal_path, monkeypatch)
    app = team_app(journal_path, FakeClock(), start=None)
    app.session.ui.save_retry_delay = 60
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen)
                    and app.screen.flow is not None)
        screen = app.screen
        full[0] = True  # the folder's draft holds a session with nothing chosen yet
        await pilot.press("enter")  # the theme suggested: something to go on with
        await until(pilot, lambda: screen.unsaved)
        await pilot.press("escape")
        await until(pilot, lambda: "tatt vare på her på maskinen" in screen_text(app))
        await pilot.press("enter")  # leave: kept here
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        assert log_copy(screen).exists()
        shared = TeamLog(journal_path.with_name("team-log.json")).read_draft()
        assert shared is not None and not shared.session.has_content  # only here
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        await until(pilot, lambda: "Enter fortsetter økten" in screen_text(app))
        assert "Enter starter en økt" not in screen_text(app)
