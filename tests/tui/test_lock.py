"""The lock when you step away: after the set minutes without a key, or at once with
ctrl+l, the drafts are saved and a screen with nothing of the journal on it covers the
app; opening it returns to where the person was.

The lock looks at its own clock (``ui.idle_clock``), which these tests move on instead
of waiting ten minutes; it looks often (``ui.idle_check_every``), and the clock counts
its readings, so a test can wait until the lock has looked and still not locked.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import SIZE, checkin_at, eventually, fill, make_session, settle

from refleks.checkin import Step
from refleks.environment import Environment
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir
from refleks.settings import Settings, load_settings
from refleks.tui.app import RefleksApp, make_app
from refleks.tui.screens.lock import LockScreen
from refleks.tui.session import Session

MARKER = "Hemmelighetsfullsetning42"  # one word: it cannot be split across the picture


class IdleClock:
    """Seconds that pass only when a test says so, counting how often they are read."""

    def __init__(self) -> None:
        self.seconds = 5000.0
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return self.seconds

    def advance(self, minutes: float) -> None:
        self.seconds += minutes * 60


def lock_app(session: Session) -> tuple[RefleksApp, IdleClock]:
    clock = IdleClock()
    session.ui.idle_clock = clock
    session.ui.idle_check_every = 0.02
    return make_app(session), clock


def what_is_seen(app: Any) -> str:
    """The whole picture in the terminal as text, every screen that shows through
    included (what ``export_screenshot`` draws, as plain text)."""
    from rich.console import Console

    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      force_terminal=True, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def saved_answer(journal_path: Path) -> str | None:
    """The first answer of the draft on disk, read as another process would."""
    other = Journal.open(journal_path)
    try:
        draft = other.current_draft()
        return draft.answers[0].text if draft is not None and draft.answers else None
    finally:
        other.close()


async def until_home(pilot: Any) -> None:
    """Until home, opened after the passphrase, is up and drawn, its header too: a lock
    that comes while it is still being put together would meet a half-built screen,
    which no person can make happen (ten minutes, or a key, after it shows)."""
    from textual.widgets._header import HeaderTitle

    from refleks.tui.screens.home import HomeScreen

    app = pilot.app
    await eventually(pilot, lambda: isinstance(app.screen, HomeScreen)
                     and bool(app.screen.query(HeaderTitle)))
    await settle(pilot)


async def until_locked(pilot: Any) -> None:
    """Until the lock screen is up and drawn (not only pushed)."""
    app = pilot.app
    await eventually(pilot, lambda: isinstance(app.screen, LockScreen)
                     and bool(app.screen.query("#lock-heading")))


async def looks_without_locking(pilot: Any, clock: IdleClock) -> None:
    """Until the lock has looked at its clock a few times more; it must not have locked."""
    seen = clock.reads
    await eventually(pilot, lambda: clock.reads >= seen + 3)
    assert not isinstance(pilot.app.screen, LockScreen)


async def test_idling_in_an_answer_saves_it_hides_it_and_enter_brings_it_back(
    journal_path: Path,
) -> None:
    # a long autosave delay: only the lock can have written the draft in time
    app, clock = lock_app(make_session(journal_path, draft_save_delay=600))
    async with app.run_test(size=SIZE) as pilot:
        checkin = await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, f"Jeg lyttet mer i dag. {MARKER} og litt til")
        answer = app.focused
        cursor = answer.cursor_location  # type: ignore[union-attr]
        await settle(pilot)
        assert MARKER in what_is_seen(app)  # it is there to be hidden
        assert saved_answer(journal_path) is None

        clock.advance(10)
        await until_locked(pilot)
        await settle(pilot)
        seen = what_is_seen(app)
        assert MARKER not in seen and "Jeg lyttet" not in seen
        assert "refleks er låst" in seen and "Trykk Enter" in seen
        assert saved_answer(journal_path) == f"Jeg lyttet mer i dag. {MARKER} og litt til"

        await pilot.press("enter")
        await eventually(pilot, lambda: app.screen is checkin)
        await settle(pilot)
        assert app.focused is answer
        assert answer.text == f"Jeg lyttet mer i dag. {MARKER} og litt til"  # type: ignore[union-attr]
        assert answer.cursor_location == cursor  # type: ignore[union-attr]
        await pilot.press("space", "x")  # typing goes on where it stopped
        assert answer.text.endswith("og litt til x")  # type: ignore[union-attr]
        assert checkin.flow.step is Step.REFLECT


async def test_a_key_starts_the_count_again(journal_path: Path) -> None:
    app, clock = lock_app(make_session(journal_path, lock_minutes=5))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        clock.advance(4)
        await looks_without_locking(pilot, clock)
        await pilot.press("a")
        clock.advance(4)  # eight minutes since the start, four since the key
        await looks_without_locking(pilot, clock)
        clock.advance(1)
        await until_locked(pilot)
        await settle(pilot)
        assert "refleks er låst" in what_is_seen(app)


async def test_off_never_locks(journal_path: Path) -> None:
    app, clock = lock_app(make_session(journal_path, lock_minutes=0))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, MARKER)
        clock.advance(60 * 24 * 7)  # a week without a key
        await looks_without_locking(pilot, clock)
        assert MARKER in what_is_seen(app)


async def test_ctrl_l_locks_at_once_even_while_typing(journal_path: Path) -> None:
    app, _ = lock_app(make_session(journal_path, draft_save_delay=600))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, MARKER)
        await pilot.press("ctrl+l")
        await until_locked(pilot)
        assert saved_answer(journal_path) == MARKER
        await settle(pilot)
        assert MARKER not in what_is_seen(app)


async def test_the_lock_leads_nowhere_but_back(journal_path: Path) -> None:
    """Help, the command palette and ctrl+l again do nothing on the lock, and its footer
    names only what works there; typing does not reach the screen below."""
    from textual.command import CommandPalette

    app, _ = lock_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        home = app.screen
        await pilot.press("ctrl+l")
        await until_locked(pilot)
        lock = app.screen
        footer = {b.description for _, b, enabled, _ in lock.active_bindings.values()
                  if enabled and b.show}
        assert footer == {"Åpne", "Avslutt"}  # Enter, and ctrl+q that quits from here too
        await pilot.press("question_mark", "f1", "ctrl+p", "ctrl+l", "j", "n")
        await settle(pilot)
        assert app.screen is lock and len(app.screen_stack) == 2
        assert not CommandPalette.is_open(app)
        await pilot.press("enter")
        await eventually(pilot, lambda: app.screen is home)


async def test_a_dialog_open_when_it_locks_is_there_again(journal_path: Path) -> None:
    """Esc's question over a check-in: the lock covers both, and opening it shows the
    question again, over the same check-in."""
    from refleks.tui.screens.confirm import ConfirmScreen

    app, clock = lock_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, MARKER)
        await pilot.press("escape")
        await eventually(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = app.screen
        clock.advance(10)
        await until_locked(pilot)
        await settle(pilot)
        assert MARKER not in what_is_seen(app)
        await pilot.press("enter")
        await eventually(pilot, lambda: app.screen is question)


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ["refleks er låst", "lagret og skjult", "Trykk Enter for å fortsette der du var."]),
    ("en", ["refleks is locked", "saved, and hidden",
            "Press Enter to carry on where you were."]),
])
async def test_the_lock_speaks_the_language(journal_path: Path, lang: str,
                                            words: list[str]) -> None:
    app, clock = lock_app(make_session(journal_path, lang))
    async with app.run_test(size=SIZE) as pilot:
        clock.advance(10)
        await until_locked(pilot)
        await settle(pilot)
        seen = " ".join(what_is_seen(app).split())
        for word in words:
            assert word in seen


# -- the setting ------------------------------------------------------------------------


def settings_session(journal_path: Path, config: Path, settings: Settings) -> Session:
    """A session whose settings changed in the app are written to ``config``."""
    return Session(Environment.given(
        lang="nb", content_dir=bundled_content_dir(), journal=Journal.open(journal_path),
        settings=settings, config_path=config))


async def test_the_lock_minutes_are_set_on_the_settings_screen_and_kept(
    journal_path: Path, tmp_path: Path,
) -> None:
    from textual.widgets import Input

    from refleks.tui.screens.settings import SettingsScreen

    config = tmp_path / "config.toml"
    session = settings_session(journal_path, config, Settings(welcomed=True))
    app, clock = lock_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen))
        field = app.screen.query_one("#lock-minutes", Input)
        assert field.value == "10"  # the default
        await pilot.press("tab", "tab")  # from the language: days, minutes
        assert app.focused is field
        await pilot.press("ctrl+u")  # delete what is left of the cursor
        await fill(pilot, "2000")
        await pilot.press("tab", "enter")  # Save
        await settle(pilot)
        seen = " ".join(what_is_seen(app).split())
        assert "mellom 0 og 1440 (0 betyr aldri)" in seen
        assert session.env.settings.lock_minutes == 10
        await pilot.press("shift+tab", "ctrl+u")
        await fill(pilot, "0")
        await pilot.press("tab", "enter")
        await eventually(pilot, lambda: not isinstance(app.screen, SettingsScreen))
        assert session.env.settings.lock_minutes == 0
        clock.advance(60)
        await looks_without_locking(pilot, clock)  # off takes effect at once
    assert load_settings(config).lock_minutes == 0


# -- an encrypted journal: the passphrase at the start and at the lock --------------------


PASSPHRASE = "grønn te før møtet"


def encrypted_journal(path: Path) -> bytes:
    """A new journal, encrypted; returns its bytes."""
    from refleks.journal import converting

    Journal.open(path).close()
    converting.encrypt(path, PASSPHRASE)
    return path.read_bytes()


class MemoryKeyring:
    """A keyring backend in memory: what the OS keyring keeps, for one test."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.kept.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.kept[(service, user)] = password


