"""The Markdown export's own road through the journal (``Journal.iter_rendered``):
the same document as rendering each ``CheckIn``, however the text was stored.

The export reads rows into ``Readable`` and renders all of a check-in's texts at once
(``markdown_text.blocks``); it skips ``visible`` for a body whose bytes show it cannot hold
a control character. These tests hold each shortcut to the long way round.
"""

from __future__ import annotations

import random
import re
import sqlite3
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.content.model import Content
from refleks.content.ui import Strings, load_strings
from refleks.journal.errors import JournalError
from refleks.journal.markdown import Labels, render_checkin, render_readable
from refleks.journal.markdown_text import block, blocks
from refleks.journal.model import Answer, Focus
from refleks.journal.rows import may_hold_controls
from refleks.journal.store import Journal

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Everything that steers block(): block markers, digits, edge spaces and tabs, breaks,
# carriage returns, NUL (the separator blocks() joins by), inline markup, letters.
ALPHABET = "#>+=-*_`~|[]<&\\.)19 \t\f\v\n\n\n\r\x00aæøå«»"


@pytest.fixture(scope="module")
def nb() -> Strings:
    return load_strings("nb")


def test_blocks_of_many_texts_equal_block_of_each() -> None:
    rng = random.Random(20261201)
    for _ in range(3000):
        texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 25)))
                 for _ in range(rng.randint(0, 6))]
        assert blocks(texts) == [block(text) for text in texts], texts


def test_blocks_of_ordinary_paragraphs_take_the_quick_path_to_the_same_text() -> None:
    texts = ["Første avsnitt.\nEn ny linje.\n\nAndre avsnitt.", "", "Én linje", "Siste."]
    assert blocks(texts) == [block(text) for text in texts]
    assert blocks(texts)[0] == "Første avsnitt.\\\nEn ny linje.\n\nAndre avsnitt."


def test_line_breaks_and_paragraph_breaks_in_one_text_take_the_quick_path_right() -> None:
    """Texts that reach the quick path's hard breaks (plain ends, no three breaks in a
    row) mixing line and paragraph breaks with typed backslashes and markup."""
    rng = random.Random(20261202)
    pieces = ["ord", "æøå", "\\", "\\\\", "*", "\n", "\n\n", " "]
    quick = 0
    for _ in range(3000):
        texts = []
        for _ in range(rng.randint(1, 5)):
            middle = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
            middle = middle.replace("\n\n\n", "\n\n").replace(" \n", "\n").replace("\n ", "\n")
            texts.append(f"a{middle}b")
        assert blocks(texts) == [block(text) for text in texts], texts
        quick += any("\n" in t.replace("\n\n", "") for t in texts)
    assert quick > 1000  # a line break of its own in many (1,234 reach the replaces)


def test_paragraph_breaks_alone_stay_as_they_are() -> None:
    texts = ["Første avsnitt.\n\nAndre avsnitt.", "Én linje", "Tredje.\n\nFjerde *her*."]
    assert blocks(texts) == [block(text) for text in texts]
    assert blocks(texts)[0] == texts[0]
    assert blocks(texts)[2] == "Tredje.\n\nFjerde \\*her\\*."


def hostile_parts(text: str):
    c = make_checkin("2026-11-30", area_title=f"Område {text}", answer=f"Svar {text}")
    c.answers.append(Answer("q2", f"Spørsmål {text}", f"# {text}\n\n1. {text}  \n"))
    c.focus = [Focus("tillit", f"Tillit {text}", f"Handling {text}\nlinje to"),
               Focus("håp", "Håp", "")]
    c.method_id, c.method_title = "m", f"Metode {text}"
    c.notes = f"Notater {text}"
    c.chime[0].text = f"CHIME {text}"
    c.follow_ups[0].text = f"Oppfølging {text}"
    c.later_notes[0].text = f"Senere {text}"
    return c


# One control character at a time, each in a different disguise in the stored JSON:
# escaped (ESC, CR, BS, FF, NUL), or as it is (DEL, a C1 control).
@pytest.mark.parametrize("control", ["\x1b", "\r", "\x08", "\x0c", "\x00", "\x7f", "\x9b"],
                         ids=repr)
def test_each_kind_of_stored_control_character_is_shown_as_a_symbol(
        capsys: pytest.CaptureFixture[str], journal_path: Path, nb: Strings,
        content: Content, control: str) -> None:
    with Journal.open(journal_path) as j:
        j.save(hostile_parts(f"a{control}b"))  # stored as written, as an old journal was
        raw = j._conn.execute("SELECT CAST(body AS BLOB) FROM checkins").fetchone()[0]
        checkin = j.latest(include_drafts=True)
    assert may_hold_controls(raw)
    assert main(["--lang", "nb", "export"]) == 0
    out = capsys.readouterr().out
    assert not CONTROL.search(out), CONTROL.findall(out)
    assert checkin is not None  # read the long way (CheckIn, every text through visible)
    # (the export names what the content knows as the content does: content.names)
    assert render_checkin(checkin, nb, content=content) in out


def test_a_body_without_controls_is_not_suspected_and_renders_the_same(
        journal_path: Path, nb: Strings) -> None:
    with Journal.open(journal_path) as j:
        j.save(hostile_parts("«sitat» – \\u001b skrevet som tekst, \\r også"))
        raw = j._conn.execute("SELECT CAST(body AS BLOB) FROM checkins").fetchone()[0]
        checkin = j.latest(include_drafts=True)
        assert checkin is not None
        rendered = list(j.iter_rendered(lambda r: render_readable(r, Labels(nb))))
    assert b"\\\\u001b" in raw  # the typed backslash: a doubt, so the long way is taken
    assert may_hold_controls(raw)
    assert not may_hold_controls(raw.replace(b"\\\\", b"/"))
    assert rendered == [render_checkin(checkin, nb)]


@pytest.mark.parametrize("body", [
    b'{"answers": 5}',  # JSON, but not a body
    b'["a list"]',
    b'{"answers": [], "chime": [], "focus": [{"value_id": 1}], "follow_ups": [], '
    b'"notes": "", "later_notes": []}',
    b"\xff\xfe not UTF-8",
], ids=["shape", "list", "focus", "bytes"])
def test_a_body_changed_behind_our_back_is_one_line_not_a_traceback(
        capsys: pytest.CaptureFixture[str], journal_path: Path, body: bytes) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin())
    with sqlite3.connect(journal_path) as conn:
        conn.execute("UPDATE checkins SET body = ?", (body,))
    conn.close()
    with pytest.raises(JournalError) as caught, Journal.open(journal_path) as j:
        list(j.iter_rendered(lambda r: render_readable(r, Labels(load_strings("en")))))
    assert caught.value.key == "errors.damaged"
    assert main(["--lang", "en", "export"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "damaged" in err


def test_the_export_reads_in_time_order_from_an_index(journal_path: Path) -> None:
    """Version 5's index: no sorting of its own for SQLite on each export."""
    from refleks.journal.queries import Filter, stream_sql
    from refleks.journal.rows import READABLE_COLUMNS

    with Journal.open(journal_path) as j:
        j.save(make_checkin())
    with sqlite3.connect(journal_path) as conn:
        for flt in (None, Filter(include_drafts=False)):
            sql, params = stream_sql(READABLE_COLUMNS, flt, True)
            plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            assert not any("TEMP B-TREE" in row[-1] for row in plan), plan
    conn.close()
