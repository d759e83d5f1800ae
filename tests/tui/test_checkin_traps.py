"""The check-in without traps: what the keys and the screen say is what happens.

Each test presses what the screen invites a person to press (issue 10) and checks the
screen and the journal after.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Checkbox, Input, OptionList
from tui_helpers import (
    SIZE,
    at_focus,
    checkin_at,
    fill,
    make_session,
    screen_text,
    settle,
    type_ahead,
    type_keys,
)

from refleks.checkin import Step
from refleks.journal.model import CheckIn, Focus
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import (
    AreaStep,
    ChimeStep,
    FocusStep,
    FollowUpStep,
    ReflectStep,
    SummaryStep,
)
from refleks.tui.screens.home import HomeScreen


def last_week(journal_path: Path, lang: str = "nb") -> None:
    """A completed check-in a week ago with two focus values: week two has a follow-up."""
    journal = Journal.open(journal_path)
    checkin = CheckIn(lang=lang, area_id="relasjonell", area_title="Relasjonelle verdier",
                      started_at=datetime.now().astimezone() - timedelta(days=7))
    checkin.focus = [Focus("tillit", "Tillit", "Holde avtaler"),
                     Focus("varme", "Varme", "Smile mer")]
    journal.complete(checkin)
    journal.close()


def progress(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#progress").render())


async def test_moving_the_highlight_and_going_on_takes_the_highlighted_area(
    journal_path: Path,
) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert app.screen.query_one(AreaStep)
        await pilot.press("down", "down", "ctrl+n")  # the text below shows area 3
        await pilot.pause()
        assert app.screen.query_one(ReflectStep)
        assert app.screen.flow.checkin.area_id == "etikk"
        assert app.screen.flow.area.number == 3
        assert app.screen.flow.area.title in screen_text(app)
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and draft.area_id == "etikk"


async def test_a_resumed_draft_opens_where_the_person_was_not_at_a_step_unseen(
    journal_path: Path,
) -> None:
    last_week(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert app.screen.query_one(FollowUpStep)
        app.screen.query_one("#keep-0", Checkbox).focus()
        await pilot.press("space")  # keep "Tillit": it becomes a focus value already
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # "Leave" — the draft is kept
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(FollowUpStep)
        assert "Steg 1 av 7" in progress(app)
        assert app.screen.query_one("#keep-0", Checkbox).value
        # further on, a leave and a return lands on the furthest step seen, not further
        await pilot.press("ctrl+n", "enter", "enter")  # area → read it → reflect (question 1)
        await pilot.press("ctrl+f", "ctrl+n")  # past the reflection and CHIME, to focus
        assert app.screen.query_one(FocusStep)
        await pilot.press("ctrl+b")  # back to CHIME, then leave
        assert app.screen.query_one(ChimeStep)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(FocusStep)  # the furthest step actually reached
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and draft.reached == "focus"


async def test_ctrl_n_on_the_summary_does_not_save_only_ctrl_s_does(journal_path: Path) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.SUMMARY)
        assert app.screen.query_one(SummaryStep)
        footer_keys = {key for key, b in app.screen.active_bindings.items() if b.enabled
                       and b.binding.show}
        assert "ctrl+n" not in footer_keys and "ctrl+s" in footer_keys
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one(SummaryStep)  # still here, nothing saved
        assert Journal.open(journal_path).latest() is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = Journal.open(journal_path).latest()
    assert saved is not None and saved.status == "complete"


async def test_enter_in_the_filter_ticks_the_value_it_leaves(journal_path: Path) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await at_focus(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "focus-filter"
        await type_keys(pilot, "tillit")
        await pilot.press("enter")  # once, as "Type to filter, Enter ticks" says
        await pilot.pause()
        assert app.screen.flow.checkin.focus_ids == ["tillit"]
        # several matches: Enter ticks the highlighted (first) one
        app.screen.query_one("#focus-filter", Input).focus()
        await type_keys(pilot, "respekt")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.flow.checkin.focus_ids == ["tillit", "respekt"]


async def test_typing_after_ticking_lands_in_the_action_the_screen_points_at(
    journal_path: Path,
) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await at_focus(pilot)
        await type_keys(pilot, "respekt")
        await pilot.press("enter")
        await pilot.pause()
        assert "Respekt — hva vil du gjøre?" in screen_text(app)
        await type_keys(pilot, "Spør hva som er viktig")
        await pilot.press("enter")  # back to the filter for the next value
        await type_keys(pilot, "tillit")
        await pilot.press("enter")
        await type_keys(pilot, "Holde avtaler")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#focus-filter", Input).value == ""
        assert screen.query_one("#focus-picker").option_count > 10  # the list is whole again
        assert [(f.value_id, f.action) for f in screen.flow.checkin.focus] == [
            ("respekt", "Spør hva som er viktig"), ("tillit", "Holde avtaler")]
        await pilot.press("ctrl+n")
        await pilot.pause()
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert [f.action for f in draft.focus] == ["Spør hva som er viktig", "Holde avtaler"]


async def test_a_week_can_be_saved_without_a_new_focus(journal_path: Path) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await at_focus(pilot)
        assert "uten nytt fokus er også helt greit" in screen_text(app)
        await type_keys(pilot, "tillit")
        await pilot.press("enter")
        assert "Én verdi valgt: det er helt greit" in screen_text(app)
        app.screen.query_one("#focus-filter", Input).focus()
        await type_keys(pilot, "tillit")
        await pilot.press("enter")  # untick: none again
        await pilot.press("ctrl+n", "ctrl+n")  # method, summary
        assert app.screen.query_one(SummaryStep)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    saved = Journal.open(journal_path).latest()
    assert saved is not None and saved.status == "complete" and saved.focus == []


async def test_week_two_can_carry_last_weeks_focus_forward(journal_path: Path) -> None:
    last_week(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.FOCUS)  # past the follow-up (nothing kept), area 1
        assert app.screen.query_one(FocusStep)
        assert "Behold fokuset fra forrige uke: Tillit, Varme" in screen_text(app) or any(
            "Tillit, Varme" in str(b.label) for b in app.screen.query("#focus-carry"))
        app.screen.query_one("#focus-carry").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert [(f.value_id, f.action) for f in app.screen.flow.checkin.focus] == [
            ("tillit", "Holde avtaler"), ("varme", "Smile mer")]
        assert not app.screen.query_one("#focus-carry").display


def in_view(app, widget) -> bool:  # type: ignore[no-untyped-def]
    """Whether the whole of ``widget`` is on screen (not scrolled out of its frame)."""
    from refleks.tui.widgets.section import Section

    frame = app.screen.query_one(Section).region
    return bool(widget.region) and frame.contains_region(widget.region)


async def test_the_follow_up_keeps_the_value_in_view_beside_the_field_being_written(
    journal_path: Path,
) -> None:
    for size in (SIZE, (60, 18)):
        last_week(journal_path)
        app = make_app(make_session(journal_path))
        async with app.run_test(size=size) as pilot:
            await pilot.press("n")
            await pilot.wait_for_scheduled_animations()
            labels = list(app.screen.query(".follow-up-value"))
            assert app.focused is app.screen.query_one("#follow-up-0")
            assert in_view(app, labels[0]), size
            await pilot.press("tab", "tab")  # keep → the next value's field
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()  # Textual's own scroll to the field
            assert app.focused is app.screen.query_one("#follow-up-1")
            assert in_view(app, labels[1]), size


def glyph(toggle) -> str:  # type: ignore[no-untyped-def]
    """The state a toggle draws, after the column of the focus mark (▶, issue 26)."""
    return str(toggle.render()).lstrip("▶ ")[:3]


async def test_on_and_off_read_without_colour(journal_path: Path) -> None:
    last_week(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        keep = app.screen.query_one("#keep-0", Checkbox)
        assert glyph(keep) == "[ ]"
        keep.focus()
        await pilot.press("space")
        assert glyph(keep) == "[x]"
        await pilot.press("ctrl+n", "enter", "enter", "ctrl+f")  # area, read, reflect → CHIME
        assert app.screen.query_one(ChimeStep)
        present, missing = app.screen.query("#chime-mode RadioButton")
        assert glyph(present) == "(•)"
        assert glyph(missing) == "( )"


def on_screen(app, widget) -> bool:  # type: ignore[no-untyped-def]
    """Whether the whole of ``widget`` shows in the step's body (between header and footer)."""
    body = app.screen.query_one("#step-body").region
    return bool(widget.region) and body.contains_region(widget.region)


