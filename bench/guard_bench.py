"""``refleks check-text FILE`` on big texts, timed as whole processes. Run, don't test.

    PYTHONPATH=src .venv/bin/python bench/guard_bench.py [--sizes 1 2 5 10] [--runs 5]
        [--texts DIR] [--anna-mb 1.6] [--lang nb]

Two kinds of text, generated once into ``--texts`` (kept, so a second run or an older
checkout on ``PYTHONPATH`` reads the same bytes):

- ``findings-<N>mb.txt``: Norwegian reflection lines with something that may identify
  a person every few lines (a name, a phone number, an e-mail address, a date of birth,
  an identity number, an address, a postcode and place, "f. 1987", an age with a place
  and a diagnosis), and amounts, dates and counts in between that must stay quiet.
- ``anna-<N>mb.txt``: ``Anna `` repeated, one line: a finding every five characters and
  no line break to count from.

Every figure is a fresh ``python -m refleks check-text`` process, started the way a
person starts it, its output thrown away. CPU is user + system from
``resource.getrusage(RUSAGE_CHILDREN)`` (before and after each run), peak memory the
process's own ``ru_maxrss`` from ``wait4``. Median and min–max of ``--runs`` runs after
one warm-up, then PASS/MISS against issue 24's budgets: 10 MB with findings ≤ 5 s CPU,
1.6 MB of ``Anna `` ≤ 1 s CPU, and CPU per MB at the largest size ≤ 1.25× the smallest
(linear). ``/proc/loadavg`` is printed before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000

# One line in three carries something that identifies; the rest are ordinary lines,
# full of capitals, dates, amounts and counts the guard must leave alone.
IDENTIFYING = (
    "I dag snakket jeg med Kari om hvordan hun opplevde møtet med NAV.",
    "Han ringte fra 412 34 567 midt i gruppa, og jeg tok den ikke.",
    "Mailen kom fra ola.nordmann@gmail.com og var skrevet i sinne.",
    "Sønnen, født 12.03.1985, var med på samtalen denne gangen.",
    "Fødselsnummeret 11036507456 stod på lappen jeg skulle ta med.",
    "Hun bor i Storgata 12 og vil ikke at naboene skal vite noe.",
    "Adressen på brevet var 0150 Oslo, så det kom til feil kontor.",
    "Han er f. 1987 og har vært innlagt tre ganger det siste året.",
    "Mannen på 34 med schizofreni som bor på Vardø sykehjem ringte igjen.",
    "Etter gruppa sa Ahmed at han endelig følte seg sett av oss.",
    "Máret ville ikke snakke om det i dag, og det var greit.",
)
ORDINARY = (
    "Per uke bruker jeg fire timer på dokumentasjon, og det kjennes for mye.",
    "Møtet var 12.03.2025 kl. 14.30, og vi fikk 12 500 000 kr til prosjektet.",
    "Tillit var mest til stede denne uka; Håp kom i bakgrunnen.",
    "Det kostet 250 kr per time, og 3 av 10 sa de var fornøyde.",
    "Vi hadde fagdag om recovery, og Liv og helse henger sammen.",
    "Jeg lyttet mer enn jeg snakket, og det gjorde samtalen roligere.",
    "Uke 48: to samtaler, ett møte i teamet og en lang telefon.",
    "Tone i møtet var bedre enn sist, selv om temaet var vanskelig.",
)


def findings_text(size: int, seed: int = 24) -> str:
    """About ``size`` characters of lines, a finding every third line."""
    rng = random.Random(seed)
    lines: list[str] = []
    total = 0
    n = 0
    while total < size:
        line = IDENTIFYING[n // 3 % len(IDENTIFYING)] if n % 3 == 2 else rng.choice(ORDINARY)
        lines.append(line)
        total += len(line) + 1
        n += 1
    return "\n".join(lines) + "\n"


def anna_text(size: int) -> str:
    return "Anna " * (size // 5)


def run(command: list[str], env: dict[str, str]) -> tuple[int, float, float, float]:
    """Exit code, wall seconds, CPU seconds (children's rusage), peak MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return os.waitstatus_to_exitcode(status), wall, cpu, usage.ru_maxrss / 1024


def measured(command: list[str], env: dict[str, str], runs: int) -> dict[str, list[float]]:
    result: dict[str, list[float]] = {"wall": [], "cpu": [], "rss": []}
    for n in range(runs + 1):
        code, wall, cpu, rss = run(command, env)
        if code not in (0, 1):
            raise SystemExit(f"failed ({code}): {' '.join(command)}")
        if n == 0:
            continue  # warm-up: file cache, bytecode
        result["wall"].append(wall)
        result["cpu"].append(cpu)
        result["rss"].append(rss)
    return result


def fmt(values: list[float], unit: str = "s", digits: int = 2) -> str:
    return (f"{statistics.median(values):.{digits}f} {unit} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5, 10],
                        help="sizes of the text with findings, in MB")
    parser.add_argument("--anna-mb", type=float, default=1.6)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="nb")
    parser.add_argument("--texts", type=Path,
                        default=Path(tempfile.gettempdir()) / "refleks-guard-bench")
    args = parser.parse_args()
    args.texts.mkdir(parents=True, exist_ok=True)
    import refleks

    print(f"refleks from {Path(refleks.__file__).parent}; {os.cpu_count()} CPUs; "
          f"load before {load()}")
    home = Path(tempfile.mkdtemp(prefix="refleks-bench-home-"))
    (home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
        "REFLEKS_CONFIG": str(home / "config.toml"), "XDG_CACHE_HOME": str(home / "cache")}
    base = [sys.executable, "-m", "refleks", "--lang", args.lang, "check-text"]

    def text_file(name: str, make: str) -> Path:
        path = args.texts / name
        if not path.exists():
            path.write_text(make, encoding="utf-8")
        return path

    cpu_per_mb: dict[float, float] = {}
    for size in args.sizes:
        path = text_file(f"findings-{size:g}mb.txt", findings_text(int(size * MB)))
        found = subprocess.run([*base, str(path)], env=env, capture_output=True,
                               text=True).stdout.count("\n")
        m = measured([*base, str(path)], env, args.runs)
        cpu_per_mb[size] = statistics.median(m["cpu"]) / size
        print(f"{size:>5g} MB with findings ({found:,} found): cpu {fmt(m['cpu'])}, "
              f"wall {fmt(m['wall'])}, peak {fmt(m['rss'], 'MiB', 0)}", flush=True)
    anna = text_file(f"anna-{args.anna_mb:g}mb.txt", anna_text(int(args.anna_mb * MB)))
    a = measured([*base, str(anna)], env, args.runs)
    print(f"{args.anna_mb:>5g} MB of 'Anna ': cpu {fmt(a['cpu'])}, wall {fmt(a['wall'])}, "
          f"peak {fmt(a['rss'], 'MiB', 0)}", flush=True)
    print(f"load after {load()}\n")
    largest, smallest = max(cpu_per_mb), min(cpu_per_mb)
    if 10 in cpu_per_mb:
        cpu = cpu_per_mb[10] * 10
        print(f"{verdict(cpu <= 5)}  10 MB with findings: {cpu:.2f} s CPU (budget 5 s)")
    cpu = statistics.median(a["cpu"])
    print(f"{verdict(cpu <= 1)}  {args.anna_mb:g} MB of 'Anna ': {cpu:.2f} s CPU (budget 1 s)")
    if largest != smallest:
        ratio = cpu_per_mb[largest] / cpu_per_mb[smallest]
        print(f"{verdict(ratio <= 1.25)}  linear: {cpu_per_mb[largest]:.2f} s per MB at "
              f"{largest:g} MB vs {cpu_per_mb[smallest]:.2f} at {smallest:g} MB "
              f"({ratio:.2f}×, budget 1.25×)")


if __name__ == "__main__":
    main()
