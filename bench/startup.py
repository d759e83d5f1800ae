"""Start-up of refleks against a bare Textual app, as whole processes. Run by hand:

    .venv/bin/python bench/startup.py [--runs 15]

Each run starts a fresh Python process that opens the app headless and exits as
soon as the first screen is ready (refleks: the home screen with its journal read;
the bare app: a Header and a Footer). Reported: median wall time from process start
to exit, and peak memory (max RSS), for both, and the ratio. Budget: refleks at most
1.3x the bare app for both.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from textual.app import App
from textual.widgets import Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(80, 24))
"""

REFLEKS = """
import functools, sys
from textual.app import App
import refleks.tui.app as tui_app
from refleks.tui.screens.home import HomeScreen

tui_app.RefleksApp.run = functools.partialmethod(App.run, headless=True, size=(80, 24))
shown = HomeScreen.on_mount

def on_mount(self):
    shown(self)
    self.app.call_after_refresh(self.app.exit)

HomeScreen.on_mount = on_mount
from refleks.cli import main
sys.exit(main([]))
"""


def run_once(code: str, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark process failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "REFLEKS_JOURNAL": str(Path(home) / "journal.sqlite3"),
            "REFLEKS_CONFIG": str(Path(home) / "config.toml"),
            "LANG": "nb_NO.UTF-8",
        }
        # Installed packages have their bytecode compiled; measure that, not compiling.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        Path(home, "config.toml").write_text("welcomed = true\n", encoding="utf-8")
        run_once(BARE, env)  # warm the file cache for both
        run_once(REFLEKS, env)
        results: dict[str, list[tuple[float, int]]] = {"bare Textual": [], "refleks": []}
        for _ in range(args.runs):  # interleaved, so drift hits both alike
            results["bare Textual"].append(run_once(BARE, env))
            results["refleks"].append(run_once(REFLEKS, env))
    medians = {
        name: (statistics.median(t for t, _ in runs), statistics.median(m for _, m in runs))
        for name, runs in results.items()
    }
    print(f"{'app':<14}{'median start-up':>18}{'peak memory':>14}   ({args.runs} runs each)")
    for name, (seconds, kib) in medians.items():
        print(f"{name:<14}{seconds * 1000:>15.0f} ms{kib / 1024:>11.1f} MB")
    bare_t, bare_m = medians["bare Textual"]
    ours_t, ours_m = medians["refleks"]
    print(f"{'ratio':<14}{ours_t / bare_t:>17.2f}x{ours_m / bare_m:>13.2f}x   (budget 1.30x)")


if __name__ == "__main__":
    main()
