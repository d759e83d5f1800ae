"""Issue 26: where the keys go must read without colour.

A new user's try-out at 60×18 with NO_COLOR=1 (Textual's ANSI mode: backgrounds and
fixed colours stripped) found the focus invisible on a check box, on a radio set's
highlighted button (an underline alone, lost in a plain capture) and on a closed
Select; and a list kept its "▶" while the keys went elsewhere. Each test reads the
screen as plain text, as a capture without colour shows it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tui_helpers import eventually, fill, guard_over_a_moment, make_session, plain_rows, settle

from refleks.tui.app import make_app

SIZES = [(60, 18), (80, 24)]


def row_with(app, words: str) -> str:  # type: ignore[no-untyped-def]
    rows = [row for row in plain_rows(app) if words in row]
    assert len(rows) == 1, (words, plain_rows(app))
    return rows[0]


def before(row: str, words: str) -> str:
    """The two columns before the toggle (``[ ]``/``( )``) that ``words`` labels."""
    at = row.index(words) - 4  # the glyph, a space, then the words
    return row[at - 2:at]


@pytest.mark.parametrize("size", SIZES)
async def test_the_focused_check_box_is_marked(
        journal_path: Path, tmp_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from refleks.tui.screens.export import ExportScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.push_screen(ExportScreen(app.env.t, tmp_path, date(2026, 11, 30), "all", 3))
        await eventually(pilot, lambda: isinstance(app.screen, ExportScreen))
        await settle(pilot)
        team = "Only what I choose, for the team"
        assert before(row_with(app, team), team) == "  "  # the formats have the focus
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#team")
        assert before(row_with(app, team), team) == "▶ ", plain_rows(app)
        await pilot.press("space")  # ticked: the parts show, the focus stays
        await settle(pilot)
        assert "▶ [x] " + team in row_with(app, team)
        await pilot.press("tab")
        await settle(pilot)
        # the first part has the mark; at 60×18 the team's box may scroll out of view
        # above the parts (their labels wrap), so its own drawing is read
        assert str(app.screen.query_one("#team").render()).startswith("  [x] ")
        assert sum("▶ [" in row for row in plain_rows(app)) == 1, plain_rows(app)


@pytest.mark.parametrize("size", SIZES)
async def test_the_highlighted_radio_button_is_marked_while_the_set_has_the_focus(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from refleks.tui.screens.settings import SettingsScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen))
        app.screen.query_one("#language").focus()
        await settle(pilot)
        assert "▶ (•) English" in row_with(app, "English"), plain_rows(app)
        assert before(row_with(app, "Norsk bokmål"), "Norsk bokmål") == "  "
        await pilot.press("up")  # the highlight, where Enter chooses, moves
        await settle(pilot)
        assert "▶ ( ) Norsk bokmål" in row_with(app, "Norsk bokmål"), plain_rows(app)
        assert before(row_with(app, "English"), "English") == "  "
        app.screen.query_one("#cadence", Input).focus()
        await settle(pilot)
        assert "▶ (" not in "\n".join(plain_rows(app))


@pytest.mark.parametrize("size", SIZES)
async def test_the_focused_closed_select_stands_in_brackets(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The moment dialog's CHIME: Tab goes text → filter → values → CHIME."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        await settle(pilot)
        chime = "CHIME (optional)"
        assert "[ " + chime not in row_with(app, chime)
        await pilot.press("tab", "tab", "tab")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#moment-chime")
        row = row_with(app, chime)
        assert "[ " + chime in row and "▼ ]" in row, plain_rows(app)
        width = len(row.rstrip())
        await pilot.press("tab")  # to Save: the brackets go to it
        await settle(pilot)
        row = row_with(app, chime)
        assert "[ " + chime not in row and "▼ ]" not in row, plain_rows(app)
        assert "[ Save ]" in "\n".join(plain_rows(app))
        assert len(row.rstrip()) == width  # nothing beside it moved


@pytest.mark.parametrize("size", SIZES)
async def test_the_journal_filters_stand_in_brackets_where_their_padding_was(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The journal's filters have one column each side: the brackets take it."""
    from journal_helpers import make_checkin

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path))
    app.env.journal.merge([make_checkin("2026-11-23", uid="1" * 32)])  # type: ignore[attr-defined]
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("f")  # the filters, the first date field focused
        await settle(pilot)
        assert "[Alle områder" not in row_with(app, "Alle områder")
        app.screen.query_one("#area").focus()
        await settle(pilot)
        row = row_with(app, "Alle områder")
        assert "[Alle områder" in row and "▼]" in row, plain_rows(app)
        assert "[Alle verdier" not in row


