"""The check-in driven from the keyboard, as a practitioner would, checking the journal after."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from textual.widgets import Checkbox, Input, Static
from tui_helpers import (
    SIZE,
    checkin_at,
    eventually,
    fill,
    make_session,
    screen_text,
    type_keys,
)

from refleks.checkin import Step
from refleks.journal.model import CheckIn, Focus
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import (
    AreaStep,
    CheckinScreen,
    FocusStep,
    FollowUpStep,
    SummaryStep,
)
from refleks.tui.screens.home import HomeScreen


async def choose_focus(pilot, name: str, action: str) -> None:  # type: ignore[no-untyped-def]
    """Filter the picker, tick the first match, and write its action."""
    screen = pilot.app.screen
    screen.query_one("#focus-filter", Input).focus()
    screen.query_one("#focus-filter", Input).value = ""
    await type_keys(pilot, name)  # filter-as-you-type is what the picker offers
    await pilot.press("enter")  # Enter ticks the value the filter highlights
    await pilot.pause()
    inputs = [i for i in screen.query(".focus-action").results(Input)]
    target = next(i for i in inputs if not i.value)
    target.focus()
    await fill(pilot, action)


async def test_a_complete_checkin_from_keys_alone(journal_path: Path) -> None:
    session = make_session(journal_path)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # start
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one(AreaStep)
        await pilot.press("enter")  # the suggested area: the first, never visited
        await pilot.press("enter")  # read its values, then on to the questions
        # one answer key by key, to show typing lands in the answer; the rest are filled
        await type_keys(pilot, "Jeg lyttet mer enn jeg snakket.")
        await pilot.press("ctrl+n")
        await fill(pilot, "Da jeg holdt det jeg lovet.")
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # skip the rest: allowed
        await pilot.press("ctrl+n")  # past the week's optional extra question
        # CHIME: pick the second element, write about it
        await pilot.press("down", "enter")
        await fill(pilot, "Vi snakket om drømmer.")
        await pilot.press("ctrl+n")
        assert app.screen.query_one(FocusStep)
        await choose_focus(pilot, "tillit", "Si hva jeg gjør før jeg gjør det.")
        await choose_focus(pilot, "nærvær", "Legge bort telefonen i samtaler.")
        await pilot.press("ctrl+n")  # method step
        await pilot.press("down", "down", "down", "enter")  # method 3, then on to the summary
        assert app.screen.query_one(SummaryStep)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = screen_text(app)
        assert "Tillit" in home and "Legge bort telefonen i samtaler." in home
    saved = Journal.open(journal_path).latest()
    assert saved is not None and saved.status == "complete"
    assert saved.area_id == "relasjonell"
    assert [(a.question_id, a.text) for a in saved.answers] == [
        ("relasjonell.q1", "Jeg lyttet mer enn jeg snakket."),
        ("relasjonell.q2", "Da jeg holdt det jeg lovet."),
    ]
    assert saved.answers[0].question_text == "Hvordan viser jeg empati og respekt i hverdagen?"
    assert saved.chime[0].element_id == "chime.hope"
    assert saved.chime[0].text == "Vi snakket om drømmer."
    assert [(f.value_id, f.action) for f in saved.focus] == [
        ("tillit", "Si hva jeg gjør før jeg gjør det."),
        ("naervaer", "Legge bort telefonen i samtaler."),
    ]
    assert saved.method_id == "method.3"
    assert session.env.journal.current_draft() is None


async def test_focus_takes_up_to_three_and_says_why_not_a_fourth(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.FOCUS)  # area 1, nothing written on the way
        await choose_focus(pilot, "trust", "")
        assert "One value chosen: that is fine" in str(
            app.screen.query_one("#focus-message", Static).render())
        for name in ("warmth", "empathy"):
            await choose_focus(pilot, name, "")
        await choose_focus(pilot, "humility", "")  # a fourth
        assert "Three is plenty" in str(app.screen.query_one("#focus-message", Static).render())
        assert app.screen.flow.checkin.focus_ids == ["tillit", "varme", "empati"]


async def test_back_and_forward_keep_what_was_written(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)  # area 1, its first question
        await fill(pilot, "first answer")
        await pilot.press("ctrl+n")
        await fill(pilot, "second answer")
        await pilot.press("ctrl+b")
        # As a person would, look once the step has turned (on a busy machine the
        # next step mounts in its own time, and the old one is still on its way out).
        await eventually(pilot, lambda: shown_answer(app) == "first answer")
        await pilot.press("ctrl+n")
        await eventually(pilot, lambda: shown_answer(app) == "second answer")
        await pilot.press("ctrl+b", "ctrl+b")  # back to the area step
        await eventually(pilot, lambda: bool(app.screen.query(AreaStep)))


def saved_answer(journal_path: Path) -> str | None:
    """The first answer of the draft on disk, read as another window would."""
    with Journal.open(journal_path, read_only=True) as other:
        draft = other.current_draft()
        return draft.answers[0].text if draft is not None and draft.answers else None


def shown_answer(app: Any) -> str | None:
    """The text of the one answer field on screen; None while a step is changing."""
    fields = app.screen.query("#answer")
    return fields.first().text if len(fields) == 1 else None


async def test_closing_mid_step_keeps_the_draft_and_resumes_there(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT, lambda flow: flow.choose_area("menneskesyn"))
        await fill(pilot, "half a thought")
        await eventually(pilot, lambda: saved_answer(journal_path) == "half a thought")
    # the app is gone (as if the terminal was closed); open it again
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and draft.answers[0].text == "half a thought"
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        assert "You have a reflection in progress" in screen_text(app)
        await pilot.press("n")
        assert app.screen.flow.checkin.uid == draft.uid
        # it picks up at the answer being written, never at a question not yet seen
        assert "Question 1 of 5" in screen_text(app)
        assert app.screen.query_one("#answer").text == "half a thought"
        await type_keys(pilot, ", finished")  # the cursor waits after what was written
        assert app.screen.query_one("#answer").text == "half a thought, finished"
        await pilot.press("ctrl+n")
        assert "Question 2 of 5" in screen_text(app)
        assert app.screen.query_one("#answer").text == ""
        assert draft.area_id == "menneskesyn"
        assert "View of people and professional attitude" in screen_text(app)


async def test_escape_asks_and_leaves_the_draft(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "something")
        await pilot.press("escape")
        assert "Do you want to leave now?" in screen_text(app)
        await pilot.press("enter")  # "Leave" has the focus
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert Journal.open(journal_path).current_draft().answers[0].text == "something"


async def test_second_week_starts_with_follow_up(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    last_week = CheckIn(lang="nb", area_id="relasjonell", area_title="Relasjonelle verdier",
                        started_at=datetime.now().astimezone() - timedelta(days=7))
    last_week.focus = [Focus("tillit", "Tillit", "Holde avtaler"),
                       Focus("varme", "Varme", "Smile mer")]
    journal.complete(last_week)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert app.screen.query_one(FollowUpStep)
        assert "Steg 1 av 7" in str(app.screen.query_one("#progress").render())
        await fill(pilot, "Det gikk bra med avtalene.")
        app.screen.query_one("#keep-0", Checkbox).focus()
        await pilot.press("space")
        await pilot.press("ctrl+n")  # → area: the suggestion is no longer area 1
        flow = app.screen.flow
        assert flow.suggested_area().id == "menneskesyn"
        await pilot.press("enter", "enter")  # area 2 (5 questions, 4 everyday examples), on
        assert "Spørsmål 1 av 5" in screen_text(app)
        await pilot.press("ctrl+f")  # skip the rest of the reflection
        await pilot.press("ctrl+n")  # CHIME: nothing written, fine
        assert app.screen.query_one(FocusStep)
        assert flow.checkin.focus_ids == ["tillit"]  # kept, with last week's action
        assert flow.checkin.focus[0].action == "Holde avtaler"
        await choose_focus(pilot, "likeverd", "Spørre hva som er viktig")
        await pilot.press("ctrl+n", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = Journal.open(journal_path).latest()
    assert saved is not None and saved.uid != last_week.uid
    assert [(f.value_id, f.text, f.keep) for f in saved.follow_ups] == [
        ("tillit", "Det gikk bra med avtalene.", True),
        ("varme", "", False),
    ]
    assert saved.follow_ups[0].from_uid == last_week.uid
    assert saved.focus_ids == ["tillit", "likeverd"]


async def test_language_switch_in_settings(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="nb"))
    async with app.run_test(size=SIZE) as pilot:
        menu = app.screen.query_one("#home-menu")
        assert str(menu.get_option_at_index(0).prompt) == "n  Start ukens refleksjon"
        await pilot.press("s")
        app.screen.query_one("#language").focus()
        await pilot.press("down", "enter")  # English
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.env.lang == "en"
        assert "Welcome to refleks" in screen_text(app)
        menu = app.screen.query_one("#home-menu")
        assert str(menu.get_option_at_index(0).prompt) == "n  Start this week's reflection"


async def test_first_run_greets_once(journal_path: Path) -> None:
    session = make_session(journal_path, lang="en", welcomed=False)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        text = screen_text(app)
        assert "This is not a test" in text and "confidentiality" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert session.env.settings.welcomed


async def test_a_too_small_terminal_gets_a_friendly_word(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        assert "a little too small" in screen_text(app)


async def test_library_value_becomes_a_focus(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.press("slash")
        await type_keys(pilot, "consent")
        await pilot.press("enter")  # to the tree
        tree = app.screen.query_one("#library-tree")
        # move the cursor to the first matching leaf
        for _ in range(40):
            node = tree.cursor_node
            if node is not None and node.data is not None and node.data.kind == "value":
                break
            await pilot.press("down")
        assert tree.cursor_node.data.kind == "value"
        value_id = tree.cursor_node.data.id
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one(FocusStep)
        assert app.screen.flow.checkin.focus_ids == [value_id]


async def test_two_windows_on_one_draft_lose_nothing(journal_path: Path) -> None:
    first = make_app(make_session(journal_path, lang="en"))
    async with first.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "from the first window")
        await eventually(pilot, lambda: saved_answer(journal_path) == "from the first window")
    # two windows resume the same draft; both write
    one, two = make_app(make_session(journal_path, lang="en")), make_app(
        make_session(journal_path, lang="en"))
    async with one.run_test(size=SIZE) as p1, two.run_test(size=SIZE) as p2:
        await p1.press("n")  # resumed at the answer
        await p2.press("n")
        await fill(p1, " and more")
        await eventually(p1, lambda: any(c.answers[0].text.endswith("and more") for c in
                                         Journal.open(journal_path).iter_checkins()))
        await fill(p2, " and other")
        await eventually(p2, lambda: "separate draft" in " ".join(
            str(n.message) for n in two._notifications))
    texts = sorted(c.answers[0].text for c in Journal.open(journal_path).iter_checkins())
    assert texts == ["from the first window and more", "from the first window and other"]


async def test_from_the_library_back_to_an_area_not_a_crash(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.flow.toggle_focus("empati")
        from refleks.checkin import Step

        app.screen.flow.go_to(Step.FOCUS)  # as "make this a focus" from the library does
        await app.screen.show_step()
        await pilot.press("ctrl+b", "ctrl+b")  # CHIME, then a reflection that needs an area
        assert app.screen.query_one(AreaStep)
        assert "Area" in str(app.screen.query_one("#progress").render())


async def test_notes_typed_on_the_summary_are_kept(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.SUMMARY, lambda flow: [  # two values, no method
            flow.toggle_focus(value) for value in ("tillit", "varme")])
        assert app.screen.query_one(SummaryStep)
        await type_keys(pilot, "A note for myself.")  # typed on the summary: into the notes
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert Journal.open(journal_path).latest().notes == "A note for myself."


async def test_missing_chime_asks_what_was_missed(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.CHIME)
        app.screen.query_one("#chime-mode").focus()
        await pilot.press("down", "enter")  # "Least present"
        app.screen.query_one("#chime-text").focus()
        await fill(pilot, "Nobody asked about hope.")
        await pilot.pause()
        reflection = app.screen.flow.checkin.chime[0]
        assert reflection.mode == "missing"
        assert reflection.question_text.startswith("Where was")


async def test_typing_in_the_value_list_filters_for_the_next_value(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.FOCUS)
        await type_keys(pilot, "trust")
        await pilot.press("tab", "down")  # looking through the list …
        await type_keys(pilot, "warmth")  # … typing starts a new filter word
        assert app.screen.query_one("#focus-filter", Input).value == "warmth"
        await pilot.press("enter")  # Enter in the filter ticks what it left
        await pilot.pause()
        assert app.screen.flow.checkin.focus_ids == ["varme"]
