"""A team session driven from the keys alone, as a facilitator at the shared screen would.

The timer runs on a fake clock the test advances; the log is read back from its file.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from team_helpers import (
    TODAY,
    FakeClock,
    session_open,
    team_app,
    team_at,
    until,
    visible_text,
)
from tui_helpers import fill, screen_text, type_keys

from refleks.team.flow import TeamStep
from refleks.team.store import TeamLog
from refleks.tui.screens.team import TeamClosingScreen, TeamScreen, TeamStartScreen

SIZE = (80, 24)


def log_of(journal_path: Path) -> TeamLog:
    return TeamLog(journal_path.with_name("team-log.json"))


def timer_text(app) -> str:  # type: ignore[no-untyped-def]
    from textual.widgets import Digits

    return str(app.screen.query_one("#timer", Digits).value)


async def run_first_session(pilot, app, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    """Theme (the suggestion), read, reflect with the timer, share, one development area."""
    assert isinstance(app.screen, TeamScreen)
    assert "foreslått" in str(app.screen.query_one("#theme-list").get_option_at_index(1).prompt)
    await pilot.press("enter")  # take the suggested theme
    assert "Relasjonelle verdier og holdninger" in screen_text(app)
    await pilot.press("enter")  # read together, then on
    assert app.screen.flow.step is TeamStep.REFLECT
    assert timer_text(app) == "3:00"
    clock.advance(13)
    await until(pilot, lambda: timer_text(app) != "3:00")  # the next tick
    assert timer_text(app) == "2:47"
    await pilot.press("space")  # pause
    clock.advance(100)
    app.screen.show_time()  # what the next tick would draw
    assert timer_text(app) == "2:47" and "på pause" in screen_text(app)
    await pilot.press("plus")  # a minute more, and the clock stays paused
    assert timer_text(app) == "3:47" and "på pause" in screen_text(app)
    clock.advance(3)
    app.screen.show_time()
    assert timer_text(app) == "3:47" and "på pause" in screen_text(app)
    await pilot.press("space")  # on again, from what was left
    clock.advance(7)
    await until(pilot, lambda: timer_text(app) == "3:40")
    assert "på pause" not in screen_text(app)
    clock.advance(220)
    await until(pilot, lambda: timer_text(app) != "3:40")  # the next tick
    assert timer_text(app) == "0:00" and "Tiden er ute" in screen_text(app)
    await pilot.press("ctrl+n")
    assert "Hva opplever dere fungerer godt?" in screen_text(app)
    await fill(pilot, "Vi lytter godt i morgenmøtet")
    await pilot.press("ctrl+n")
    await type_keys(pilot, "tillit")
    await pilot.press("enter")  # ticks Tillit; the cursor waits in its action
    await fill(pilot, "Si hva vi gjør før vi gjør det")
    await pilot.press("tab")
    await fill(pilot, "møteleder")
    await pilot.press("ctrl+n")
    assert "Dette lagres i teamloggen" in screen_text(app)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_whole_session_from_the_keys(journal_path: Path) -> None:
    clock = FakeClock()
    app = team_app(journal_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)
        await run_first_session(pilot, app, clock)
        await until(pilot, lambda: not isinstance(app.screen, TeamScreen))  # back home
    log = log_of(journal_path)
    (session,) = log.read().sessions
    assert session.theme is not None and session.theme.id == "area:relasjonell"
    assert session.key_points == "Vi lytter godt i morgenmøtet"
    assert [(f.value_id, f.action, f.role) for f in session.focus] == [
        ("tillit", "Si hva vi gjør før vi gjør det", "møteleder")]
    assert session.completed_at == TODAY
    assert not log.draft_path.exists() and not log.lock_path.exists()


async def test_the_next_session_follows_up_and_suggests_another_theme(
        journal_path: Path) -> None:
    clock = FakeClock()
    app = team_app(journal_path, clock)

    def first_session(flow) -> None:  # type: ignore[no-untyped-def]
        # what run_first_session writes by keys (test_a_whole_session_from_the_keys
        # presses them and checks each step); here it is only what the next one builds on
        flow.set_key_points("Vi lytter godt i morgenmøtet")
        flow.toggle_focus("tillit")
        flow.set_action("tillit", "Si hva vi gjør før vi gjør det")
        flow.set_role("tillit", "møteleder")

    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, first_session)  # the suggested theme
        await pilot.press("ctrl+s")
        await pilot.pause()
    app = team_app(journal_path, clock, when=TODAY + timedelta(days=28))
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)
        text = screen_text(app)
        assert "Sist gang – hvordan gikk det?" in text
        assert "Si hva vi gjør før vi gjør det" in text and "møteleder" in text
        await fill(pilot, "Vi husket det nesten hver dag")
        await pilot.press("tab", "enter")  # carry on with it
        assert app.screen.query_one(".keep").value
        await pilot.press("ctrl+n")
        theme_list = app.screen.query_one("#theme-list")
        assert "foreslått" in str(theme_list.highlighted_option.prompt)
        assert theme_list.highlighted_option.id == "area:menneskesyn"
        assert "sist 30. november 2026" in str(theme_list.get_option("area:relasjonell").prompt)
        await pilot.press("enter", "enter", "s")  # theme, read, skip the reflection
        await pilot.press("ctrl+n")  # no key points this time
        await type_keys(pilot, "håp")
        await pilot.press("enter", "ctrl+n", "ctrl+s")
        await pilot.pause()
    first, second = log_of(journal_path).read().sessions
    assert [(f.value_id, f.text, f.from_uid, f.keep) for f in second.follow_ups] == [
        ("tillit", "Vi husket det nesten hver dag", first.uid, True)]
    assert [(f.value_id, f.action, f.role) for f in second.focus] == [
        ("tillit", "Si hva vi gjør før vi gjør det", "møteleder"), ("hap", "", "")]
    assert second.theme is not None and second.theme.id == "area:menneskesyn"


async def test_the_focus_step_asks_for_at_least_one_value(journal_path: Path) -> None:
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.FOCUS)
        await pilot.press("ctrl+n")
        assert app.screen.flow.step is TeamStep.FOCUS
        assert "Velg minst én verdi" in screen_text(app)


async def test_esc_keeps_the_session_and_it_resumes(journal_path: Path) -> None:
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SHARE)
        await fill(pilot, "stikkord")
        await pilot.press("escape")
        assert "Gå ut av økten?" in screen_text(app)
        await pilot.press("enter")  # "Gå ut"
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        assert "Økten er tatt vare på" in screen_text(app)
    app = team_app(journal_path, FakeClock(), start=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "enter")  # from home: the team's start screen, a session
        await session_open(pilot)
        assert app.screen.flow.step is TeamStep.SHARE
        assert app.screen.query_one("#key-points").text == "stikkord"
        await pilot.press("escape")  # leaving a resumed session untouched…
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, TeamScreen))
    draft = log_of(journal_path).read_draft()  # …leaves it free for anyone to resume
    assert draft is not None and draft.owner == {}
    assert draft.session.key_points == "stikkord"


def footer_keys(app: object) -> set[str]:
    return {b.description for _, b, enabled, _ in app.screen.active_bindings.values()  # type: ignore[attr-defined]
            if enabled and b.show}


async def test_the_start_screen_says_enter_goes_on_with_a_session_left_unfinished(
        journal_path: Path) -> None:
    app = team_app(journal_path, FakeClock(), start=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        assert "Enter starter en økt." in screen_text(app)  # nothing left: a new one
        assert "Start en økt" in footer_keys(app)
        await pilot.press("enter")
        await session_open(pilot)
        await pilot.press("enter")  # the theme suggested: something to go on with
        await pilot.press("escape", "enter")  # leave, and it is kept
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        await until(pilot, lambda: "Enter fortsetter økten" in screen_text(app))
        started = f"30. november 2026 kl. {TODAY.astimezone():%H:%M}"  # this computer's clock
        assert (f"Enter fortsetter økten som ble startet {started} og ikke gjort ferdig."
                in " ".join(screen_text(app).split()))
        assert "Enter starter" not in screen_text(app)
        assert "Fortsett økten" in footer_keys(app) and "Start en økt" not in footer_keys(app)
        await pilot.press("enter")  # and it does
        await session_open(pilot)
        assert app.screen.flow.session.theme is not None


async def test_from_home(journal_path: Path) -> None:
    app = team_app(journal_path, FakeClock(), start=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Teamrefleksjon" in str(app.screen.query_one("#home-menu").get_option("team")
                                       .prompt)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        await pilot.press("enter")
        await session_open(pilot)
        await pilot.press("escape")  # nothing chosen: straight out, to the closing screen
        await until(pilot, lambda: isinstance(app.screen, TeamClosingScreen))
        assert "Ingenting ble valgt" in screen_text(app)
        await pilot.press("enter")  # and back to the team's start screen
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen))


async def test_a_longer_session_gives_the_reflection_more_time(journal_path: Path) -> None:
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)
        await pilot.press("shift+tab")  # from the themes to the length
        await pilot.press("right", "enter")  # the highlight starts on 30, the chosen
        assert app.screen.query_one("#length").pressed_button.name == "45"
        assert "reflekter 5" in screen_text(app)
        await pilot.press("tab", "enter", "enter")
        assert timer_text(app) == "5:00"
    assert app.return_code is None or app.return_code == 0


async def test_the_summary_footer_names_saving_not_a_next_step(journal_path: Path) -> None:
    """At the last step there is no next one: the footer says ^s Lagre, not ^n Neste
    (a new user pressed ctrl+n there and wondered what came next)."""
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, lambda flow: flow.toggle_focus("varme"))
        footer = visible_text(app).rstrip().splitlines()[-1]
        assert "^s Lagre" in footer and "Neste" not in footer
        await pilot.press("ctrl+n")  # names nothing there, and does nothing
        assert isinstance(app.screen, TeamScreen)
        assert app.screen.flow.step is TeamStep.SUMMARY
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, TeamScreen))
    assert log_of(journal_path).read().sessions[-1].focus[0].value_id == "varme"


async def test_a_session_saved_elsewhere_meanwhile_is_kept_beside_ours(
        journal_path: Path) -> None:
    from refleks.team.model import TeamSession

    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, lambda flow: flow.toggle_focus("varme"))
        # the same session, taken over and finished on another machine meanwhile
        theirs = TeamSession(uid=app.screen.flow.session.uid, started_at=TODAY,
                             completed_at=TODAY, key_points="theirs")
        log_of(journal_path).add_session(theirs, 0)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await until(pilot, lambda: not isinstance(app.screen, TeamScreen))
        assert any("Ingenting er overskrevet" in str(n.message) for n in app._notifications)
    sessions = log_of(journal_path).read().sessions
    assert len(sessions) == 2 and sessions[-1].focus[0].value_id == "varme"
    assert sessions[0].key_points == "theirs"  # not replaced by ours


async def test_a_fast_typist_loses_nothing_in_the_focus_step(journal_path: Path) -> None:
    """A terminal delivers keys typed quickly in one burst: the words after Enter are the
    action's, even though they reach the filter before the focus has moved."""
    from textual import events

    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)
        await pilot.press("enter", "enter", "s", "ctrl+n")
        await until(pilot, lambda: app.focused is app.screen.query_one("#team-filter"))
        for ch in "tillit\rSi hva vi gjør":
            key = {"\r": "enter", " ": "space"}.get(ch, ch)
            app.post_message(events.Key(key, None if ch == "\r" else ch))
        await until(pilot, lambda: [(f.value_id, f.action) for f in
                                    app.screen.flow.session.focus]
                    == [("tillit", "Si hva vi gjør")])
        assert app.screen.query_one("#team-filter").value == ""
        # the list still ticks with Enter, for a second value
        await pilot.press("shift+tab", "shift+tab")
        await type_keys(pilot, "varme")
        await pilot.press("enter")
        assert [f.value_id for f in app.screen.flow.session.focus] == ["tillit", "varme"]


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_every_step_speaks_the_language(journal_path: Path, lang: str) -> None:
    """No step shows a text key instead of words, in either language."""
    clock = FakeClock()
    app = team_app(journal_path, clock, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await session_open(pilot)
        seen = []
        for keys in ((), ("enter",), ("enter",), ("s",), ("ctrl+n",)):
            await pilot.press(*keys)
            await pilot.pause()
            seen.append(screen_text(app))
        await type_keys(pilot, "tillit" if lang == "nb" else "trust")
        await pilot.press("enter")
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("ctrl+n")
        await pilot.pause()
        seen.append(screen_text(app))
        footer_keys = [b.description for _, b, _, _ in app.screen.active_bindings.values()]
    text = "\n".join(seen)
    import re

    assert not re.search(r"\bteam\.[a-z_]+", text), "a text key on the screen"
    assert not any(d.startswith("team.") for d in footer_keys)
    assert ("Identify areas to develop" in text) == (lang == "en")


async def test_a_file_that_is_not_a_team_log_is_left_alone(journal_path: Path) -> None:
    path = journal_path.with_name("team-log.json")
    path.write_text('{"not": "ours"}')
    app = team_app(journal_path, FakeClock(), start=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "enter")  # the team's start screen, a session
        await until(pilot, lambda: isinstance(app.screen, TeamStartScreen)
                    and bool(app._notifications))
        assert any("ikke en teamlogg" in str(n.message) for n in app._notifications)
    assert path.read_text() == '{"not": "ours"}'


async def test_what_was_typed_is_known_by_where_it_was_written(journal_path: Path) -> None:
    """The passages a confidentiality guard would read, and the way back to each."""
    app = team_app(journal_path, FakeClock())

    def written(flow) -> None:  # type: ignore[no-untyped-def]
        flow.set_key_points("stikkord")
        flow.toggle_focus("tillit")
        flow.set_action("tillit", "Si det først")

    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, written)
        passages = app.screen.written_passages()
        assert [(text, step) for _, text, step in passages] == [
            ("stikkord", TeamStep.SHARE), ("Si det først", TeamStep.FOCUS)]
        await app.screen.go_back_to(TeamStep.SHARE)
        assert app.screen.query_one("#key-points").text == "stikkord"


