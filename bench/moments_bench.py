"""The check-in's Moments step with many moments since the last check-in, as a person
meets it. Run, don't test:

    PYTHONPATH=src .venv/bin/python bench/moments_bench.py [--sizes 1000 10000] [--runs 5]
        [--cache /tmp/refleks-bench-cache] [--timeout 300]

The data: a journal with last week's check-in (two focus values, so the check-in opens
on the follow-up) and ``size`` moments noted since, a sentence or three each, some with
values or a CHIME element (``build``, kept under ``--cache``).

Each run is a fresh ``python -c`` process running the real ``refleks`` entry point in
an 80×24 pseudo-terminal (``person_bench.run_terminal``; peak RSS by
``/usr/bin/time``). Once home is drawn it starts the check-in (what ``n`` does); once
the follow-up is drawn, keys go to the app as its terminal driver sends them
(``driver.send_message``), each timed from when it was sent until the first frame the
app writes that shows its effect (``App._display`` is watched, the frame's lines read):

- ctrl+n → the Moments step drawn (the first moment's text on the screen), with the
  CPU this process spent meanwhile;
- space → the first moment ticked ("[x]" on the screen);
- a word typed one key at a time (120 ms apart) into "What happened?", each key until
  its letter shows in the field (the worst key is reported).

Budgets (issue 24): at 1,000 moments drawn ≤ 0.5 s after ctrl+n, a key ≤ 50 ms, the
app ≤ 100 MiB; at 10,000 drawn ≤ 1 s. ``PYTHONPATH=/tmp/before/src`` runs the same on
an older checkout, for a before/after pair.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from person_bench import MIB, run_terminal  # beside this file

from refleks.journal.model import CheckIn, Focus
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=TZ)
FIRST = "Første øyeblikk: sto i stillheten"  # the first moment begins so, to be found
SENTENCES = [
    "Sto i stillheten i stedet for å fylle den.",
    "Avbrøt igjen da hun fortalte om uka si, og merket det først etterpå.",
    "Spurte hva som var viktig for ham i dag, og ventet på svaret.",
    "Lot henne bestemme tidspunktet for neste møte.",
    "Kjente at jeg ble utålmodig, og sa det høyt i stedet for å skjule det.",
    "Vi gikk en tur i stedet for å sitte på kontoret; samtalen ble en annen.",
]
VALUES = [("tillit", "Tillit"), ("varme", "Varme"), ("respekt", "Respekt")]


def build(path: Path, size: int, seed: int = 24) -> None:
    """Last week's check-in and ``size`` moments noted since (one transaction)."""
    rng = random.Random(seed)
    last = NOW - timedelta(days=7)
    with Journal.open(path) as journal:
        week = CheckIn(lang="nb", area_id="relasjonell", area_title="Relasjonelle verdier",
                       started_at=last, status="complete", completed_at=last)
        week.focus = [Focus("tillit", "Tillit", "Holde avtaler"),
                      Focus("varme", "Varme", "Smile mer")]
        journal.save(week)
        step = (NOW - last - timedelta(hours=1)) / size
        moments = []
        for n in range(size):
            text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 3)))
            values = [MomentValue(*v) for v in rng.sample(VALUES, rng.randint(0, 2))]
            moments.append(Moment(text=f"{FIRST}. {text}" if n == 0 else text,
                                  created_at=last + timedelta(minutes=1) + step * n,
                                  values=values,
                                  chime_id="chime.hope" if rng.random() < 0.2 else None))
        journal.moments.merge(moments)


def journal(cache: Path, size: int) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"moments-{size}.sqlite3"
    if not path.exists():
        build(path, size)
        print(f"built {size:,} moments → {path}", file=sys.stderr)
    return path


