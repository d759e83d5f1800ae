"""Moments in the app: noting one from home, the guard before saving, and the check-in
step that takes moments further."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_helpers import (
    SIZE,
    TZ,
    checkin_at,
    eventually,
    fill,
    frozen_clock,
    make_session,
    screen_text,
    settle,
    type_keys,
)

from refleks.checkin import Step
from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import CheckinScreen, SummaryStep
from refleks.tui.screens.checkin.moments import MomentsStep
from refleks.tui.screens.guard import GuardScreen
from refleks.tui.screens.moment import MomentScreen
from refleks.tui.screens.moments_list import MomentsScreen, MomentViewScreen
from refleks.tui.widgets.entry_view import EntryView

NOW = datetime(2026, 11, 25, 15, 30, tzinfo=TZ)


async def test_m_on_home_notes_a_moment_with_values_and_chime(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MomentScreen)
        await fill(pilot, "Stod i stillheten i stedet for å fylle den.")
        await pilot.press("tab")              # to the value filter
        await type_keys(pilot, "tillit")
        await pilot.press("enter")            # tick Tillit, the filter empties
        await pilot.press("tab", "tab")       # past the list to CHIME
        await pilot.press("enter")
        await pilot.press("down", "down", "enter")  # Hope (after the blank)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MomentScreen)
        assert "Du har notert 1 øyeblikk siden sist." in screen_text(app)  # home says so
    with Journal.open(journal_path) as j:
        saved = j.moments.select()
    assert len(saved) == 1
    assert saved[0].text == "Stod i stillheten i stedet for å fylle den."
    assert saved[0].value_ids == ["tillit"] and saved[0].chime_id == "chime.hope"
    assert saved[0].created_at == NOW


async def test_the_guard_asks_before_a_moment_is_saved(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "Kari ringte fra 412 34 567 i dag.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        shown = screen_text(app)
        assert "Kari" in shown and "412 34 567" in shown
        await pilot.press("enter")            # Rewrite: back to the text, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, MomentScreen)
        editor = app.screen.query_one("#moment-text", TextArea)
        assert editor.text == "Kari ringte fra 412 34 567 i dag."
        with Journal.open(journal_path) as j:
            assert j.moments.count() == 0
        editor.text = "En pårørende ringte i dag."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, (GuardScreen, MomentScreen))
    with Journal.open(journal_path) as j:
        assert [m.text for m in j.moments.select()] == ["En pårørende ringte i dag."]


async def test_keep_as_written_saves_it_as_it_is(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "Ringte Per om avtalen.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        # right above "Keep as written", the dialog says what keeping it does
        shown = " ".join(screen_text(app).split())
        assert "Velger du «Behold slik det står», lagres teksten slik du skrev den." in shown
        assert "Ingenting av dette lagres" not in shown
        await pilot.press("tab", "enter")     # Keep as written
        await pilot.pause()
    with Journal.open(journal_path) as j:
        assert [m.text for m in j.moments.select()] == ["Ringte Per om avtalen."]


# -- the check-in step ------------------------------------------------------------------------

def drawn(app) -> str:  # type: ignore[no-untyped-def]
    """The lines on the terminal now (the moments are lines of one list, not Statics)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def ticks(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Each moment's tick as drawn, top to bottom."""
    return [line.split("Come back to this one")[0].strip()[-3:]
            for line in drawn(app).splitlines() if "Come back to this one" in line]


def last_week(journal: Journal) -> CheckIn:
    when = NOW - timedelta(days=7)
    c = CheckIn(lang="en", area_id="relasjonell", area_title="Relational values",
                started_at=when, status="complete", completed_at=when)
    c.focus = [Focus("tillit", "Trust", "Keep my word"), Focus("varme", "Warmth", "Smile")]
    return journal.save(c)


async def test_the_checkin_offers_moments_since_last_time(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.moments.add(Moment(text="Before last week's check-in.",
                             created_at=NOW - timedelta(days=9)))
        last_week(j)
        j.moments.add(Moment(text="Stood in the silence instead of filling it.",
                             created_at=NOW - timedelta(days=3),
                             values=[MomentValue("tillit", "Trust")]))
        j.moments.add(Moment(text="Interrupted again.", created_at=NOW - timedelta(days=1)))
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.MOMENTS)  # past the follow-up
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.query_one(MomentsStep)
        shown = drawn(app)
        assert "Step 2 of 8" in shown and "Moments since last time" in shown
        assert "Stood in the silence" in shown and "Interrupted again." in shown
        assert "Before last week" not in shown
        await pilot.press("space")            # take the first one further
        await pilot.pause()
        assert "What happened?" in drawn(app)
        await fill(pilot, "She was quiet for a long time and I waited.")
        await pilot.press("tab")
        await fill(pilot, "Trust: I trusted that she would speak.")
        await pilot.press("ctrl+n")           # on to the area step: the draft is saved
        await pilot.pause()
    draft = Journal.open(journal_path).current_draft()
    moments = [a for a in draft.answers if a.kind == "moment"]
    assert [a.text for a in moments] == ["She was quiet for a long time and I waited.",
                                         "Trust: I trusted that she would speak."]
    assert moments[0].question_text == (
        "What happened? – “Stood in the silence instead of filling it.”")
    with Journal.open(journal_path) as j:
        assert j.moments.count() == 3     # the moments themselves are untouched


async def test_a_moment_ticked_with_nothing_written_comes_back_ticked_after_a_kill(
        journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        last_week(j)
        j.moments.add(Moment(text="Stood in the silence instead of filling it.",
                             created_at=NOW - timedelta(days=3)))
        j.moments.add(Moment(text="Interrupted again.", created_at=NOW - timedelta(days=1)))

    def ticked(path: Path) -> bool:  # what the autosave has written, as a kill leaves it
        with Journal.open(path) as j:
            draft = j.current_draft()
        return draft is not None and len(draft.taken_further) == 1

    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.MOMENTS)
        await pilot.press("space")            # take the first one further, write nothing
        await eventually(pilot, lambda: ticked(journal_path))
    again = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("n")                # "Continue your reflection"
        await eventually(pilot, lambda: bool(again.screen.query(MomentsStep)))
        step = again.screen.query_one(MomentsStep)
        assert ticks(again) == ["[x]", "[ ]"]  # the first ticked, the second not
        assert step.query_one("#moment-what", TextArea).display
        assert "What happened?" in drawn(again)  # the field's frame names its question


async def test_the_questions_follow_the_moment_under_the_cursor(journal_path: Path) -> None:
    """Three editors for all the moments, not three a moment (a thousand moments took
    minutes to draw): they hold the ticked moment under the cursor, and what was
    written about one moment stays with it when the cursor moves on and back."""
    with Journal.open(journal_path) as j:
        last_week(j)
        for n, text in enumerate(["Stood in the silence.", "Interrupted again.",
                                  "Asked what mattered to her."]):
            j.moments.add(Moment(text=text, created_at=NOW - timedelta(days=3 - n)))
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.MOMENTS)
        step = app.screen.query_one(MomentsStep)
        assert len(step.query(TextArea)) == 3
        await pilot.press("space")            # the first, further
        await pilot.pause()
        await fill(pilot, "She was quiet.")
        await pilot.press("shift+tab", "down", "down", "space")  # the third, further
        await pilot.pause()
        assert app.focused is step.query_one("#moment-what", TextArea)
        assert app.focused.text == ""
        assert "Asked what mattered" in str(step.query_one("#moment-shown").render())
        await fill(pilot, "I asked and waited.")
        await pilot.press("shift+tab", "up")  # the second: not ticked, no questions
        await pilot.pause()
        assert not step.query_one("#moment-parts").display
        await pilot.press("up")               # the first again: what was written
        await pilot.pause()
        assert step.query_one("#moment-what", TextArea).text == "She was quiet."
        assert [step.flow.is_taken_further(m) for m in step.moments] == [True, False, True]
        assert len(step.query(TextArea)) == 3
        await pilot.press("ctrl+n")
        await pilot.pause()
    draft = Journal.open(journal_path).current_draft()
    assert [(a.question_text, a.text) for a in draft.answers if a.kind == "moment"] == [
        ("What happened? – “Stood in the silence.”", "She was quiet."),
        ("What happened? – “Asked what mattered to her.”", "I asked and waited.")]


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_each_field_names_its_question_while_it_is_written_in(
        journal_path: Path, size: tuple[int, int]) -> None:
    """At 60×18 the label "What happened?" scrolled off once the cursor was in its
    field, and Tab showed only a frame titled with the moment's text: no way to tell
    which of the three questions was being answered. Each field's frame names its
    question, and the moment stands once above the fields."""
    text = "Sto i stillheten i stedet for å fylle den med råd, og hun fortalte mer."
    with Journal.open(journal_path) as j:
        last_week(j)
        j.moments.add(Moment(text=text, created_at=NOW - timedelta(days=3)))
        j.moments.add(Moment(text="Interrupted again.", created_at=NOW - timedelta(days=2)))
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=size) as pilot:
        await checkin_at(pilot, Step.MOMENTS)
        await pilot.press("enter")            # come back to this one: the cursor goes down
        for question in ("What happened?", "What did it mean – which value was at stake?",
                         "What now?"):
            await settle(pilot)
            field = app.focused
            assert isinstance(field, TextArea)
            lines = drawn(app).splitlines()[:-1]  # above the footer
            top = field.region.y  # the field's frame, where its question is
            assert top >= 0 and field.region.bottom <= size[1] - 1, field.region
            assert f"╭─ {question} ─" in lines[top], lines
            assert sum(f"─ {question} ─" in line for line in lines) == 1, lines
            above = " ".join(lines[:top])
            assert "Sto i stillheten i stedet for" in above, lines
            assert not any("Sto i stillheten" in line for line in lines[top:]), lines
            await pilot.press("tab")


