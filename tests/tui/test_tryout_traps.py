"""Traps met by trying refleks as a new practitioner would, in tmux, over two weeks.

Each test presses what the screen invites and checks the screen and the journal.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input
from tui_helpers import (
    SIZE,
    at_focus,
    checkin_at,
    eventually,
    fill,
    make_session,
    screen_text,
    settle,
    type_ahead,
    type_keys,
)

from refleks.checkin import Step
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import FocusStep, MethodStep, SummaryStep


async def to_focus(pilot) -> None:  # type: ignore[no-untyped-def]
    """Week one, from home to the focus step: area 1, past the reflection and CHIME."""
    await pilot.press("n", "enter", "enter", "ctrl+f", "ctrl+n")
    assert pilot.app.screen.query_one(FocusStep)


async def test_enter_after_why_this_one_goes_back_to_choose_the_next_value(
    journal_path: Path,
) -> None:
    """'Enter takes you back to choose the next' holds in the 'why this one?' field too:
    the next value's name is not written into the first value's why."""
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await at_focus(pilot)
        await type_keys(pilot, "tillit")
        await pilot.press("enter")
        await type_keys(pilot, "Holde avtaler")
        await pilot.press("tab")  # to "Why this one? (optional)"
        await pilot.pause()
        assert isinstance(app.focused, Input) and "focus-why" in app.focused.classes
        await type_keys(pilot, "Den glipper lett")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "focus-filter"
        await type_ahead(pilot, "respekt\nSpørre først")
        await settle(pilot)
        flow = app.screen.flow
        assert [(f.value_id, f.action) for f in flow.checkin.focus] == [
            ("tillit", "Holde avtaler"), ("respekt", "Spørre først")]
        assert flow.why("tillit") == "Den glipper lett"


async def test_typing_on_at_once_after_enter_in_an_action_lands_in_the_filter(
    journal_path: Path,
) -> None:
    """A quick typist's next value, typed right behind Enter, goes where Enter points."""
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await to_focus(pilot)
        await type_ahead(pilot, "tillit\nHolde avtaler\nrespekt\nSpørre først")
        await settle(pilot)
        flow = app.screen.flow
        assert [(f.value_id, f.action) for f in flow.checkin.focus] == [
            ("tillit", "Holde avtaler"), ("respekt", "Spørre først")]
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and [f.action for f in draft.focus] == ["Holde avtaler",
                                                                     "Spørre først"]


async def test_moving_the_highlight_and_going_on_takes_the_highlighted_method(
    journal_path: Path,
) -> None:
    """As on the area step: the method whose text is shown below the list is the one
    ctrl+n takes along; "No method this week" highlighted takes none."""
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.METHOD)
        assert app.screen.query_one(MethodStep)
        await pilot.press("down", "down", "down")  # the text below shows method 3
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one(SummaryStep)
        method = app.screen.flow.content.methods[2]
        assert app.screen.flow.checkin.method_id == method.id
        await pilot.press("ctrl+b")
        await pilot.pause()
        await pilot.press("home", "ctrl+n")  # back at the top: none after all
        await pilot.pause()
        assert app.screen.query_one(SummaryStep)
        assert app.screen.flow.checkin.method_id is None


def in_view(app, widget) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``widget`` is drawn inside the screen's visible area."""
    region = widget.region
    return region.height > 0 and app.screen.region.contains_region(region)


async def test_the_summary_opens_to_be_read_and_what_is_typed_is_seen(
    journal_path: Path,
) -> None:
    """The summary is longer than 80×24: it opens at its top, PageDown reads on, and a
    letter typed lands in the notes, brought into view (it was typed out of sight)."""
    app = make_app(make_session(journal_path))

    def three_answers(flow) -> None:  # type: ignore[no-untyped-def]
        flow.choose_area(flow.suggested_area().id)
        for prompt in flow.prompts()[:3]:
            flow.set_answer(prompt, "Et svar som tar litt plass på siden, så den blir lang.")

    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.SUMMARY, three_answers)  # area 1, three answers
        assert app.screen.query_one(SummaryStep)
        await settle(pilot)
        page = app.screen.query_one("#summary-scroll")
        assert page.scroll_y == 0 and page.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert page.scroll_y > 0  # the keys read the page
        await pilot.press("question_mark")  # "? Help", as the footer says while reading
        await pilot.pause()
        assert not app.screen.query(SummaryStep)  # help is open
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(SummaryStep)
        assert app.screen.query_one("#notes").text == ""
        await pilot.press("home")
        await settle(pilot)
        await type_ahead(pilot, "Godt å ha skrevet")
        await settle(pilot)
        notes = app.screen.query_one("#notes")
        assert notes.text == "Godt å ha skrevet"
        assert app.focused is notes and in_view(app, notes)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = Journal.open(journal_path).latest()
    assert saved is not None and saved.notes == "Godt å ha skrevet"