@pytest.fixture
def keyring_here(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    import keyring

    memory = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: memory)
    for name in ("get_password", "set_password"):
        monkeypatch.setattr(keyring, name, getattr(memory, name))
    return memory


def remember_key(path: Path) -> None:
    """As ``refleks passphrase --remember`` does: the derived key, in the keyring."""
    from refleks.journal import keychain
    from refleks.journal.cipher import unlock

    keychain.remember(path, unlock(path, PASSPHRASE))


def encrypted_app(path: Path, isolated_home: Path, start: str | None = None,
                  ) -> tuple[RefleksApp, IdleClock]:
    """The app as ``refleks`` (or ``refleks team``: ``start="team"``) starts it on
    ``path``: ``run``'s own session, the environment as the command line builds it."""
    from refleks.tui.app import open_session

    (isolated_home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    env = Environment(lang_option="nb", journal_option=str(path))
    app, clock = lock_app(open_session(env, start))
    app.start = start
    return app, clock


async def type_passphrase(pilot: Any, text: str) -> None:
    from textual.widgets import Input

    await eventually(pilot, lambda: isinstance(pilot.app.focused, Input))
    await fill(pilot, text)
    await pilot.press("enter")


async def test_the_app_asks_for_the_passphrase_first_and_a_wrong_one_changes_nothing(
    journal_path: Path, isolated_home: Path,
) -> None:

    before = encrypted_journal(journal_path)
    app, _ = encrypted_app(journal_path, isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await until_locked(pilot)
        await settle(pilot)
        seen = " ".join(what_is_seen(app).split())
        assert "Loggen din er kryptert" in seen and "Skriv passordfrasen" in seen
        await pilot.press("question_mark", "ctrl+p", "ctrl+l")  # none leads anywhere
        assert isinstance(app.screen, LockScreen) and len(app.screen_stack) == 1
        await type_passphrase(pilot, "feil frase")
        await eventually(pilot, lambda: "ikke riktig passordfrase" in what_is_seen(app))
        assert app.env.key is None and journal_path.read_bytes() == before
        await type_passphrase(pilot, PASSPHRASE)
        await until_home(pilot)
        assert len(app.screen_stack) == 1  # home is the ground: Esc leads back to it
        assert app.env.key is not None and app.session.ui.passphrase_typed
        await settle(pilot)
        assert "Velkommen" in what_is_seen(app)


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_leaving_the_passphrase_screen_changes_nothing(
    journal_path: Path, isolated_home: Path, key: str,
) -> None:
    before = encrypted_journal(journal_path)
    app, _ = encrypted_app(journal_path, isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await until_locked(pilot)
        await pilot.press(key)
        await eventually(pilot, lambda: not app.is_running)
    assert app.env.key is None
    assert journal_path.read_bytes() == before
    assert sorted(p.name for p in journal_path.parent.iterdir()
                  if p.name.startswith(journal_path.name)) == [journal_path.name]


async def test_a_typed_passphrase_is_asked_again_at_the_lock(
    journal_path: Path, isolated_home: Path,
) -> None:
    from textual.widgets import Input


    encrypted_journal(journal_path)
    app, clock = encrypted_app(journal_path, isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await type_passphrase(pilot, PASSPHRASE)
        await until_home(pilot)
        home = app.screen
        clock.advance(10)
        await until_locked(pilot)
        lock = app.screen
        assert lock.query_one("#lock-passphrase", Input).password  # no echo
        await pilot.press("enter")  # an empty field opens nothing
        await type_passphrase(pilot, "feil frase")
        await eventually(pilot, lambda: "ikke riktig passordfrase" in what_is_seen(app))
        assert app.screen is lock
        await type_passphrase(pilot, PASSPHRASE)
        await eventually(pilot, lambda: app.screen is home)


async def test_a_lock_that_comes_as_home_is_being_built_waits_for_it(
    journal_path: Path, isolated_home: Path,
) -> None:
    """The passphrase opens home, and the lock looks in that very moment (the person
    pressed Enter and stepped away while the key was derived): home is pushed but not
    yet put together. The lock waits until it is, then covers it; covering it half-built
    stopped the app (its header had no title yet)."""
    from refleks.tui.screens.home import HomeScreen

    encrypted_journal(journal_path)
    app, clock = encrypted_app(journal_path, isolated_home)
    opened = app.unlocked
    half_built: list[bool] = []

    def unlocked_and_the_lock_looks() -> None:
        opened()
        half_built.append(isinstance(app.screen, HomeScreen) and not app.screen.is_mounted)
        clock.advance(10)
        assert app.idle is not None
        app.idle.look()  # what the lock's timer does, at the worst moment

    app.unlocked = unlocked_and_the_lock_looks  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await type_passphrase(pilot, PASSPHRASE)
        # the passphrase screen is a LockScreen too: wait for the key, then the lock
        await eventually(pilot, lambda: bool(half_built))
        await until_locked(pilot)
        await settle(pilot)
        assert half_built == [True]  # the moment this test is about did happen
        assert app.is_running
        assert [type(screen) for screen in app.screen_stack] == [HomeScreen, LockScreen]
        assert "refleks er låst" in what_is_seen(app)
        await type_passphrase(pilot, PASSPHRASE)
        await until_home(pilot)
        assert app.is_running


async def test_quitting_while_the_passphrase_is_checked_leaves_without_an_error(
    journal_path: Path, isolated_home: Path,
) -> None:
    """ctrl+q while the key is still being derived ("checking"): the app quits, and the
    check that was cut short is not reported as an error (it stopped the app with a
    traceback when the quit came before the key)."""
    import threading

    encrypted_journal(journal_path)
    app, _ = encrypted_app(journal_path, isolated_home)
    derived = threading.Event()
    unlock = app.env.unlock

    def slow_unlock(passphrase: str) -> bool:
        derived.wait(10)  # the key takes its time; the person quits meanwhile
        return unlock(passphrase)

    app.env.unlock = slow_unlock  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await type_passphrase(pilot, PASSPHRASE)
            await eventually(pilot, lambda: isinstance(app.screen, LockScreen)
                             and app.screen.checking)
            await pilot.press("ctrl+q")
            await eventually(pilot, lambda: not app.is_running)
    finally:
        derived.set()
    assert app.return_code in (0, None)
    assert app._exception is None


def footer(app: Any) -> str:
    """The bottom line of the picture: the keys the footer names."""
    return what_is_seen(app).splitlines()[-1]


async def test_the_footer_names_ctrl_q_on_every_lock_and_it_quits(
    journal_path: Path, isolated_home: Path,
) -> None:
    """ctrl+q quits from the lock (help, which names it, is shut there): the footer of
    the plain lock, of the lock asking for a passphrase and of the passphrase screen at
    the start says so, with what else works there."""
    plain, _ = lock_app(make_session(journal_path))
    async with plain.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await until_locked(pilot)
        await settle(pilot)
        assert "⏎ Åpne" in footer(plain) and "^q Avslutt" in footer(plain)

    encrypted = journal_path.with_name("kryptert.sqlite3")  # the plain one is still open
    encrypted_journal(encrypted)
    app, _ = encrypted_app(encrypted, isolated_home)
    async with app.run_test(size=SIZE) as pilot:
        await eventually(pilot, lambda: bool(app.screen.query("#lock-passphrase")))
        await settle(pilot)
        assert "esc/^q Avslutt" in footer(app)  # at the start Esc quits too
        await type_passphrase(pilot, PASSPHRASE)
        await until_home(pilot)
        await pilot.press("ctrl+l")
        await until_locked(pilot)
        await settle(pilot)
        assert "^q Avslutt" in footer(app) and "Åpne" not in footer(app)
        await pilot.press("ctrl+q")
        await eventually(pilot, lambda: not app.is_running)


async def test_a_remembered_key_opens_at_once_and_the_lock_with_enter(
    journal_path: Path, isolated_home: Path, keyring_here: MemoryKeyring,
) -> None:

    encrypted_journal(journal_path)
    remember_key(journal_path)
    app, _ = encrypted_app(journal_path, isolated_home)
    assert app.env.key is not None  # the remembered one: nothing was typed
    async with app.run_test(size=SIZE) as pilot:
        await until_home(pilot)
        assert len(app.screen_stack) == 1 and not app.session.ui.passphrase_typed
        await pilot.press("ctrl+l")
        await until_locked(pilot)
        assert not app.screen.query("#lock-passphrase")
        await pilot.press("enter")
        await until_home(pilot)


async def test_a_team_session_on_the_shared_screen_is_not_locked_by_the_clock(
    journal_path: Path,
) -> None:
    """A team talks for many minutes without a key, and the shared screen shows nothing
    personal: the idle lock waits while it is up (ctrl+l still locks at once), and its
    count starts again when the session is over."""
    from team_helpers import FakeClock, team_app, team_at

    from refleks.team.flow import TeamStep

    app = team_app(journal_path, FakeClock())
    clock = IdleClock()
    app.session.ui.idle_clock = clock
    app.session.ui.idle_check_every = 0.02
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.REFLECT)
        clock.advance(30)  # half an hour of talk, three times the lock's minutes
        await looks_without_locking(pilot, clock)
        await pilot.press("ctrl+l")
        await until_locked(pilot)


async def test_the_lock_does_not_call_a_moment_being_written_saved(journal_path: Path) -> None:
    """A moment is saved only when the person saves it: under the lock it is kept on
    the screen (and there again after), and the lock says so instead of "saved"."""
    from textual.widgets import TextArea

    from refleks.tui.screens.moment import MomentScreen

    app, _ = lock_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, MARKER)
        await pilot.press("ctrl+l")
        await until_locked(pilot)
        await settle(pilot)
        seen = " ".join(what_is_seen(app).replace("│", " ").split())  # the box's sides
        assert MARKER not in seen and "is saved" not in seen
        assert "kept here, and saved when you save it" in seen
        await pilot.press("enter")
        await eventually(pilot, lambda: isinstance(app.screen, MomentScreen))
        assert app.screen.query_one("#moment-text", TextArea).text == MARKER