async def test_a_moment_keeps_every_word_when_its_list_shrinks_to_write_about_it(
        journal_path: Path) -> None:
    """At 60×18 the list shrinks while a moment is written about and gets a scrollbar:
    the text was wrapped for the width without it, and a line's last letters went
    under the bar ("etter e", "la fr")."""
    text = ("Hun var redd. Jeg ble sittende i stillheten i stedet for å fylle den med ord, "
            "og hun fortalte mer etter en stund. Før jeg la fram planen spurte jeg hva "
            "hun ønsket.")
    with Journal.open(journal_path) as j:
        last_week(j)
        j.moments.add(Moment(text=text, created_at=NOW - timedelta(days=1)))
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=(60, 18)) as pilot:
        await checkin_at(pilot, Step.MOMENTS)
        await pilot.press("space")  # come back to it: the questions below, the list short
        await pilot.pause()
        listing = app.screen.query_one("MomentList")
        assert listing.scrollbars_enabled[0]  # the short list scrolls
        listing.scroll_to(y=0, animate=False)
        await pilot.pause()
        # every line of the list as it is drawn, in the width it is drawn in
        lines = [listing.render_line(y) for y in range(listing.virtual_size.height)]
        assert all(line.cell_length <= listing.scrollable_content_region.width
                   for line in lines)
        shown = " ".join(line.text.strip() for line in lines if line.text.strip())
        assert " ".join(text.split()) in shown, shown