async def test_the_guard_reads_the_key_points_before_the_log_is_shared(
        journal_path: Path) -> None:
    """A team log is shared: a name in the key points is shown before it is saved, and
    "rewrite" goes back to the share step with the text as it was."""
    from refleks.tui.screens.guard import GuardScreen

    app = team_app(journal_path, FakeClock())

    def written(flow) -> None:  # type: ignore[no-untyped-def]
        flow.set_key_points("Kari sa at morgenmøtet hjalp")
        flow.toggle_focus("tillit")
        flow.set_action("tillit", "Si det først")

    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, written)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        assert "Kari" in screen_text(app)
        await pilot.press("enter")  # Rewrite
        await until(pilot, lambda: isinstance(app.screen, TeamScreen)
                    and app.screen.flow.step is TeamStep.SHARE)
        assert app.screen.query_one("#key-points").text == "Kari sa at morgenmøtet hjalp"
        assert not log_of(journal_path).read().sessions


async def test_after_a_rewrite_ctrl_s_saves_from_the_step_it_went_back_to(
        journal_path: Path) -> None:
    """Issue 22.3: "rewrite" goes back to the share step, where ctrl+s did nothing (it
    took ctrl+n twice, then ctrl+s). Now the footer says ctrl+s there, and it saves what
    was rewritten, past the guard again."""
    from refleks.tui.screens.guard import GuardScreen

    app = team_app(journal_path, FakeClock())

    def written(flow) -> None:  # type: ignore[no-untyped-def]
        flow.set_key_points("Kari sa at morgenmøtet hjalp")
        flow.toggle_focus("tillit")
        flow.set_action("tillit", "Si det først")

    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.SUMMARY, written)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, GuardScreen))
        await pilot.press("enter")  # Rewrite
        await until(pilot, lambda: isinstance(app.screen, TeamScreen)
                    and app.screen.flow.step is TeamStep.SHARE)
        await type_keys(pilot, " (navn tatt ut)")
        shown = app.screen.active_bindings.get("ctrl+s")  # as the footer reads them
        assert shown is not None and shown.enabled and shown.binding.show
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, GuardScreen))
        await pilot.press("tab", "enter")  # Keep as written
        await until(pilot, lambda: bool(log_of(journal_path).read().sessions))
    [saved] = log_of(journal_path).read().sessions
    assert saved.key_points.endswith(" (navn tatt ut)")
    assert [f.action for f in saved.focus] == ["Si det først"]