async def test_enter_in_a_moments_value_filter_ticks_the_value_it_leaves(
    journal_path: Path,
) -> None:
    """"Values and CHIME are optional (Enter ticks a value)": one Enter, as in the focus
    step; the filter empties for the next value."""
    from refleks.tui.screens.moment import MomentScreen

    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MomentScreen)
        await fill(pilot, "Sto i stillheten i stedet for å fylle den.")
        await pilot.press("tab")  # to the value filter
        await type_keys(pilot, "respekt")
        await pilot.press("enter")
        await pilot.pause()
        box = app.screen.query_one("#moment-filter", Input)
        assert app.focused is box and box.value == ""
        await type_keys(pilot, "tillit")
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MomentScreen)
    with Journal.open(journal_path) as j:
        saved = j.moments.select()
    assert len(saved) == 1 and saved[0].value_ids == ["respekt", "tillit"]


def states(app, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    """How each toggle matching ``selector`` draws its state: the glyph before its label
    (after the column where the focus mark ``▶`` stands, issue 26)."""
    return [str(w.render()).lstrip("▶ ")[:3] for w in app.screen.query(selector)]


def ticks(app, label: str) -> list[str]:  # type: ignore[no-untyped-def]
    """How each tick drawn on the screen before ``label`` shows its state (the moments
    step draws its ticks as lines of one list)."""
    return [line.split(label)[0].strip()[-3:]
            for line in (strip.text for strip in app.screen._compositor.render_strips())
            if label in line]


async def test_every_toggle_reads_on_and_off_without_colour(journal_path: Path) -> None:
    """The moments' "Come back to this one", the export's format and team parts and the
    settings' language drew on and off alike (``▐X▌``), told apart by colour alone."""
    from datetime import datetime, timedelta

    from refleks.journal.model import CheckIn, Focus
    from refleks.journal.moments import Moment

    now = datetime.now().astimezone()
    with Journal.open(journal_path) as journal:
        when = now - timedelta(days=7)
        week = CheckIn(lang="nb", area_id="relasjonell", area_title="Relasjonelle verdier",
                       started_at=when, status="complete", completed_at=when)
        week.focus = [Focus("tillit", "Tillit", "Holde avtaler"),
                      Focus("varme", "Varme", "Smile mer")]
        journal.save(week)
        journal.moments.add(Moment(text="Sto i stillheten.", created_at=now - timedelta(days=2)))
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.MOMENTS)  # past the follow-up, to the moments
        assert ticks(app, "Ta dette videre") == ["[ ]"]
        await pilot.press("space")
        await pilot.pause()
        assert ticks(app, "Ta dette videre") == ["[x]"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # leave; the draft is kept
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert states(app, "RadioButton") == ["(•)", "( )"]  # Norsk bokmål, English
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j", "e")
        await pilot.pause()
        assert states(app, "RadioButton") == ["(•)", "( )", "( )"]  # Markdown, JSON, HTML
        assert states(app, "#team") == ["[ ]"]


async def test_the_moment_stays_in_view_beside_the_question_being_answered(
    journal_path: Path,
) -> None:
    """Taking a moment further, its text scrolled away above the three fields; it now
    stands on a line above them, as the follow-up's value does (each field's frame
    names its question)."""
    from datetime import datetime, timedelta

    from refleks.journal.moments import Moment

    with Journal.open(journal_path) as journal:
        journal.moments.add(Moment(text="Sto i stillheten i stedet for å fylle den.",
                                   created_at=datetime.now().astimezone() - timedelta(days=2)))
    app = make_app(make_session(journal_path))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("space")  # come back to it: the cursor goes to "What happened?"
        for _ in range(3):
            await settle(pilot)
            field = app.focused
            assert field is not None
            body = app.screen.query_one("#step-body").region
            # its frame (with the title) and the line being written are on the screen
            assert body.y <= field.region.y and field.region.y + 2 <= body.bottom
            shown = app.screen.query_one("#moment-shown")
            assert shown.region.bottom <= field.region.y  # above the field, on the screen
            assert "Sto i stillheten" in str(shown.render())
            await pilot.press("tab")


async def test_at_60_columns_the_checkin_footer_shows_every_key_whole(
    journal_path: Path,
) -> None:
    """At 60×18 the reflection's footer cut "esc Gå ut" to "esc Gå" and left out help:
    below 80 columns the keys sit closer and the palette's hint gives way."""
    from textual.widgets._footer import FooterKey

    app = make_app(make_session(journal_path))
    async with app.run_test(size=(60, 18)) as pilot:
        await checkin_at(pilot, Step.REFLECT)  # (it settles)
        keys = [k for k in app.screen.query(FooterKey) if k.display]
        shown = {k.key for k in keys}
        assert {"ctrl+n", "ctrl+b", "ctrl+f", "escape", "f1"} <= shown
        for key in keys:
            assert key.region.width > 0 and key.region.right <= 60, key.key
            others = [k for k in keys if k is not key]
            assert not any(key.region.overlaps(k.region) for k in others), key.key  # none hidden
        assert not any(k.has_class("-command-palette") for k in keys)
    async with make_app(make_session(journal_path)).run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(pilot)
        palette = [k for k in pilot.app.screen.query(FooterKey) if k.has_class("-command-palette")]
        assert palette and palette[0].display  # at 80 columns the hint is there


async def test_the_journals_status_line_is_never_cut(journal_path: Path) -> None:
    """Searching for a moment's word at 80 columns: "No reflections match the filter.
    · 1 moment (m shows it) · filter: …" lost its end, "(Esc clears)" included."""
    from datetime import datetime, timedelta

    from textual.widgets import Static

    from refleks.journal.model import CheckIn
    from refleks.journal.moments import Moment

    now = datetime.now().astimezone()
    with Journal.open(journal_path) as journal:
        journal.complete(CheckIn(lang="en", area_id="relasjonell", area_title="Relational",
                                 started_at=now - timedelta(days=3)))
        journal.moments.add(Moment(text="Stood in the silence instead of filling it.",
                                   created_at=now - timedelta(days=2)))
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash")
        await type_keys(pilot, "silence")
        status = app.screen.query_one("#journal-status", Static)
        await eventually(pilot, lambda: "silence" in str(status.render()))  # searched
        await settle(pilot)
        assert "Esc clears" in str(status.render())
        needed = status.get_content_height(status.size, app.size, status.size.width)
        assert status.size.height >= needed  # every line of it on the screen


async def test_a_dialogs_footer_names_its_own_keys_not_those_beneath(
    journal_path: Path,
) -> None:
    """Writing a later note, the footer still said "a Note  e Export  d Delete" (the
    reader's keys beneath, which do nothing then) and not how to save."""
    from datetime import datetime, timedelta

    from textual.widgets._footer import FooterKey

    from refleks.journal.model import CheckIn
    from refleks.tui.screens.note import NoteScreen

    with Journal.open(journal_path) as journal:
        journal.complete(CheckIn(lang="en", area_id="relasjonell", area_title="Relational",
                                 started_at=datetime.now().astimezone() - timedelta(days=3)))
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        shown = {k.key for k in app.screen.query(FooterKey) if k.display}
        assert {"escape", "ctrl+s"} <= shown and not shown & {"a", "e", "d"}


async def test_a_radio_sets_highlight_starts_on_the_choice_and_shows_without_colour(
    journal_path: Path,
) -> None:
    """Settings in English: "up" and Enter to choose Norsk bokmål went round to English
    (the highlight had started on the first button, drawn in colour only)."""
    from refleks.tui.screens.settings import SettingsScreen

    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        english = app.screen.query("#language RadioButton")[1]
        assert english.has_class("-selected")  # the highlight is on the choice
        assert english.get_component_rich_style("toggle--label").underline
        await pilot.press("up", "space")
        await pilot.pause()
        assert app.screen.chosen_language() == "nb"


async def test_after_settings_the_rhythm_tab_keeps_its_width(journal_path: Path) -> None:
    """Settings' stylesheet (#cadence { width: 12 }) stayed loaded and squeezed the
    over-time's rhythm tab, also #cadence, to 12 columns: "Refleks / joner / per"."""
    from datetime import datetime, timedelta

    from refleks.journal.model import CheckIn

    with Journal.open(journal_path) as journal:
        journal.complete(CheckIn(lang="nb", area_id="relasjonell", area_title="Relasjonelle",
                                 started_at=datetime.now().astimezone() - timedelta(days=3)))
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.query_one("#cadence").region.width == SIZE[0]
        assert app.screen.query_one("#cadence-chart").region.height <= 8


async def test_delete_names_the_reflection_it_asks_about(journal_path: Path) -> None:
    """"Delete this reflection?" covered the list, whose highlighted row shows by colour
    alone: the question names the date and area."""
    from datetime import datetime

    from refleks.journal.model import CheckIn
    from refleks.tui.screens.confirm import ConfirmScreen

    with Journal.open(journal_path) as journal:
        for day in (17, 24):
            journal.complete(CheckIn(
                lang="nb", area_id="etikk", area_title="Etiske og rettighetsbaserte verdier",
                started_at=datetime(2026, 11, day, 9).astimezone()))
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await settle(pilot)
        app.screen.query_one("#journal-table").focus()
        await pilot.press("down", "d")  # the second row: 17 November
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Slette refleksjonen fra 17. november 2026 – Etiske og rettighetsbaserte " \
               "verdier?" in " ".join(screen_text(app).split())
