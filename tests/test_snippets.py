"""Search snippets built in Python are the ones SQLite's FTS5 ``snippet()`` made.

``make_snippet`` replaced ``snippet(search, 0, …, '…', 16)`` (a query per row, and
quadratic in the matches of one text); what a person reads must not change. Each case
is checked against FTS5 itself, on an index with the journal's tokenizer.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

from refleks.journal.queries import MATCH_END, MATCH_START, fts_query, make_snippet, search_words
from refleks.journal.schema import TOKENIZER

WORDS = ("tillit", "til", "tid", "jeg", "lyttet", "lytte", "håp", "Håpet", "ro", "og", "i",
         "møtet", "selv", "ÆRLIG", "ærlighet", "5", "2026")
# Words never searched for: long gaps, long words, and "_" (not a letter to the index).
FILLER = ("samtale", "Mer", "brukermedvirkningsprosessene", "x" * 70, "ord", "veiledning",
          "Å", "x9", "_", "ne_i", "3.5", "e.g")
GLUE = (" ", " ", " ", ", ", ". ", ": ", "! ", "? ", ".\n\n", " – ", ".", "\t", " (", ") ")


def fts_snippet(text: str, search: str) -> str | None:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE search USING fts5(text, tokenize = '{TOKENIZER}')")
    conn.execute("INSERT INTO search (rowid, text) VALUES (1, ?)", [text])
    query = fts_query(search)
    found = conn.execute(f"SELECT snippet(search, 0, '{MATCH_START}', '{MATCH_END}', '…', 16)"
                         " FROM search WHERE search MATCH ?", [query]).fetchall()
    conn.close()
    return found[0][0] if found else None


def text_of(rng: random.Random, count: int) -> str:
    parts = [rng.choice(("", " ", "- "))]
    for _ in range(count):
        parts += [rng.choice(WORDS if rng.random() < 0.3 else FILLER), rng.choice(GLUE)]
    return "".join(parts) + rng.choice(("", ".", " ", "…\n"))


@pytest.mark.parametrize(("text", "search"), [
    ("Halvferdige tanker om tillit.", "tillit"),
    ("Jeg kjente på et ønske om å fikse ting for ham i stedet for å lytte. Det minnet meg "
     "om hvorfor jeg valgte å jobbe med dette. Han sa lite.", "lyt"),
    ("Det var tydelig at han hadde erfart mange tillitsbrudd tidligere. Det ble en god "
     "samtale om tid og ro, og om hva vi gjør neste gang.", "tillit"),
    ("en to tre fire fem seks sju åtte ni ti elleve tolv tretten fjorten femten seksten "
     "sytten atten nitten tjue tillit", "tillit"),
    ("tillit " * 40, "tillit"),
    ("Om håp: " + "ord " * 30 + "og så håp og tillit sammen. " + "mer " * 30, "håp tillit"),
])
def test_as_fts5_made_them(text: str, search: str) -> None:
    assert make_snippet(text, search_words(search)) == fts_snippet(text, search)


def test_as_fts5_made_them_for_many_texts() -> None:
    rng = random.Random(12)
    checked = 0
    for _ in range(1500):
        text = text_of(rng, rng.choice((3, 10, 15, 16, 17, 25, 60, 200)))
        search = " ".join(rng.sample(WORDS, rng.choice((1, 1, 2, 3))))
        expected = fts_snippet(text, search)
        if expected is None:  # not found: no row, nothing to show
            continue
        assert make_snippet(text, search_words(search)) == expected, (text, search)
        checked += 1
    assert checked > 500


def test_a_snippet_is_cut_from_the_body_as_fts5_cut_it(journal_path) -> None:
    """The index keeps no copy of the text (schema 7): every snippet, of a short text or
    a long one, in a list, a stream or a page read lazily, is cut in Python from the
    check-in's body: the window FTS5's snippet() chose from the indexed text."""
    from journal_helpers import make_checkin

    from refleks.journal.queries import Filter
    from refleks.journal.rows import index_text
    from refleks.journal.store import Journal

    filler = "Vi snakket lenge om hverdagen og om hva som hjelper. " * 200
    short = "Hun fortalte om tillit: den bygges sakte. " + filler[:2000]
    long = filler[:3000] + "Hun fortalte om tillit: den bygges sakte. " + filler
    search = Filter(search="tillit bygges")
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-10-05", answer=short))
        j.save(make_checkin("2026-10-12", answer=long))
        found = {s.id: s.snippet for s in j.iter_summaries(search)}
        assert found == {s.id: s.snippet for s in j.summaries(search)}
        assert found == {s.id: s.snippet for s in j.summaries(search, lazy_snippets=True)}
        texts = {cid: index_text(j.get(cid)) for cid in found}
        assert j._read("SELECT count(*) FROM search WHERE text IS NOT NULL") == [(0,)]
    assert len(found) == 2
    assert found == {cid: fts_snippet(texts[cid], "tillit bygges") for cid in found}
    assert all(f"{MATCH_START}tillit{MATCH_END}" in s for s in found.values())


# Letters whose case folding is not one Latin-1 letter to another: Greek (a final
# sigma is folded by its neighbours), dotted and dotless i, a title-case digraph, sharp
# s, micro, ÿ (upper case outside Latin-1), a decomposed å, and letters with no case.
WIDE = ("ΟΔΟΣ", "σοφία", "İstanbul", "ılık", "ǅemal", "STRAßE", "µg", "ŸVONNE", "å",
        "tıllıt", "TİLLİT", "日本語", "🙂", "Ωmega", "ﬁne", "Ǆ", "x" * 33, "y" * 300)
LONG_WORDS = (*WORDS, *FILLER, *WIDE)
SEARCHES = (*WORDS, "σ", "ο", "i̇", "ı", "ǆ", "ß", "µ", "ÿ", "å", "x", "ti", "s", "日本")


def test_the_same_snippets_as_before_it_was_made_faster() -> None:
    """Byte for byte the snippets of the slower reading (``snippet_reference``, kept
    from 3f48add) on texts far from FTS5's reach too: case folds outside Latin-1,
    tokens longer than the stretches stepped back over, hundreds of matches, few
    tokens between the matches and the text's ends."""
    from snippet_reference import make_snippet as before

    rng = random.Random(24)
    found = 0
    for _ in range(4000):
        count = rng.choice((1, 2, 5, 15, 16, 17, 18, 30, 80, 400))
        parts = [rng.choice(("", " ", "- ", "…", ". "))]
        for _ in range(count):
            parts += [rng.choice(LONG_WORDS if rng.random() < 0.5 else WORDS),
                      rng.choice((*GLUE, "_", "", "'"))]
        text = "".join(parts)
        words = search_words(" ".join(rng.sample(SEARCHES, rng.choice((1, 1, 2, 3)))))
        expected = before(text, words)
        assert make_snippet(text, words) == expected, (text, words)
        found += expected is not None and MATCH_START in expected
    assert found > 2000
