"""Export, a value's thread and ``refleks status``, timed as whole processes. Run, don't test.

    PYTHONPATH=src .venv/bin/python bench/export_bench.py [--sizes 5000 50000] [--runs 7]
        [--journals DIR] [--value tillit] [--only pack]

Journals come from ``journal_bench.build`` (the same generated Norwegian text) and are
kept in ``--journals`` so a second run, or the same journals under an older checkout
(``PYTHONPATH=/tmp/old/src``, a before/after pair), skip building. Every figure is a
fresh process started the way a person starts refleks; user+system CPU, wall time and
peak RSS come from ``wait4`` — the same counters ``/usr/bin/time -v`` prints. Reported:
median and min–max of ``--runs`` runs, then PASS/MISS against the budgets of issue 12:

- ``export --format markdown``: ≤ 0.3 s at 5,000; linear (per check-in at the largest
  size ≤ 1.25× per check-in at the smallest); peak memory flat (≤ 1.25×).
- a value's thread, the read the over-time screen does, in process: ≤ 0.15 s at 50,000,
  wall and CPU (the whole process is printed too; the app is already running when a
  person opens it).
- ``refleks status``: ≤ 40 ms of CPU (``python -c pass`` is printed as the floor).
- the supervision pack (issue 24): ``export --format html -o FILE`` ≤ 2× the CPU of
  ``export --format markdown -o FILE``, at each size; both written to a new file each
  run, as a person exports. ``--only pack`` measures just these.

The machine's load (``/proc/loadavg``) is printed before and after: other work running
at the same time shows up there, and in wider min–max ranges.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from journal_bench import ENV, build

# What the over-time screen runs when a value's thread opens: the new indexed read if
# this checkout has it, else the old way (every check-in decoded, streamed once).
THREAD = """
import sys, time
began = time.perf_counter()
from refleks import insights
from refleks.journal.store import Journal
with Journal.open(sys.argv[1], create=False) as journal:
    start, cpu = time.perf_counter(), time.process_time()
    if hasattr(insights, "journal_thread"):
        entries = insights.journal_thread(journal, sys.argv[2])
    else:
        from refleks.journal.queries import Filter
        entries = insights.value_thread(journal.iter_checkins(Filter(include_drafts=False)),
                                        sys.argv[2])
    read, cpu = time.perf_counter() - start, time.process_time() - cpu
