"""The supervision pack's phases, timed in process beside the Markdown export's check-ins.

    PYTHONPATH=src .venv/bin/python bench/pack_phases.py JOURNAL [--runs 3] [--lang nb]

Whole-process CPU (``export_bench.py --only pack``) moves with the machine's load by a
tenth from sitting to sitting; these say where the pack's time goes, phase by phase, in
CPU seconds (``time.process_time``) of one process: the facts query and its rows
(``pack_facts.facts_from_journal``), folding them (``PackFacts.add``), the running headers
(``_RunningHeaders.rule``), the check-ins made HTML (``PackLabels.checkin``), and the same
check-ins made Markdown (``render_readable``), the export the pack is measured against.
Run, don't test; an older checkout's code with its ``src`` first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from refleks.content.loader import load_content
from refleks.content.ui import load_strings
from refleks.journal import html, pack_facts
from refleks.journal.labels import Labels
from refleks.journal.markdown import render_readable
from refleks.journal.queries import Filter
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings


def one_run(journal: Journal, t: Strings, content: Content) -> dict[str, float]:
    """CPU seconds of each phase, in the order the pack runs them."""
    flt, clock, row = Filter(), time.process_time, {}
    began = clock()
    facts = list(pack_facts.facts_from_journal(journal, flt))
    row["facts query+rows"] = clock() - began
    labels = html.PackLabels(t, content, texts_visible=True)
    folded, headers = pack_facts.PackFacts(), html._RunningHeaders(labels)
    began = clock()
    for entry in facts:
        folded.add(entry)
    row["PackFacts.add"] = clock() - began
    began = clock()
    for n, entry in enumerate(facts):
        headers.rule(n, entry)
    row["running headers"] = clock() - began
    del facts
    began = clock()
    for _ in journal.listing.iter_rendered(labels.checkin, flt):
        pass
    row["pack check-ins"] = clock() - began
    markdown = partial(render_readable, labels=Labels(t, content))
    began = clock()
    for _ in journal.listing.iter_rendered(markdown, flt):
        pass
    row["markdown check-ins"] = clock() - began
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("journal", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="nb")
    args = parser.parse_args()
    t, content = load_strings(args.lang), load_content(bundled_content_dir(), args.lang)
    with Journal.open(args.journal, create=False, read_only=True) as journal:
        for _ in range(args.runs):
            row = one_run(journal, t, content)
            print("  ".join(f"{name} {seconds:.3f} s" for name, seconds in row.items()),
                  flush=True)


if __name__ == "__main__":
    main()
