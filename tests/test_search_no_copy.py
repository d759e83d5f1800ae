"""The search index keeps no copy of the text (schema 7), and search is as it was.

FTS5 kept a full copy of every indexed text (``search_content``, a third of a journal).
Where SQLite can delete from an index without one (3.43+, ``contentless_delete``) the
search tables keep none; elsewhere they stay as they were. Either way a search finds
the same check-ins and moments, its snippets are the window FTS5 cut (now cut in Python
from each check-in's body), and a deleted check-in or moment leaves none of its words in
the file, plain or encrypted. Every test runs both ways: ``no_copy`` and ``fallback`` (an
SQLite without ``contentless_delete``, simulated by asking for a later version).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from journal_helpers import make_checkin
from test_snippets import fts_snippet

from refleks.journal import cipher, converting, schema, sql
from refleks.journal.moments import Moment, MomentFilter
from refleks.journal.moments import filter_like as moment_filter
from refleks.journal.queries import MATCH_END, MATCH_START, Filter
from refleks.journal.rows import index_text
from refleks.journal.store import Journal

FOUND = "Xylofonhemmeligheten"  # in a check-in that is deleted
KEPT = "Blåbærsyltetøyet"  # in one that stays
FOUND_MOMENT = "Trompetstillheten"  # in a moment that is deleted


@pytest.fixture(params=["no_copy", "fallback"])
def path_taken(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "fallback":  # an SQLite older than contentless_delete
        monkeypatch.setattr(schema, "CONTENTLESS_DELETE_SINCE", (999, 0, 0))
    return str(request.param)


def search_tables(path: Path, key: cipher.Key | None = None) -> dict[str, str]:
    conn = sql.connect(path)
    try:
        if key is not None:
            sql.use_key(conn, key)
        return dict(conn.execute("SELECT name, sql FROM sqlite_master "
                                 "WHERE name IN ('search', 'moment_search')").fetchall())
    finally:
        conn.close()


def assert_takes(path_taken: str, tables: dict[str, str]) -> None:
    assert set(tables) == {"search", "moment_search"}
    for made in tables.values():
        assert ("content = ''" in made and "contentless_delete = 1" in made) == (
            path_taken == "no_copy"), made


def fill(journal: Journal) -> tuple[int, int, int]:
    """Three check-ins (one to delete) and two moments; the ids."""
    gone = journal.save(make_checkin("2026-11-16", answer=f"Om {FOUND}: tillit bygges sakte."))
    kept = journal.save(make_checkin("2026-11-23", answer=f"{KEPT}. Tillit bygges i ro."))
    long = ("Vi snakket lenge om hverdagen. " * 400) + "Hun sa at tillit bygges over tid."
    longer = journal.save(make_checkin("2026-11-30", answer=long))
    journal.moments.add(Moment(text=f"Et øyeblikk: {FOUND_MOMENT} i gangen."))
    journal.moments.add(Moment(text="Et annet øyeblikk i gangen."))
    assert gone.id is not None and kept.id is not None and longer.id is not None
    return gone.id, kept.id, longer.id


def check_search(journal: Journal) -> None:
    """Every search read finds the same, with FTS5's snippet of the indexed text."""
    search = Filter(search="tillit bygges")
    found = {s.id: s.snippet for s in journal.summaries(search)}
    assert len(found) == 3
    assert found == {s.id: s.snippet for s in journal.iter_summaries(search)}
    assert found == {s.id: s.snippet for s in journal.summaries(search, lazy_snippets=True)}
    for cid, snippet in found.items():
        checkin = journal.get(cid)
        assert checkin is not None
        assert snippet == fts_snippet(index_text(checkin), "tillit bygges")
        assert snippet is not None and f"{MATCH_START}bygges{MATCH_END}" in snippet
    (kept,) = journal.search(KEPT.lower()[:8])
    assert kept.snippet is not None
    assert kept.snippet.startswith(f"{MATCH_START}{KEPT}{MATCH_END}. Tillit bygges i ro.")
    assert [m.text for m in journal.moments.select(filter_like("gangen"))] != []


