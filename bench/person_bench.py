"""Search as you type, `list` in a terminal, memory, browser ready: as a person meets them.

    PYTHONPATH=src .venv/bin/python bench/person_bench.py [--sizes 5000 50000] [--runs 5]
        [--only typing list browser] [--cache /tmp/refleks-bench-cache]

Journals are built once with ``journal_bench.build`` and kept under ``--cache`` (they are
only read here). Every figure is a median over ``--runs`` with min–max, then PASS/MISS
against the budget of issue 12:

- typing: the app in-process and headless (80×24), the journal browser open; the search
  word typed one key at a time, a key every 120 ms (a quick typist) whatever the app is
  doing, as a person's keys arrive. Key latency is from the moment the key was due until
  the app composed the first frame whose search field shows the letter (``App._display``
  is watched): that is when the letter shows. A key sent late because the app's loop was
  busy counts from when it was due. (``pilot.press`` + ``pilot.pause`` wait until the
  whole process is idle: ~175 ms a key even with 50 check-ins, a measure of the harness.)
  Settle is from the last key until the list shows what the whole word finds (count and
  first row equal to a direct query). Budget at 50,000: p95 key ≤ 50 ms, settle ≤ 150 ms.
- list: whole ``python -m refleks list`` processes with stdout a pseudo-terminal
  (``pty``, 120×40, drained) and a pipe (drained), paired; peak RSS by ``/usr/bin/time``;
  CPU (user + system) beside wall time, as a loaded machine stretches it less. Budgets:
  terminal ≤ 0.3 s at 5,000, ≤ 2 s at 50,000, ≤ 1.3× the pipe; ``list --search tillit``
  in a terminal ≤ 0.4 s at 5,000; peak RSS ≤ 60 MiB at 50,000.
- browser: a fresh process runs the real ``refleks`` entry point headless; when home is
  shown it presses ``j`` and times until the journal list has drawn its first line.
  Budget: ≤ 0.4 s from ``j`` at 50,000 (whole process also printed).
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import pty
import statistics
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from journal_bench import build  # beside this file

ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "NO_COLOR")}
# This checkout's code, unless PYTHONPATH names another (``PYTHONPATH=/tmp/before/src``:
# the same bench on an older checkout, for a before/after pair).
ENV.setdefault("PYTHONPATH", str(Path(__file__).resolve().parent.parent / "src"))
KEY_GAP = 0.120  # seconds between key presses
MIB = 1024  # ru_maxrss and time's %M are KiB on Linux
TIME = Path("/usr/bin/time")


def measured(command: list[str]) -> tuple[list[str], Path | None]:
    """``command`` run through ``/usr/bin/time`` for its peak memory, and the file that
    will hold it. ``ru_maxrss`` from ``wait4`` would count the forked child's copy of
    this bench before it exec'd (Textual loaded by then: 70 MiB for any command)."""
    if not TIME.exists():
        return command, None
    import tempfile

    handle, name = tempfile.mkstemp(prefix="person-bench-")
    os.close(handle)
    return [str(TIME), "-o", name, "-f", "%M", *command], Path(name)


def peak_kib(report: Path | None, usage: os.struct_rusage | Any) -> int:
    if report is None:
        return int(usage.ru_maxrss)
    try:
        return int(report.read_text().split()[-1])
    finally:
        report.unlink()

Results = list[tuple[str, int, list[float], float | None, str]]  # name, size, values, budget, unit


def journal(cache: Path, size: int) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"journal-{size}.sqlite3"
    if not path.exists():
        seconds = build(path, size)
        print(f"built {size:,} check-ins in {seconds:.1f} s → {path}", file=sys.stderr)
    return path


# -- typing in the browser -----------------------------------------------------------------


