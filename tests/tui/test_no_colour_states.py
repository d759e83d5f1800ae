"""Issue 26: with NO_COLOR the app keeps to the terminal's own colours (Textual's ANSI
mode strips backgrounds and fixed colours), so a state shown by colour or shade alone
would vanish. Each test reads the screen as plain text, as a capture without colour
shows it, and finds the state in a mark or a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import SIZE, eventually, make_session, plain_rows

from refleks.tui.app import make_app


async def test_the_open_tab_of_over_time_is_marked(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from refleks.tui.screens.overtime import OverTimeScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await eventually(pilot, lambda: isinstance(app.screen, OverTimeScreen))
        bar = next(row for row in plain_rows(app) if "Areas and CHIME" in row)
        assert bar.split()[:3] == ["▶", "1", "Focus"] and bar.count("▶") == 1
        await pilot.press("3")
        await app.workers.wait_for_complete()
        await eventually(pilot, lambda: "▶ 3 Rhythm" in "\n".join(plain_rows(app)))
        bar = next(row for row in plain_rows(app) if "Areas and CHIME" in row)
        assert bar.count("▶") == 1 and "▶ 1 Focus" not in bar


async def test_a_number_settings_cannot_take_is_said_in_words_as_it_is_typed(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Textual marks an invalid Input by a red border only; without colour the border
    looks like any other, so the problem is said beside it at once (before, only Save
    said it)."""
    from refleks.tui.screens.settings import SettingsScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SettingsScreen(app.session))  # type: ignore[attr-defined]
        await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen)
                         and bool(app.screen.query("#settings-message")))
        cadence = app.screen.query_one("#cadence", Input)
        cadence.focus()
        await pilot.press("end", "backspace", "backspace", "backspace")
        await eventually(pilot, lambda: "Type a whole number of days between 1 and 365."
                         in "\n".join(plain_rows(app)))
        await pilot.press("7")
        await eventually(pilot, lambda: "Type a whole number of days"
                         not in "\n".join(plain_rows(app)))
        lock = app.screen.query_one("#lock-minutes", Input)
        lock.focus()
        await pilot.press("end", "backspace", "backspace", "-")
        await eventually(pilot, lambda: "Type a whole number of minutes between 0 and"
                         in "\n".join(plain_rows(app)))


def flowing(rows: list[str]) -> str:
    """The screen's words as one running text: frames, scrollbars and the line breaks a
    wrap puts in taken out, so a name wrapped over two lines still reads whole."""
    import re

    return " ".join(" ".join(re.sub(r"[│╭╮╰╯─▊▎▔▁▂▃▄▅▆▇█]", " ", row).split())
                    for row in rows)


def marked_value(app) -> str:  # type: ignore[no-untyped-def]
    """The value row carrying the mark (``▶ [ ] Name``), the only one."""
    rows = [row for row in plain_rows(app) if "▶ [" in row]
    assert len(rows) == 1, plain_rows(app)
    return rows[0]


VALUE_LISTS = ["checkin", "team", "moment"]


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
@pytest.mark.parametrize("where", VALUE_LISTS)
async def test_the_value_under_the_cursor_is_marked_and_its_name_stays_whole(
        journal_path: Path, monkeypatch, where: str,  # type: ignore[no-untyped-def]
        size: tuple[int, int]) -> None:
    """The values to choose from (the check-in's and the team's focus step, a moment's
    values) showed the one Enter ticks by a shade alone. It carries the mark now, in the
    columns the list's padding had, so a long name and its meaning wrap as before and
    read whole (at 60×18 the moment's "Empati — Relasjonelle verdier og holdninger"
    still takes one line)."""
    from team_helpers import FakeClock, team_app, team_at
    from tui_helpers import checkin_at, settle

    from refleks.checkin import Step
    from refleks.team.flow import TeamStep

    monkeypatch.setenv("NO_COLOR", "1")
    app = (team_app(journal_path, FakeClock()) if where == "team"
           else make_app(make_session(journal_path)))
    async with app.run_test(size=size) as pilot:
        if where == "checkin":
            await checkin_at(pilot, Step.FOCUS)
        elif where == "team":
            await team_at(pilot, TeamStep.FOCUS)
        else:
            await pilot.press("m")
            await settle(pilot)
            await pilot.press("tab")  # from the moment's text to the values' filter
        await settle(pilot)
        await pilot.press(*"selvbest")
        await settle(pilot)
        assert "Selvbestemmelse" in marked_value(app)
        text = flowing(plain_rows(app))
        whole = ("Selvbestemmelse — Støtte mennesker i å ta egne valg og definere egne mål"
                 if where != "moment" else
                 "Selvbestemmelse — Etiske og rettighetsbaserte verdier")
        assert whole in text, text
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace",
                          "backspace", "backspace", "backspace", *"til")
        await settle(pilot)
        assert "[ ] Tillit" in marked_value(app)  # the first value whose name holds it
        if where == "moment" and size == (60, 18):
            assert any("[ ] Empati — Relasjonelle verdier og holdninger" in row
                       for row in plain_rows(app)), plain_rows(app)
        picker = app.screen.query_one({"checkin": "#focus-picker", "team": "#team-picker",
                                       "moment": "#moment-values"}[where])
        picker.focus()
        await settle(pilot)
        before = marked_value(app)
        await pilot.press("down")
        await settle(pilot)
        assert marked_value(app) != before