async def test_the_chime_question_and_its_field_stay_in_view_while_typing(
    journal_path: Path,
) -> None:
    for size in (SIZE, (60, 18)):
        app = make_app(make_session(journal_path, lang="en"))
        async with app.run_test(size=size) as pilot:
            await checkin_at(pilot, Step.CHIME)
            assert app.screen.query_one(ChimeStep)
            await pilot.press("enter")  # this element: the cursor goes to the field
            await type_keys(pilot, "We talked about what she hoped for.")  # key by key …
            await pilot.press("enter")
            for line in ("It took time.", "I listened.", "She smiled.", "We made a plan."):
                await fill(pilot, line)  # … then a line at a time: the field grows at Enter
                await pilot.press("enter")
            await pilot.pause()
            field = app.screen.query_one("#chime-text")
            assert app.focused is field
            question = app.screen.query_one("#chime-question")
            assert "belonging" in str(question.render())
            assert on_screen(app, question), size
            assert on_screen(app, field), size


async def test_long_question_headings_wrap_on_the_summary_never_cut(journal_path: Path) -> None:
    from textual.widgets import Markdown
    from textual.widgets._markdown import MarkdownHeader

    question = "Hvordan balanserer jeg faglig kunnskap med respekt for personens egen erfaring?"
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT,  # area 2, question 1 of 5
                         lambda flow: flow.choose_area("menneskesyn"))
        await pilot.press("ctrl+n")  # question 2: the long one
        assert question in screen_text(app)
        await fill(pilot, "Jeg spurte hva hun selv hadde prøvd.")
        await pilot.press("ctrl+f", "ctrl+n", "ctrl+n", "ctrl+n")  # CHIME, focus, method
        assert app.screen.query_one(SummaryStep)
        await pilot.pause()
        summary = app.screen.query_one("#summary", Markdown)
        heading = next(h for h in summary.query(MarkdownHeader) if "faglig" in str(h.source))
        assert heading.size.width <= summary.content_region.width
        assert heading.size.height >= 2  # wrapped onto a second line
        lines = [line.text for line in heading.render_lines(heading.region.reset_offset)]
        assert " ".join(" ".join(lines).split()) == question


