"""Issue 25.6: only the reflections you choose. In the journal, space marks the
reflection under the cursor (a tick beside it), e exports only the marked ones, the
dialog says how many, and the team's "only what I choose" works with them too."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Static
from tui_helpers import SIZE, eventually, frozen_clock, make_session, screen_text

from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.widgets.journal_list import JournalList

TZ = timezone(timedelta(hours=1))


def week(n: int) -> CheckIn:
    when = datetime(2026, 11, 23, 18, tzinfo=TZ) - timedelta(weeks=n)
    c = CheckIn(started_at=when, updated_at=when, status="complete", completed_at=when,
                area_id="relasjonell", area_title="Relasjonelle verdier og holdninger")
    c.answers = [Answer("relasjonell.q1", "Spørsmålet", f"Svar fra uke {n}.")]
    c.focus = [Focus("tillit", "Tillit", f"Handling {n}")]
    return c


@pytest.fixture
def filled(journal_path: Path) -> Path:
    with Journal.open(journal_path) as journal:
        journal.merge([week(n) for n in range(4)])
    return journal_path


async def test_space_marks_and_e_exports_only_the_marked(filled: Path, tmp_path: Path) -> None:
    app = make_app(make_session(filled, now=frozen_clock(datetime(2026, 12, 1, 9, tzinfo=TZ))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("down", "space", "down", "down", "space")  # weeks 1 and 3
        table = app.screen.query_one("#journal-table", JournalList)
        lines = [table.render_line(y).text for y in range(4)]
        assert [line[:2] for line in lines] == ["  ", " ✓", "  ", "▶✓"]
        assert "2 merket for eksport" in screen_text(app)
        await pilot.press("up", "up", "space", "space")  # marked and unmarked again
        assert "2 merket for eksport" in screen_text(app)
        await pilot.press("e")
        await eventually(pilot, lambda: app.screen.query("#export-path"))
        assert "Eksporter 2 refleksjoner" in screen_text(app)
        target = tmp_path / "valgte.md"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export")
        await eventually(pilot, target.exists)
    text = target.read_text(encoding="utf-8")
    assert "Svar fra uke 1." in text and "Svar fra uke 3." in text
    assert "Svar fra uke 0." not in text and "Svar fra uke 2." not in text
    assert text.index("Svar fra uke 3.") < text.index("Svar fra uke 1.")  # oldest first


async def test_the_team_choice_works_with_marked_reflections(filled: Path,
                                                              tmp_path: Path) -> None:
    app = make_app(make_session(filled, now=frozen_clock(datetime(2026, 12, 1, 9, tzinfo=TZ))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("space")  # week 0
        await pilot.press("e")
        await eventually(pilot, lambda: app.screen.query("#team"))
        app.screen.query_one("#team", Checkbox).value = True
        await pilot.pause()
        target = tmp_path / "team.md"
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export")
        await eventually(pilot, target.exists)
        assert app.screen.query("#journal-status")
        assert isinstance(app.screen.query_one("#journal-status"), Static)
    text = target.read_text(encoding="utf-8")
    assert "Handling 0" in text and "Handling 1" not in text