async def test_the_entry_under_the_cursor_in_over_time_is_marked(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The focus grid lists values, a value's thread and "a year ago" check-ins, each to
    open with Enter; the one it opens was shown by a shade alone."""
    from test_overtime import a_year, open_overtime, show_tab

    from refleks.tui.screens.overtime.thread import ThreadScreen

    monkeypatch.setenv("NO_COLOR", "1")
    a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_overtime(pilot)
        await show_tab(pilot, "4")
        marked = [row.strip() for row in plain_rows(app) if "▶" in row]
        assert "▶ 2. desember 2025 · Relasjonelle verdier og holdninger" in marked, marked
        await show_tab(pilot, "1")
        rows = [row for row in plain_rows(app) if "▶" in row]
        assert [row.split()[:2] for row in rows] == [["▶", "1"], ["▶", "Empati"]], rows
        await pilot.press("down")
        await eventually(pilot, lambda: any(row.split()[:2] == ["▶", "Tillit"]
                                            for row in plain_rows(app)))
        await pilot.press("enter")  # Tillit: its thread, at its latest week
        await eventually(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await app.workers.wait_for_complete()
        await eventually(pilot, lambda: any(row.strip() == "▶ 18. november 2026"
                                            for row in plain_rows(app)))
        await pilot.press("up")
        await eventually(pilot, lambda: any(row.strip() == "▶ 11. november 2026"
                                            for row in plain_rows(app)))
        assert sum("▶" in row for row in plain_rows(app)) == 1


def buttons_row(app, *labels: str) -> str:  # type: ignore[no-untyped-def]
    """The line the buttons with these labels stand on."""
    rows = [row for row in plain_rows(app) if all(label in row for label in labels)]
    assert len(rows) == 1, plain_rows(app)
    return rows[0]


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_the_button_with_the_focus_is_in_brackets(
        journal_path: Path, monkeypatch, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """The guard's "Skriv om" and "Behold" (Enter chooses the one with the focus) were
    told apart by reverse video alone. The focused one stands in brackets; Tab moves
    them, and the buttons keep their places."""
    from tui_helpers import guard_over_a_moment, settle

    from refleks.tui.screens.guard import GuardScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path))
    async with app.run_test(size=size) as pilot:
        await guard_over_a_moment(pilot)
        row = buttons_row(app, "Skriv om", "Behold")
        assert "[ Skriv om ]" in row and "[ Behold slik det står ]" not in row, row
        await pilot.press("tab")
        await settle(pilot)
        moved = buttons_row(app, "Skriv om", "Behold")
        assert "[ Behold slik det står ]" in moved and "[ Skriv om ]" not in moved, moved
        assert moved.index("Skriv om") == row.index("Skriv om")  # nothing shifted
        assert moved.index("Behold") == row.index("Behold")
        await pilot.press("enter")  # Behold: the moment is saved as written
        await eventually(pilot, lambda: not isinstance(app.screen, GuardScreen))


@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_the_moment_under_the_cursor_in_the_journal_is_marked(
        journal_path: Path, monkeypatch, size) -> None:  # type: ignore[no-untyped-def]
    """The journal's moments (j, m): Enter reads the one under the cursor, which was
    shown by a shade alone; now it carries the mark, and a long moment's first line
    is cut where it was (the mark takes the list's padding)."""
    from datetime import datetime, timedelta

    from refleks.journal.moments import Moment
    from refleks.journal.store import Journal
    from refleks.tui.screens.moments_list import MomentsScreen

    long_text = ("Stod i stillheten i stedet for å fylle den, og det var lenge nok til at "
                 "hun begynte å fortelle om broren sin.")
    now = datetime(2026, 11, 25, 15, 30).astimezone()
    with Journal.open(journal_path) as j:
        j.moments.add(Moment(text=long_text, created_at=now - timedelta(days=3)))
        j.moments.add(Moment(text="Avbrøt igjen.", created_at=now - timedelta(days=1)))
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=size) as pilot:
        await pilot.press("j", "m")
        await eventually(pilot, lambda: isinstance(app.screen, MomentsScreen)
                         and "◆" in "\n".join(plain_rows(app)))
        marked = [row for row in plain_rows(app) if "▶" in row]
        assert len(marked) == 1 and "◆ 24 November 2026" in marked[0]
        first_line = next(row for row in plain_rows(app) if "Stod i stillheten" in row)
        assert first_line.split("Stod i ", 1)[1].startswith("stillheten i stedet for å")
        await pilot.press("down")
        await eventually(pilot, lambda: any("▶ ◆ 22 November" in row
                                            for row in plain_rows(app)))
        assert sum("▶" in row for row in plain_rows(app)) == 1


async def test_the_option_under_the_cursor_in_an_open_select_is_marked(
        journal_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A Select's open list (the moments' "Any value", the journal's area and value,
    the moment's CHIME, the reminder's day) showed the option Enter takes by a shade
    alone; it carries the mark, and moves with the keys."""
    from refleks.tui.screens.moments_list import MomentsScreen

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m")
        await eventually(pilot, lambda: isinstance(app.screen, MomentsScreen))
        app.screen.query_one("#moments-value").focus()
        await pilot.press("enter")  # opens the list
        await eventually(pilot, lambda: any("▶" in row for row in plain_rows(app)))
        marked = [row for row in plain_rows(app) if "▶" in row]
        assert len(marked) == 1 and "Any value" in marked[0]
        await pilot.press("down")
        await eventually(pilot, lambda: any("▶" in row and "Empathy" in row
                                            for row in plain_rows(app)))
        assert sum("▶" in row for row in plain_rows(app)) == 1
