"""Issue 22.9 on the screens: a week and a moment written in Norwegian, opened in English.
Each screen that shows a stored value, area, method or CHIME name shows the English one
where the content knows the id, and the stored one where it does not."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import Markdown, OptionList
from tui_helpers import SIZE, make_session, screen_text

from refleks.journal.model import CheckIn, Focus
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.journal import EntryScreen, JournalScreen
from refleks.tui.screens.moments_list import MomentsScreen, MomentViewScreen
from refleks.tui.widgets.entry_view import EntryView
from refleks.tui.widgets.journal_list import JournalList

TZ = timezone(timedelta(hours=1))


def written_in_norwegian(path: Path, day: datetime) -> None:
    """A completed week (with a value the content does not have) and a moment, in nb."""
    with Journal.open(path) as journal:
        journal.save(CheckIn(
            started_at=day, completed_at=day, status="complete", lang="nb",
            area_id="relasjonell", area_title="Relasjonelle verdier og holdninger",
            focus=[Focus("tillit", "Tillit", "Ringe tilbake."),
                   Focus("vaar-egen", "Vår egen verdi", "Spørre teamet.")],
            method_id="method.1", method_title="Start alltid med personens egne mål"))
        journal.moments.add(Moment(
            text="Hun ringte selv.", lang="nb", created_at=day + timedelta(hours=1),
            values=[MomentValue("tilgjengelighet", "Tilgjengelighet")],
            chime_id="chime.hope", chime_name="Håp"))


async def test_home_in_english_names_a_norwegian_weeks_focus_in_english(
        journal_path: Path) -> None:
    written_in_norwegian(journal_path, datetime(2026, 11, 27, 15, tzinfo=TZ))
    app = make_app(make_session(journal_path, "en"))
    async with app.run_test(size=SIZE):
        words = screen_text(app)
        assert "Trust — Ringe tilbake." in words
        assert "Vår egen verdi — Spørre teamet." in words  # unknown: as stored
        assert "Always start with the person's own goals" in words
        assert "Tillit" not in words and "Start alltid" not in words


async def test_the_journal_in_english_shows_a_norwegian_week_in_english(
        journal_path: Path) -> None:
    written_in_norwegian(journal_path, datetime(2026, 11, 27, 15, tzinfo=TZ))
    app = make_app(make_session(journal_path, "en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        [row] = app.screen.query_one("#journal-table", JournalList).plain_rows()
        assert row[1:] == ["Relational values and attitudes", "Trust, Vår egen verdi"]
        await pilot.press("enter")
        assert isinstance(app.screen, EntryScreen)
        source = app.screen.query_one("#entry", EntryView).source
        assert "Relational values and attitudes" in source and "**Trust**" in source
        assert "Tillit" not in source and "Relasjonelle" not in source


async def test_a_norwegian_moments_tags_read_in_english(journal_path: Path) -> None:
    written_in_norwegian(journal_path, datetime(2026, 11, 27, 15, tzinfo=TZ))
    app = make_app(make_session(journal_path, "en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "m")
        assert isinstance(app.screen, MomentsScreen)
        prompt = str(app.screen.query_one("#moments-list", OptionList)
                     .get_option_at_index(0).prompt)
        assert "Values: Availability · CHIME: Hope and optimism" in prompt
        await pilot.press("enter")
        assert isinstance(app.screen, MomentViewScreen)
        source = app.screen.query_one("#moment-view", Markdown).source
        assert "Values: Availability" in source and "Tilgjengelighet" not in source


async def test_a_year_ago_in_english_names_a_norwegian_week_in_english(
        journal_path: Path) -> None:
    written_in_norwegian(journal_path, datetime(2025, 12, 2, 15, tzinfo=TZ))
    app = make_app(make_session(journal_path, "en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.press("4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        listing = app.screen.query_one("#year-list", OptionList)
        shown = str(listing.get_option_at_index(0).prompt)
        assert "Relational values and attitudes" in shown
        assert "Focus: Trust, Vår egen verdi" in shown