async def typing_run(path: Path, word: str, runs: int) -> tuple[list[float], list[float]]:
    """(every key's latency, every run's settle time) in seconds."""
    from browser_bench import BenchClock
    from textual import events
    from textual.widgets import Input

    from refleks.environment import Environment
    from refleks.journal.queries import Filter
    from refleks.journal.store import Journal
    from refleks.paths import bundled_content_dir
    from refleks.settings import Settings
    from refleks.tui.app import make_app
    from refleks.tui.screens.journal import JournalScreen
    from refleks.tui.session import Session
    from refleks.tui.widgets.journal_list import JournalList

    journal = Journal.open(path)
    session = Session(Environment.given(lang="nb", content_dir=bundled_content_dir(),
                                        journal=journal, settings=Settings(welcomed=True)))
    session.ui.now = BenchClock
    expected = journal.summaries(Filter(search=word))
    want = (len(expected), expected[0].id if expected else None)
    keys: list[float] = []
    settles: list[float] = []
    app = make_app(session)

    def shown() -> tuple[int, object]:
        tables = app.screen.query("#journal-table").results(JournalList)
        table = next(tables, None)  # None while the screen is still being composed
        if table is None:
            return 0, None
        return len(table.rows), table.rows[0].id if table.rows else None

    frames: list[tuple[float, str]] = []  # (when, the search field's text) per frame
    display = app._display

    def watched(screen: Any, renderable: Any) -> None:
        if renderable is not None and isinstance(screen, JournalScreen):
            field = next(screen.query("#journal-search").results(Input), None)
            frames.append((time.perf_counter(), field.value if field else ""))
        display(screen, renderable)

    app._display = watched  # type: ignore[method-assign]

    try:
        async with app.run_test(size=(80, 24), headless=True) as pilot:
            await pilot.pause()
            for _ in range(runs):
                app.action_journal()
                while not (isinstance(app.screen, JournalScreen) and shown()[0]):
                    await pilot.pause()
                await pilot.press("slash")
                await pilot.pause()
                due = time.perf_counter()
                for n, key in enumerate(word, 1):
                    due += KEY_GAP
                    await asyncio.sleep(max(0.0, due - time.perf_counter()))
                    frames.clear()
                    driver = app._driver
                    assert driver is not None
                    event = events.Key(key, key)
                    event.set_sender(app)
                    driver.send_message(event)
                    while not any(text == word[:n] for _, text in frames):
                        await asyncio.sleep(0.001)
                        if time.perf_counter() - due > 120:
                            raise TimeoutError("the letter never showed")
                    keys.append(next(when for when, text in frames if text == word[:n]) - due)
                while shown() != want or app.screen.state.search != word:
                    await asyncio.sleep(0.002)
                    if time.perf_counter() - due > 120:
                        raise TimeoutError("the search never settled")
                settles.append(time.perf_counter() - due)
                await pilot.pause(0.1)  # let the header finish mounting before leaving
                app.pop_screen()
                await pilot.pause(0.1)
    finally:
        journal.close()
    return keys, settles


def bench_typing(path: Path, size: int, runs: int, results: Results) -> None:
    for word in ("tillit", "Vik"):
        keys, settles = asyncio.run(typing_run(path, word, runs))
        keys.sort()
        p95 = keys[min(len(keys) - 1, round(0.95 * (len(keys) - 1)))]
        results.append((f"typing «{word}»: worst key", size, [max(keys)], None, "s"))
        results.append((f"typing «{word}»: p95 key", size, [p95],
                        0.050 if size >= 50000 else None, "s"))
        results.append((f"typing «{word}»: settle", size, settles,
                        0.150 if size >= 50000 else None, "s"))


# -- whole processes ------------------------------------------------------------------------


def refleks(path: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "refleks", "--lang", "nb", "--journal", str(path), *args]


def run_terminal(command: list[str], env: dict[str, str] | None = None,
                 size: tuple[int, int] = (40, 120),
                 stdin: bool = False) -> tuple[float, int, int, float]:
    """(seconds, peak KiB, bytes written, CPU seconds) with stdout a pseudo-terminal (rows,
    columns). CPU is user + system of the command (and of ``/usr/bin/time``, ~1 ms), from
    ``wait4``: what a loaded machine stretches much less than wall time."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *size, 0, 0))
    received = [0]

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            received[0] += len(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    command, report = measured(command)
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=slave, stderr=slave,
                               stdin=slave if stdin else subprocess.DEVNULL,
                               env=ENV | {"TERM": "xterm-256color"} | (env or {}),
                               start_new_session=stdin)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    os.close(slave)
    reader.join(2)
    os.close(master)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    return elapsed, peak_kib(report, usage), received[0], usage.ru_utime + usage.ru_stime


def run_pipe(command: list[str]) -> tuple[float, int, int, float]:
    command, report = measured(command)
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=ENV)
    assert process.stdout is not None
    size = 0
    while chunk := process.stdout.read(1 << 16):
        size += len(chunk)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    return elapsed, peak_kib(report, usage), size, usage.ru_utime + usage.ru_stime


def bench_list(path: Path, size: int, runs: int, results: Results) -> None:
    for name, extra, budget in (("list", ("list",), 0.3 if size <= 5000 else 2.0),
                                ("list --search tillit", ("list", "--search", "tillit"),
                                 0.4 if size <= 5000 else None)):
        command = refleks(path, *extra)
        run_pipe(command)  # warm the file cache
        term, pipe, memory, term_cpu, pipe_cpu = [], [], [], [], []
        for _ in range(runs):  # paired, so drift hits both alike
            seconds, kib, _, cpu = run_terminal(command)
            term.append(seconds)
            term_cpu.append(cpu)
            memory.append(kib / MIB)
            seconds, kib, _, cpu = run_pipe(command)
            pipe.append(seconds)
            pipe_cpu.append(cpu)
            memory.append(kib / MIB)
        results.append((f"{name} (terminal)", size, term, budget, "s"))
        results.append((f"{name} (terminal), CPU", size, term_cpu, budget, "s"))
        results.append((f"{name} (pipe)", size, pipe, None, "s"))
        results.append((f"{name} (pipe), CPU", size, pipe_cpu, None, "s"))
        ratio = [a / b for a, b in zip(term, pipe, strict=True)]
        results.append((f"{name} terminal/pipe", size, ratio, 1.3, "×"))
        ratio = [a / b for a, b in zip(term_cpu, pipe_cpu, strict=True)]
        results.append((f"{name} terminal/pipe, CPU", size, ratio, 1.3, "×"))
        results.append((f"{name} peak RSS", size, memory,
                        60.0 if size >= 50000 else None, "MiB"))


BROWSER = r"""
import functools, json, sys, time
began = time.perf_counter()
from refleks.tui.screens.home import HomeScreen
from refleks.tui.widgets.journal_list import JournalList