async def test_a_thousand_moments_are_lines_of_one_list(journal_path: Path) -> None:
    """The step mounts the same few widgets however many moments there are, and End
    reaches the last one, drawn as written."""
    with Journal.open(journal_path) as j:
        last_week(j)
        j.moments.merge(Moment(text=f"Moment number {n}.", created_at=NOW - timedelta(
            minutes=5000 - n)) for n in range(1000))
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.MOMENTS)
        step = app.screen.query_one(MomentsStep)
        assert len(step.query("*")) < 20
        assert "Moment number 0." in drawn(app)
        await pilot.press("end", "space")
        await pilot.pause()
        assert "Moment number 999." in drawn(app)
        assert "Moment number 999." in str(step.query_one("#moment-shown").render())


def test_a_moment_wraps_between_words_and_keeps_its_lines() -> None:
    from refleks.tui.widgets.moment_list import wrapped

    assert wrapped("Stood in the silence.", 40) == ["Stood in the silence."]
    assert wrapped("Stood in the silence instead of filling it.", 12) == [
        "Stood in the", "silence", "instead of", "filling it."]
    assert wrapped("first\nsecond", 40) == ["first", "second"]
    assert wrapped("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert wrapped("på å gå dit", 5) == ["på å", "gå", "dit"]
    assert wrapped("日本語のテキスト", 6) == ["日本語", "のテキ", "スト"]  # two cells each


async def test_no_moments_no_step(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        last_week(j)
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+n")
        assert not app.screen.query(MomentsStep)
        assert "Step 2 of 7" in screen_text(app)


async def test_the_guard_asks_before_a_checkin_is_completed(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        draft = CheckIn(lang="en", area_id="relasjonell", area_title="Relational values",
                        started_at=NOW)
        draft.answers = [Answer("relasjonell.q1", "How do I show empathy?",
                                "I sat with Kari for an hour; she gave me 41234567.")]
        draft.focus = [Focus("tillit", "Trust", "Keep my word"),
                       Focus("varme", "Warmth", "Smile")]
        j.save(draft)
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.SUMMARY)  # the draft, on from its focus step
        assert app.screen.query_one(SummaryStep)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        assert "Kari" in screen_text(app) and "41234567" in screen_text(app)
        assert "In “How do I show empathy?”:" in screen_text(app)  # where to rewrite
        await pilot.press("enter")            # Rewrite: back to the question, not saved
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert "Question 1 of" in screen_text(app)  # relasjonell.q1, where it was written
        assert Journal.open(journal_path).latest() is None
        await pilot.press("ctrl+f", "ctrl+n", "ctrl+n", "ctrl+n")  # CHIME … summary
        assert app.screen.query_one(SummaryStep)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "enter")     # Keep as written
        await pilot.pause()
        assert not isinstance(app.screen, CheckinScreen)
    assert Journal.open(journal_path).latest().answers[0].text.startswith("I sat with Kari")


async def test_rewrite_goes_back_to_the_question_where_the_name_was_written(
        journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))

    def second_answer(flow) -> None:  # type: ignore[no-untyped-def]
        flow.choose_area(flow.suggested_area().id)
        flow.set_answer(flow.prompts()[1], "Kari chose the time of our meeting herself.")

    async with app.run_test(size=SIZE) as pilot:
        # written in the suggested area's second question; then CHIME, focus, method
        await checkin_at(pilot, Step.SUMMARY, second_answer)
        assert app.screen.query_one(SummaryStep)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        await pilot.press("enter")            # Rewrite
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        editor = app.screen.query_one("#answer", TextArea)
        assert editor.text == "Kari chose the time of our meeting herself."
        assert "2 of" in screen_text(app)     # the second question, where it was written
        assert Journal.open(journal_path).latest() is None


