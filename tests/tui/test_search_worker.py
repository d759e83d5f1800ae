"""Search as you type in the journal browser: a worker thread that a newer key cancels.

No timings here (bench/person_bench.py measures them); these check what a person sees:
the list only ever shows what the search field says now, and a screenful of results is
read without a query per row.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from tui_helpers import SIZE, eventually, fill, make_session, type_keys

from refleks.journal.model import Answer, CheckIn
from refleks.journal.queries import Filter
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.journal import JournalScreen
from refleks.tui.widgets.journal_list import JournalList

TZ = timezone(timedelta(hours=1))
ANSWERS = ["Jeg lyttet mer enn jeg snakket.", "Hun lyttet og bestemte selv.",
           "En rolig uke.", "Vi lo mye, og jeg lyttet.", "Rolig og lyst i møtet."]


@pytest.fixture
def filled(journal_path: Path) -> Path:
    with Journal.open(journal_path) as journal:
        for n, text in enumerate(ANSWERS):
            when = datetime(2026, 11, 23, 18, tzinfo=TZ) - timedelta(weeks=n)
            c = CheckIn(started_at=when, updated_at=when, status="complete", area_id="etikk",
                        area_title="Etikk", completed_at=when)
            c.answers = [Answer("etikk.q1", "Spørsmålet", text)]
            journal.merge([c])
    return journal_path


def shown(app: Any) -> list[int]:
    return [s.id for s in app.screen.query_one("#journal-table", JournalList).rows]


def expected(session: Any, text: str) -> list[int]:
    return [s.id for s in session.env.journal.summaries(Filter(search=text))]


async def open_search(pilot: Any) -> JournalScreen:
    await pilot.press("j")
    screen = pilot.app.screen
    assert isinstance(screen, JournalScreen)
    screen.search_delay = screen.short_search_delay = 0  # deterministic: every key asks at once
    await pilot.press("slash")
    return screen


async def test_a_newer_key_cancels_the_search_before_it(filled: Path) -> None:
    session = make_session(filled)
    real = session.env.journal.summaries
    started = threading.Event()
    seen: dict[str, bool] = {}

    def summaries(flt: Filter | None = None, **kw: Any) -> Any:
        cancelled = kw.get("cancelled")
        if flt is not None and flt.search == "l" and cancelled is not None:
            started.set()  # a slow search: runs until it is no longer wanted
            give_up = time.monotonic() + 10
            while not cancelled() and time.monotonic() < give_up:
                time.sleep(0.005)
            seen["l"] = cancelled()
        return real(flt, **kw)

    session.env.journal.summaries = summaries  # type: ignore[method-assign]
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        await pilot.press("l")
        await eventually(pilot, started.is_set)
        await type_keys(pilot, "yttet")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen == {"l": True}  # the newer key stopped it
        assert screen.state.search == "lyttet"
        assert shown(app) == expected(session, "lyttet") and len(shown(app)) == 3


async def test_results_never_arrive_for_a_query_no_longer_typed(filled: Path) -> None:
    session = make_session(filled)
    real = session.env.journal.summaries
    started = threading.Event()
    answered = threading.Event()

    def summaries(flt: Filter | None = None, **kw: Any) -> Any:
        if flt is not None and flt.search == "lytt" and kw.get("cancelled") is not None:
            started.set()
            time.sleep(0.4)  # a query that cannot be stopped, and answers late
            rows = real(flt, **kw)
            answered.set()
            return rows
        return real(flt, **kw)

    session.env.journal.summaries = summaries  # type: ignore[method-assign]
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_search(pilot)
        applied: list[str] = []
        show_rows = screen.show_rows

        def record(rows: Any) -> None:
            applied.append(screen.state.search)
            show_rows(rows)

        screen.show_rows = record  # type: ignore[method-assign]
        await type_keys(pilot, "lytt")
        await eventually(pilot, started.is_set)
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await type_keys(pilot, "rolig")
        await app.workers.wait_for_complete()
        await eventually(pilot, answered.is_set)  # the late answer is in (0.4 s) …
        await pilot.pause(0.05)  # … and on its way to the screen if it were to be shown
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "lytt" not in applied
        assert screen.state.search == "rolig"
        assert shown(app) == expected(session, "rolig") and len(shown(app)) == 2
        status = str(screen.query_one("#journal-status").render())
        assert "rolig" in status


async def test_a_word_of_one_letter_waits_for_the_next_key_and_then_shows(filled: Path) -> None:
    """One or two letters wait longer for a next key (their search cannot be stopped
    once begun); a person who stops there still gets their results."""
    session = make_session(filled)
    asked: list[str | None] = []
    real = session.env.journal.summaries

    def summaries(flt: Filter | None = None, **kw: Any) -> Any:
        if kw.get("cancelled") is not None:
            asked.append(flt.search if flt is not None else None)
        return real(flt, **kw)

    session.env.journal.summaries = summaries  # type: ignore[method-assign]
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        screen.short_search_delay = 30.0  # a next key always comes first
        await pilot.press("slash")
        await type_keys(pilot, "ro")
        await pilot.pause()
        await type_keys(pilot, "l")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == ["rol"]  # "r" and "ro" were replaced before they asked
        assert shown(app) == expected(session, "rol") and len(shown(app)) == 2
        screen.short_search_delay = 0.01
        await pilot.press("backspace", "backspace")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked[-1] == "r"
        assert screen.state.search == "r"
        assert shown(app) == expected(session, "r")


async def test_a_screenful_of_results_is_read_in_one_query(filled: Path) -> None:
    """Not one snippet query per visible row (FTS5's snippet() re-matched each)."""
    session = make_session(filled)
    statements: list[str] = []
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await open_search(pilot)
        session.env.journal._conn.set_trace_callback(statements.append)
        await fill(pilot, "lyttet")  # one search (typed, each key would start its own)
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#journal-table", JournalList)
        cell = table.row_cells(0)[2]
        assert "lyttet" in cell.plain
        assert any(cell.plain[span.start:span.end] == "lyttet" for span in cell.spans)
        assert len(table.rows) == 3
    ours = [s for s in statements if "checkins" in s and not s.startswith("--")]
    assert not [s for s in ours if "snippet(" in s]
    # One page read for the screenful; the ids came through the worker's own connection.
    assert len(ours) == 1, ours