async def test_typing_in_the_chime_list_writes_about_the_highlighted_element(
    journal_path: Path,
) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.CHIME)
        assert app.screen.query_one(ChimeStep)
        await pilot.press("down")  # Håp, its question shown above the field
        await type_keys(pilot, "Vi snakket om drømmer")  # no Enter first: nothing is lost
        await pilot.pause()
        assert app.screen.query_one("#chime-text").text == "Vi snakket om drømmer"
        chime = app.screen.flow.chime_reflection()
        assert chime is not None and chime.element_id == "chime.hope"
        assert chime.text == "Vi snakket om drømmer"


async def test_typing_quickly_in_the_chime_list_keeps_every_space(journal_path: Path) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "enter", "enter", "ctrl+f")  # area 1, read, on
        assert app.screen.query_one(ChimeStep)
        await type_ahead(pilot, "Han fortalte om planene sine.")
        await settle(pilot)
        assert app.screen.query_one("#chime-text").text == "Han fortalte om planene sine."


async def test_an_action_typed_at_once_after_enter_lands_in_the_action(
    journal_path: Path,
) -> None:
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "enter", "enter", "ctrl+f", "ctrl+n")
        assert app.screen.query_one(FocusStep)
        await type_ahead(pilot, "respekt")
        # Enter ticks; the action is typed on at once, before its field is there
        await type_ahead(pilot, "\nSpørre hva som er viktig")
        await settle(pilot)
        assert app.screen.query_one("#focus-filter", Input).value == ""
        assert app.screen.flow.checkin.focus[0].action == "Spørre hva som er viktig"


