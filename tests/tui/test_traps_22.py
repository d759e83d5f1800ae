"""Issue 22's traps: where the screen invited something and it did not happen.

Each test presses what the screen invites a person to press and checks the screen and
the journal after; each is named after the behaviour it holds.
"""

from __future__ import annotations

from pathlib import Path

from journal_helpers import make_checkin
from team_helpers import FakeClock, team_app, team_at, visible_text
from textual.widgets import Button, Input, TextArea
from tui_helpers import (
    SIZE,
    at_focus,
    checkin_at,
    eventually,
    fill,
    make_session,
    plain_rows,
    screen_text,
    type_keys,
)

from refleks.checkin import Step
from refleks.journal.store import Journal
from refleks.team.flow import TeamStep
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import AreaStep, FocusStep, MethodStep, ReflectStep
from refleks.tui.screens.export import ExportScreen
from refleks.tui.screens.guard import GuardScreen
from refleks.tui.screens.moment import MomentScreen

# -- trap 1: a value filter keeps the cursor after an Enter with no match -------------------


async def test_enter_with_no_match_keeps_the_cursor_in_the_checkin_filter(
        journal_path: Path) -> None:
    """`zzz`, Enter, three Backspaces: the filter is empty again and says so as it goes
    (before, Enter sent the cursor to an empty list, the Backspaces were lost, and the
    next letter replaced the word)."""
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await at_focus(pilot)
        box = app.screen.query_one("#focus-filter", Input)
        await type_keys(pilot, "zzz")
        await pilot.press("enter")
        assert app.focused is box
        assert "No value matches “zzz”" in visible_text(app)
        await pilot.press("backspace", "backspace", "backspace")
        assert box.value == "" and app.focused is box
        await type_keys(pilot, "tru")
        assert box.value == "tru"
        await pilot.press("enter")  # and now Enter ticks Trust
        assert app.screen.flow.checkin.focus_ids == ["tillit"]


async def test_enter_with_no_match_keeps_the_cursor_in_the_team_filter(
        journal_path: Path) -> None:
    """The team's development areas: `connect`, Enter, seven Backspaces, `commun` reads
    `commun` (before: `connectcommun`, the footer changed, nothing was said)."""
    app = team_app(journal_path, FakeClock(), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.FOCUS)
        box = app.screen.query_one("#team-filter", Input)
        await type_keys(pilot, "connect")
        await pilot.press("enter")
        assert app.focused is box
        assert "No value matches “connect”" in visible_text(app)
        await pilot.press(*["backspace"] * 7)
        await type_keys(pilot, "commun")
        assert box.value == "commun" and app.focused is box


async def test_enter_with_no_match_keeps_the_cursor_in_a_moments_filter(
        journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MomentScreen)
        await fill(pilot, "Stood in the silence")
        await pilot.press("tab")  # on to the values' filter
        box = app.screen.query_one("#moment-filter", Input)
        assert app.focused is box
        await type_keys(pilot, "zzz")
        await pilot.press("enter")
        assert app.focused is box
        assert "No value matches “zzz”" in visible_text(app)
        await pilot.press("backspace", "backspace", "backspace")
        assert box.value == "" and app.focused is box


async def test_enter_on_a_ticked_value_unticks_it_in_all_three_filters(
        journal_path: Path) -> None:
    """One way for the three value filters: Enter on a ticked value unticks it (the
    team's only ticked, and sent the cursor to the action)."""
    app = team_app(journal_path, FakeClock(), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.FOCUS)
        await type_keys(pilot, "trust")
        await pilot.press("enter")  # ticked; the cursor goes to its action
        assert [f.value_id for f in app.screen.flow.session.focus] == ["tillit"]
        app.screen.query_one("#team-filter", Input).focus()
        await type_keys(pilot, "trust")
        await pilot.press("enter")  # unticked, the filter empty for the next name
        assert app.screen.flow.session.focus == []
        assert app.screen.query_one("#team-filter", Input).value == ""

# -- trap 6: one focus value goes on --------------------------------------------------------