# -- the journal, over time, export --------------------------------------------------------

def noted(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        last_week(j)
        j.moments.add(Moment(text="Stod i stillheten.", created_at=NOW - timedelta(days=3),
                             values=[MomentValue("tillit", "Tillit")]))
        j.moments.add(Moment(text="Avbrøt igjen.", created_at=NOW - timedelta(days=1)))


async def test_moments_in_the_journal_searched_read_deleted_and_undone(
        journal_path: Path) -> None:
    noted(journal_path)
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m")
        assert isinstance(app.screen, MomentsScreen)
        listing = app.screen.query_one("#moments-list")
        assert listing.option_count == 2
        assert "◆" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("slash")
        await type_keys(pilot, "stillhet")
        await pilot.press("enter")
        assert listing.option_count == 1 and "2 øyeblikk" not in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, MomentViewScreen)
        await pilot.press("escape")
        await pilot.press("d", "shift+tab", "enter")  # careful: the cursor starts on "no"
        await pilot.pause()
        with Journal.open(journal_path) as j:
            assert [m.text for m in j.moments.select()] == ["Avbrøt igjen."]
        await pilot.press("u")
        await pilot.pause()
        with Journal.open(journal_path) as j:
            assert j.moments.count() == 2


async def test_a_values_thread_includes_its_moments(journal_path: Path) -> None:
    from refleks.tui.screens.overtime.thread import ThreadScreen

    noted(journal_path)
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ThreadScreen(app.session, "tillit", "Tillit"))
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen.query_one("#thread-list")
        prompts = [str(listing.get_option_at_index(i).prompt)
                   for i in range(listing.option_count)
                   if listing.get_option_at_index(i).id]
        assert len(prompts) == 2 and "Stod i stillheten." in prompts[1]
        assert "1 øyeblikk notert med den" in screen_text(app)


