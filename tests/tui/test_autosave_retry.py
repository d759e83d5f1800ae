"""A draft that cannot be saved is tried again on a timer, not only at the next key.

Another process holds the journal's write lock (as a long import or a second window
would); the person stops typing. Once the lock is free the draft reaches the disk
while the app still runs, and until then the screen says in words that it is not
saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from journal_helpers import OtherProgram
from team_helpers import session_open, team_at
from tui_helpers import SIZE, checkin_at, eventually, fill, make_session, screen_text, type_keys

from refleks.checkin import Step
from refleks.journal import database
from refleks.journal.store import Journal
from refleks.team.flow import TeamStep
from refleks.team.store import TeamLog
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import CheckinScreen
from refleks.tui.screens.team import TeamScreen
from refleks.tui.widgets.editor import AnswerEditor


def saved_answer(journal_path: Path) -> str | None:
    with Journal.open(journal_path, read_only=True) as other:
        draft = other.current_draft()
        return draft.answers[0].text if draft is not None and draft.answers else None


def header_text(app: object) -> str:
    from textual.widgets._header import HeaderTitle

    return "".join(str(w.render()) for w in app.screen.query(HeaderTitle))  # type: ignore[attr-defined]


def app_on_a_lockable_journal(journal_path: Path, monkeypatch: pytest.MonkeyPatch, *,
                              lang: str, retry_delay: float, usual_wait: float = 0.05) -> Any:
    """The app on a journal that ``OtherProgram`` can hold (as a long import or another
    window would); an autosave gives up after 50 ms, other writes after ``usual_wait``."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", usual_wait)
    Journal.open(journal_path).close()
    session = make_session(journal_path, lang=lang, draft_save_delay=0.05)
    session.ui.save_retry_delay = retry_delay
    session.ui.autosave_wait = 0.05
    return make_app(session)


def team_app_on_a_breakable_log(journal_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[bool]]:
    """The team app (in English) on a log whose draft cannot be written while
    ``broken[0]`` (a full disk); a failed save is tried again after 50 ms."""
    from team_helpers import FakeClock, team_app

    from refleks.team.errors import TeamLogError

    write_draft = TeamLog._write_draft
    broken = [False]

    def flaky_write(self: TeamLog, draft: object) -> None:
        if broken[0]:
            raise TeamLogError("unwritable", path=self.draft_path, reason="No space left")
        write_draft(self, draft)  # type: ignore[arg-type]

    monkeypatch.setattr(TeamLog, "_write_draft", flaky_write)
    app = team_app(journal_path, FakeClock(), lang="en")
    app.session.ui.save_retry_delay = 0.05
    return app, broken


async def write_while_unsaved_and_press_escape(pilot: Any, app: Any, text: str, *,
                                              unsaved: str, question: str) -> None:
    """Type ``text`` while nothing can be saved, wait until the header says ``unsaved``,
    press Esc, and wait for the leave question to say ``question``."""
    await fill(pilot, text)
    await eventually(pilot, lambda: unsaved in header_text(app))
    await pilot.press("escape")
    await eventually(pilot, lambda: question in screen_text(app))


