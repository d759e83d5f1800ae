"""The journal's schema as an ordered list of migrations.

``PRAGMA user_version`` is the number of migrations applied; ``PRAGMA application_id``
marks the file as a refleks journal, so a stranger's SQLite database is recognised and
left alone. A migration is never edited once released: a change is a new migration at
the end, and ``tests/test_journal_migrations.py`` upgrades a database made by every
earlier version (and a frozen SQL snapshot of version 1).

Migrations are self-contained on purpose: they read the stored JSON bodies as they were
at that version, not through today's ``codec``, which may have moved on.

Layout: what is searched, sorted or filtered on has a column (dates, status, area,
method) or a table (focus values and their actions, follow-ups by value — what the
over-time views read, so a value's thread is an indexed query rather than decoding
every check-in; CHIME marks, what the supervision pack's overview reads); the nested
rest of a check-in (answers, CHIME reflections, focus actions, follow-ups, notes) is one
JSON ``body`` per check-in, so saving a draft is one row write and reading a check-in is
one row read.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable

from refleks.journal import sql

APPLICATION_ID = 0x52464C4B  # "RFLK"

V1 = """
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
    lang TEXT NOT NULL,
    started_at TEXT NOT NULL,      -- ISO 8601 with the UTC offset it was written in
    started_utc TEXT NOT NULL,     -- the same moment in UTC, fixed width: sorts in time order
    updated_at TEXT NOT NULL,
    completed_at TEXT,
    area_id TEXT,
    area_title TEXT NOT NULL DEFAULT '',
    method_id TEXT,
    method_title TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    body TEXT NOT NULL             -- JSON: answers, chime, focus, follow_ups, notes, later_notes
);
CREATE INDEX checkins_started ON checkins (started_utc);
CREATE INDEX checkins_status ON checkins (status, started_utc);
CREATE INDEX checkins_area ON checkins (area_id, started_utc);
CREATE TABLE focus (
    checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value_id TEXT NOT NULL,
    value_name TEXT NOT NULL,
    PRIMARY KEY (checkin_id, position)
) WITHOUT ROWID;
CREATE INDEX focus_value ON focus (value_id);
"""

# Norwegian æ, ø and å are letters of their own, not a, o and a with marks: "så" (so)
# and "sa" (said), "får" (gets) and "far" (father), "år" (year) and "ar" must stay
# apart, so diacritics are kept (remove_diacritics 0). unicode61 still folds case for
# them (Æ → æ). A word matches as a prefix, so "tillit" finds "tillitsbrudd".
TOKENIZER = "unicode61 remove_diacritics 0"

V2 = f"""
CREATE VIRTUAL TABLE search USING fts5(text, tokenize = '{TOKENIZER}');
"""


def _v2_search_text(body: dict) -> str:  # type: ignore[type-arg]
    """What version 2 indexes, read from a version-1 body."""
    parts = [a.get("text", "") for a in body.get("answers", [])]
    parts += [r.get("text", "") for r in body.get("chime", [])]
    parts += [f.get("action", "") for f in body.get("focus", [])]
    parts += [f.get("text", "") for f in body.get("follow_ups", [])]
    parts.append(body.get("notes", ""))
    parts += [n.get("text", "") for n in body.get("later_notes", [])]
    return "\n\n".join(p for p in parts if p and p.strip())


def _migrate_1(conn: sql.Connection) -> None:
    """Version 1: check-ins and their focus values."""
    for statement in _statements(V1):
        conn.execute(statement)


def _migrate_2(conn: sql.Connection) -> None:
    """Version 2: full-text search over everything written, filled from what is there."""
    for statement in _statements(V2):
        conn.execute(statement)
    rows = conn.execute("SELECT id, body FROM checkins").fetchall()
    conn.executemany(
        "INSERT INTO search (rowid, text) VALUES (?, ?)",
        ((row[0], _v2_search_text(json.loads(row[1]))) for row in rows),
    )


V3 = """
ALTER TABLE focus ADD COLUMN action TEXT NOT NULL DEFAULT '';
CREATE TABLE follow_ups (
    checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value_id TEXT NOT NULL,
    from_uid TEXT,                 -- the check-in whose focus this looks back on
    text TEXT NOT NULL,
    keep INTEGER NOT NULL,
    PRIMARY KEY (checkin_id, position)
) WITHOUT ROWID;
CREATE INDEX follow_ups_value ON follow_ups (value_id);
"""


V4_MOMENTS = f"""
CREATE TABLE moments (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    lang TEXT NOT NULL,
    created_at TEXT NOT NULL,      -- ISO 8601 with the UTC offset it was written in
    created_utc TEXT NOT NULL,     -- the same moment in UTC, fixed width: sorts in time order
    updated_at TEXT NOT NULL,
    text TEXT NOT NULL,
    chime_id TEXT,
    chime_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX moments_created ON moments (created_utc);
CREATE TABLE moment_values (
    moment_id INTEGER NOT NULL REFERENCES moments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value_id TEXT NOT NULL,
    value_name TEXT NOT NULL,
    PRIMARY KEY (moment_id, position)
) WITHOUT ROWID;
CREATE INDEX moment_values_value ON moment_values (value_id);
CREATE VIRTUAL TABLE moment_search USING fts5(text, tokenize = '{TOKENIZER}');
"""


def _migrate_3(conn: sql.Connection) -> None:
    """Version 3: focus actions and follow-ups in tables of their own (copies of what
    the body holds), filled from the bodies as version 2 stored them."""
    for statement in _statements(V3):
        conn.execute(statement)
    actions: list[tuple[str, int, int]] = []
    follow_ups: list[tuple[int, int, str, str | None, str, int]] = []
    for cid, text in conn.execute("SELECT id, body FROM checkins"):
        body = json.loads(text)
        actions += [(f.get("action") or "", cid, i)
                    for i, f in enumerate(body.get("focus", []))]
        follow_ups += [(cid, i, f["value_id"], f.get("from_uid") or None,
                        f.get("text") or "", int(bool(f.get("keep"))))
                       for i, f in enumerate(body.get("follow_ups", []))]
    conn.executemany("UPDATE focus SET action = ? WHERE checkin_id = ? AND position = ?",
                     actions)
    conn.executemany("INSERT INTO follow_ups VALUES (?, ?, ?, ?, ?, ?)", follow_ups)


def _migrate_4(conn: sql.Connection) -> None:
    """Moments: a line or a few noted between check-ins (``journal/moments.py``).

    Version 4, its own step after version 3's focus tables; it only adds.
    """
    for statement in _statements(V4_MOMENTS):
        conn.execute(statement)


def _migrate_5(conn: sql.Connection) -> None:
    """Check-ins in export order from an index: the export and the over-time reads sort
    by (started_utc, uid), the same in every copy of a journal, and with indexes that
    end at started_utc SQLite sorted each run of equal times itself (a temporary B-tree
    on every read: ~8 ms of an export of 5,000). The older indexes stay: lists sort by
    (started_utc, id), which they hold as they are. Version 5; it only adds."""
    conn.execute("CREATE INDEX checkins_time ON checkins (started_utc, uid)")
    conn.execute("CREATE INDEX checkins_status_time ON checkins (status, started_utc, uid)")


# Version 6's reading of a moment quoted in a question asked about it (as
# ``codec.moment_words`` reads it at version 6).
_V6_QUOTED_MOMENT = re.compile(r"\s[–-]\s*[“«\"](.*)[”»\"]\s*\Z", re.DOTALL)


def _v6_search_text(body: dict) -> str:  # type: ignore[type-arg]
    """What version 6 indexes, read from a version-5 body: version 2's text with the
    words of each moment taken further, once each, in NFC."""
    answers = body.get("answers", [])
    parts = [a.get("text", "") for a in answers]
    moments = (a.get("question_text", "") for a in answers if a.get("kind") == "moment")
    parts += dict.fromkeys(found.group(1) if (found := _V6_QUOTED_MOMENT.search(q)) else q
                           for q in moments)
    parts += [r.get("text", "") for r in body.get("chime", [])]
    parts += [f.get("action", "") for f in body.get("focus", [])]
    parts += [f.get("text", "") for f in body.get("follow_ups", [])]
    parts.append(body.get("notes", ""))
    parts += [n.get("text", "") for n in body.get("later_notes", [])]
    return unicodedata.normalize("NFC", "\n\n".join(p for p in parts if p and p.strip()))


def _migrate_6(conn: sql.Connection) -> None:
    """Version 6: a check-in is found by the words of the moments it took further,
    which it keeps only inside its questions ("What happened? – “…”"); the check-ins
    that took one further are indexed again. A body that does not decode is left as it
    is (reading it reports it)."""
    rows = conn.execute("SELECT id, body FROM checkins "
                        "WHERE body LIKE '%\"kind\": \"moment\"%'").fetchall()
    for cid, body in rows:
        try:
            text = _v6_search_text(json.loads(body))
        except (ValueError, TypeError, AttributeError):
            continue
        conn.execute("DELETE FROM search WHERE rowid = ?", (cid,))
        if text:
            conn.execute("INSERT INTO search (rowid, text) VALUES (?, ?)", (cid, text))


# FTS5 keeps a full copy of every text it indexes (``search_content``: a third of a
# journal) unless told to keep none; such a "contentless" table can delete a row by its
# rowid, as saving and deleting a check-in do, only from SQLite 3.43.0
# (``contentless_delete``). Search never reads the copy: snippets and highlights are
# made in Python from the check-in's body (``queries``).
CONTENTLESS_DELETE_SINCE = (3, 43, 0)
V7_SEARCH = ("CREATE VIRTUAL TABLE {table} USING fts5(text, tokenize = '" + TOKENIZER
             + "', content = '', contentless_delete = 1)")


def keeps_no_copy(conn: sql.Connection) -> bool:
    """Whether this SQLite can keep the search tables without a copy of the text."""
    found = str(conn.execute("SELECT sqlite_version()").fetchone()[0])
    version = tuple(int(part) for part in found.split(".")[:3] if part.isdigit())
    return version >= CONTENTLESS_DELETE_SINCE


def compacts_after(version: int, conn: sql.Connection) -> bool:
    """Whether upgrading a journal of ``version`` frees so much of it (version 7 drops
    the search tables' copy of the text) that the file is worth rewriting once
    (``VACUUM``), outside the upgrade's transaction: else it keeps its size until new
    writes have used the freed pages again."""
    return version < 7 and keeps_no_copy(conn)


def _migrate_7(conn: sql.Connection) -> None:
    """Version 7: the search tables without their copy of the text (~4 MB of every 12
    per 1,000 check-ins), where SQLite can delete from such a table; elsewhere they stay
    as they were, and work the same. Each is filled from the old table's own copy (what
    was indexed is indexed again, whatever wrote it), and the old table is dropped: with
    ``secure_delete`` its pages are zeroed, so no text stays behind in the file."""
    if not keeps_no_copy(conn):
        return
    for table in ("search", "moment_search"):
        made = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                            (table,)).fetchone()
        if made is None or "contentless_delete" in str(made[0]):
            continue
        conn.execute(f"ALTER TABLE {table} RENAME TO {table}_v6")
        conn.execute(V7_SEARCH.format(table=table))
        conn.execute(f"INSERT INTO {table} (rowid, text) "
                     f"SELECT rowid, text FROM {table}_v6 WHERE text != ''")
        conn.execute(f"DROP TABLE {table}_v6")


# Each check-in's CHIME marks (which element, as named then, present or missing), copies
# of the body's, so that the supervision pack's title page and overview read them
# without the body: reading each body again for them (``json_each``) was 0.34 s of the
# pack's 4.8 s at 50,000 check-ins, against 0.06 s for every other fact. What the
# person wrote about each element stays in the body only.
V8_CHIME_MARKS = """
CREATE TABLE chime_marks (
    checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,     -- its place in the body's list
    element_id TEXT NOT NULL,
    element_name TEXT NOT NULL,
    mode TEXT NOT NULL,            -- 'present' or 'missing', as the body has it
    PRIMARY KEY (checkin_id, position)
) WITHOUT ROWID;
"""
CHIME_MARKS_SINCE = 8


def _migrate_8(conn: sql.Connection) -> None:
    """Version 8: the CHIME marks in a table of their own, filled from the bodies as the
    pack read them until now (SQLite's JSON, so exactly the same marks): an element
    without a text id is left out, a name or mode that is not text is empty. A body
    that is not JSON gives none (reading the check-in reports it)."""
    for statement in _statements(V8_CHIME_MARKS):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO chime_marks (checkin_id, position, element_id, element_name, mode) "
        "SELECT c.id, m.key, json_extract(m.value, '$.element_id'), "
        "CASE json_type(m.value, '$.element_name') "
        "WHEN 'text' THEN json_extract(m.value, '$.element_name') ELSE '' END, "
        "CASE json_type(m.value, '$.mode') "
        "WHEN 'text' THEN json_extract(m.value, '$.mode') ELSE '' END "
        "FROM (SELECT id, body FROM checkins WHERE json_valid(body)) c, "
        "json_each(c.body, '$.chime') m "
        "WHERE m.type = 'object' AND json_type(m.value, '$.element_id') = 'text'")


def _statements(script: str) -> list[str]:
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


MIGRATIONS: list[Callable[[sql.Connection], None]] = [
    _migrate_1, _migrate_2, _migrate_3, _migrate_4, _migrate_5, _migrate_6, _migrate_7,
    _migrate_8,
]
CURRENT_VERSION = len(MIGRATIONS)
# The oldest schema that today's reads understand as it is. Version 5 only added
# indexes, so ``list``, ``show``, ``export`` and ``status`` read a version-4 journal
# without upgrading it: nothing written, no copy in ``backups/``, and read-only media
# keep working; the app (which writes) upgrades it. Raise this with a migration that
# changes what the reads see. Version 6 only indexed again: until a journal is upgraded,
# a search that only reads does not find the check-ins of an older refleks by the words
# of the moments they took further (as that refleks did not), and finds all else.
# Version 7 only changed how the search tables store what they index (every read asks
# them the same way, and none reads their copy of the text), so it stays 4.
# Version 8 only adds a copy of each check-in's CHIME marks: the pack reads them from
# the bodies, as before, in a journal not yet upgraded (``pack_facts``), so it stays 4.
READABLE_FROM = 4


def apply(conn: sql.Connection, start: int, stop: int = CURRENT_VERSION) -> None:
    """Run migrations ``start``…``stop - 1`` inside the caller's transaction."""
    for index in range(start, stop):
        MIGRATIONS[index](conn)
    conn.execute(f"PRAGMA user_version = {int(stop)}")
    if start == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