async def test_one_focus_value_goes_on_with_its_action_kept(journal_path: Path) -> None:
    """One ticked value and its action: ctrl+n goes on to the method, and the draft
    keeps the value and the action (before, ctrl+n was refused until it was unticked,
    and the action went with it)."""
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await at_focus(pilot)
        assert "Choose two or three focus values" in screen_text(app)  # the invitation
        await type_keys(pilot, "trust")
        await pilot.press("enter")  # ticks Trust; the cursor goes to its action
        await fill(pilot, "Say what I do before I do it")
        assert "One value chosen" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query(MethodStep) and not app.screen.query(FocusStep)
        await pilot.press("ctrl+b")  # and back: the value and its action are still there
        await pilot.pause()
        actions = list(app.screen.query(".focus-action").results(Input))
        assert [a.value for a in actions] == ["Say what I do before I do it"]
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert [(f.value_id, f.action) for f in draft.focus] == [
        ("tillit", "Say what I do before I do it")]


# -- trap 2: "Rewrite" on a moment returns to its text, at the first finding ----------------


async def test_rewrite_on_a_moment_puts_the_cursor_in_its_text_at_the_first_finding(
        journal_path: Path) -> None:
    """Text with a name and a phone number, Tab, a value ticked, ctrl+s, Rewrite (the
    default): what is typed next goes into the moment's text where the name was found
    (before, it went into the values' filter and the list emptied)."""
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "I dag ringte Kari fra 412 34 567.")
        await pilot.press("tab")
        await type_keys(pilot, "tilgjengel")
        await pilot.press("enter")  # ticks Tilgjengelighet
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        await pilot.press("enter")  # Skriv om (Rewrite), the default
        await pilot.pause()
        assert isinstance(app.screen, MomentScreen)
        text = app.screen.query_one("#moment-text", TextArea)
        assert app.focused is text
        await pilot.press("delete", "delete", "delete", "delete")  # "Kari" out
        await type_keys(pilot, "en bruker")
        assert text.text == "I dag ringte en bruker fra 412 34 567."
        assert app.screen.query_one("#moment-filter", Input).value == ""
        assert app.screen.chosen == ["tilgjengelighet"]


# -- trap 5: in the export dialog the highlighted format is the chosen one ------------------


async def test_the_highlighted_export_format_is_the_one_written(journal_path: Path) -> None:
    """At 60×18: e, ↓↓ to HTML, Tab on to Export: the file is HTML (it was Markdown,
    the highlight had only moved)."""
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02", focus=("empati", "varme"),
                            answer="Jeg lyttet mer enn jeg snakket."))
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.press("j", "e")
        await eventually(pilot, lambda: isinstance(app.screen, ExportScreen))
        # the keys go to the formats once the dialog is up and has put its focus there
        await eventually(pilot, lambda: getattr(app.focused, "id", None) == "export-format")
        await pilot.press("down", "down")
        path = Path(app.screen.query_one("#export-path", Input).value)
        assert path.suffix == ".html"  # the suggestion follows the choice at once
        for _ in range(6):  # Tab on to Export, past the team box and the path
            await pilot.press("tab")
            if isinstance(app.focused, Button):
                break
        assert app.focused is not None and app.focused.id == "export"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await eventually(pilot, path.exists)
    assert path.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


# -- trap 7: Enter on an area shows it; the questions are a second, named step --------------


async def test_enter_on_an_area_shows_its_values_and_a_named_key_goes_on(
        journal_path: Path) -> None:
    """Week one: Enter on an area chooses it and puts the cursor in its introduction and
    values (before, it went straight into the questions); the footer names the key that
    goes on, and that key goes on to the area's first question."""
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await eventually(pilot, lambda: bool(app.screen.query(AreaStep)))
        await pilot.press("down", "enter")  # area 2
        await pilot.pause()
        second = app.screen.flow.content.areas[1].id
        assert app.screen.query(AreaStep) and not app.screen.query(ReflectStep)
        assert app.screen.flow.checkin.area_id == second
        assert app.focused is not None and app.focused.id == "area-preview"
        assert "The ten values" in str(app.screen.query_one("#area-values").render())
        assert "⏎ To the questions" in visible_text(app)  # the footer names its key
        await pilot.press("down")  # the arrows read on in the text
        await pilot.press("enter")
        await eventually(pilot, lambda: bool(app.screen.query(ReflectStep)))
        assert app.screen.flow.area.number == 2
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and draft.area_id == second


