"""How quickly do the journal browser and the over-time screen open? Run, don't test.

    .venv/bin/python bench/browser_bench.py [--sizes 5000 50000] [--runs 5] [--keep DIR]

Builds synthetic journals with ``journal_bench.build`` (one check-in every four hours up
to 30 November 2026, so a year holds about 2,200 of them), then drives the real app
in-process and headless with Textual's ``run_test`` at 80×24, the clock frozen at that
day, and times from asking for a screen until it shows its content:

- browser ready: ``app.show_journal()`` until its table has rows;
- browser search: the ``#journal-search`` input set to a word until the table changed
  (a rare place name and a common word);
- over time, grid: ``app.show_overtime()`` until the focus grid has its rows (the
  screen opens on it; the other tabs are built when first opened);
- over time, areas+CHIME tab: opening that tab until the worker reading the year's
  CHIME reflections has shown them;
- a value's thread: Enter on a grid row until the thread's list is shown.

Each condition is polled with ``pilot.pause()``, which waits for the screen to have
processed its messages and refreshed, so the figures include layout and a paint.
Medians over the runs of wall time and of this process's CPU time (which other busy
programs on the machine disturb less); the log also gives the first (cold) run, which
loads the content too.
Budgets (issue 5): ready < 0.3 s with 5,000 check-ins; a search < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from journal_bench import PLACES, build  # beside this file

from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir
from refleks.settings import Settings
from refleks.tui.app import make_app
from refleks.tui.session import Session

TZ = timezone(timedelta(hours=1))
Timings = dict[str, list[tuple[float, float]]]  # what → (wall, CPU) seconds per run
TIMEOUT = 60.0


class BenchClock(datetime):
    """The day the synthetic journals end."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def, override]
        moment = datetime(2026, 11, 30, 12, 0, tzinfo=TZ)
        return moment if tz is None else moment.astimezone(tz)


def now() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> tuple[float, float]:
    """(wall, CPU) seconds since ``start``; CPU counts this process, its threads too, and
    is what to read when other programs keep the machine busy."""
    return time.perf_counter() - start[0], time.process_time() - start[1]


async def until(pilot, ready: Callable[[], bool]) -> float:  # type: ignore[no-untyped-def]
    """Seconds until ``ready()`` holds, polling after each screen refresh."""
    from textual.css.query import NoMatches

    def holds() -> bool:
        try:
            return ready()
        except NoMatches:  # pushed, not composed yet
            return False

    began = time.perf_counter()
    while not holds():
        await pilot.pause()
        if time.perf_counter() - began > TIMEOUT:
            raise TimeoutError("the screen never became ready")
    return time.perf_counter() - began


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let a screen finish mounting (its Header sets the title late) before popping it."""
    await pilot.pause()
    await pilot.pause(0.05)


def tables(app):  # type: ignore[no-untyped-def]
    from refleks.tui.widgets.journal_list import JournalList

    return list(app.screen.query(JournalList))


def rows(app) -> int:  # type: ignore[no-untyped-def]
    return max((len(t.rows) for t in tables(app)), default=0)


def first_key(app) -> object:  # type: ignore[no-untyped-def]
    for table in tables(app):
        if table.rows:
            return table.rows[0].id
    return None


async def bench_browser(app, pilot, runs: int, words: list[str]) -> Timings:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from refleks.tui.screens.journal import JournalScreen

    found: Timings = {"browser ready": []}
    found.update({f"browser search «{w}»": [] for w in words})
    for _ in range(runs):
        began = now()
        app.show_journal()
        await until(pilot, lambda: isinstance(app.screen, JournalScreen) and rows(app) > 0)
        found["browser ready"].append(since(began))
        full = rows(app)
        search = app.screen.query_one("#journal-search", Input)
        for word in words:
            before = (rows(app), first_key(app))
            began = now()
            search.value = word
            await until(pilot, lambda b=before: (rows(app), first_key(app)) != b)
            found[f"browser search «{word}»"].append(since(began))
            search.value = ""
            await until(pilot, lambda f=full: rows(app) == f)
        await settle(pilot)
        app.pop_screen()
        await settle(pilot)
    return found


async def bench_overtime(app, pilot, runs: int) -> Timings:  # type: ignore[no-untyped-def]
    from textual.widgets import Static

    from refleks.tui.screens.overtime import OverTimeScreen, ThreadScreen

    loading = app.session.t("overtime.loading")
    found: Timings = {"over time: grid ready": [],
                                     "over time: areas+CHIME tab": [],
                                     "a value's thread": []}

    def grid_ready() -> bool:
        return (isinstance(app.screen, OverTimeScreen)
                and app.screen.query_one("#focus-grid").option_count > 0)

    def chime_ready() -> bool:
        return str(app.screen.query_one("#chime", Static).render()) != loading

    for _ in range(runs):
        began = now()
        app.show_overtime()
        await until(pilot, grid_ready)
        found["over time: grid ready"].append(since(began))
        await settle(pilot)
        began = now()
        await app.screen.run_action("show_tab('visits')")
        await until(pilot, chime_ready)
        found["over time: areas+CHIME tab"].append(since(began))
        await app.screen.run_action("show_tab('focus')")
        await settle(pilot)
        began = now()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ThreadScreen)
                    and app.screen.query_one("#thread-list").option_count > 0)
        found["a value's thread"].append(since(began))
        await settle(pilot)
        app.pop_screen()
        await settle(pilot)
        app.pop_screen()
        await settle(pilot)
    return found


async def measure(path: Path, runs: int, words: list[str]) -> Timings:
    session = Session(lang="nb", content_dir=bundled_content_dir(), journal=Journal.open(path),
                      settings=Settings(welcomed=True))
    session.now = BenchClock
    app = make_app(session)
    try:
        async with app.run_test(size=(80, 24), headless=True) as pilot:
            await pilot.pause()
            found = await bench_overtime(app, pilot, runs)  # first: it loads the content cold
            found.update(await bench_browser(app, pilot, runs, words))
    finally:
        session.journal.close()
    return found


def median_ms(times: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(t[0] for t in times) * 1000,
            statistics.median(t[1] for t in times) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the journals here and keep them")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="refleks-browser-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    words = [PLACES[7], "tillit"]
    results: dict[int, Timings] = {}
    for size in args.sizes:
        path = folder / f"journal-{size}.sqlite3"
        if not path.exists():
            seconds = build(path, size)
            print(f"built {size:>6} check-ins in {seconds:6.1f} s", file=sys.stderr)
        runs = args.runs if size <= 5000 else max(3, args.runs // 2)
        results[size] = asyncio.run(measure(path, runs, words))
        for name, times in results[size].items():
            wall, cpu = median_ms(times)
            print(f"  {size:>6} {name:<32} median {wall:7.1f} ms (CPU {cpu:6.1f})"
                  f"  first {times[0][0] * 1000:7.1f} ms", file=sys.stderr)

    sizes = args.sizes
    names = list(results[sizes[0]])
    print()
    print(f"{'ms, median wall (CPU)':<34}" + "".join(f"{s:>18,}" for s in sizes))
    for name in names:
        cells = "".join("{:>10.1f} ({:5.0f})".format(*median_ms(results[s][name]))
                        for s in sizes)
        print(f"{name:<34}{cells}")
    print("budgets: ready < 300 ms with 5,000 check-ins; a search < 50 ms")
    if not args.keep:
        for path in folder.iterdir():
            if path.is_file():
                path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
