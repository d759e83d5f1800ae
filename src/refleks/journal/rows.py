"""A check-in and its rows: writing one, reading one back, finding one by what was typed.

The layout (see ``schema``): a row in ``checkins`` with the columns that are sorted and
filtered on plus one JSON ``body``, a row per focus value in ``focus`` and per
follow-up in ``follow_ups`` (copies of the body's, for the over-time views), a row per
CHIME mark in ``chime_marks`` (a copy too, for the supervision pack's overview), and the
text to search in ``search``. Every write goes through ``write_checkin`` so they never
disagree.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

import orjson

from refleks.journal import codec, records, sql
from refleks.journal.database import DamagedRow
from refleks.journal.errors import AmbiguousKeyError
from refleks.journal.model import CheckIn, Readable
from refleks.safe_text import visible

CHECKIN_COLUMNS = (
    "id, uid, status, lang, started_at, updated_at, completed_at, area_id, area_title, "
    "method_id, method_title, revision, body"
)


def checkin_from_row(row: tuple[Any, ...]) -> CheckIn:
    """A row of ``CHECKIN_COLUMNS`` → the check-in; ``DamagedRow`` if its body is broken.

    Every text passes ``visible`` (in ``codec.body_parts`` for the body): this is the
    one door stored text leaves the journal by, so the CLI, the app and the export all
    get text that cannot act on a terminal, whatever wrote the file. The uid is left
    as stored, because it is how the check-in is found again.
    """
    (cid, uid, status, lang, started, updated, completed, area_id, area_title,
     method_id, method_title, revision, body) = row
    parse = records.parse_iso
    try:
        parts = codec.body_parts(orjson.loads(body))
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise DamagedRow(uid) from exc
    return CheckIn(
        uid=uid, id=cid, started_at=parse(started), updated_at=parse(updated),
        completed_at=parse(completed) if completed else None, status=status,
        lang=visible(lang), area_id=area_id and visible(area_id),
        area_title=visible(area_title), method_id=method_id and visible(method_id),
        method_title=visible(method_title), saved_revision=revision, **parts,
    )


READABLE_COLUMNS = (
    "c.uid, c.started_at, c.completed_at, c.status, c.area_title, c.method_title, "
    "c.method_id, CAST(c.body AS BLOB), c.area_id, c.lang"
)

# Where a control character can hide in a stored body's UTF-8 bytes: behind a JSON
# escape other than the newline, tab, quote and backslash (``\u001b``, ``\r`` …), or
# as it is, DEL (7F) or a C1 control (C2 80–9F). Raw bytes below 0x20 cannot stand in a
# JSON string: the decoder refuses them.
_ESCAPE = re.compile(rb'\\[^nt"\\]')
_C1 = re.compile(b"\xc2[\x80-\x9f]")


def may_hold_controls(raw: bytes) -> bool:
    """False when no text in the stored body ``raw`` can hold a control character.

    Judged from the bytes in one quick pass (a regex with a literal first byte, then
    two one-byte searches; "«" and "»" also start with C2 and are told apart by a
    second regex): ~11 ms for 23 MB, where passing each of its 200,000 texts through
    ``visible`` took ~80. A doubt (a backslash typed before a "u") says True, and the
    texts are then made visible one by one: a false alarm only costs time.
    """
    return (_ESCAPE.search(raw) is not None or b"\x7f" in raw
            or (b"\xc2" in raw and _C1.search(raw) is not None))


def _visible_tree(node: Any) -> Any:
    if isinstance(node, str):
        return visible(node)
    if isinstance(node, list):
        return [_visible_tree(item) for item in node]
    if isinstance(node, dict):
        return {key: _visible_tree(value) for key, value in node.items()}
    return node


def readable_from_row(row: tuple[Any, ...]) -> Readable:
    """A row of ``READABLE_COLUMNS`` → what its Markdown is made from, every text
    through ``visible`` (skipped for a body that cannot hold a control character);
    ``DamagedRow`` if the body does not decode. Its shape is not checked here: the
    renderer reads it, and ``Journal.iter_rendered`` reports a wrong one."""
    (uid, started, completed, status, area_title, method_title, method_id, raw, area_id,
     lang) = row
    parse = datetime.fromisoformat  # records.parse_iso, without a call of our own
    try:
        body = orjson.loads(raw)  # ~30 % quicker than json, and reads bytes as they are
        if not isinstance(body, dict):
            raise TypeError("body")
        if may_hold_controls(raw):
            body = _visible_tree(body)
        return Readable(uid, parse(started), parse(completed) if completed else None,
                        status, visible(area_title),
                        visible(method_title or method_id or ""), body,
                        area_id and visible(area_id), method_id and visible(method_id),
                        lang)
    except (ValueError, TypeError, AttributeError) as exc:
        raise DamagedRow(uid) from exc


def index_text(c: CheckIn) -> str:
    """What the search index holds for a check-in (NFC, like the queries)."""
    return unicodedata.normalize("NFC", codec.search_text(c))


def write_checkin(db: sql.Connection, c: CheckIn, updated: datetime,
                  existing: tuple[int, int] | None) -> tuple[int, int]:
    """Write one check-in's row, focus values, follow-ups and search text;
    → (id, revision)."""
    if c.status not in codec.STATUSES:
        raise ValueError(f"status {c.status!r}")
    body = codec.encode_body(c)
    values = (
        c.status, c.lang, records.iso(c.started_at), records.utc_key(c.started_at),
        records.iso(updated), records.iso_or_none(c.completed_at), c.area_id, c.area_title,
        c.method_id, c.method_title, body,
    )
    if existing is None:
        # A check-in brought back (undo after delete) keeps the number a person has seen
        # in the list, if no other check-in holds it; NULL lets SQLite choose one.
        keep = c.id is not None and db.execute(
            "SELECT 1 FROM checkins WHERE id = ?", (c.id,)).fetchone() is None
        cur = db.execute(
            "INSERT INTO checkins (id, status, lang, started_at, started_utc, updated_at, "
            "completed_at, area_id, area_title, method_id, method_title, body, uid, "
            "revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (c.id if keep else None, *values, c.uid),
        )
        cid, revision = int(cur.lastrowid or 0), 1
    else:
        cid, revision = existing[0], existing[1] + 1
        db.execute(
            "UPDATE checkins SET status = ?, lang = ?, started_at = ?, started_utc = ?, "
            "updated_at = ?, completed_at = ?, area_id = ?, area_title = ?, method_id = ?, "
            "method_title = ?, body = ?, revision = ? WHERE id = ?",
            (*values, revision, cid),
        )
        db.execute("DELETE FROM focus WHERE checkin_id = ?", (cid,))
        db.execute("DELETE FROM follow_ups WHERE checkin_id = ?", (cid,))
        db.execute("DELETE FROM chime_marks WHERE checkin_id = ?", (cid,))
        db.execute("DELETE FROM search WHERE rowid = ?", (cid,))
    if c.focus:
        db.executemany(
            "INSERT INTO focus (checkin_id, position, value_id, value_name, action) "
            "VALUES (?, ?, ?, ?, ?)",
            [(cid, i, f.value_id, f.value_name, f.action) for i, f in enumerate(c.focus)],
        )
    if c.follow_ups:
        db.executemany(
            "INSERT INTO follow_ups (checkin_id, position, value_id, from_uid, text, keep) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(cid, i, f.value_id, f.from_uid or None, f.text, int(f.keep))
             for i, f in enumerate(c.follow_ups)],
        )
    if c.chime:
        db.executemany(
            "INSERT INTO chime_marks (checkin_id, position, element_id, element_name, mode) "
            "VALUES (?, ?, ?, ?, ?)",
            [(cid, i, x.element_id, x.element_name, x.mode) for i, x in enumerate(c.chime)],
        )
    text = index_text(c)
    if text:
        db.execute("INSERT INTO search (rowid, text) VALUES (?, ?)", (cid, text))
    return cid, revision


def find_id(db: sql.Connection, key: int | str) -> int | None:
    """A short number, a uid, or a uid's first 6+ characters (if unique) → id.

    A number is ASCII digits only (``int`` would read "١" as 1) and must fit SQLite's
    64-bit integer. One that names no check-in may still be the start of a uid: one uid
    in forty begins with eight digits. Typed digits that are both a check-in's number
    and the start of another's uid (six or more) are ``AmbiguousKeyError``; ``#12``
    is always the number.
    """
    if isinstance(key, str) and key.strip().startswith("#"):
        digits = key.strip()[1:]
        key = int(digits) if digits.isascii() and digits.isdigit() else key
    if isinstance(key, int) or (isinstance(key, str) and key.strip().isascii()
                                and key.strip().isdigit()):
        number = int(key)
        row = (db.execute("SELECT id FROM checkins WHERE id = ?", (number,)).fetchone()
               if 0 < number < 2**63 else None)
        if row is not None and isinstance(key, str) and len(key.strip()) >= 6:
            other = db.execute("SELECT uid FROM checkins WHERE uid LIKE ? AND id != ? "
                               "LIMIT 1", (key.strip() + "%", number)).fetchone()
            if other is not None:
                raise AmbiguousKeyError("errors.ambiguous", key=key.strip(),
                                        uid=str(other[0]))
        if row is not None or isinstance(key, int):
            return None if row is None else int(row[0])
    text = str(key).strip()
    if not text:
        return None
    row = db.execute("SELECT id FROM checkins WHERE uid = ?", (text,)).fetchone()
    if row is not None:
        return int(row[0])
    if len(text) >= 6 and re.fullmatch(r"[0-9a-zA-Z_-]+", text):
        rows = db.execute("SELECT id FROM checkins WHERE uid LIKE ? ESCAPE '\\' LIMIT 2",
                          (text.replace("_", "\\_") + "%",)).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
    return None