async def test_with_three_values_the_action_being_written_and_its_name_are_in_view(
    journal_path: Path,
) -> None:
    for size in (SIZE, (60, 18)):
        app = make_app(make_session(journal_path))
        async with app.run_test(size=size) as pilot:
            await checkin_at(pilot, Step.FOCUS)
            assert app.screen.query_one(FocusStep)
            for name, action in (("respekt", "Spør"), ("tillit", "Holde avtaler"),
                                 ("nærvær", "Legge bort telefonen")):
                await type_keys(pilot, name)
                await pilot.press("enter")
                if name == "respekt":
                    await type_keys(pilot, action)  # the first action key by key, …
                else:
                    await fill(pilot, action)  # … the others in one go (the view is tested)
                await pilot.pause()
                field = app.focused
                assert isinstance(field, Input) and field.value == action
                assert on_screen(app, field), (size, name)
                label = app.screen.query(".focus-label")[-1]
                assert on_screen(app, label), (size, name)
                await pilot.press("enter")
        journal = Journal.open(journal_path)
        draft = journal.current_draft()
        assert draft is not None
        journal.delete(draft.uid)  # the next size starts afresh
        journal.close()


async def test_long_question_headings_wrap_in_the_journal_entry_too(journal_path: Path) -> None:
    from refleks.journal.model import Answer
    from refleks.tui.widgets.entry_view import EntryView

    question = "Hvordan balanserer jeg faglig kunnskap med respekt for personens egen erfaring?"
    journal = Journal.open(journal_path)
    entry = CheckIn(lang="nb", area_id="menneskesyn", area_title="Menneskesyn",
                    started_at=datetime.now().astimezone() - timedelta(days=1))
    entry.answers = [Answer("menneskesyn.q2", question, "Jeg spurte henne.", "reflect")]
    journal.complete(entry)
    journal.close()
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        view = app.screen.query_one("#entry", EntryView)
        heading = next(b for b in view.blocks if "faglig" in b.text.plain)
        width = view.scrollable_content_region.width
        assert all(end - start <= width for start, end in heading.lines)  # drawn whole
        assert len(heading.lines) >= 2


async def test_moving_on_from_the_follow_up_at_once_is_safe(journal_path: Path) -> None:
    last_week(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+n", "enter", "enter")  # before the follow-up settled
        await fill(pilot, "Jeg spurte.")
        assert app.screen.query_one(ReflectStep)


async def test_enter_after_a_filter_ticks_the_value_named_not_one_that_mentions_it(
        journal_path: Path) -> None:
    """"equal" is in Equal worth's name and in Respect's meaning ("as equals"), and
    Respect comes first in the list: Enter ticks the one the person named."""
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.FOCUS)  # area 1, past the questions and CHIME
        assert app.screen.query_one(FocusStep)
        await type_keys(pilot, "equal")
        picker = app.screen.query_one(FocusStep).query_one(OptionList)
        shown = [o.id for o in picker.options if o.id is not None]
        assert shown.index("respekt") < shown.index("likeverd")  # Respect is listed first
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.flow.checkin.focus_ids == ["likeverd"]


async def test_unticking_from_the_filter_lets_the_next_name_be_typed_afresh(
        journal_path: Path) -> None:
    """A value ticked by mistake: its name again and Enter unticks it, and the next name
    typed is a filter of its own, not added to the last one ("empathytrust")."""
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.FOCUS)
        assert app.screen.query_one(FocusStep)
        await type_keys(pilot, "empathy")
        await pilot.press("enter")  # ticked; the cursor goes to its action
        await settle(pilot)
        await pilot.press("enter")  # no action yet: back to the filter
        await type_keys(pilot, "empathy")
        await pilot.press("enter")  # unticked
        await settle(pilot)
        assert app.screen.flow.checkin.focus_ids == []
        await type_keys(pilot, "trust")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.flow.checkin.focus_ids == ["tillit"]
