"""refleks against jrnl on the same text: export, search and list, as whole processes.

Set up once (jrnl is not a refleks dependency; it gets a virtual environment of its own):

    python3 -m venv /tmp/jrnl-venv && /tmp/jrnl-venv/bin/pip install jrnl==4.6

then run, from a refleks checkout:

    PYTHONPATH=src .venv/bin/python bench/jrnl_compare.py [--sizes 5000] [--runs 5]
        [--jrnl /tmp/jrnl-venv/bin/jrnl] [--journals DIR]

The refleks journal comes from ``journal_bench.build`` (kept in ``--journals``, shared
with ``export_bench.py``). jrnl's plain-text journal is written from that very journal:
one entry per check-in, at the minute it was started, titled with its area, its body
everything the person wrote (``codec.search_text``: answers, CHIME reflections, focus
actions, follow-ups, notes) — the same number of entries and the same words. jrnl gets
a config file of its own next to it, so nothing of a real jrnl set-up is touched.

Compared, output into a pipe (``/dev/null``), medians and min–max of ``--runs`` runs
after one warm-up, user+system CPU too:

- ``refleks export --format markdown``  vs  ``jrnl --format markdown``
- ``refleks list --search tillit``      vs  ``jrnl -contains tillit --format short``
- ``refleks list``                      vs  ``jrnl --format short``

A ratio below 1 means refleks is faster. Budget (issue 12): export ≤ 0.2× jrnl.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_bench import fmt, load, measured
from journal_bench import ENV, build

from refleks.journal import codec
from refleks.journal.store import Journal

CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def jrnl_journal(source: Path, target: Path) -> Path:
    """jrnl's text file (and its config) holding the check-ins of ``source``."""
    config = target.with_suffix(".yaml")
    if target.exists() and config.exists():
        return config
    partial = target.with_suffix(".partial")
    with Journal.open(source, create=False) as journal, \
            partial.open("w", encoding="utf-8") as out:
        for checkin in journal.iter_checkins():
            when = checkin.started_at.strftime("%Y-%m-%d %H:%M")
            body = codec.search_text(checkin)
            out.write(f"[{when}] {checkin.area_title}.\n{body}\n\n")
    partial.replace(target)
    config.write_text(CONFIG.format(journal=target), encoding="utf-8")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jrnl", default="/tmp/jrnl-venv/bin/jrnl")
    parser.add_argument("--journals", type=Path, default=Path(tempfile.gettempdir())
                        / "refleks-export-bench")
    parser.add_argument("--word", default="tillit")
    args = parser.parse_args()
    if not os.access(args.jrnl, os.X_OK):
        raise SystemExit(f"--jrnl: {args.jrnl} is not there; set it up first:\n"
                         "  python3 -m venv /tmp/jrnl-venv && "
                         "/tmp/jrnl-venv/bin/pip install jrnl==4.6")
    args.journals.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="refleks-jrnl-home-"))
    (home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    env = ENV | {"REFLEKS_CONFIG": str(home / "config.toml"), "LANG": "nb_NO.UTF-8",
                 "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home),
                 "XDG_DATA_HOME": str(home), "HOME": str(home)}
    print(f"load before {load()}; {os.cpu_count()} CPUs; runs {args.runs}")
    verdicts = []
    for size in args.sizes:
        path = args.journals / f"journal-{size}.sqlite3"
        if not path.exists():
            print(f"building {size} check-ins… {build(path, size):.1f} s", flush=True)
        config = jrnl_journal(path, args.journals / f"jrnl-{size}.txt")
        ours = [sys.executable, "-m", "refleks", "--lang", "nb", "--journal", str(path)]
        theirs = [args.jrnl, "--config-file", str(config)]
        pairs = [
            ("export markdown", [*ours, "export", "--format", "markdown"],
             [*theirs, "--format", "markdown"]),
            (f"search {args.word}", [*ours, "list", "--search", args.word],
             [*theirs, "-contains", args.word, "--format", "short"]),
            ("list", [*ours, "list"], [*theirs, "--format", "short"]),
        ]
        print(f"\n{size:,} entries ({path.stat().st_size / 1e6:.0f} MB refleks, "
              f"{(args.journals / f'jrnl-{size}.txt').stat().st_size / 1e6:.0f} MB jrnl)")
        for name, refleks_cmd, jrnl_cmd in pairs:
            a = measured(refleks_cmd, env, args.runs)
            b = measured(jrnl_cmd, env, args.runs)
            ratio = statistics.median(a["wall"]) / statistics.median(b["wall"])
            cpu_ratio = statistics.median(a["cpu"]) / statistics.median(b["cpu"])
            print(f"  {name:<16} refleks {fmt(a['wall'])} | jrnl {fmt(b['wall'])} | "
                  f"refleks/jrnl {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu "
                  f"| peak {statistics.median(a['rss']):.0f} / "
                  f"{statistics.median(b['rss']):.0f} MiB", flush=True)
            if name == "export markdown":
                verdicts.append((size, ratio))
    print(f"\nload after {load()}")
    for size, ratio in verdicts:
        print(f"{'PASS' if ratio <= 0.2 else 'MISS'}  export markdown at {size:,}: "
              f"{ratio:.2f}x jrnl (budget 0.20x)")


if __name__ == "__main__":
    main()