async def read_theme(journal_path: Path, title: str) -> str:
    """The read step of the theme ``title`` (in a folder of its own: the session left
    open at the read step would be resumed). Choosing a theme with the arrow keys and
    Enter is pressed in test_a_longer_session… and the whole session; here the theme is
    chosen on the flow, the first whose title starts with ``title`` as in the list."""
    folder = journal_path.parent / title[:10]
    folder.mkdir()
    app = team_app(folder / journal_path.name, FakeClock(), start="team")

    def choose(flow) -> None:  # type: ignore[no-untyped-def]
        flow.choose_theme(next(theme.id for theme in flow.themes
                               if theme.title.startswith(title)))

    async with app.run_test(size=(100, 60)) as pilot:
        await team_at(pilot, TeamStep.READ, choose)
        return screen_text(app)


async def test_the_read_step_says_who_wrote_each_part(journal_path: Path) -> None:
    """Issue 11: text refleks wrote never stands under a document's name. Area 4's
    questions are refleks's (the document has none); a card's text is refleks's under
    the recovery team's title; the dialogue questions' intro is refleks's."""
    page = await read_theme(journal_path, "Refleksive og lærende holdninger")
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    questions = [line for line in lines if line.startswith("• Hva")]
    assert questions and all(q.endswith("(Skrevet for refleks)") for q in questions)
    assert "Kilde: Verdier og holdninger i recoveryorientert praksis" in lines
    page = await read_theme(journal_path, "Drømmen")
    assert "Skrevet for refleks" in page and "Kilde: refleks" not in page
    assert "Tittelen er fra Recoveryteam." in page
    page = await read_theme(journal_path, "Refleksjonsspørsmål for dialog")
    assert "Skrevet for refleks" in page and "Kilde: Recovery" in page
