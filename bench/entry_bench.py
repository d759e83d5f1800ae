"""Opening a check-in with one very long answer in the journal browser, as a person
meets it. Run, don't test:

    PYTHONPATH=src .venv/bin/python bench/entry_bench.py [--sizes 100000 990000] [--runs 5]
        [--cache /tmp/refleks-bench-cache] [--timeout 300]

The data: a journal of a few ordinary check-ins (``journal_bench.make_checkin``) and, the
newest, one whose first answer is ``size`` characters of paragraphs (``build``; the
journal keeps at most 1,000,000 characters in one text, so "1 MB" is 990,000), kept
under ``--cache``. The answer begins with ``FIRST``; the entry's notes, its last
words, are ``LAST``.

Each run is a fresh ``python -c`` process running the real ``refleks`` entry point in
an 80×24 pseudo-terminal (``person_bench.run_terminal``; peak RSS by
``/usr/bin/time``). Once home is drawn it opens the journal (what ``j`` does); once the
list is drawn, keys go to the app as its terminal driver sends them, each timed until
the first frame the app writes that shows its effect (``App._display`` is watched):

- Enter → the entry's first text on the screen (``SHOWN``, under its heading; the
  long answer comes after the follow-up), with this process's CPU;
- End, sent as soon as the first text shows (and again every 0.5 s while the last
  words are not shown: a page still being built grows below where End went) → the
  entry's last words (``LAST``), and how many presses it took.

Budgets (issue 24): 990,000 characters: first text ≤ 0.3 s, the end ≤ 0.5 s after
that, ≤ 100 MiB; 100,000: first text ≤ 0.2 s. ``PYTHONPATH=/tmp/before/src`` runs the
same on an older checkout, for a before/after pair.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from journal_bench import make_checkin, paragraph  # beside this file
from moments_bench import NOW, row
from person_bench import MIB, run_terminal

from refleks.journal.model import Answer
from refleks.journal.store import Journal

FIRST = "Første linje i det lange svaret."
LAST = "Siste linje i det lange svaret."
SHOWN = "Fullført"  # under the entry's heading: its first text on the screen


def build(path: Path, size: int, seed: int = 24) -> None:
    """Five ordinary check-ins and, the newest, one with an answer of ``size``."""
    rng = random.Random(seed)
    start = NOW - timedelta(days=30)
    checkins = [make_checkin(rng, index, start) for index in range(1, 6)]
    long = make_checkin(rng, 6, start)  # four hours after the others: the newest
    body = paragraph(rng, size - len(FIRST) - len(LAST) - 4)
    long.answers[0] = Answer(long.answers[0].question_id, long.answers[0].question_text,
                             f"{FIRST}\n\n{body}"[:size], "reflect")
    long.notes = LAST  # the entry's last words (the other answers follow the long one)
    with Journal.open(path) as journal:
        journal.merge([*checkins, long])


def journal(cache: Path, size: int) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"long-entry-{size}.sqlite3"
    if not path.exists():
        build(path, size)
        print(f"built an answer of {size:,} characters → {path}", file=sys.stderr)
    return path


DRIVER = r"""
import json, sys, time
from textual import events
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.journal import EntryScreen, JournalScreen

FIRST, LAST = sys.argv[3], sys.argv[4]
marks, state = {}, {"phase": "home", "presses": 1}
shown = HomeScreen.on_mount

def drawn(screen, words):
    return any(words in strip.text for strip in screen._compositor.render_strips())

def send(app, key, phase):
    event = events.Key(key, None)
    event.set_sender(app)
    state["phase"] = phase
    state["sent"], state["cpu"] = time.perf_counter(), time.process_time()
    app._driver.send_message(event)

def again(app):
    # End again while the end is not shown: a page still being built grows below
    if state["phase"] == "end":
        state["presses"] += 1
        event = events.Key("end", None)
        event.set_sender(app)
        app._driver.send_message(event)