async def test_the_export_dialog_writes_the_html_pack(journal_path: Path,
                                                      isolated_home: Path) -> None:
    from textual.widgets import Input

    noted(journal_path)
    target = isolated_home / "pakke.html"
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        app.screen.query_one("#export-format").focus()
        await pilot.press("down", "down", "enter")  # HTML
        path = app.screen.query_one("#export-path", Input)
        assert path.value.endswith(".html")
        path.value = str(target)
        await pilot.click("#export")
        await app.workers.wait_for_complete()
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Stod i stillheten." in html
    assert "Privat refleksjon, ikke dokumentasjon." in html


async def test_the_journals_search_finds_moments_too_and_m_carries_it_over(
        journal_path: Path) -> None:
    noted(journal_path)
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert "2 øyeblikk (m viser dem)" in screen_text(app)
        await pilot.press("slash")
        await type_keys(pilot, "stillheten")
        await eventually(pilot, lambda: "1 øyeblikk (m viser det)" in screen_text(app))
        await pilot.press("enter", "m")       # to the list, then the moments it found
        assert isinstance(app.screen, MomentsScreen)
        assert app.screen.query_one("#moments-list").option_count == 1
        assert app.screen.query_one("#moments-search").value == "stillheten"
        await pilot.press("escape")
        assert not isinstance(app.screen, MomentsScreen)


async def test_the_guards_choices_stay_in_view_at_60_by_18(journal_path: Path) -> None:
    lines = "\n".join(f"Kari ringte fra 412 34 5{n:02d} og sendte kari{n}@example.no."
                      for n in range(6))
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=(60, 18)) as pilot:
        await pilot.press("m")
        for button in ("#save", "#cancel"):    # the note's own choices are in view too
            region = app.screen.query_one(button).region
            assert region.height >= 3 and region.bottom <= 17, button  # above the footer
        await fill(pilot, lines)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        for button in ("#rewrite", "#keep"):
            region = app.screen.query_one(button).region
            assert region.height >= 1 and region.bottom <= 18, button
        await pilot.press("tab", "enter")     # Keep as written
        await pilot.pause()
    with Journal.open(journal_path) as j:
        assert j.moments.select()[0].text == lines