print(f"{read:.6f} {len(entries)} {cpu:.6f}")
"""


def measured(command: list[str], env: dict[str, str], runs: int,
             ok: tuple[int, ...] = (0,), warm_up: bool = True) -> dict[str, list[float]]:
    """``runs`` timed runs after one warm-up: wall, cpu and rss lists, plus outputs."""
    probe = (
        "import os, subprocess, sys, time\n"
        "b = time.perf_counter()\n"
        "p = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE if sys.argv[1] == '1' "
        "else subprocess.DEVNULL)\n"
        "out = p.stdout.read() if p.stdout else b''\n"
        "_, status, ru = os.wait4(p.pid, 0)\n"
        "w = time.perf_counter() - b\n"
        "sys.stdout.write(f'{os.waitstatus_to_exitcode(status)} {w} '\n"
        "                 f'{ru.ru_utime + ru.ru_stime} {ru.ru_maxrss}\\n')\n"
        "sys.stdout.write(out.decode())\n"
    )
    keep_output = "1" if command[1:3] == ["-c", THREAD] else "0"
    result: dict[str, list[float]] = {"wall": [], "cpu": [], "rss": [], "extra": []}
    for n in range(0 if warm_up else 1, runs + 1):
        out = Path(tempfile.gettempdir()) / f"refleks-bench-{os.getpid()}-{n}.out"
        out.unlink(missing_ok=True)  # refleks writes only a new file: "{out}" is one each run
        argv = [str(out) if part == "{out}" else part for part in command]
        done = subprocess.run([sys.executable, "-c", probe, keep_output, *argv], env=env,
                              capture_output=True, text=True, check=True)
        out.unlink(missing_ok=True)
        head, _, rest = done.stdout.partition("\n")
        code, wall, cpu, rss = head.split()
        if int(code) not in ok:
            raise SystemExit(f"failed ({code}): {' '.join(command[:6])} …\n{done.stderr[-2000:]}")
        if n == 0:
            continue  # warm-up: file cache, bytecode
        result["wall"].append(float(wall))
        result["cpu"].append(float(cpu))
        result["rss"].append(int(rss) / 1024)
        if rest.strip():
            read, count, cpu = rest.split()[:3]
            result["extra"].append(float(read))
            result.setdefault("extra_cpu", []).append(float(cpu))
            result["count"] = [float(count)]
    return result


def fmt(values: list[float], unit: str = "s", scale: float = 1.0, digits: int = 3) -> str:
    lo, mid, hi = min(values) * scale, statistics.median(values) * scale, max(values) * scale
    return f"{mid:.{digits}f} {unit} ({lo:.{digits}f}–{hi:.{digits}f})"


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--journals", type=Path, default=Path(tempfile.gettempdir())
                        / "refleks-export-bench")
    parser.add_argument("--value", default="tillit")
    parser.add_argument("--only", choices=["all", "pack"], default="all")
    args = parser.parse_args()
    args.journals.mkdir(parents=True, exist_ok=True)
    import refleks

    print(f"refleks from {Path(refleks.__file__).parent}; {os.cpu_count()} CPUs; "
          f"load before {load()}")
    home = Path(tempfile.mkdtemp(prefix="refleks-bench-home-"))
    (home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    env = ENV | {"REFLEKS_CONFIG": str(home / "config.toml"),
                 "XDG_CACHE_HOME": str(home / "cache"), "LANG": "nb_NO.UTF-8"}
    py = sys.executable
    floor = measured([py, "-c", "pass"], env, args.runs)
    print(f"python -c pass: cpu {fmt(floor['cpu'], 'ms', 1000, 1)}, "
          f"wall {fmt(floor['wall'], 'ms', 1000, 1)}")
    export: dict[int, dict[str, list[float]]] = {}
    thread: dict[int, dict[str, list[float]]] = {}
    status: dict[int, dict[str, list[float]]] = {}
    pack: dict[int, tuple[dict[str, list[float]], dict[str, list[float]]]] = {}
    for size in args.sizes:
        path = args.journals / f"journal-{size}.sqlite3"
        if not path.exists():
            print(f"building {size} check-ins… {build(path, size):.1f} s", flush=True)
        base = [py, "-m", "refleks", "--lang", "nb", "--journal", str(path)]
        # The pack against the Markdown, paired run by run (A B A B) so load hits both.
        as_html = [*base, "export", "--format", "html", "-o", "{out}"]
        as_markdown = [*base, "export", "--format", "markdown", "-o", "{out}"]
        measured(as_html, env, 0), measured(as_markdown, env, 0)  # warm-up: cache, bytecode
        pairs = [(measured(as_html, env, 1, warm_up=False),
                  measured(as_markdown, env, 1, warm_up=False)) for _ in range(args.runs)]
        html, md = ({key: [v for p in pairs for v in p[i][key]] for key in ("wall", "cpu", "rss")}
                    for i in (0, 1))
        pack[size] = (html, md)
        ratios = [h / m for h, m in zip(html["cpu"], md["cpu"], strict=True)]
        print(f"{size:>7,} export --format html -o: cpu {fmt(html['cpu'])}, "
              f"wall {fmt(html['wall'])}, peak {fmt(html['rss'], 'MiB', digits=0)}")
        print(f"{size:>7,} export --format markdown -o: cpu {fmt(md['cpu'])}, "
              f"wall {fmt(md['wall'])}, peak {fmt(md['rss'], 'MiB', digits=0)}")
        print(f"{size:>7,} html ÷ markdown, CPU run by run: {fmt(ratios, '×', digits=2)}",
              flush=True)
        if args.only == "pack":
            continue
        export[size] = measured([*base, "export", "--format", "markdown"], env, args.runs)
        thread[size] = measured([py, "-c", THREAD, str(path), args.value], env, args.runs)
        status[size] = measured([*base, "status"], env, args.runs, ok=(0, 1))
        e, th, s = export[size], thread[size], status[size]
        print(f"{size:>7,} export --format markdown: wall {fmt(e['wall'])}, "
              f"cpu {fmt(e['cpu'])}, peak {fmt(e['rss'], 'MiB', digits=0)}")
        print(f"{size:>7,} value thread ({args.value}, {int(th['count'][0])} weeks): read "
              f"{fmt(th['extra'])}, cpu {fmt(th['extra_cpu'])}; whole process {fmt(th['wall'])}, "
              f"peak {fmt(th['rss'], 'MiB', digits=0)}")
        print(f"{size:>7,} status: cpu {fmt(s['cpu'], 'ms', 1000, 1)}, "
              f"wall {fmt(s['wall'], 'ms', 1000, 1)}, peak {fmt(s['rss'], 'MiB', digits=0)}",
              flush=True)
    print(f"load after {load()}")
    small, large = min(args.sizes), max(args.sizes)
    med = statistics.median
    print()
    for size, (html, md) in pack.items():
        ratio = med(html["cpu"]) / med(md["cpu"])
        print(f"{verdict(ratio <= 2)}  the pack at {size:,}: {ratio:.2f}× the Markdown "
              f"export's CPU ({med(html['cpu']):.2f} s against {med(md['cpu']):.2f} s; "
              "budget 2×)")
    if args.only == "pack":
        return
    if 5000 in export:
        seconds = med(export[5000]["wall"])
        cpu = med(export[5000]["cpu"])
        print(f"{verdict(seconds <= 0.3)}  export markdown at 5,000: {seconds:.3f} s "
              "(budget 0.3 s)")
        print(f"{verdict(cpu <= 0.3)}  export markdown at 5,000, CPU: {cpu:.3f} s "
              "(budget 0.3 s)")
    if small != large:
        per_small = med(export[small]["wall"]) / small
        per_large = med(export[large]["wall"]) / large
        print(f"{verdict(per_large <= 1.25 * per_small)}  export grows linearly: "
              f"{per_large * 1e6:.1f} µs per check-in at {large:,} vs {per_small * 1e6:.1f} at "
              f"{small:,} (budget 1.25×)")
        rss_small, rss_large = med(export[small]["rss"]), med(export[large]["rss"])
        print(f"{verdict(rss_large <= 1.25 * rss_small)}  export memory flat: "
              f"{rss_large:.0f} MiB at {large:,} vs {rss_small:.0f} MiB (budget 1.25×)")
    if 50000 in thread:
        seconds = med(thread[50000]["extra"])
        cpu = med(thread[50000]["extra_cpu"])
        print(f"{verdict(seconds <= 0.15)}  value thread at 50,000: {seconds:.3f} s "
              "(budget 0.15 s)")
        print(f"{verdict(cpu <= 0.15)}  value thread at 50,000, CPU (what a loaded "
              f"machine cannot inflate): {cpu:.3f} s (budget 0.15 s)")
    worst = max(med(s["cpu"]) for s in status.values())
    print(f"{verdict(worst <= 0.040)}  status CPU: {worst * 1000:.1f} ms, slowest size "
          f"(budget 40 ms; python -c pass {med(floor['cpu']) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
