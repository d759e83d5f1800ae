"""Issue 24 after issue 25: the supervision pack keeps its memory flat.

The title page, overview and running headers need a fact or two from every check-in
before the first check-in is written. Those facts are folded in as they stream past,
not kept a check-in each: when the first check-in is made HTML, no more than a couple
of them are alive, however long the journal (before, all of them were: 157 MiB at
50,000 check-ins against 43 MiB for the Markdown export).
"""

from __future__ import annotations

import gc
import re
from datetime import timedelta
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.journal import html, pack_facts
from refleks.journal.store import Journal

CHECKINS = 150


def test_the_packs_facts_are_not_kept_a_checkin_each(
        journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = make_checkin("2024-01-01")
    with Journal.open(journal_path) as journal:
        for n in range(CHECKINS):
            checkin = make_checkin(uid=f"c{n:04d}")
            checkin.started_at = first.started_at + timedelta(days=7 * n)
            checkin.completed_at = checkin.started_at + timedelta(minutes=20)
            journal.save(checkin)

    alive: list[int] = []
    make = html.PackLabels.checkin

    def counting(self: html.PackLabels, r: object, level: int = 2) -> str:
        if not alive:
            gc.collect()
            alive.append(sum(isinstance(o, pack_facts.EntryFacts) for o in gc.get_objects()))
        return make(self, r, level)  # type: ignore[arg-type]

    monkeypatch.setattr(html.PackLabels, "checkin", counting)
    out = tmp_path / "pakke.html"
    assert main(["--lang", "nb", "export", "-o", str(out)]) == 0, capsys.readouterr().err
    page = out.read_text(encoding="utf-8")

    assert alive and alive[0] <= 2, f"{alive[0]} check-ins' facts kept"
    # ... and the pack still says all of them: the count, a running header each.
    assert f"{CHECKINS} refleksjoner" in page
    assert len(re.findall(r"@page c\d+ \{ @top-left", page)) == CHECKINS
    assert page.count('<section class="entry">') == CHECKINS


def test_a_running_header_escapes_every_character_but_letters_digits_and_spaces() -> None:
    shown = html._css_string('Æ 7. "}\\\n_😀é')
    assert shown == ('"Æ 7\\00002e  \\000022 \\00007d \\00005c \\00000a \\00005f '
                     '\\01f600 é"')