DRIVER = r"""
import json, re, sys, time
from textual import events
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.checkin import CheckinScreen
from refleks.tui.screens.checkin.moments import MomentsStep

FIRST, WORD = sys.argv[3], "stillhet"
FOLLOW_UP = "Holde avtaler"  # last week's action for Tillit, shown by the follow-up
marks, state = {"keys": []}, {"phase": "home"}
shown = HomeScreen.on_mount

def lines(screen):
    return [strip.text for strip in screen._compositor.render_strips()]

def send(app, key, character=None):
    event = events.Key(key, character)
    event.set_sender(app)
    app._driver.send_message(event)
    state["sent"], state["cpu"] = time.perf_counter(), time.process_time()

def on_mount(self):
    shown(self)
    app = self.app
    display = app._display

    def watched(screen, renderable):
        display(screen, renderable)
        phase = state["phase"]
        if renderable is None or not isinstance(screen, CheckinScreen) or phase == "home":
            return
        now = time.perf_counter()
        if phase == "follow-up" and any(FOLLOW_UP in line for line in lines(screen)):
            state["phase"] = "waiting"  # the follow-up drawn; a person reads, then ctrl+n
            app.set_timer(1.0, lambda: (state.update(phase="ctrl+n"), send(app, "ctrl+n")))
        elif phase == "ctrl+n" and screen.query(MomentsStep) and any(
                FIRST in line for line in lines(screen)):
            marks["drawn"] = now - state["sent"]
            marks["drawn_cpu"] = time.process_time() - state["cpu"]
            state["phase"] = "waiting"
            app.set_timer(0.3, lambda: (state.update(phase="space"), send(app, "space", " ")))
        elif phase == "space" and any("[x]" in line for line in lines(screen)):
            marks["tick"] = now - state["sent"]
            state["phase"], state["typed"] = "typing", 0
            app.set_timer(0.12, type_next)
        elif phase == "typing" and state["typed"] and any(
                re.search("│ ?" + WORD[:state["typed"]] + "(\\s|│)", line)
                for line in lines(screen)):
            marks["keys"].append(now - state["sent"])
            state["phase"] = "typed"
            if state["typed"] == len(WORD):
                app.exit()
            else:
                app.set_timer(0.12, type_next)

    def type_next():
        state["typed"] += 1
        state["phase"] = "typing"
        send(app, WORD[state["typed"] - 1], WORD[state["typed"] - 1])

    app._display = watched

    def start():
        state["phase"] = "follow-up"
        app.action_checkin()  # what the n key runs

    app.call_after_refresh(start)

HomeScreen.on_mount = on_mount
from refleks.cli import main
code = main(["--lang", "nb", "--journal", sys.argv[1]])
with open(sys.argv[2], "w") as out:
    json.dump(marks, out)
sys.exit(code)
"""


def run_once(path: Path, cache: Path, timeout: float) -> dict[str, float | list[float]]:
    config = cache / "config.toml"
    config.write_text("welcomed = true\n", encoding="utf-8")
    marks_file = cache / "moments-marks.json"
    marks_file.unlink(missing_ok=True)
    scratch = cache / "moments-run.sqlite3"  # each run begins the check-in afresh: the
    for old in (scratch, *scratch.parent.glob(scratch.name + "-*")):  # run before
        old.unlink(missing_ok=True)                                    # left a draft
    shutil.copyfile(path, scratch)
    elapsed, kib, _, cpu = run_terminal(
        ["timeout", str(int(timeout)), sys.executable, "-c", DRIVER, str(scratch),
         str(marks_file), FIRST],
        env={"REFLEKS_CONFIG": str(cache / "config.toml")}, size=(24, 80), stdin=True)
    marks = json.loads(marks_file.read_text())
    return {**marks, "whole": elapsed, "whole_cpu": cpu, "peak": kib / MIB}


def row(name: str, size: int, values: list[float], budget: float | None, unit: str) -> str:
    fmt = (lambda v: f"{v * 1000:.0f} ms") if unit == "s" else (lambda v: f"{v:.0f} MiB")
    med = statistics.median(values)
    verdict = "" if budget is None else ("PASS" if med <= budget else "MISS")
    return (f"{name:<34}{size:>8,}{fmt(med):>11}{fmt(min(values)) + '–' + fmt(max(values)):>22}"
            f"{fmt(budget) if budget is not None else '':>10}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/refleks-bench-cache"))
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        path = journal(args.cache, size)
        runs = [run_once(path, args.cache, args.timeout) for _ in range(args.runs)]
        drawn_budget = 0.5 if size <= 1000 else 1.0
        rows += [
            row("ctrl+n → moments drawn", size, [r["drawn"] for r in runs], drawn_budget, "s"),
            row("  its CPU", size, [r["drawn_cpu"] for r in runs], drawn_budget, "s"),
            row("space → ticked", size, [r["tick"] for r in runs],
                0.05 if size <= 1000 else None, "s"),
            row("a key typed (worst of 8)", size, [max(r["keys"]) for r in runs],
                0.05 if size <= 1000 else None, "s"),
            row("whole process (wall)", size, [r["whole"] for r in runs], None, "s"),
            row("whole process (CPU)", size, [r["whole_cpu"] for r in runs], None, "s"),
            row("peak RSS", size, [r["peak"] for r in runs],
                100.0 if size <= 1000 else None, "MiB"),
        ]
        print(f"done {size:,}", file=sys.stderr)
    print(f"\n{'what':<34}{'size':>8}{'median':>11}{'min–max':>22}{'budget':>10}  verdict")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
