"""An encrypted journal against the same journal plain, as whole processes. Run, don't test.

    PYTHONPATH=src .venv/bin/python bench/encryption_bench.py [--runs 15] [--cache DIR]

The budgets of issue 20, each measured the way a person meets it:

- ``refleks status`` (the shell prompt's line): CPU of the encrypted journal with a
  remembered key ≤ 1.3× the same journal plain.
- App start to the first frame (the home screen drawn, its journal read), and ``list``
  of 5,000 check-ins into a pipe: encrypted with a remembered key ≤ 1.3× plain.
- With a typed passphrase: what the key derivation costs (SQLCipher 4's defaults,
  PBKDF2-HMAC-SHA512 with 256,000 iterations), in process and as ``status``/``list``
  with ``--passphrase-stdin``.
- ``encrypt`` of 5,000 check-ins: wall time and peak memory.

A remembered key needs a keyring. So that the bench never reads or writes the keyring of
whoever runs it, it starts its own: a private D-Bus session bus (``dbus-daemon``) and a
``gnome-keyring-daemon`` unlocked with a throwaway password, in a temporary home folder.
On Debian: ``apt-get install dbus-daemon gnome-keyring``. Both are stopped at the end.

Plain and encrypted runs alternate (A B A B …) so a change in the machine's load hits
both alike; ratios are of the medians. CPU is user + system from ``wait4`` (what
``/usr/bin/time`` reports); on a machine with other work, CPU moves much less than wall
time. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from journal_bench import build
from startup import REFLEKS, run_once

PASSPHRASE = "a bench passphrase, not a real one\n"
BUDGET = 1.3


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def spread(values: list[float], scale: float = 1000.0, unit: str = "ms", digits: int = 1) -> str:
    return (f"{statistics.median(values) * scale:.{digits}f} {unit} "
            f"({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})")


def start_keyring(home: Path) -> dict[str, str]:
    """A private session bus with an unlocked Secret Service; its environment."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed for a remembered key "
                             "(Debian: apt-get install dbus-daemon gnome-keyring)")
    env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(home / "run"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    for key in ("PYTHON_KEYRING_BACKEND", "GNOME_KEYRING_CONTROL", "PYTHONDONTWRITEBYTECODE"):
        env.pop(key, None)
    (home / "run").mkdir(mode=0o700)
    bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                          "--print-pid=1"], env=env, capture_output=True, text=True, check=True)
    address, pid = bus.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    env["REFLEKS_BENCH_BUS_PID"] = pid
    daemon = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets",
                             "--daemonize"], input="bench\n", env=env, capture_output=True,
                            text=True, check=True)
    for line in daemon.stdout.splitlines():
        name, _, value = line.partition("=")
        if name and value:
            env[name] = value
    return env


def stop_keyring(env: dict[str, str]) -> None:
    for name in ("GNOME_KEYRING_PID", "REFLEKS_BENCH_BUS_PID"):
        if env.get(name, "").isdigit():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(env[name]), signal.SIGTERM)


def refleks(journal: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "refleks", "--lang", "nb", "--journal", str(journal), *args]