async def test_the_guard_looks_at_a_later_note_too(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        last_week(j)
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "a")
        await fill(pilot, "Leste igjen. Per Hansen ringte om det.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GuardScreen)
        assert "Per Hansen" in screen_text(app)
        await pilot.press("enter")            # Rewrite: the note is still there to change
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.has_focus and area.text == "Leste igjen. Per Hansen ringte om det."
        await pilot.press("f7", "backspace")  # select all, delete, write it again
        await fill(pilot, "Leste igjen. En pårørende ringte om det.")
        await pilot.press("ctrl+s")           # nothing found now: saved at once
        await pilot.pause()
        assert "En pårørende ringte" in app.screen.query_one("#entry", EntryView).source
    with Journal.open(journal_path) as j:
        assert [n.text for n in j.latest().later_notes] == [
            "Leste igjen. En pårørende ringte om det."]


async def test_the_moments_listed_go_to_supervision_as_html(journal_path: Path,
                                                            isolated_home: Path) -> None:
    from textual.widgets import Input

    noted(journal_path)
    target = isolated_home / "veiledning.html"
    app = make_app(make_session(journal_path, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m", "slash")
        await type_keys(pilot, "stillheten")
        await pilot.press("enter", "e")       # the one moment found, exported
        await eventually(pilot, lambda: "Eksporter ett øyeblikk" in screen_text(app))
        assert not app.screen.query_one("#team").display  # parts are for check-ins
        app.screen.query_one("#export-format").focus()
        await pilot.press("down", "down", "enter")  # HTML
        path = app.screen.query_one("#export-path", Input)
        assert "øyeblikk" in path.value and path.value.endswith(".html")
        path.value = str(target)
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await eventually(pilot, target.exists)  # written whole, then put in place
    html = target.read_text(encoding="utf-8")
    assert "Stod i stillheten." in html and "Avbrøt igjen." not in html
    assert 'class="entry">' not in html
    # the overview says there are no check-ins in it (issue 25), and the title page
    # counts the moment that is
    assert "Ingen refleksjoner i denne pakken." in html and "1 øyeblikk" in html


async def test_esc_asks_before_a_written_moment_is_thrown_away(journal_path: Path) -> None:
    from refleks.tui.screens.confirm import ConfirmScreen

    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "Stood in the silence")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Throw away the moment" in screen_text(app)
        await pilot.press("enter")            # the safe choice is selected: keep editing
        await pilot.pause()
        assert isinstance(app.screen, MomentScreen)
        assert app.screen.query_one("#moment-text", TextArea).text == "Stood in the silence"
        await pilot.press("ctrl+s")
        await pilot.pause()
    with Journal.open(journal_path) as j:
        assert [m.text for m in j.moments.select()] == ["Stood in the silence"]


async def test_ctrl_q_asks_before_a_moment_being_written_is_lost(journal_path: Path) -> None:
    """ctrl+q while a moment is written but not saved: the same question as Esc, and
    only "throw it away" quits (it once quit at once, and the moment was gone)."""
    from refleks.tui.screens.confirm import ConfirmScreen

    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await fill(pilot, "Stood in the silence")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        assert "Throw away the moment" in screen_text(app)
        await pilot.press("enter")            # the safe choice: keep writing
        await pilot.pause()
        assert isinstance(app.screen, MomentScreen) and app.is_running
        assert app.screen.query_one("#moment-text", TextArea).text == "Stood in the silence"
        await pilot.press("ctrl+q", "tab", "enter")  # now throw it away, as asked
        await eventually(pilot, lambda: not app.is_running)
    with Journal.open(journal_path) as j:
        assert j.moments.select() == []


async def test_home_counts_the_moments_noted_since_the_last_checkin(journal_path: Path) -> None:
    from journal_helpers import make_checkin

    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-23"))  # one moment before it, two after
        j.moments.add(Moment(text="Before", created_at=datetime(2026, 11, 22, 9, tzinfo=TZ)))
        j.moments.add(Moment(text="After", created_at=NOW - timedelta(hours=2)))
        j.moments.add(Moment(text="Also after", created_at=NOW - timedelta(hours=1)))
    app = make_app(make_session(journal_path, lang="en", now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "You have noted 2 moments since last time" in screen_text(app)


@pytest.mark.parametrize(("lang", "value_only", "search_only", "both"), [
    ("en", "No moments match the value. Choose “Any value” to see them all.",
     "No moments match the search. Empty the search box (/) to see them all.",
     "No moments match. Choose “Any value” or clear the search (/)."),
    ("nb", "Ingen øyeblikk passer til verdien. Velg «Alle verdier» for å se alle.",
     "Ingen øyeblikk passer til søket. Tøm søkefeltet (/) for å se alle.",
     "Ingen øyeblikk passer. Velg «Alle verdier», eller tøm søket (/)."),
])
async def test_a_filter_that_finds_no_moments_says_how_to_widen_it(
        journal_path: Path, lang: str, value_only: str, search_only: str,
        both: str) -> None:
    """With a value chosen that no moment carries, the list said "No moments here. m on
    the home screen notes one.", as if none had been noted."""
    noted(journal_path)
    app = make_app(make_session(journal_path, lang=lang, now=frozen_clock(NOW)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m")
        assert isinstance(app.screen, MomentsScreen)
        listing = app.screen.query_one("#moments-list")
        assert listing.option_count == 2
        await pilot.press("shift+tab")        # the value filter
        assert app.focused is app.screen.query_one("#moments-value")
        await pilot.press("enter", "down", "enter")  # the first value: Empati, on none
        await eventually(pilot, lambda: listing.option_count == 0)
        shown = " ".join(screen_text(app).split())
        assert value_only in shown and "m på forsiden" not in shown, shown
        offered = {binding.action for _, binding, enabled, _ in
                   app.screen.active_bindings.values() if enabled and binding.show}
        assert not offered & {"export", "delete", "undo"}  # nothing listed to act on
        assert "m on the home screen" not in shown, shown
        await pilot.press("slash")
        await type_keys(pilot, "stillhet")
        await pilot.pause()
        assert both in " ".join(screen_text(app).split())
        await pilot.press("tab")              # on to the value filter: any value
        assert app.focused is app.screen.query_one("#moments-value")
        await pilot.press("enter", "home", "enter")
        await eventually(pilot, lambda: listing.option_count == 1)  # the search finds one
        await pilot.press("slash")
        await type_keys(pilot, "x")
        await pilot.pause()
        assert listing.option_count == 0
        assert search_only in " ".join(screen_text(app).split())