@pytest.mark.parametrize("size", SIZES)
async def test_a_list_without_the_focus_marks_its_row_hollow(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The moment dialog's values: "▶" where the keys go (the list, or its filter,
    whose Enter ticks the marked value), "▷" while the text or CHIME has them."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        await settle(pilot)

        def marks() -> tuple[int, int]:
            text = "\n".join(plain_rows(app))
            return text.count("▶ ["), text.count("▷ [")

        assert marks() == (0, 1), plain_rows(app)  # the text has the focus
        await pilot.press("tab")  # the filter: Enter ticks the marked value
        await settle(pilot)
        assert marks() == (1, 0), plain_rows(app)
        await pilot.press("tab")  # the list itself
        await settle(pilot)
        assert marks() == (1, 0), plain_rows(app)
        await pilot.press("tab")  # CHIME
        await settle(pilot)
        assert marks() == (0, 1), plain_rows(app)


@pytest.mark.parametrize("size", SIZES)
async def test_the_journal_list_marks_its_row_hollow_while_the_search_has_the_keys(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from journal_helpers import make_checkin

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    app.env.journal.merge([make_checkin("2026-11-23", uid="1" * 32)])  # type: ignore[attr-defined]
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await settle(pilot)
        table = app.screen.query_one("#journal-table")
        table.focus()
        await settle(pilot)
        rows = plain_rows(app)
        assert sum(row.lstrip("│ ").startswith("▶") for row in rows) == 1, rows
        app.screen.query_one("#journal-search").focus()
        await settle(pilot)
        rows = plain_rows(app)
        assert not any(row.lstrip("│ ").startswith("▶") for row in rows), rows
        assert sum(row.lstrip("│ ").startswith("▷") for row in rows) == 1, rows


@pytest.mark.parametrize("size", SIZES)
async def test_the_guard_footer_names_tab_and_enter(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """Its footer said only "esc Avbryt"; nothing said that Tab goes between the two
    buttons and Enter presses the one in brackets."""
    from refleks.tui.screens.guard import GuardScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path))
    async with app.run_test(size=size) as pilot:
        await guard_over_a_moment(pilot)
        footer = plain_rows(app)[-1]
        for words in ("tab Neste knapp", "⏎ Velg", "esc Avbryt"):  # ⏎: Enter, as elsewhere
            assert words in footer, footer
        await pilot.press("tab", "enter")  # "Behold": the moment is saved as written
        await eventually(pilot, lambda: not isinstance(app.screen, GuardScreen))


@pytest.mark.parametrize("lang", ["en", "nb"])
@pytest.mark.parametrize("size", SIZES)
async def test_every_dialog_of_buttons_names_tab_and_enter(
        journal_path: Path, monkeypatch, size: tuple[int, int], lang: str) -> None:  # type: ignore[no-untyped-def]
    """Settings' "Gå ut uten å lagre / Fortsett å redigere" (and every yes/no) said
    only "esc Avbryt" in its footer, as the guard did; a dialog with fields to fill
    (export) does not claim that Tab goes to the next button."""
    from textual.widgets import Input

    from refleks.tui.screens.confirm import ConfirmScreen
    from refleks.tui.screens.export import ExportScreen
    from refleks.tui.screens.settings import SettingsScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang))
    t = app.env.t
    words = (f"tab {t('keys.next_button')}", f"⏎ {t('keys.choose')}",
             f"esc {t('keys.cancel')}")
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen))
        cadence = app.screen.query_one("#cadence", Input)
        cadence.focus()
        cadence.value = ""
        await fill(pilot, "14")
        await pilot.press("escape")
        await eventually(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await settle(pilot)
        footer = plain_rows(app)[-1]
        for said in words:
            assert said in footer, footer
        await pilot.press("tab", "enter")  # from "keep editing" to "leave": left
        await eventually(pilot, lambda: not isinstance(app.screen, (SettingsScreen,
                                                                    ConfirmScreen)))
        assert app.env.settings.cadence_days == 7
        app.push_screen(ExportScreen(t, journal_path.parent, date(2026, 11, 30), "all", 3))
        await eventually(pilot, lambda: isinstance(app.screen, ExportScreen))
        await settle(pilot)
        footer = plain_rows(app)[-1]
        assert words[0] not in footer and words[1] not in footer, footer
