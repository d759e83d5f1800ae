"""The draft is written while the practitioner types, not only when the app closes.

Unmounting the check-in screen saves too, so a test that looks only after the app has
closed cannot tell a timely save from a save on exit. These look while the app still
runs, from a second connection, as a crash or a killed terminal would leave it.
"""

from __future__ import annotations

from pathlib import Path

from tui_helpers import SIZE, checkin_at, eventually, fill, make_session, settle

from refleks.checkin import Step
from refleks.journal.store import Journal
from refleks.tui.app import RefleksApp, make_app
from refleks.tui.session import Session


def saved_answer(journal_path: Path) -> str | None:
    """The first answer of the draft on disk, read as another process would."""
    other = Journal.open(journal_path)
    try:
        draft = other.current_draft()
        return draft.answers[0].text if draft is not None and draft.answers else None
    finally:
        other.close()


async def test_the_draft_is_on_disk_soon_after_typing_while_the_app_runs(
    app: RefleksApp, session: Session, journal_path: Path,
) -> None:
    session.ui.draft_save_delay = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "a thought worth keeping")
        # on disk while the app is still running, not only when it closes
        await eventually(pilot, lambda: saved_answer(journal_path) == "a thought worth keeping")


async def test_the_delay_holds_back_writes_while_typing(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en", draft_save_delay=60))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "not yet")
        await settle(pilot)  # all the typing has been handled …
        # … and longer than the default delay (0.5 s), far shorter than the one set
        # (60 s): a screen that kept a fixed delay of its own would have written by now
        await pilot.pause(0.7)
        assert saved_answer(journal_path) is None  # … and is not a write per key
    assert saved_answer(journal_path) == "not yet"  # and closing saves what is left
