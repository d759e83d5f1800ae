"""Nothing personal on the team's screen (issue 20, part 3).

A team session is a presentation mode: while it runs, nothing from the facilitator's
own journal can reach the shared screen — not home's "Fokus denne uka" with the
actions and the method of the week, not an answer or a moment, not by a key and not
from the command palette. When it ends, a neutral closing screen says where the team
log is, and the app goes back to the shell (``refleks team``) or to the team's start
screen, never to the personal home.

Each test looks at everything on the terminal (``visible_text``) after every step,
every key tried and every ending, in a journal that holds personal focus values with
actions, a method, an answer and a moment; the personal home is looked at too, to
show that the same look finds them where they belong.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from team_helpers import TODAY, FakeClock, session_open, team_app, team_at, until, visible_text
from tui_helpers import fill, screen_text, settle, type_keys

from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.moments import Moment
from refleks.journal.store import Journal
from refleks.team.flow import TeamStep
from refleks.tui.screens.checkin import CheckinScreen
from refleks.tui.screens.guard import GuardScreen
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.journal import JournalScreen
from refleks.tui.screens.library import LibraryScreen
from refleks.tui.screens.moment import MomentScreen
from refleks.tui.screens.overtime import OverTimeScreen
from refleks.tui.screens.settings import SettingsScreen
from refleks.tui.screens.team import TeamClosingScreen, TeamStartScreen

SIZE = (80, 24)
PERSONAL_SCREENS = (HomeScreen, JournalScreen, OverTimeScreen, MomentScreen, CheckinScreen,
                    SettingsScreen, LibraryScreen)
# What the facilitator's own journal holds. Each text has a word found nowhere in the
# content, looked for on its own: a sentence wrapped beside home's menu is cut in two.
ACTIONS = ("Ta en pustepause etter hver samtale", "Spørre om morgenkaffen før planene")
ANSWER = "Jeg lyttet mer enn jeg snakket på tirsdagsmøtet"
MOMENT = "Satt stille i venterommet i stedet for å fylle tausheten"
# Home shows these: its focus heading, a word of each action, its method line's label.
ON_HOME = ["Fokus denne uka", "pustepause", "morgenkaffen", "Ukens metode"]
PERSONAL_KEYS = ("h", "j", "o", "m", "n", "l")  # home's keys, and the letters around
# The palette's personal entries (check-in, moment, journal, over time, library,
# settings, and another team session) and one that stays (help).
PERSONAL_COMMANDS = ("palette.checkin", "moment_view.palette", "palette.journal",
                     "palette.overtime", "palette.library", "palette.settings",
                     "team.palette")


@pytest.fixture
def personal_journal(journal_path: Path) -> dict[str, list[str]]:
    """Last week's completed check-in with two focus values, their actions and a method,
    and a moment since: the words that must never reach the shared screen. Returns them:
    ``private`` (nowhere on a team screen) and ``names`` (the values and the method by
    name, which the team's own steps may show as content, but the start and closing
    screens never)."""
    from refleks.content.loader import load_content
    from refleks.paths import bundled_content_dir

    content = load_content(bundled_content_dir(), "nb")
    method = content.methods[2]
    journal = Journal.open(journal_path)
    checkin = CheckIn(lang="nb", area_id="relasjonell", area_title="Relasjonelle verdier",
                      started_at=TODAY - timedelta(days=7))
    checkin.answers = [Answer("relasjonell.1", "Hvordan viser jeg empati?", ANSWER)]
    checkin.focus = [Focus("tillit", "Tillit", ACTIONS[0]),
                     Focus("nysgjerrighet", "Nysgjerrighet", ACTIONS[1])]
    checkin.method_id, checkin.method_title = method.id, method.title
    journal.complete(checkin)
    journal.moments.add(Moment(text=MOMENT, created_at=TODAY - timedelta(days=1)))
    journal.close()
    return {"private": [*ON_HOME, "tirsdagsmøtet", "venterommet"],
            "names": ["Tillit", "Nysgjerrighet", method.title]}


def nothing_personal(app, seen: list[str], words: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    """The terminal as it is now goes into ``seen``; no personal screen is open above the
    team's start screen (or anywhere, after ``refleks team``), and none of the private
    words is on it — nor a value's or the method's name on a start or closing screen."""
    text = visible_text(app)
    seen.append(text)
    stack = app.screen_stack
    shared = [i for i, s in enumerate(stack) if isinstance(s, TeamStartScreen)]
    above = stack[shared[0]:] if shared else stack
    assert not [s for s in above if isinstance(s, PERSONAL_SCREENS)], stack
    for word in words["private"]:
        assert word not in text, f"{word!r} on the shared screen: {text}"
    if isinstance(app.screen, (TeamStartScreen, TeamClosingScreen)):
        for word in words["names"]:
            assert word not in text, f"{word!r} on the {type(app.screen).__name__}: {text}"


async def try_personal_keys(pilot, seen: list[str], words: dict[str, list[str]], *,  # type: ignore[no-untyped-def]
                            letters: bool = True) -> None:
    """Press home's keys and open the command palette: nothing personal opens, and the
    palette offers nothing personal (help, the control, is there)."""
    from textual.command import CommandList, CommandPalette

    app, t = pilot.app, pilot.app.env.t
    screen = app.screen
    for key in PERSONAL_KEYS if letters else ():
        await pilot.press(key)
        assert app.screen is screen, f"{key} opened {app.screen!r}"
        nothing_personal(app, seen, words)
    await pilot.press("ctrl+p")

    def offered() -> str:
        if not CommandPalette.is_open(app) or not app.screen.query(CommandList):
            return ""
        found = app.screen.query_one(CommandList)
        return "\n".join(str(found.get_option_at_index(i).prompt)
                         for i in range(found.option_count))

    await until(pilot, lambda: t("palette.help") in offered())
    for command in PERSONAL_COMMANDS:
        assert t(command) not in offered(), f"the palette offers {t(command)!r} here"
    nothing_personal(app, seen, words)
    await pilot.press("escape")
    await until(pilot, lambda: app.screen is screen)


async def test_refleks_team_shows_nothing_personal_from_start_to_the_shell(
        journal_path: Path, personal_journal: dict[str, list[str]]) -> None:
    """The whole session from the shell by keys, as a facilitator runs it: every step,
    the saving and the closing screen show nothing of the facilitator's own journal;
    home is never even built; the closing screen names the team log, and Enter goes
    back to the shell."""
    seen: list[str] = []
    words = personal_journal
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)
        nothing_personal(app, seen, words)  # choose: the themes
        await try_personal_keys(pilot, seen, words)
        await pilot.press("enter")  # the suggested theme
        nothing_personal(app, seen, words)  # read
        await try_personal_keys(pilot, seen, words)
        await pilot.press("enter")
        assert app.screen.flow.step is TeamStep.REFLECT
        nothing_personal(app, seen, words)
        await try_personal_keys(pilot, seen, words)
        await pilot.press("s")  # skip the quiet minutes
        nothing_personal(app, seen, words)  # share: typing goes into the key points
        await try_personal_keys(pilot, seen, words, letters=False)
        await fill(pilot, "Vi lytter godt i morgenmøtet")
        await pilot.press("ctrl+n")
        await type_keys(pilot, "tillit")
        await pilot.press("enter")
        await fill(pilot, "Si hva vi gjør før vi gjør det")
        nothing_personal(app, seen, words)  # the team's own development areas
        await pilot.press("ctrl+n")
        assert app.screen.flow.step is TeamStep.SUMMARY
        nothing_personal(app, seen, words)
        await try_personal_keys(pilot, seen, words)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        nothing_personal(app, seen, words)
        text = visible_text(app)
        assert "Økten er lagret i teamloggen" in text
        assert str(journal_path.with_name("team-log.json")) in text.replace(" ", "")
        await try_personal_keys(pilot, seen, words)
        assert not [s for s in app.screen_stack if isinstance(s, HomeScreen)]
        await pilot.press("enter")
        await until(pilot, lambda: app._exit)  # back to the shell
    assert len(seen) > 40
    saved = Journal.open(journal_path).latest()  # the personal journal is untouched
    assert saved is not None and [f.action for f in saved.focus] == list(ACTIONS)


async def test_from_home_the_session_ends_on_the_teams_start_screen(
        journal_path: Path, personal_journal: dict[str, list[str]]) -> None:
    """From home (t): the team's start screen, a session on it, the closing screen, and
    back to the start screen — never home; home comes back only when the facilitator
    leaves the start screen. Home is looked at first and last: the same look that finds
    nothing on the shared screens finds the focus, the actions and the method there."""
    seen: list[str] = []
    words = personal_journal
    app = team_app(journal_path, FakeClock(), start=None)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        home = visible_text(app)
        assert all(word in home for word in ON_HOME), home
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        await until(pilot, lambda: "esc Til din egen skjerm" in visible_text(app))  # footer
        nothing_personal(app, seen, words)
        await try_personal_keys(pilot, seen, words)
        await pilot.press("enter")  # start a session
        await team_at(pilot, TeamStep.SUMMARY, lambda flow: flow.toggle_focus("varme"))
        nothing_personal(app, seen, words)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        nothing_personal(app, seen, words)
        assert str(journal_path.with_name("team-log.json")) in visible_text(app).replace(" ", "")
        assert "Enter går tilbake til teamrefleksjonens startskjerm" in visible_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        nothing_personal(app, seen, words)
        assert not app._exit
        await pilot.press("escape")  # the facilitator's own choice: the projector is off
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert "pustepause" in visible_text(app)


async def test_a_session_left_or_never_opened_lands_on_no_personal_screen(
        journal_path: Path, personal_journal: dict[str, list[str]]) -> None:
    """Esc from a session with something chosen: the closing screen says it is kept. A
    log that is not a team log (the session never opens) leaves the start screen in
    view with the reason (a notice: the test app shows none), not home; Esc there goes
    back to the shell."""
    seen: list[str] = []
    words = personal_journal
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.READ)
        await pilot.press("escape", "enter")  # leave, and the session is kept
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        nothing_personal(app, seen, words)
        assert "Økten er tatt vare på" in visible_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: app._exit)
    log = journal_path.with_name("team-log.json")
    log.write_text('{"not": "ours"}')
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen)
                    and any("ikke en teamlogg" in n.message for n in app._notifications))
        await until(pilot, lambda: "esc Avslutt" in visible_text(app))  # footer
        nothing_personal(app, seen, words)
        await pilot.press("escape")  # refleks team: Esc closes it
        await until(pilot, lambda: app._exit)


@pytest.mark.parametrize(("lang", "words"), [
    ("nb", ("Før dere lagrer i teamloggen", "den felles skjermen")),
    ("en", ("Before you save to the team log", "the shared screen"))])
async def test_the_guard_says_it_is_on_the_shared_screen(
        journal_path: Path, lang: str, words: tuple[str, str]) -> None:
    """The team's guard dialog is read by the whole room: it says so, and does not say
    it is "only shown to you"."""
    app = team_app(journal_path, FakeClock(), lang=lang)

    def written(flow) -> None:  # type: ignore[no-untyped-def]
        flow.set_key_points("Kari sa at morgenmøtet hjalp")
        flow.toggle_focus("tillit")

    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, written)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, GuardScreen))
        text = visible_text(app)
        assert all(word in text for word in words) and "Kari" in text
        assert app.env.t("guard_view.never") not in text


@pytest.mark.parametrize(("lang", "rule", "kept"), [
    ("nb", "Skriv det teamet ble enige om, ikke hvem som sa hva",
     "lagres teksten i teamloggen slik den står"),
    ("en", "Write what the team agreed on, not who said what",
     "the text is saved in the team log as it stands")])
async def test_the_teams_guard_gives_the_team_logs_own_rule(
        journal_path: Path, lang: str, rule: str, kept: str) -> None:
    """A colleague's name is not what helsepersonelloven § 21 is about: the team's dialog
    gives the log's own rule (not who said what), and says truly that a kept text is
    saved in the team log (it said nothing was stored, right above "Keep as written")."""
    app = team_app(journal_path, FakeClock(), lang=lang)

    def written(flow) -> None:  # type: ignore[no-untyped-def]
        flow.set_key_points("Kari sa at morgenmøtet hjalp")
        flow.toggle_focus("tillit")

    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, written)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, GuardScreen))
        text = " ".join(screen_text(app).split())
        assert rule in text and kept in text
        assert "None of this is stored" not in text and "Ingenting av dette lagres" not in text


async def test_the_personal_actions_are_refused_while_presenting(journal_path: Path) -> None:
    """However an action is asked for (a key's binding, the home menu, a screen), none
    that opens a personal screen runs while the team's screens are open; outside them
    the same action runs."""
    app = team_app(journal_path, FakeClock(), start=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        assert app.presenting
        for action in ("checkin", "moment", "journal", "overtime", "library", "settings",
                       "team"):
            assert not await app.run_action(f"app.{action}"), action
            assert isinstance(app.screen, TeamStartScreen)
        assert await app.run_action("app.help")  # the keys' help stays
        await pilot.press("escape", "escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen))
        assert not app.presenting
        await app.run_action("app.journal")
        await until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)


async def test_refleks_team_never_asks_for_the_personal_journals_passphrase(
        journal_path: Path, isolated_home: Path, personal_journal: dict[str, list[str]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An encrypted personal journal: ``refleks team`` shows no passphrase screen (the
    room would read "Your journal is encrypted" and watch it typed), never opens the
    journal, not even with a key remembered on this computer, and the session runs and
    is saved to the team log; the journal file is byte-identical."""
    from refleks.environment import Environment
    from refleks.journal import converting, keychain
    from refleks.journal.cipher import unlock
    from refleks.team.store import TeamLog
    from refleks.tui.screens.lock import LockScreen

    converting.encrypt(journal_path, "grønn te før møtet")
    before = journal_path.read_bytes()
    key = unlock(journal_path, "grønn te før møtet")
    asked: list[Path] = []
    monkeypatch.setattr(keychain, "recall", lambda path: asked.append(path) or key)
    (isolated_home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    seen: list[str] = []
    env = Environment(lang_option="nb", journal_option=str(journal_path))
    app = team_app(journal_path, FakeClock(), env=env)
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, lambda flow: flow.toggle_focus("varme"))
        nothing_personal(app, seen, personal_journal)
        assert not [s for s in app.screen_stack if isinstance(s, LockScreen)]
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        assert "Loggen din er kryptert" not in visible_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: app._exit)
    assert env.key is None and asked == [] and env._journal is None
    assert journal_path.read_bytes() == before
    sessions = TeamLog(journal_path.with_name("team-log.json")).read().sessions
    assert [f.value_id for f in sessions[-1].focus] == ["varme"]


async def test_refleks_team_as_the_first_thing_run_shows_no_welcome(
        journal_path: Path, isolated_home: Path) -> None:
    """A fresh machine: the personal welcome (your journal, your folders) is not shown
    on the shared screen, and cannot be opened there; it waits for home."""
    from refleks.environment import Environment
    from refleks.tui.screens.welcome import WelcomeScreen

    assert not (isolated_home / "config.toml").exists()  # never welcomed
    env = Environment(lang_option="nb", journal_option=str(journal_path))
    app = team_app(journal_path, FakeClock(), env=env)
    async with app.run_test(size=(80, 24)) as pilot:
        await session_open(pilot)
        assert not any(isinstance(s, WelcomeScreen) for s in app.screen_stack)
        await app.run_action("welcome")  # as ctrl+p's "welcome" would
        await pilot.pause()
        assert not any(isinstance(s, WelcomeScreen) for s in app.screen_stack)
