"""The check-in without traps: what the keys and the screen say is what happens.

Each test presses what the screen invites a person to press (issue 10) and checks the
screen and the journal after.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from textual.widgets import Checkbox, Input
from tui_helpers import SIZE, fill, make_session, screen_text, type_keys

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
        await pilot.press("ctrl+n", "enter")  # area → reflect (question 1)
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
        await pilot.press("n", "enter", "ctrl+f", "ctrl+n", "ctrl+n", "ctrl+n")
        assert app.screen.query_one(SummaryStep)
        footer_keys = {b.key for b in app.screen.active_bindings.values() if b.enabled
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