# -- trap 8: what was shown by a shade alone carries a mark ---------------------------------


def marked(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The rows that carry the mark, the mark and what follows it."""
    return [" ".join(line[line.index("▶"):].split()) for line in plain_rows(app) if "▶" in line]


async def test_the_chosen_chime_element_is_marked_while_writing_about_it(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.CHIME)
        await pilot.press("down")  # Hope
        await type_keys(pilot, "We spoke")  # typing writes about it: the cursor is in the text
        assert app.focused is app.screen.query_one("#chime-text")
        # the keys go to the text, so the mark is hollow (issue 26), on Hope alone
        hollow = [" ".join(line[line.index("▷"):].split()) for line in plain_rows(app)
                  if "▷" in line]
        assert not marked(app) and len(hollow) == 1 and hollow[0].startswith("▷ Hope")


async def test_the_highlighted_method_is_marked(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.METHOD)
        assert len(marked(app)) == 1 and marked(app)[0].startswith("▶ No method this week")
        await pilot.press("down")
        assert len(marked(app)) == 1 and marked(app)[0].startswith("▶ 1. ")


async def test_the_current_row_of_home_and_of_the_journal_is_marked(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NO_COLOR", "1")
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02", focus=("empati", "varme")))
        j.save(make_checkin("2026-11-09", focus=("tillit",)))
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        assert len(marked(app)) == 1 and marked(app)[0].startswith("▶ n ")
        await pilot.press("down")
        assert len(marked(app)) == 1 and marked(app)[0].startswith("▶ m ")
        await pilot.press("j")
        await eventually(pilot, lambda: len(marked(app)) == 1)
        assert marked(app)[0].startswith("▶ 9 November 2026")  # the newest first
        await pilot.press("down")
        assert len(marked(app)) == 1 and marked(app)[0].startswith("▶ 2 November 2026")


# -- still standing: ctrl+q while its question is open asks once ----------------------------


async def test_ctrl_q_again_while_its_question_is_open_does_not_ask_twice(
        journal_path: Path) -> None:
    """A moment being written, ctrl+q: "discard it?"; ctrl+q again leaves that one
    question (before, a second stacked on the first); "no" goes back to the text."""
    from refleks.tui.screens.confirm import ConfirmScreen

    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "Stood in the silence")
        await pilot.press("ctrl+q")
        await eventually(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert sum(isinstance(s, ConfirmScreen) for s in app.screen_stack) == 1
        await pilot.press("escape")  # not discarding: back to the moment
        await pilot.pause()
        assert isinstance(app.screen, MomentScreen)
        assert app.screen.query_one("#moment-text", TextArea).text == "Stood in the silence"


# -- still standing: the follow-up names each value and action once -------------------------


async def test_the_follow_up_shows_each_value_and_action_once(journal_path: Path) -> None:
    """Week two's follow-up at 80×24 and 60×18: "Varme — Smile mer" once on the screen
    (it was the label and again the field's border)."""
    from datetime import datetime, timedelta

    from refleks.journal.model import CheckIn, Focus

    with Journal.open(journal_path) as j:
        last = CheckIn(lang="nb", area_id="relasjonell", area_title="Relasjonelle verdier",
                       started_at=datetime.now().astimezone() - timedelta(days=7))
        last.focus = [Focus("tillit", "Tillit", "Holde avtaler"),
                      Focus("varme", "Varme", "Smile mer")]
        j.complete(last)
    for size in (SIZE, (60, 18)):
        app = make_app(make_session(journal_path))
        async with app.run_test(size=size) as pilot:
            await pilot.press("n")
            await pilot.press("tab", "tab")  # on to the second value's field
            await pilot.pause()
            assert visible_text(app).count("Varme — Smile mer") == 1, size


async def test_the_journal_headings_stay_on_one_line_beside_the_mark_at_60_by_18(
        journal_path: Path) -> None:
    """The mark moves the headings over by two columns; at 60 they are cut short, not
    wrapped onto a line of their own above the rows."""
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-09", focus=("tillit",)))
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.press("j")
        await eventually(pilot, lambda: len(marked(app)) == 1)
        lines = plain_rows(app)
        heading = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Date"))
        # under 70 columns the date is written as the date filters take it
        assert lines[heading + 1].startswith("▶ 2026-11-09")