def on_mount(self):
    shown(self)
    app = self.app
    display = app._display

    def watched(screen, renderable):
        display(screen, renderable)
        phase = state["phase"]
        if renderable is None or phase in ("home", "waiting"):
            return
        now = time.perf_counter()
        if phase == "list" and isinstance(screen, JournalScreen):
            table = screen.query("#journal-table")
            if table and table.first().rows:
                state["phase"] = "waiting"  # the list drawn; Enter opens the newest
                app.set_timer(0.5, lambda: send(app, "enter", "enter"))
        elif phase == "enter" and isinstance(screen, EntryScreen) and drawn(screen, FIRST):
            marks["first"] = now - state["sent"]
            marks["first_cpu"] = time.process_time() - state["cpu"]
            send(app, "end", "end")  # at once: how soon the end can be reached
            state["first_end"] = state["sent"], state["cpu"]
            app.set_interval(0.5, lambda: again(app))
        elif phase == "end" and isinstance(screen, EntryScreen) and drawn(screen, LAST):
            marks["end"] = now - state["first_end"][0]
            marks["end_cpu"] = time.process_time() - state["first_end"][1]
            marks["end_presses"] = state["presses"]
            state["phase"] = "waiting"
            app.exit()

    app._display = watched

    def start():
        state["phase"] = "list"
        app.action_journal()  # what the j key runs

    app.call_after_refresh(start)

HomeScreen.on_mount = on_mount
from refleks.cli import main
code = main(["--lang", "nb", "--journal", sys.argv[1]])
with open(sys.argv[2], "w") as out:
    json.dump(marks, out)
sys.exit(code)
"""


def run_once(path: Path, cache: Path, timeout: float) -> dict[str, float]:
    config = cache / "config.toml"
    config.write_text("welcomed = true\n", encoding="utf-8")
    marks_file = cache / "entry-marks.json"
    marks_file.unlink(missing_ok=True)
    scratch = cache / "entry-run.sqlite3"  # a copy: the run may leave a WAL behind
    for old in (scratch, *scratch.parent.glob(scratch.name + "-*")):
        old.unlink(missing_ok=True)
    shutil.copyfile(path, scratch)
    elapsed, kib, _, cpu = run_terminal(
        ["timeout", str(int(timeout)), sys.executable, "-c", DRIVER, str(scratch),
         str(marks_file), SHOWN, LAST],
        env={"REFLEKS_CONFIG": str(config)}, size=(24, 80), stdin=True)
    marks = json.loads(marks_file.read_text())
    return {**marks, "whole": elapsed, "whole_cpu": cpu, "peak": kib / MIB}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 990_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/refleks-bench-cache"))
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        path = journal(args.cache, size)
        runs = [run_once(path, args.cache, args.timeout) for _ in range(args.runs)]
        first_budget = 0.2 if size <= 100_000 else 0.3
        rows += [
            row("Enter → first text", size, [r["first"] for r in runs], first_budget, "s"),
            row("  its CPU", size, [r["first_cpu"] for r in runs], first_budget, "s"),
            row("End → the last words", size, [r["end"] for r in runs],
                None if size <= 100_000 else 0.5, "s"),
            row("  its CPU", size, [r["end_cpu"] for r in runs], None, "s"),
            row("whole process (wall)", size, [r["whole"] for r in runs], None, "s"),
            row("whole process (CPU)", size, [r["whole_cpu"] for r in runs], None, "s"),
            row("peak RSS", size, [r["peak"] for r in runs],
                None if size <= 100_000 else 100.0, "MiB"),
        ]
        rows.append(f"End pressed {[r['end_presses'] for r in runs]} times")
        print(f"\n{'what':<34}{'size':>8}{'median':>11}{'min–max':>22}{'budget':>10}  verdict")
        print("\n".join(rows), flush=True)  # so far, in case a later size fails


if __name__ == "__main__":
    main()
