"""A draft that cannot be saved is tried again on a timer, not only at the next key.

Another process holds the journal's write lock (as a long import or a second window
would); the person stops typing. Once the lock is free the draft reaches the disk
while the app still runs, and until then the screen says in words that it is not
saved.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from tui_helpers import SIZE, eventually, fill, make_session

from refleks.journal import database
from refleks.journal.store import Journal
from refleks.tui.app import make_app


def saved_answer(journal_path: Path) -> str | None:
    with Journal.open(journal_path, read_only=True) as other:
        draft = other.current_draft()
        return draft.answers[0].text if draft is not None and draft.answers else None


def header_text(app: object) -> str:
    from textual.widgets._header import HeaderTitle

    return "".join(str(w.render()) for w in app.screen.query(HeaderTitle))  # type: ignore[attr-defined]


async def test_a_failed_autosave_is_retried_until_it_is_saved(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.05)
    Journal.open(journal_path).close()
    session = make_session(journal_path, lang="en", draft_save_delay=0.05)
    session.save_retry_delay = 0.05
    app = make_app(session)
    holder = sqlite3.connect(journal_path, isolation_level=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "enter")
        holder.execute("BEGIN IMMEDIATE")  # another process takes the write lock
        try:
            await fill(pilot, "words that must not be lost")
            await eventually(pilot, lambda: "Not saved yet" in header_text(app))
            assert saved_answer(journal_path) is None
        finally:
            holder.execute("ROLLBACK")  # …and lets go; nobody presses a key
            holder.close()
        await eventually(pilot, lambda: saved_answer(journal_path) is not None)
        assert saved_answer(journal_path) == "words that must not be lost"
        await eventually(pilot, lambda: "Not saved yet" not in header_text(app))


async def test_leaving_tries_once_more(journal_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.05)
    Journal.open(journal_path).close()
    session = make_session(journal_path, lang="en", draft_save_delay=0.05)
    session.save_retry_delay = 3600  # no timer gets there first
    app = make_app(session)
    holder = sqlite3.connect(journal_path, isolation_level=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "enter")
        holder.execute("BEGIN IMMEDIATE")
        await fill(pilot, "kept on the way out")
        await eventually(pilot, lambda: "Not saved yet" in header_text(app))  # it tried
        holder.execute("ROLLBACK")
        holder.close()
        assert saved_answer(journal_path) is None
    assert saved_answer(journal_path) == "kept on the way out"