def filter_like(words: str) -> MomentFilter | None:
    return moment_filter(Filter(search=words))


def test_a_new_journal_searches_as_before(path_taken: str, journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        assert journal.version == schema.CURRENT_VERSION >= 7
        fill(journal)
        check_search(journal)
        assert len(journal.moments.select(filter_like(FOUND_MOMENT))) == 1
        # Changing what was written: the old words are no longer found, the new are.
        kept = journal.search(KEPT)[0]
        checkin = journal.get(kept.id)
        assert checkin is not None
        checkin.answers[0].text = "Nå handler det om noe helt annet."
        journal.save(checkin)
        assert journal.search(KEPT) == []
        assert [s.id for s in journal.search("helt annet")] == [kept.id]
        assert journal.integrity_problems() == []
    assert_takes(path_taken, search_tables(journal_path))


def test_no_copy_is_what_makes_a_journal_smaller(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The same check-ins take less room by about the indexed text itself."""
    sizes = {}
    for way in ("no_copy", "fallback"):
        if way == "fallback":
            monkeypatch.setattr(schema, "CONTENTLESS_DELETE_SINCE", (999, 0, 0))
        path = tmp_path / f"{way}.sqlite3"
        with Journal.open(path) as journal:
            for week in range(40):
                journal.save(make_checkin("2026-11-30", answer=(
                    f"Uke {week}: vi snakket om tillit, håp og hverdagen. " * 60)))
        sizes[way] = path.stat().st_size
    text = 40 * len("Uke 10: vi snakket om tillit, håp og hverdagen. " * 60)
    assert sizes["fallback"] - sizes["no_copy"] > 0.8 * text, sizes


def test_a_deleted_checkin_and_moment_leave_no_words_in_the_file(
        path_taken: str, journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        gone, _kept, _longer = fill(journal)
        journal.delete(gone)
        journal.moments.delete(journal.moments.select(filter_like(FOUND_MOMENT))[0].uid)
        assert journal.search(FOUND) == []
        assert journal.moments.select(filter_like(FOUND_MOMENT)) == []
        check_search_after_delete(journal)
    assert_takes(path_taken, search_tables(journal_path))
    data = journal_path.read_bytes()
    assert not Path(f"{journal_path}-wal").exists()
    for word in (FOUND, FOUND_MOMENT):
        for form in (word, word.lower(), word[:12].lower()):
            assert form.encode() not in data, form
    assert KEPT.encode() in data  # what stays is still there to be found


def check_search_after_delete(journal: Journal) -> None:
    found = journal.summaries(Filter(search="tillit bygges"))
    assert len(found) == 2
    assert len(journal.moments.select(filter_like("gangen"))) == 1


def decrypted_pages(path: Path, key: cipher.Key) -> bytes:
    """An encrypted journal's pages as SQLCipher 4 (its defaults) decrypts them: AES-256
    in CBC mode with the raw key, each page's IV in the 80 bytes reserved at its end."""
    modes = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    raw = bytes.fromhex(key[2:66])
    data = path.read_bytes()
    page, reserve = 4096, 80
    plain = []
    for offset in range(0, len(data), page):
        block = data[offset:offset + page]
        start = 16 if offset == 0 else 0  # the first page begins with the salt
        iv = block[page - reserve:page - reserve + 16]
        decryptor = modes.Cipher(modes.algorithms.AES(raw), modes.modes.CBC(iv)).decryptor()
        plain.append(decryptor.update(block[start:page - reserve]) + decryptor.finalize())
    return b"".join(plain)


def test_an_encrypted_journal_searches_and_deletes_the_same(
        path_taken: str, journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin("2026-11-02"))
    key = converting.encrypt(journal_path, "frase")
    with Journal.open(journal_path, key) as journal:
        gone, _kept, _longer = fill(journal)
        check_search(journal)
        journal.delete(gone)
        journal.moments.delete(journal.moments.select(filter_like(FOUND_MOMENT))[0].uid)
        check_search_after_delete(journal)
    assert_takes(path_taken, search_tables(journal_path, key))
    assert not Path(f"{journal_path}-wal").exists()
    pages = decrypted_pages(journal_path, key)
    assert KEPT.encode() in pages and b"SQLite format 3" not in pages[:16]  # decrypted
    for word in (FOUND, FOUND_MOMENT):
        for form in (word, word.lower(), word[:12].lower()):
            assert form.encode() not in pages, form


# -- from an older journal ---------------------------------------------------------------


def build_version(path: Path, version: int) -> None:
    """A journal exactly as schema ``version`` made it (4, 5 or 6), written through the
    SQLite refleks uses, with the check-ins and moments of ``fill``."""
    with Journal.open(path) as journal:
        if journal.count() == 0:
            fill(journal)
        texts = {c.id: index_text(c) for c in journal.iter_checkins()}
    conn = sql.connect(path, isolation_level=None)
    conn.execute("PRAGMA secure_delete = ON")  # as every refleks writes
    moments = conn.execute("SELECT id, text FROM moments").fetchall()
    conn.execute("BEGIN")
    for table in ("search", "moment_search"):  # as versions 2 and 4 made them
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(text, "
                     f"tokenize = '{schema.TOKENIZER}')")
    conn.executemany("INSERT INTO search (rowid, text) VALUES (?, ?)", texts.items())
    conn.executemany("INSERT INTO moment_search (rowid, text) VALUES (?, ?)", moments)
    conn.execute("DROP TABLE chime_marks")  # version 8's
    if version < 5:
        conn.execute("DROP INDEX checkins_time")
        conn.execute("DROP INDEX checkins_status_time")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("version", [4, 5, 6])
def test_an_older_journal_is_upgraded_and_searches_the_same(
        path_taken: str, tmp_path: Path, version: int) -> None:
    path = tmp_path / "journal.sqlite3"
    build_version(path, version)
    with Journal.open(path, read_only=True) as journal:  # read as it is: nothing written
        assert journal.version == version
        check_search(journal)
    with Journal.open(path) as journal:
        assert journal.version == schema.CURRENT_VERSION
        check_search(journal)
        assert len(journal.moments.select(filter_like(FOUND_MOMENT))) == 1
        journal.delete(journal.search(FOUND)[0].id)
        journal.moments.delete(journal.moments.select(filter_like(FOUND_MOMENT))[0].uid)
        check_search_after_delete(journal)
        assert journal.integrity_problems() == []
    assert_takes(path_taken, search_tables(path))
    data = path.read_bytes()  # nor in the old tables' copy, whose pages were freed
    for word in (FOUND, FOUND_MOMENT):
        assert word.encode() not in data and word.lower().encode() not in data, word


def test_the_upgrade_gives_the_space_back(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        for week in range(40):
            journal.save(make_checkin("2026-11-30", answer=(
                f"Uke {week}: vi snakket om tillit, håp og hverdagen. " * 60)))
    build_version(path, 6)
    before = path.stat().st_size
    Journal.open(path).close()
    text = 40 * len("Uke 10: vi snakket om tillit, håp og hverdagen. " * 60)
    assert before - path.stat().st_size > 0.8 * text, (before, path.stat().st_size)


def test_an_sqlite_without_contentless_delete_is_told_apart() -> None:
    conn = sql.connect(":memory:")
    try:
        assert schema.keeps_no_copy(conn) == (sql_version(conn) >= (3, 43, 0))
    finally:
        conn.close()
    old = sqlite3.connect(":memory:")  # the standard library's SQLite, whatever it is
    try:
        assert schema.keeps_no_copy(old) == (sqlite3.sqlite_version_info >= (3, 43, 0))
    finally:
        old.close()


def sql_version(conn: sql.Connection) -> tuple[int, ...]:
    return tuple(int(p) for p in conn.execute("SELECT sqlite_version()").fetchone()[0].split("."))