async def test_a_failed_autosave_is_retried_until_it_is_saved(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_on_a_lockable_journal(journal_path, monkeypatch, lang="en",
                                    retry_delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        with OtherProgram(journal_path):  # takes the write lock…
            await fill(pilot, "words that must not be lost")
            await eventually(pilot, lambda: "Not saved yet" in header_text(app))
            assert saved_answer(journal_path) is None
        # …and lets go; nobody presses a key
        await eventually(pilot, lambda: saved_answer(journal_path) is not None)
        assert saved_answer(journal_path) == "words that must not be lost"
        await eventually(pilot, lambda: "Not saved yet" not in header_text(app))


async def test_leaving_tries_once_more(journal_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_on_a_lockable_journal(journal_path, monkeypatch, lang="en",
                                    retry_delay=3600)  # no timer gets there first
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        with OtherProgram(journal_path):
            await fill(pilot, "kept on the way out")
            await eventually(pilot, lambda: "Not saved yet" in header_text(app))  # it tried
        assert saved_answer(journal_path) is None
    assert saved_answer(journal_path) == "kept on the way out"


async def test_leaving_while_unsaved_says_it_would_be_lost_and_stays_by_default(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_on_a_lockable_journal(journal_path, monkeypatch, lang="en",
                                    retry_delay=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        with OtherProgram(journal_path):
            await write_while_unsaved_and_press_escape(
                pilot, app, "not yet on the disk", unsaved="Not saved yet",
                question="If you leave now, it will be lost")
            assert "saved as a draft" not in screen_text(app)
            await pilot.press("enter")  # the cursor starts on "Stay"
            await eventually(pilot, lambda: isinstance(app.screen, CheckinScreen))
            await pilot.press("ctrl+q")  # quitting the app asks the same
            await eventually(pilot, lambda: "If you leave now, it will be lost" in screen_text(app))
            await pilot.press("enter")
            await eventually(pilot, lambda: isinstance(app.screen, CheckinScreen))
            assert saved_answer(journal_path) is None
        await eventually(pilot, lambda: saved_answer(journal_path) == "not yet on the disk")
        await eventually(pilot, lambda: "Not saved yet" not in header_text(app))
        await pilot.press("escape")  # saved now: the ordinary question
        await eventually(pilot, lambda: "saved as a draft" in screen_text(app))
        await pilot.press("enter")  # "Leave"
        await eventually(pilot, lambda: not isinstance(app.screen, CheckinScreen))


async def test_leaving_unsaved_when_the_person_says_so(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_on_a_lockable_journal(journal_path, monkeypatch, lang="nb",
                                    retry_delay=3600)
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        with OtherProgram(journal_path):  # (the screen's last try on its way out may
            await write_while_unsaved_and_press_escape(  # come before or after it lets go)
                pilot, app, "kastes med vilje", unsaved="Ikke lagret ennå",
                question="Går du ut nå, går det tapt")
            await pilot.press("shift+tab", "enter")  # "Gå ut uten å lagre"
            await eventually(pilot, lambda: not isinstance(app.screen, CheckinScreen))


async def test_a_team_session_that_cannot_be_saved_says_so_and_tries_again(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, broken = team_app_on_a_breakable_log(journal_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)  # (opening the log writes the draft too)
        broken[0] = True  # …and then the disk is full
        await team_at(pilot, TeamStep.SHARE)
        await write_while_unsaved_and_press_escape(
            pilot, app, "what the team agreed", unsaved="Not saved yet",
            question="If you leave now, it will be lost")
        await pilot.press("enter")  # "Stay"
        await eventually(pilot, lambda: isinstance(app.screen, TeamScreen))
        broken[0] = False  # the disk has room again; nobody presses a key
        await eventually(pilot, lambda: "Not saved yet" not in header_text(app))
        draft = TeamLog(journal_path.with_name("team-log.json")).read_draft()
        assert draft is not None and draft.session.key_points == "what the team agreed"
        assert app.screen.sub_title == app.env.t("team.subtitle")


async def test_typing_does_not_wait_for_another_programs_long_write(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program holds the journal longer than anyone would wait (an import, the
    backup of a large journal): the autosave gives up after a moment and tries again
    later, so the screen goes on answering. Here the journal's own busy timeout is an
    hour and the other program lets go after 30 s: an autosave that waited for it would
    only say "Not saved yet" once the journal was free again."""
    app = app_on_a_lockable_journal(journal_path, monkeypatch, lang="en", retry_delay=0.05,
                                    usual_wait=3600)
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        with OtherProgram(journal_path) as other:
            await type_keys(pilot, "still typing")
            await eventually(pilot, lambda: "Not saved yet" in header_text(app)
                             and not other.gone.is_set())
            await type_keys(pilot, ", and more")
            assert app.screen.query_one(AnswerEditor).text == "still typing, and more"
        await eventually(pilot, lambda: saved_answer(journal_path) == "still typing, and more")


async def test_a_team_heartbeat_that_fails_recovers_and_leaving_unsaved_does_not_crash(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app, broken = team_app_on_a_breakable_log(journal_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SHARE)
        await fill(pilot, "agreed points")
        team_log = TeamLog(journal_path.with_name("team-log.json"))
        await eventually(pilot, lambda: (team_log.read_draft() is not None and
                                         team_log.read_draft().session.key_points  # type: ignore[union-attr]
                                         == "agreed points"))
        broken[0] = True
        app.screen.heartbeat()  # the once-a-minute write, with nothing new typed
        await eventually(pilot, lambda: "Not saved yet" in header_text(app))
        broken[0] = False
        await eventually(pilot, lambda: "Not saved yet" not in header_text(app))
        broken[0] = True  # and now for good: leaving without saving
        await write_while_unsaved_and_press_escape(
            pilot, app, ", and one more", unsaved="Not saved yet",
            question="If you leave now, it will be lost")
        await pilot.press("shift+tab", "enter")  # "Leave without saving"
        await eventually(pilot, lambda: not isinstance(app.screen, TeamScreen))
        # the log could not be let go of either: said, on the home screen, not a crash
        await eventually(pilot, lambda: any(
            "No space left" in str(n.message) and "not saved yet" not in str(n.message)
            for n in app._notifications))
