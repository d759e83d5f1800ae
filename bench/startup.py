"""Start-up of refleks against a bare Textual app, as whole processes. Run by hand:

    .venv/bin/python bench/startup.py [--runs 15] [--journal PATH]

Each run starts a fresh Python process that opens the app headless and exits as
soon as the first screen is ready (refleks: the home screen with its journal read;
the bare app: a Header and a Footer). The two are run in pairs, bare then refleks
(A B A B …), so drift in the machine's load hits both alike, and the ratio is given
pair by pair: wall time, CPU time (user + system, from ``wait4``, as ``/usr/bin/time``
reports it) and peak memory. Budget: refleks at most 1.3x the bare app, median of the
pairs, for wall time and CPU.

A run whose first screen crashed stops the bench with its error: refleks exits non-zero
when a screen raised, and the refleks process must also print that the home screen was
shown, so a crash, a different first screen or a hang (``--timeout``) is never timed.
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
print("FIRST SCREEN SHOWN")
"""

REFLEKS = """
import functools, sys
from textual.app import App
import refleks.tui.app as tui_app
from refleks.tui.screens.home import HomeScreen

import refleks.cli.app_commands as app_commands

tui_app.RefleksApp.run = functools.partialmethod(App.run, headless=True, size=(80, 24))
app_commands.need_terminal = lambda env: None  # headless: drawn nowhere, no terminal needed
shown = HomeScreen.on_mount

def on_mount(self):
    shown(self)
    print("FIRST SCREEN SHOWN", flush=True)
    self.app.call_after_refresh(self.app.exit)

HomeScreen.on_mount = on_mount
from refleks.cli import main
sys.exit(main([]))
"""


class Crashed(SystemExit):
    pass


def run_once(name: str, code: str, env: dict[str, str], timeout: float) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS (KiB) of one process that showed its screen."""
    import threading

    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", code], env=env,
                                   stdout=subprocess.PIPE, stderr=errors)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        assert process.stdout is not None
        out = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        timer.cancel()
        process.returncode = code_ = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        errors.seek(0)
        err = errors.read().decode(errors="replace")[-3000:]
    if elapsed >= timeout:
        raise Crashed(f"{name}: no first screen within {timeout:.0f} s (hung?)\n{err}")
    if code_ != 0:
        raise Crashed(f"{name}: the first screen crashed (exit code {code_})\n{err}")
    if b"FIRST SCREEN SHOWN" not in out:
        raise Crashed(f"{name}: exited 0 without showing its first screen\n{err}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def spread(values: list[float], scale: float = 1.0, unit: str = "", digits: int = 2) -> str:
    return (f"{statistics.median(values) * scale:.{digits}f}{unit} "
            f"({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs to time")
    parser.add_argument("--journal", type=Path,
                        help="a journal to open (default: a new, empty one)")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    print(f"load before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "REFLEKS_JOURNAL": str(args.journal or Path(home) / "journal.sqlite3"),
            "REFLEKS_CONFIG": str(Path(home) / "config.toml"),
            "XDG_CACHE_HOME": str(Path(home) / "cache"),
            "LANG": "nb_NO.UTF-8",
        }
        # Installed packages have their bytecode compiled; measure that, not compiling.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        Path(home, "config.toml").write_text("welcomed = true\n", encoding="utf-8")
        try:
            run_once("bare Textual", BARE, env, args.timeout)  # warm the file cache
            run_once("refleks", REFLEKS, env, args.timeout)  # and the text cache
            pairs = []
            print(f"{'pair':>4} {'bare wall':>10} {'refleks':>9} {'ratio':>6}   "
                  f"{'bare cpu':>9} {'refleks':>9} {'ratio':>6}")
            for n in range(1, args.runs + 1):
                bare = run_once("bare Textual", BARE, env, args.timeout)
                ours = run_once("refleks", REFLEKS, env, args.timeout)
                pairs.append((bare, ours))
                print(f"{n:>4} {bare[0] * 1000:>8.0f}ms {ours[0] * 1000:>7.0f}ms "
                      f"{ours[0] / bare[0]:>5.2f}x   {bare[1] * 1000:>7.0f}ms "
                      f"{ours[1] * 1000:>7.0f}ms {ours[1] / bare[1]:>5.2f}x", flush=True)
        except Crashed as exc:
            print(f"\nFAILED: {exc}", file=sys.stderr)
            raise SystemExit(1) from None
    wall = [o[0] / b[0] for b, o in pairs]
    cpu = [o[1] / b[1] for b, o in pairs]
    memory = [o[2] / b[2] for b, o in pairs]
    print(f"\nbare Textual: wall {spread([b[0] for b, _ in pairs], 1000, ' ms', 0)}, "
          f"cpu {spread([b[1] for b, _ in pairs], 1000, ' ms', 0)}")
    print(f"refleks:      wall {spread([o[0] for _, o in pairs], 1000, ' ms', 0)}, "
          f"cpu {spread([o[1] for _, o in pairs], 1000, ' ms', 0)}")
    print(f"peak RSS: bare {spread([b[2] for b, _ in pairs], 1 / 1024, ' MiB', 0)}, "
          f"refleks {spread([o[2] for _, o in pairs], 1 / 1024, ' MiB', 0)}")
    print(f"load after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
    for what, ratios in (("wall", wall), ("cpu", cpu), ("peak memory", memory)):
        verdict = "PASS" if statistics.median(ratios) <= 1.3 else "MISS"
        print(f"{verdict}  refleks/bare {what}, median of {len(ratios)} pairs: "
              f"{spread(ratios, unit='x')} (budget 1.30x)")


if __name__ == "__main__":
    main()