marks = {}
shown = HomeScreen.on_mount

def on_mount(self):
    shown(self)
    def press():
        marks["home"] = time.perf_counter()
        self.app.action_journal()  # what the j key runs
    self.app.call_after_refresh(press)

HomeScreen.on_mount = on_mount
draw = JournalList.render_line

def render_line(self, y):
    strip = draw(self, y)
    if self.rows and "list" not in marks:
        marks["list"] = time.perf_counter()
        self.app.call_later(self.app.exit)
    return strip

JournalList.render_line = render_line
from refleks.cli import main
code = main(["--lang", "nb", "--journal", sys.argv[1]])
with open(sys.argv[2], "w") as out:
    json.dump({"start_to_home": marks["home"] - began, "j_to_list": marks["list"] - marks["home"]},
              out)
sys.exit(code)
"""


def run_browser(path: Path, config: Path) -> tuple[float, float, int]:
    """(whole process s, j → list drawn s, peak KiB): the real app in a 80×24 pty."""
    marks_file = config.parent / "browser-marks.json"
    marks_file.unlink(missing_ok=True)
    elapsed, kib, _, _ = run_terminal([sys.executable, "-c", BROWSER, str(path), str(marks_file)],
                                   env={"REFLEKS_CONFIG": str(config)}, size=(24, 80),
                                   stdin=True)
    try:
        marks = json.loads(marks_file.read_text())
    except (ValueError, OSError):
        raise SystemExit("the browser driver failed") from None
    return elapsed, marks["j_to_list"], kib


def bench_browser(path: Path, size: int, runs: int, results: Results, cache: Path) -> None:
    config = cache / "config.toml"
    config.write_text("welcomed = true\n", encoding="utf-8")
    run_browser(path, config)  # warm
    whole, ready, memory = [], [], []
    for _ in range(runs):
        a, b, kib = run_browser(path, config)
        whole.append(a)
        ready.append(b)
        memory.append(kib / MIB)
    results.append(("browser ready (j → list drawn)", size, ready,
                    0.4 if size >= 50000 else None, "s"))
    results.append(("browser whole process (start → list)", size, whole, None, "s"))
    results.append(("browser peak RSS", size, memory, None, "MiB"))


def report(results: Results) -> None:
    print(f"\n{'what':<40}{'size':>8}{'median':>10}{'min–max':>20}{'budget':>10}  verdict")
    for name, size, values, budget, unit in results:
        med = statistics.median(values)
        fmt = (lambda v: f"{v * 1000:.0f} ms") if unit == "s" else (
            lambda v: f"{v:.2f}×") if unit == "×" else (lambda v: f"{v:.1f} MiB")
        verdict = "" if budget is None else ("PASS" if med <= budget else "MISS")
        print(f"{name:<40}{size:>8,}{fmt(med):>10}{fmt(min(values)) + '–' + fmt(max(values)):>20}"
              f"{fmt(budget) if budget is not None else '':>10}  {verdict}")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", default=["typing", "list", "browser"],
                        choices=["typing", "list", "browser"])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/refleks-bench-cache"))
    args = parser.parse_args()
    results: Results = []
    for size in args.sizes:
        path = journal(args.cache, size)
        if "list" in args.only:
            bench_list(path, size, args.runs, results)
        if "browser" in args.only:
            bench_browser(path, size, args.runs, results, args.cache)
        if "typing" in args.only:
            bench_typing(path, size, max(1, args.runs // 2), results)
        print(f"done {size:,}", file=sys.stderr)
        report(results)  # so far, in case a later size fails


if __name__ == "__main__":
    main()