# Each command is started from a small process of its own, so that its peak memory is its
# own: a child forked from this (large) process would be counted with this one's pages.
PROBE = """
import os, subprocess, sys, time
began = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
while child.stdout.read(1 << 16):
    pass
_, status, usage = os.wait4(child.pid, 0)
print(os.waitstatus_to_exitcode(status), time.perf_counter() - began,
      usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def run(command: list[str], env: dict[str, str], stdin: str | None = None,
        ok: tuple[int, ...] = (0,)) -> tuple[float, float, float]:
    """(wall s, CPU s, peak MiB) of one process, its output drained through a pipe while
    it runs (``list`` writes megabytes)."""
    done = subprocess.run([sys.executable, "-c", PROBE, *command], env=env, input=stdin or "",
                          capture_output=True, text=True, check=True)
    code, wall, cpu, peak = done.stdout.split()
    if int(code) not in ok:
        raise SystemExit(f"failed ({code}): {' '.join(command[-3:])}\n{done.stderr[-2000:]}")
    return float(wall), float(cpu), int(peak) / 1024


def paired(name: str, plain: list[str], encrypted: list[str], env: dict[str, str], runs: int,
           ok: tuple[int, ...] = (0,)) -> tuple[str, float]:
    """Alternating runs of both; the line to print and encrypted÷plain of median CPU."""
    a: list[tuple[float, float, float]] = []
    b: list[tuple[float, float, float]] = []
    run(plain, env, ok=ok), run(encrypted, env, ok=ok)  # warm: file cache, bytecode
    for _ in range(runs):
        a.append(run(plain, env, ok=ok))
        b.append(run(encrypted, env, ok=ok))
    ratio = statistics.median(x[1] for x in b) / statistics.median(x[1] for x in a)
    wall = statistics.median(x[0] for x in b) / statistics.median(x[0] for x in a)
    line = (f"{name}\n    plain:     cpu {spread([x[1] for x in a])}, wall "
            f"{spread([x[0] for x in a])}, peak {statistics.median(x[2] for x in a):.0f} MiB\n"
            f"    encrypted: cpu {spread([x[1] for x in b])}, wall "
            f"{spread([x[0] for x in b])}, peak {statistics.median(x[2] for x in b):.0f} MiB\n"
            f"    encrypted÷plain: cpu {ratio:.2f}×, wall {wall:.2f}×")
    return line, ratio


def verdict(name: str, ratio: float) -> str:
    return f"{'PASS' if ratio <= BUDGET else 'MISS'}  {name}: {ratio:.2f}× (budget {BUDGET}×)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir())
                        / "refleks-bench-cache")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    source = args.cache / f"journal-{args.size}.sqlite3"
    if not source.exists():
        print(f"building {source} …", flush=True)
        build(source, args.size)
    print(f"load before: {load()}")
    verdicts: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = start_keyring(home)
        try:
            plain, encrypted = home / "plain.sqlite3", home / "encrypted.sqlite3"
            shutil.copyfile(source, plain)
            # encrypt: time and peak memory, on fresh copies
            results = []
            for n in range(3):
                copy = home / f"encrypt-{n}.sqlite3"
                shutil.copyfile(source, copy)
                results.append(run(refleks(copy, "--passphrase-stdin", "encrypt"), env,
                                   stdin=PASSPHRASE))
            print(f"encrypt of {args.size:,} check-ins ({source.stat().st_size / 2**20:.0f} MB):"
                  f" wall {spread([r[0] for r in results], 1, 's', 2)}, cpu "
                  f"{spread([r[1] for r in results], 1, 's', 2)}, peak memory "
                  f"{statistics.median(r[2] for r in results):.1f} MiB", flush=True)
            os.replace(home / "encrypt-0.sqlite3", encrypted)
            run(refleks(encrypted, "--passphrase-stdin", "passphrase", "--remember"), env,
                stdin=PASSPHRASE)

            line, ratio = paired("status (remembered key)", refleks(plain, "status"),
                                 refleks(encrypted, "status"), env, args.runs, ok=(0, 1))
            print(line, flush=True)
            verdicts.append(verdict("status CPU, encrypted with a remembered key ÷ plain", ratio))
            line, ratio = paired(f"list of {args.size:,} into a pipe (remembered key)",
                                 refleks(plain, "list"), refleks(encrypted, "list"), env,
                                 max(5, args.runs // 2))
            print(line, flush=True)
            verdicts.append(verdict("list CPU, encrypted with a remembered key ÷ plain", ratio))

            start = {"plain": [], "encrypted": []}  # type: dict[str, list[tuple[float, float, int]]]
            config = home / "config.toml"
            config.write_text("welcomed = true\nlock_minutes = 0\n", encoding="utf-8")
            for n in range(args.runs + 1):
                for which, journal in (("plain", plain), ("encrypted", encrypted)):
                    shown = run_once(f"refleks ({which})", REFLEKS,
                                     env | {"REFLEKS_JOURNAL": str(journal),
                                            "REFLEKS_CONFIG": str(config),
                                            "LANG": "nb_NO.UTF-8"}, 60.0)
                    if n:
                        start[which].append(shown)
            p, e = start["plain"], start["encrypted"]
            ratio = statistics.median(x[1] for x in e) / statistics.median(x[1] for x in p)
            wall = statistics.median(x[0] for x in e) / statistics.median(x[0] for x in p)
            print(f"app start to the first frame (home, {args.size:,} check-ins)\n"
                  f"    plain:     cpu {spread([x[1] for x in p])}, "
                  f"wall {spread([x[0] for x in p])}\n"
                  f"    encrypted: cpu {spread([x[1] for x in e])}, "
                  f"wall {spread([x[0] for x in e])}\n"
                  f"    encrypted÷plain: cpu {ratio:.2f}×, wall {wall:.2f}×", flush=True)
            verdicts.append(verdict("app start CPU, encrypted with a remembered key ÷ plain",
                                    ratio))

            # A typed passphrase: the key derivation, in process and as whole commands.
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
            from refleks.journal import cipher

            salt = cipher.salt_of(encrypted)
            derivations = []
            for _ in range(5):
                began = time.process_time()
                cipher.derive(PASSPHRASE.strip(), salt)
                derivations.append(time.process_time() - began)
            print(f"key derivation (PBKDF2-HMAC-SHA512, {cipher.KDF_ITERATIONS:,} iterations), "
                  f"in process: cpu {spread(derivations)}")
            run(refleks(encrypted, "passphrase", "--forget"), env)
            for name, extra, ok in (("status", ("status",), (0, 1)), ("list", ("list",), (0,))):
                typed = [run(refleks(encrypted, "--passphrase-stdin", *extra), env,
                             stdin=PASSPHRASE, ok=ok) for _ in range(5)]
                print(f"{name} with a typed passphrase (--passphrase-stdin): cpu "
                      f"{spread([t[1] for t in typed])}, wall {spread([t[0] for t in typed])}")
        finally:
            stop_keyring(env)
    print(f"load after: {load()}")
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
