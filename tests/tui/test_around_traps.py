"""The screens around the check-in, tried as a new user would: nothing typed is dropped
without asking, the language follows a switch at once, counts read right, export says
what it writes, search shows the match, and the layout fits 80×24."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input, RadioSet, TextArea
from tui_helpers import (
    SIZE,
    eventually,
    fill,
    frozen_clock,
    make_session,
    screen_text,
    settle,
)

from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.confirm import ConfirmScreen
from refleks.tui.screens.journal import EntryScreen
from refleks.tui.screens.note import NoteScreen
from refleks.tui.screens.settings import SettingsScreen

TZ = timezone(timedelta(hours=1))
REL = ("relasjonell", "Relasjonelle verdier og holdninger")


def week(n: int, answer: str, *, focus: tuple[str, str] = ("tillit", "Tillit")) -> CheckIn:
    when = datetime(2026, 11, 23, 18, tzinfo=TZ) - timedelta(weeks=n)
    c = CheckIn(started_at=when, updated_at=when, status="complete", area_id=REL[0],
                area_title=REL[1], completed_at=when)
    c.answers = [Answer(f"{REL[0]}.q1", "Spørsmålet", answer)]
    c.focus = [Focus(focus[0], focus[1], f"Handling for {focus[1]}")]
    return c


@pytest.fixture
def filled(journal_path: Path) -> Path:
    journal = Journal.open(journal_path)
    journal.merge([week(0, "Jeg lyttet mer enn jeg snakket."),
                   week(1, "Hun bestemte selv, og jeg ventet.")])
    journal.close()
    return journal_path


# -- nothing typed or changed is dropped without asking --------------------------------

async def test_escape_on_a_written_note_asks_and_keeps_editing_by_default(filled: Path) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "a")
        await fill(pilot, "Leste dette igjen.")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "notatet" in screen_text(app)
        await pilot.press("enter")  # the safe choice is the one selected
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one("#note", TextArea).text == "Leste dette igjen."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
    assert [n.text for n in Journal.open(filled).latest().later_notes] == ["Leste dette igjen."]


async def test_an_empty_note_closes_at_once_and_a_written_one_can_be_thrown_away(
    filled: Path,
) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "a", "escape")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("a")
        await fill(pilot, "Nei, likevel ikke.")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # "throw away", chosen on purpose
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
    assert Journal.open(filled).latest().later_notes == []


async def test_escape_in_settings_with_changes_asks_before_dropping_them(
    session, journal_path: Path
) -> None:
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        cadence = app.screen.query_one("#cadence", Input)
        cadence.focus()
        cadence.value = ""
        await fill(pilot, "14")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#cadence", Input).value == "14"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # leave without saving
        await pilot.pause()
        assert not isinstance(app.screen, (SettingsScreen, ConfirmScreen))
        assert session.env.settings.cadence_days == 7
        # unchanged settings: Esc leaves at once
        await pilot.press("s", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, (SettingsScreen, ConfirmScreen))


async def test_escape_in_an_export_dialog_with_a_typed_path_asks(filled: Path) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        path = app.screen.query_one("#export-path", Input)
        path.focus()
        await fill(pilot, "-til-teamet")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        focused = app.focused
        assert isinstance(focused, Button) and focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value.endswith("-til-teamet")


# -- the whole interface follows a language switch, live --------------------------------

async def footer(pilot) -> str:  # type: ignore[no-untyped-def]
    """The words the footer shows now, once it has caught up with the screen."""
    from textual.widgets._footer import FooterKey

    await pilot.pause()
    await pilot.pause()
    return " ".join(k.description for k in pilot.app.screen.query(FooterKey))


async def test_switching_language_changes_every_footer_at_once(session) -> None:
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        assert "Avslutt" in await footer(pilot)  # home's footer: quit and help
        await pilot.press("s")
        app.screen.query_one("#language", RadioSet).focus()
        await pilot.press("down", "enter")  # English
        await pilot.click("#save")
        await pilot.pause()
        words = await footer(pilot)
        assert "Quit" in words and "Help" in words and "Avslutt" not in words
        await pilot.press("j")
        assert "Search" in await footer(pilot)
        await pilot.press("escape", "s")
        assert isinstance(app.screen, SettingsScreen), app.screen
        app.screen.query_one("#language", RadioSet).focus()
        await pilot.press("up", "enter")  # and back to Norwegian (the highlight is on English)
        await pilot.click("#save")
        await pilot.pause()
        assert "Avslutt" in await footer(pilot) and "Quit" not in await footer(pilot)


async def test_textual_own_words_speak_norwegian(session) -> None:
    from textual.command import CommandInput, CommandPalette
    from textual.widgets import Select

    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        assert "Kommandoer" in await footer(pilot)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "Søk etter det du vil gjøre…"
        await pilot.press("escape")
        app.search_themes()
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == "Søk etter et tema…"
        await pilot.press("escape")
        await pilot.press("j", "f")
        await pilot.pause()
        app.screen.query_one("#area", Select).focus()
        await pilot.press("enter")  # open the list
        await pilot.pause()
        assert "Lukk listen" in await footer(pilot)
        assert "Dismiss" not in await footer(pilot)


# -- counts ------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "listed", "title"), [
    ("nb", "1 refleksjon", "Eksporter én refleksjon"),
    ("en", "1 reflection", "Export one reflection"),
])
async def test_one_checkin_is_one_in_the_browser_and_the_export(
    journal_path: Path, lang: str, listed: str, title: str
) -> None:
    journal = Journal.open(journal_path)
    journal.merge([week(0, "Én uke.")])
    journal.close()
    app = make_app(make_session(journal_path, lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert str(app.screen.query_one("#journal-status").render()) == listed
        await pilot.press("e")
        await pilot.pause()
        assert title in screen_text(app)


# -- export says what it writes ------------------------------------------------------------

async def test_exporting_one_entry_offers_json_of_that_entry_named_by_its_date(
    filled: Path, isolated_home: Path
) -> None:
    import json

    from textual.widgets import RadioButton

    app = make_app(make_session(filled, now=frozen_clock(datetime(2026, 12, 1, 9, tzinfo=TZ))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "down", "enter", "e")  # the older one: 16 November
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert any("denne refleksjonen" in label for label in labels)
        assert not any("hele loggen" in label for label in labels)
        path = app.screen.query_one("#export-path", Input)
        assert Path(path.value).name == "refleks-refleksjon-2026-11-16.md"
        app.screen.query_one("#export-format").focus()
        await pilot.press("down", "enter")  # JSON
        assert Path(path.value).name == "refleks-refleksjon-2026-11-16.json"
        await pilot.press("tab", "tab")
        await pilot.click("#export")
        await app.workers.wait_for_complete()
    written = isolated_home / "Documents" / "refleks-refleksjon-2026-11-16.json"
    if not written.exists():
        written = isolated_home / "refleks-refleksjon-2026-11-16.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert len(data["checkins"]) == 1


async def test_exporting_the_journal_still_offers_the_whole_record(filled: Path) -> None:
    from textual.widgets import RadioButton

    app = make_app(make_session(filled, now=frozen_clock(datetime(2026, 12, 1, 9, tzinfo=TZ))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(RadioButton)]
        assert any("hele loggen" in label for label in labels)
        name = Path(app.screen.query_one("#export-path", Input).value).name
        assert name == "refleks-alle-2026-12-01.md"


# -- search shows the match ------------------------------------------------------------------

LATE = ("Det var en lang uke med mange møter og lite tid til å tenke over det som skjedde "
        "underveis, men på fredag snakket vi endelig om fjellvandringen hun ønsket seg.")


async def test_a_late_match_is_on_screen_in_the_list_at_80_columns(journal_path: Path) -> None:
    from refleks.tui.widgets.journal_list import JournalList

    journal = Journal.open(journal_path)
    journal.merge([week(0, LATE), week(1, "Ingenting her.")])
    journal.close()
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash")
        await fill(pilot, "fjellvandring")
        table = app.screen.query_one("#journal-table", JournalList)
        await eventually(pilot, lambda: "fjellvandring" in table.render_line(0).text)
        line = table.render_line(0).text
        assert "fjellvandringen" in line, line
        assert "…" in line


async def test_the_opened_entry_marks_the_searched_word(filled: Path) -> None:
    from refleks.tui.widgets.entry_view import EntryView

    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash")
        await fill(pilot, "bestem")
        status = app.screen.query_one("#journal-status")
        await eventually(pilot, lambda: "bestem" in str(status.render()))  # searched
        app.screen.query_one("#journal-table").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        source = app.screen.query_one("#entry", EntryView).source
        assert "~~bestemte~~" in source
        shown = app.screen.query_one("#entry", EntryView).blocks
        texts = [block.text.plain for block in shown if block.kind == "paragraph"]
        assert any("bestemte" in x for x in texts) and not any("~~" in x for x in texts)
        # read without searching, nothing is marked
        await pilot.press("escape", "escape", "escape")
        await pilot.press("j", "down", "enter")
        await pilot.pause()
        assert "~~" not in app.screen.query_one("#entry", EntryView).source


FILLER = ("Vi snakket lenge om hvordan uka hadde vært, om møtene som ble flyttet og om "
          "alt som ble liggende, og jeg merket at jeg trengte å sortere tankene mine. ")


def far_down() -> CheckIn:
    """A check-in whose one searched word is far below its first screen: five answers,
    then a long one with the word near its end."""
    c = week(0, FILLER * 2)
    c.answers += [Answer(f"{REL[0]}.q{n}", f"Spørsmål {n}", FILLER * 2) for n in range(2, 6)]
    c.answers.append(Answer(f"{REL[0]}.q6", "Spørsmål 6",
                            FILLER * 4 + "På fredag snakket vi endelig om fjellvandringen."))
    return c


@pytest.mark.parametrize("size", [(80, 24), (60, 18)])
async def test_an_entry_opened_from_a_search_shows_the_first_match_marked(
        journal_path: Path, size: tuple[int, int]) -> None:
    journal = Journal.open(journal_path)
    journal.merge([far_down()])
    journal.close()
    app = make_app(make_session(journal_path))
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "slash")
        await fill(pilot, "fjellvandring")
        status = app.screen.query_one("#journal-status")
        await eventually(pilot, lambda: "fjellvandring" in str(status.render()))
        app.screen.query_one("#journal-table").focus()
        await pilot.press("enter")
        assert isinstance(app.screen, EntryScreen)

        def match_row() -> list[Any]:
            return [strip for strip in app.screen._compositor.render_strips()
                    if "fjellvandringen" in strip.text]

        await eventually(pilot, lambda: bool(match_row()))
        segments = [s for s in match_row()[0] if "fjellvandringen" in s.text]
        assert segments and segments[0].style.underline and segments[0].style.bold
        # without a search the same entry opens at its top
        await pilot.press("escape", "escape", "escape", "escape")
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EntryScreen) and not match_row()


# -- layout at 80×24 -----------------------------------------------------------------------

async def test_the_welcome_covers_home_and_its_button_looks_like_one(journal_path: Path) -> None:
    from refleks.tui.screens.welcome import WelcomeScreen

    app = make_app(make_session(journal_path, welcomed=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.styles.background.a == 1  # nothing of home shows beside it
        button = app.screen.query_one("#close", Button)
        assert not button.compact and button.region.height == 3
        assert button.region.bottom <= SIZE[1]  # the whole button is on screen


@pytest.mark.parametrize("lang", ["nb", "en"])
async def test_the_home_footer_keeps_quit_and_help_and_fits(journal_path: Path, lang: str) -> None:
    from textual.widgets._footer import FooterKey

    app = make_app(make_session(journal_path, lang))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        keys = [k for k in app.screen.query(FooterKey)]
        # the menu shows each entry's key beside it (nine never fit a footer); the
        # footer keeps quit and help, and every key it shows fits
        assert {k.key for k in keys} >= {"q", "question_mark"}
        assert all(k.region.right <= SIZE[0] for k in keys)
        # (the keys beside the entries: test_fit_60x18, at 60×18 and 80×24)


async def test_the_palette_opens_with_the_main_actions_first(session) -> None:
    from textual.command import CommandList

    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.pause()
        options = app.screen.query_one(CommandList)
        first = str(options.get_option_at_index(0).prompt)
        assert "Start ukens refleksjon" in first


async def test_the_library_tree_shows_whole_section_titles(session) -> None:
    from textual.widgets import Tree

    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        tree = app.screen.query_one("#library-tree", Tree)
        lines = [tree.render_line(y).text for y in range(tree.size.height)]
        assert any("Personlige egenskaper som fundament" in line for line in lines), lines
        assert any("1. Relasjonelle verdier og holdninger" in line for line in lines)


async def test_the_date_filters_show_a_whole_date_and_placeholder(filled: Path) -> None:
    from textual.widgets import Select

    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "f")
        await pilot.pause()
        for field in app.screen.query("#filter-bar Input").results(Input):
            room = field.content_region.width
            assert len(field.placeholder) <= room, field.placeholder
            assert len("30.11.2026") < room
        area = app.screen.query_one("#area", Select)
        area.value = "relasjonell"
        await pilot.pause()
        assert area.outer_size.height == 3  # a long name stays on one line


async def test_a_new_export_dialog_is_not_covered_by_the_last_ones_message(
    filled: Path, isolated_home: Path
) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        app.screen.query_one("#export-path", Input).value = str(isolated_home / "a.md")
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app._notifications
        await pilot.press("e")
        await pilot.pause()
        assert not app._notifications


# -- over time: one span, and rhythm without a run -------------------------------------------

@pytest.fixture
def a_year(journal_path: Path) -> Path:
    """Most weeks of a year, with a few quiet ones."""
    journal = Journal.open(journal_path)
    journal.merge([week(n, f"Uke {n}.") for n in range(0, 50) if n not in (5, 6, 20, 30)])
    journal.close()
    return journal_path


async def test_over_time_title_names_the_months_the_rhythm_shows_on_every_tab(
        a_year: Path) -> None:
    # 1 December: the twelve bars run January to December; the title names that period
    # on every tab (issue 22: it named each tab's own first month)
    app = make_app(make_session(a_year, now=frozen_clock(datetime(2026, 12, 1, 9, tzinfo=TZ))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.sub_title == "januar 2026 – desember 2026"
        await pilot.press("3")
        await pilot.pause()
        chart = str(app.screen.query_one("#cadence-chart").render())
        assert chart.split("\n")[-2].split()[0] == "jan"  # the bars start in January…
        assert app.screen.sub_title == "januar 2026 – desember 2026"  # …as the title says


async def test_rhythm_is_described_without_a_run_of_weeks(a_year: Path) -> None:
    app = make_app(make_session(a_year, now=frozen_clock(datetime(2026, 11, 30, 9, tzinfo=TZ))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o", "3")
        await pilot.pause()
        words = str(app.screen.query_one("#cadence-words").render())
        assert "på rad" not in words
        assert "omtrent en uke mellom refleksjonene" in words
        assert not any(ch.isdigit() for ch in words.split("\n")[0])


async def test_undo_after_delete_brings_the_checkin_back_under_its_own_number(
    journal_path: Path,
) -> None:
    journal = Journal.open(journal_path)
    journal.merge([week(0, "Nyest."), week(1, "Midt i."), week(2, "Eldst.")])
    numbers = {c.answers[0].text: c.id for c in journal.iter_checkins()}
    journal.close()
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "down", "d", "shift+tab", "enter")  # the middle one
        await pilot.pause()
        await pilot.press("shift+tab", "enter")  # yes, really
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
    after = {c.answers[0].text: c.id for c in Journal.open(journal_path).iter_checkins()}
    assert after == numbers


async def test_the_first_match_is_shown_even_when_asked_before_the_view_has_a_size() -> None:
    """On a busy machine the entry's first refresh can come before its layout: the
    view was asked to show the first match while it had no size, the scroll was held
    at the top, and the entry opened from a search showed its first screen, not the
    match (seen once on CI at 60×18)."""
    from textual.app import App, ComposeResult

    from refleks.tui.widgets.entry_view import EntryView

    class OneView(App[None]):
        def compose(self) -> ComposeResult:
            yield EntryView(id="entry")

    filler = "\n\n".join(f"Avsnitt {n}: {FILLER}" for n in range(40))
    app = OneView()
    async with app.run_test(size=(60, 18)) as pilot:
        view = app.query_one(EntryView)
        view.display = False  # no size, as before its first layout
        await pilot.pause()
        view.update(f"{filler}\n\nPå fredag snakket vi om ~~fjellvandringen~~.")
        view.scroll_to_first_match()
        assert view.scroll_offset.y == 0
        view.display = True

        def shown() -> bool:
            return any("fjellvandringen" in strip.text
                       for strip in app.screen._compositor.render_strips())

        await eventually(pilot, shown)
        assert view.scroll_offset.y > 0
