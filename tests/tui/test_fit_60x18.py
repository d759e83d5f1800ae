"""Each screen fits its essentials at 60×18, the smallest size the app draws, and says
the keys that matter there; 80×24 still holds.

Read from what the terminal would show (the compositor's lines), not from the widgets:
a word cut off at the edge or a key left out of the footer is what a person meets.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from tui_helpers import at_focus, checkin_at, eventually, settle, type_keys

SIZES = [(60, 18), (80, 24)]


def screen_lines(app: Any) -> list[str]:
    """The lines the terminal shows for the active screen, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer(app: Any) -> str:
    return screen_lines(app)[-1]


@pytest.mark.parametrize("size", SIZES)
async def test_home_shows_every_key_beside_its_entry_and_the_footer_keeps_quit_and_help(
        app: Any, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        for entry in ("n  Start ukens refleksjon", "m  Noter et øyeblikk", "j  Loggen",
                      "o  Over tid", "l  Biblioteket", "t  Teamrefleksjon",
                      "s  Innstillinger", "?  Hjelp", "q  Avslutt"):
            assert entry in text, (entry, text)
        assert "q Avslutt" in footer(app) and "? Hjelp" in footer(app)
        await pilot.press("t")  # a key the footer never named works as the menu says
        from refleks.tui.screens.team import TeamStartScreen

        assert isinstance(app.screen, TeamStartScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_settings_shows_save_and_its_key_and_ctrl_s_saves(
        app: Any, size: tuple[int, int]) -> None:
    from textual.widgets import Input

    from refleks.tui.screens.home import HomeScreen

    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await settle(pilot)
        lines = screen_lines(app)
        assert any(line.strip() == "Lagre" for line in lines[:-1]), lines  # the button
        save = app.screen.query_one("#save")
        assert save.region.bottom <= size[1] - 1  # all of it above the footer
        assert "^s Lagre" in footer(app)
        cadence = app.screen.query_one("#cadence", Input)
        cadence.focus()
        cadence.value = ""
        await pilot.press("1", "4", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.env.settings.cadence_days == 14


def with_a_year_of_checkins(app: Any) -> Any:
    """Check-ins across the past year (the fixed calendar's), so every tab has rows."""
    from journal_helpers import make_checkin

    days = ["2026-01-12", "2026-03-02", "2026-05-11", "2026-09-07", "2026-11-23"]
    app.env.journal.merge([make_checkin(day, area=("relasjonell", "etikk")[n % 2],
                                        uid=f"{n:032d}") for n, day in enumerate(days)])
    return app


async def test_over_time_names_one_period_on_every_tab(app: Any) -> None:
    """The title named each tab's own first month: April on one, December on the next."""
    with_a_year_of_checkins(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        titles = set()
        for tab in "1234":
            await pilot.press(tab)
            await settle(pilot)
            titles.add(app.screen.sub_title)
    assert titles == {"desember 2025 – november 2026"}  # the twelve months up to this one


@pytest.mark.parametrize("size", SIZES)
async def test_over_time_rhythm_and_areas_keep_each_row_on_one_line(
        app: Any, size: tuple[int, int]) -> None:
    """At 60 columns the rhythm's December wrapped below January, and the areas' "past
    year / last" headings and dates went onto lines of their own."""
    with_a_year_of_checkins(app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("o", "3")
        await settle(pilot)
        lines = screen_lines(app)
        assert any("jan" in line and "des" in line for line in lines), lines
        await pilot.press("2")
        await settle(pilot)
        lines = screen_lines(app)
        assert any("siste år" in line and "sist" in line.split("siste år")[1]
                   for line in lines), lines
        assert any("Relasjonelle" in line and "november 2026" in line for line in lines), lines


def flowing(lines: list[str]) -> str:
    """The screen's words as one running text: frames, scrollbars and the line breaks
    a wrap puts in are taken out, so a sentence split over two lines still reads whole."""
    import re

    return " ".join(re.sub(r"[│╭╮╰╯─▊▎▔▁▂▃▄▅▆▇█]", " ", line).strip()
                    for line in lines).replace("  ", " ")


@pytest.mark.parametrize("size", SIZES)
async def test_chime_step_shows_each_descriptions_credit_whole_and_the_field_to_write_in(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the credit was cut to "Kilde: 10 praktiske metoder for recovery-orientert"
    and the first element's question pushed the field to write in off the screen."""
    from refleks.checkin import Step
    from refleks.tui.widgets.editor import AnswerEditor

    async with app.run_test(size=size) as pilot:
        screen = await checkin_at(pilot, Step.CHIME)
        for element in screen.flow.content.chime:
            text = " ".join(flowing(screen_lines(app)).split())
            assert element.description.split()[0] in text, (element.id, text)
            assert "Kilde: 10 praktiske metoder for recovery-orientert praksis" in text, text
            field = app.screen.query_one("#chime-text", AnswerEditor)
            assert field.region.height >= 3 and field.region.bottom <= size[1] - 1
            await pilot.press("down")
            await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_chime_step_while_writing_shows_the_chosen_element_its_question_and_the_field(
        app: Any, size: tuple[int, int]) -> None:
    from refleks.checkin import Step
    from refleks.tui.screens.checkin import ChimeStep
    from refleks.tui.widgets.editor import AnswerEditor

    async with app.run_test(size=size) as pilot:
        screen = await checkin_at(pilot, Step.CHIME)
        await pilot.press("down", "enter")
        await settle(pilot)
        field = app.screen.query_one("#chime-text", AnswerEditor)
        assert field.has_focus
        assert field.region.height >= 5 and field.region.bottom <= size[1] - 1
        text = " ".join(flowing(screen_lines(app)).split())
        chosen = screen.flow.content.chime[1]
        assert f"▷ {chosen.name}" in text, text  # hollow: the keys go to the field
        step = app.screen.query_one(ChimeStep)
        assert step.question(chosen.id) in text, text
        assert step.question_credit(chosen.id) in text, text


@pytest.mark.parametrize("size", SIZES)
async def test_chime_step_shows_the_chosen_element_when_writing_after_the_mode(
        app: Any, size: tuple[int, int]) -> None:
    """A new user's try-out (60×18, English, NO_COLOR): ↓ to Hope, Tab to present or
    missing, → and Enter, Tab into the text: the list shrank to one row showing
    "    Connectedness", unmarked, and Hope was nowhere on screen."""
    from refleks.checkin import Step
    from refleks.tui.widgets.editor import AnswerEditor

    async with app.run_test(size=size) as pilot:
        screen = await checkin_at(pilot, Step.CHIME)
        await pilot.press("down", "tab")
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        await pilot.press("tab")
        field = app.screen.query_one("#chime-text", AnswerEditor)
        await eventually(pilot, lambda: field.has_focus)
        await settle(pilot)
        text = " ".join(flowing(screen_lines(app)).split())
        chosen = screen.flow.content.chime[1]
        assert f"▷ {chosen.name}" in text, text  # hollow: the keys go to the field


@pytest.mark.parametrize("size", SIZES)
async def test_focus_step_shows_its_instructions_and_actions_with_room_to_write(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the instructions were hidden and each action field showed about 32
    characters ("En konkret handling for den kom"); three actions now fit while writing."""
    from textual.widgets import Input


    async with app.run_test(size=size) as pilot:
        await at_focus(pilot)
        text = " ".join(flowing(screen_lines(app)).split())
        assert "Skriv for å filtrere, Enter krysser av." in text, text
        assert "Enter tar deg tilbake for å velge neste." in text, text
        for name, action in (("respekt", "Spør først"), ("tillit", "Hold det jeg lover"),
                             ("autentisitet", "")):
            await pilot.press(*name, "enter")
            await settle(pilot)
            text = " ".join(flowing(screen_lines(app)).split())
            assert "En konkret handling for den kommende uka" in text, text
            if action:
                await type_keys(pilot, action)
                await pilot.press("enter")  # back to the filter for the next value
        fields = list(app.screen.query(".focus-action").results(Input))
        assert len(fields) == 3 and fields[-1].has_focus
        for field in fields:  # every action in view, wide enough to read a sentence
            assert field.region.width >= 40 and field.region.bottom <= size[1] - 1, field
        text = " ".join(flowing(screen_lines(app)).split())
        assert "Spør først" in text and "Hold det jeg lover" in text, text


@pytest.mark.parametrize("size", SIZES)
async def test_journal_shows_what_a_search_found_and_the_filters_whole(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the Match column showed "…is stre…", the area filter "Re… ▼", and its
    open list ran off the right edge."""
    from textual.widgets import Select

    with_a_year_of_checkins(app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("/")
        await type_keys(pilot, "snakket")
        await eventually(pilot, lambda: "Treff" in "".join(screen_lines(app)))
        await settle(pilot)
        rows = [line for line in screen_lines(app) if "2026" in line]
        assert len(rows) == 5, screen_lines(app)
        assert all("jeg snakket denne uka" in row for row in rows), rows
        await pilot.press("escape", "f")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "Alle områder" in text and "Alle verdier" in text, text
        area = app.screen.query_one("#area", Select)
        area.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert area.expanded
        text = "\n".join(screen_lines(app))
        for title in ("Relasjonelle verdier og holdninger", "Menneskesyn og profesjonell "
                      "holdning", "Etiske og rettighetsbaserte verdier",
                      "Refleksive og lærende holdninger"):
            assert title in text, text


@pytest.mark.parametrize("size", SIZES)
async def test_export_dialog_shows_each_format_whole_and_its_buttons(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the formats ended in "for sup…" and the buttons were below the dialog's
    edge."""
    from textual.widgets import Button

    with_a_year_of_checkins(app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen.query_one("#dialog").region  # not the list behind it
        text = " ".join(flowing([line[dialog.x:dialog.right] for line in screen_lines(app)
                                 [dialog.y:dialog.bottom]]).split())
        t = app.env.t
        for key in ("export_view.markdown", "export_view.html"):
            assert t(key) in text, (t(key), text)
        for button in app.screen.query(Button).results(Button):
            region = button.region
            assert region.height >= 1 and region.bottom <= size[1] - 1, button
            shown = screen_lines(app)[region.y:region.bottom]
            assert any(str(button.label) in line for line in shown), (button, shown)


LONG_ACTION = ("Spørre hver person jeg møter denne uka om hva som har gitt dem håp, og "
               "skrive ned ett ord fra svaret etter samtalen")
LONG_FOLLOW_UP = ("Det ble lettere etter et par dager, og to av dem spurte meg om det "
                  "samme tilbake, noe jeg ikke hadde ventet")


@pytest.mark.parametrize("size", SIZES)
async def test_value_thread_fills_its_lines_to_the_width_of_the_screen(
        app: Any, size: tuple[int, int]) -> None:
    """At 60 columns each line, wrapped for 80, broke again a few words short of its
    end: a full line, then two or three words on a line of their own."""
    from journal_helpers import make_checkin

    from refleks.journal.model import Focus, FollowUp
    from refleks.tui.screens.overtime.thread import ThreadScreen

    first = make_checkin("2026-11-16", focus=())
    first.focus = [Focus("tillit", "Tillit", LONG_ACTION)]
    second = make_checkin("2026-11-23", focus=("varme",))
    second.follow_ups = [FollowUp("tillit", "Tillit", LONG_ACTION, LONG_FOLLOW_UP, False,
                                  first.uid)]
    app.env.journal.merge([first, second])
    async with app.run_test(size=size) as pilot:
        app.push_screen(ThreadScreen(app.session, "tillit", "Tillit"))
        await eventually(pilot, lambda: "Handling" in "".join(screen_lines(app)))
        await settle(pilot)
        lines = [flowing([line]).strip() for line in screen_lines(app)]
        start = next(i for i, line in enumerate(lines) if line.startswith("Handling"))
        action = []
        for line in lines[start:]:
            if line.startswith("Uka etter"):
                break
            action.append(line)
        assert " ".join(action) == f"Handling: {LONG_ACTION}", lines
        # every line but the last as full as the next word allows
        room = max(len(line) for line in action)
        for line, following in pairwise(action):
            assert len(line) + 1 + len(following.split()[0]) > room, action


@pytest.mark.parametrize("size", SIZES)
async def test_journal_footer_ends_in_help_and_offers_undo_once_something_was_deleted(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the footer ended in "? Hje": undo, offered before anything was deleted,
    took the room."""
    with_a_year_of_checkins(app)
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await settle(pilot)
        assert footer(app).rstrip().endswith("? Hjelp"), footer(app)
        assert "u Angre" not in footer(app)
        for key in ("esc Tilbake", "/ Søk", "f Filter", "e Eksport", "d Slett"):
            assert key in footer(app), (key, footer(app))
        await pilot.press("d", "shift+tab", "enter")  # careful: the cursor starts on "no"
        await settle(pilot)
        await pilot.press("shift+tab", "enter")  # asked again: yes
        await eventually(pilot, lambda: "u Angre" in footer(app))
        assert footer(app).rstrip().endswith("? Hjelp"), footer(app)
        assert app.env.journal.count() == 4
        await pilot.press("u")
        await eventually(pilot, lambda: app.env.journal.count() == 5)
        await settle(pilot)
        assert "u Angre" not in footer(app) and footer(app).rstrip().endswith("? Hjelp")


@pytest.mark.parametrize("size", SIZES)
async def test_welcome_shows_its_button_and_the_arrows_read_on_to_its_last_words(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the welcome's button was below the dialog's edge, and the arrows did
    nothing while the cursor was on it (the text's end was out of reach by keys)."""
    from textual.widgets import Button

    from refleks.tui.screens.welcome import WelcomeScreen

    async with app.run_test(size=size) as pilot:
        await app.run_action("welcome")
        await eventually(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await settle(pilot)
        button = app.screen.query_one("#close", Button)
        assert button.has_focus and button.region.bottom <= size[1] - 1, button.region
        assert any(str(button.label) in line for line in
                   screen_lines(app)[button.region.y:button.region.bottom])
        last_words = " ".join(app.env.t("welcome.how").split()[-3:])
        for _ in range(20):
            await pilot.press("down")
        await settle(pilot)
        assert last_words in " ".join(flowing(screen_lines(app)).split()), screen_lines(app)
        await pilot.press("enter")
        await eventually(pilot, lambda: not isinstance(app.screen, WelcomeScreen))


@pytest.mark.parametrize("size", SIZES)
async def test_team_reflection_names_its_clock_keys_under_the_clock_and_the_footer_keeps_help(
        journal_path: Any, size: tuple[int, int]) -> None:
    """At 60×18 the reflection's footer ended in "esc", with no help (at 80×24 help was
    left out), and the clock's big digits pushed the last line off the stage."""
    from team_helpers import FakeClock, team_app, team_at

    from refleks.team.flow import TeamStep

    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=size) as pilot:
        screen = await team_at(pilot, TeamStep.REFLECT)
        for key in ("^n Neste", "^b Tilbake", "s Hopp over", "esc Gå ut"):
            assert key in footer(app), (key, footer(app))
        assert footer(app).split("▏")[0].rstrip().endswith("? Hjelp"), footer(app)  # ▏^p
        text = " ".join(flowing(screen_lines(app)).split())
        for words in ("Mellomrom stopper og starter klokka, + gir ett minutt til.",
                      "Tenk over spørsmålet i stillhet. Ingenting skrives her.",
                      *(["3:00"] if size[1] < 22 else [])):  # else in big digits
            assert words in text, (words, text)
        await pilot.press("space")  # the keys work as said, named in the footer or not
        await eventually(pilot, lambda: "på pause" in "".join(screen_lines(app)))
        assert not screen.timer.running
        await pilot.press("plus")
        await eventually(pilot, lambda: screen.timer.remaining() >= 4 * 60 - 1)
        assert not screen.timer.running


@pytest.mark.parametrize("size", SIZES)
async def test_team_share_step_shows_its_prompt_and_keeps_room_to_write_the_key_points(
        journal_path: Any, size: tuple[int, int]) -> None:
    """At 60×18 the key points' field was pushed off the screen by the prompt, the clock
    and the reminder: what the team typed went there unseen."""
    from team_helpers import FakeClock, team_app, team_at

    from refleks.team.flow import TeamStep
    from refleks.tui.widgets.editor import AnswerEditor

    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=size) as pilot:
        await team_at(pilot, TeamStep.SHARE)
        field = app.screen.query_one("#key-points", AnswerEditor)
        assert field.has_focus
        assert field.region.height >= 5 and field.region.bottom <= size[1] - 1, field.region
        # the text as it reads, without the clock beside it (big digits and "på pause"
        # at the right when there is room: they sit between the prompt's lines)
        clock = app.screen.query_one("ReflectClock").region if size[1] >= 22 else None
        left = [line[:clock.x] if clock is not None and clock.y <= row < clock.bottom
                else line for row, line in enumerate(screen_lines(app))]
        text = " ".join(flowing(left).split())
        for words in ("Hvor ser dere rom for utvikling?", "kollegaer.", "ikke hvem som sa hva",
                      *(["15:00"] if size[1] < 22 else [])):  # else in big digits
            assert words in text, (words, text)
        await type_keys(pilot, "Spør før vi antar")
        await settle(pilot)
        assert "Spør før vi antar" in "\n".join(screen_lines(app))
        assert footer(app).split("▏")[0].rstrip().endswith("f1 Hjelp"), footer(app)


@pytest.mark.parametrize("size", SIZES)
async def test_team_theme_list_marks_the_theme_enter_takes(
        journal_path: Any, size: tuple[int, int]) -> None:
    """Without colour nothing told which theme was under the cursor (a shade alone)."""
    from team_helpers import FakeClock, session_open, team_app

    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=size) as pilot:
        await session_open(pilot)
        await settle(pilot)
        marked = [line for line in screen_lines(app) if "▶" in line]
        assert len(marked) == 1 and "Relasjonelle verdier og holdninger" in marked[0], marked
        await pilot.press("down")
        await settle(pilot)
        marked = [line for line in screen_lines(app) if "▶" in line]
        assert len(marked) == 1 and "Menneskesyn og profesjonell holdning" in marked[0], marked


@pytest.mark.parametrize("size", SIZES)
async def test_library_marks_the_row_whose_page_is_shown_and_not_every_closed_section(
        app: Any, size: tuple[int, int]) -> None:
    """Every closed section showed "▶", the mark the app's lists give the current row,
    so without colour no row told which page was beside it."""
    async with app.run_test(size=size) as pilot:
        await pilot.press("l")
        await settle(pilot)

        def marked() -> list[str]:
            return [line.strip() for line in screen_lines(app) if "▶" in line]

        assert len(marked()) == 1 and marked()[0].startswith("▶ Om verktøyet"), marked()
        assert any(line.startswith("+ Personlige egenskaper") for line in screen_lines(app))
        await pilot.press("down", "enter")
        await settle(pilot)
        assert len(marked()) == 1 and marked()[0].startswith("▶ Personlige egenskaper")
        await pilot.press("down")
        await settle(pilot)
        assert len(marked()) == 1 and "▶ Empati og nysgjerrighet" in marked()[0], marked()
        tree = app.screen.query_one("#library-tree")
        assert tree.cursor_node.data.label == "Empati og nysgjerrighet"  # its page beside


@pytest.mark.parametrize("size", SIZES)
async def test_moment_dialog_shows_several_values_to_tick_and_its_buttons(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the values' list showed a single row (one value, cut)."""
    from textual.widgets import Button

    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("tab")
        await type_keys(pilot, "til")
        await settle(pilot)
        lines = screen_lines(app)
        for value in ("[ ] Empati — Relasjonelle verdier og holdninger",
                      "[ ] Tillit — Relasjonelle verdier og holdninger"):
            assert any(value in line for line in lines), (value, lines)
        assert sum("[ ] " in line for line in lines) >= 4, lines
        for button in app.screen.query("#save, #cancel").results(Button):
            assert button.region.bottom <= size[1] - 1, button
        await pilot.press("enter")  # the filter's Enter ticks the highlighted value
        await settle(pilot)
        assert "[x] Tillit" in "\n".join(screen_lines(app))


@pytest.mark.parametrize("size", SIZES)
async def test_chime_step_shows_all_five_elements_at_once(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 each element's name took two or three lines beside the mode, and
    Empowerment could be seen only by moving down the list."""
    from refleks.checkin import Step
    from refleks.content.credit import chime_label

    async with app.run_test(size=size) as pilot:
        screen = await checkin_at(pilot, Step.CHIME)
        lines = screen_lines(app)
        for element in screen.flow.content.chime:
            assert any(chime_label(element) in line for line in lines), (element.id, lines)
        text = "\n".join(lines)
        assert "(•) Mest til stede" in text and "( ) Mest savnet" in text, text


@pytest.mark.parametrize("size", SIZES)
async def test_help_reads_to_its_last_words_and_shows_the_welcome_button(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the help ran past the screen's edge: its last lines could not be
    scrolled into view, and the button for the welcome text (w) was cut off."""
    from textual.widgets import Button

    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        button = app.screen.query_one("#welcome", Button)
        assert button.region.bottom <= size[1] - 1, button.region
        assert str(button.label) in screen_lines(app)[button.region.y], screen_lines(app)
        await pilot.press("end")
        await settle(pilot)
        last_words = " ".join(app.env.t("team.help_keys").split()[-4:])
        assert last_words in " ".join(flowing(screen_lines(app)).split()), screen_lines(app)


@pytest.mark.parametrize("size", SIZES)
async def test_delete_question_names_the_area_in_the_language_in_use(
        journal_path: Any, size: tuple[int, int]) -> None:
    """In English the question read "Delete the reflection from 23 November 2026 –
    Relasjonelle verdier og holdninger?", while the list beside it said "Relational
    values …": the stored name, not the content's in the language in use."""
    from tui_helpers import make_session

    from refleks.tui.app import make_app
    from refleks.tui.screens.confirm import ConfirmScreen

    app = with_a_year_of_checkins(make_app(make_session(journal_path, "en")))
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("d")
        await eventually(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await settle(pilot)
        dialog = app.screen.query_one("#dialog").region  # not the list behind it
        text = " ".join(flowing([line[dialog.x:dialog.right] for line in screen_lines(app)
                                 [dialog.y:dialog.bottom]]).split())
        assert "23 November 2026 – Relational values and attitudes?" in text, text
        assert "Relasjonelle" not in text


@pytest.mark.parametrize("size", [*SIZES, (120, 30)])
async def test_reflection_footer_keeps_help_and_names_ctrl_o_where_there_is_room(
        app: Any, size: tuple[int, int]) -> None:
    """At 60×18 the questions' footer ended in "esc Gå ut" (at 80×24 in "f1 Hj…"): ctrl+o
    for one's own editor took the room of help. It gives way where the keys do not fit
    (help names it), and is named where they do."""
    from refleks.checkin import Step

    async with app.run_test(size=size) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        keys = footer(app).split("▏")[0]  # before the palette's ^p
        for key in ("^n Neste", "^b Tilbake", "^f Hopp videre", "esc Gå ut"):
            assert key in keys, (key, keys)
        assert keys.rstrip().endswith("f1 Hjelp"), keys
        assert ("^o Egen editor" in keys) == (size[0] >= 100), keys
        assert "ctrl+o" in app.env.t("help.keys_everywhere")


@pytest.mark.parametrize("size", SIZES)
async def test_moment_dialog_keeps_a_long_chime_element_on_one_line_and_its_list_inside(
        journal_path: Any, size: tuple[int, int]) -> None:
    """At 60×18 "Hope and optimism about the future" took two lines in the select, whose
    bottom edge fell off the dialog, and the open list covered the dialog's bottom edge
    and the footer's keys."""
    from tui_helpers import fill, make_session

    from refleks.tui.app import make_app

    app = make_app(make_session(journal_path, "en"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        await settle(pilot)
        await fill(pilot, "Stood in the silence.")
        await pilot.press("tab", "tab", "tab")  # past the filter and the values
        chime = app.screen.query_one("#moment-chime")
        assert app.focused is chime
        dialog = app.screen.query_one("#dialog").region
        await pilot.press("enter", "down", "down", "enter")  # Hope (after the blank)
        await settle(pilot)
        assert chime.value == "chime.hope"
        lines = screen_lines(app)
        assert chime.region.height == 3 and chime.region.bottom <= dialog.bottom - 1, (
            chime.region, dialog)
        shown = lines[chime.region.y + 1][chime.region.x:chime.region.right]
        assert "Hope and optim" in shown and "▼" in shown, lines
        assert "▁" in lines[chime.region.bottom - 1], lines  # its bottom edge is drawn
        await pilot.press("enter")  # the list of elements opens
        await settle(pilot)
        listing = app.screen.query_one("#moment-chime > SelectOverlay")
        assert listing.display and listing.region.bottom <= dialog.bottom - 1, (
            listing.region, dialog)
        lines = screen_lines(app)
        assert "╰" in lines[dialog.bottom - 1], lines  # the dialog's bottom edge
        assert "esc Close the list" in footer(app) and "^s Save" in footer(app), lines
