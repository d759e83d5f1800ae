"""Moments: a line or a few, noted between check-ins, close to when it happened.

A weekly check-in relies on memory, and by Friday Tuesday's telling moment is gone.
Reflective-practice models (critical-incident logs; Driscoll's *What? – So what? –
Now what?*) start from an event written down soon after, so refleks keeps these
notes beside the check-ins: saved at once, optionally tagged with values and a CHIME
element, and offered at the next check-in to be taken further.

A moment is one row (``moments``), its values a small table (``moment_values``, for
the value filter and the thread of a value over time) and its words a full-text index
of their own (``moment_search``). ``Moments`` is reached as ``journal.moments`` and
writes through the journal's own transactions, so a moment and a check-in saved from
two windows queue up like any two saves.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from refleks.journal import records, sql
from refleks.journal.database import guarded
from refleks.journal.errors import ImportFormatError, NotFoundError
from refleks.journal.model import new_uid
from refleks.journal.queries import Filter, fts_query
from refleks.journal.records import (
    JOURNAL,
    REQUIRED_TEXT,
    TEXT,
    TEXT_OR_NONE,
    UID,
    WHEN,
    Field,
    Record,
    items,
)
from refleks.safe_text import visible

if TYPE_CHECKING:
    import threading
    from contextlib import AbstractContextManager
    from pathlib import Path


class OpenJournal(Protocol):
    """What the moments use of the journal they belong to (``store.Journal``, which
    builds ``Moments``): said here so that this module need not import the store."""

    path: Path
    _conn: sql.Connection
    _lock: threading.RLock

    def _write(self, wait: float | None = None
               ) -> AbstractContextManager[sql.Connection]: ...

    def backup(self, dest: Path | None = None, *, overwrite: bool = False,
               kind: str | None = None) -> Path: ...

_COLUMNS = "m.id, m.uid, m.lang, m.created_at, m.updated_at, m.text, m.chime_id, m.chime_name"


@dataclass
class MomentValue:
    """A value the moment was tagged with, and its name as it was shown then."""

    value_id: str
    value_name: str


@dataclass
class Moment:
    """One noted moment."""

    text: str
    uid: str = field(default_factory=new_uid)
    id: int | None = None  # the journal's short number; None until stored
    created_at: datetime = field(default_factory=records.now)
    updated_at: datetime | None = None
    lang: str = "nb"
    values: list[MomentValue] = field(default_factory=list)
    chime_id: str | None = None
    chime_name: str = ""

    @property
    def value_ids(self) -> list[str]:
        return [v.value_id for v in self.values]


# A moment as the export holds it, declared once (like ``codec.CHECKIN``): the keys in
# their order, and the kind of value each holds, from which ``to_dict`` and the strict
# ``from_dict`` are derived.
MOMENT_VALUE = Record(MomentValue, Field("value_id", REQUIRED_TEXT), Field("value_name", TEXT))
MOMENT = Record(
    Moment,
    Field("uid", UID),
    Field("lang", REQUIRED_TEXT),
    Field("created_at", WHEN),
    Field("updated_at", WHEN, instead="created_at"),  # never changed: when it was noted
    Field("text", REQUIRED_TEXT),
    Field("values", items(MOMENT_VALUE)),
    Field("chime_id", TEXT_OR_NONE),
    Field("chime_name", TEXT),
    Field("id", None, JOURNAL),  # the journal's short number
)
MOMENT_KEYS = MOMENT.keys

@dataclass(frozen=True)
class MomentFilter:
    """Which moments to list: dates (inclusive, local days), a value, words."""

    since: date | None = None
    until: date | None = None
    value_id: str | None = None
    search: str | None = None


def filter_like(flt: Filter | None) -> MomentFilter | None:
    """The moments that go with a check-in filter (an export's selection): the same
    dates, value and words; none at all when an area is asked for (moments have none)."""
    if flt is None:
        return MomentFilter()
    if flt.area_id is not None or flt.ids is not None:
        return None  # chosen check-ins: their moments taken further are in them
    return MomentFilter(flt.since, flt.until, flt.value_id, flt.search)


def _where(flt: MomentFilter) -> tuple[str, list[Any]] | None:
    """``flt`` as a WHERE clause on ``moments m``; ``None`` when its words can match
    nothing (no word to search for)."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.since is not None:
        clauses.append("substr(m.created_at, 1, 10) >= ?")
        params.append(flt.since.isoformat())
    if flt.until is not None:
        clauses.append("substr(m.created_at, 1, 10) <= ?")
        params.append(flt.until.isoformat())
    if flt.value_id:
        clauses.append("m.id IN (SELECT moment_id FROM moment_values WHERE value_id = ?)")
        params.append(flt.value_id)
    if flt.search is not None:
        query = fts_query(flt.search)
        if query is None:
            return None
        clauses.append("m.id IN (SELECT rowid FROM moment_search WHERE moment_search MATCH ?)")
        params.append(query)
    return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), params


def export_objects(moments: Iterable[Moment]) -> Iterator[str]:
    """Each moment as the JSON text of one export object."""
    import json

    encode = json.JSONEncoder(ensure_ascii=False).encode
    for moment in moments:
        yield encode(to_dict(moment))


@dataclass
class MergeCount:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


# -- plain data (the JSON export's ``moments``) ---------------------------------------------


def to_dict(m: Moment) -> dict[str, Any]:
    return MOMENT.store(m)


def from_dict(node: Any, where: str = "moment") -> Moment:
    """One moment from an export object; every field required and checked."""
    moment: Moment = MOMENT.check(records.Checker(), node, where)
    return moment


def read_moments(node: Any, path: Path) -> list[Moment]:
    """The ``moments`` list of an export file (version 2), checked whole."""
    if not isinstance(node, list):
        raise ImportFormatError("import.not_list", where="moments")
    moments: list[Moment] = []
    seen: set[str] = set()
    for index, item in enumerate(node):
        where = f"moments[{index}]"
        moment = from_dict(item, where)
        if moment.uid in seen:
            raise ImportFormatError("import.duplicate_uid", where=f"{where}.uid",
                                    uid=moment.uid)
        seen.add(moment.uid)
        moments.append(moment)
    return moments


# -- the store -------------------------------------------------------------------------------


def _write(db: sql.Connection, m: Moment, updated: datetime, cid: int | None) -> int:
    values = (m.uid, m.lang, records.iso(m.created_at), records.utc_key(m.created_at),
              records.iso(updated), m.text, m.chime_id, m.chime_name)
    if cid is None:
        cur = db.execute("INSERT INTO moments (uid, lang, created_at, created_utc, updated_at, "
                         "text, chime_id, chime_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
        cid = int(cur.lastrowid or 0)
    else:
        db.execute("UPDATE moments SET uid = ?, lang = ?, created_at = ?, created_utc = ?, "
                   "updated_at = ?, text = ?, chime_id = ?, chime_name = ? WHERE id = ?",
                   (*values, cid))
        db.execute("DELETE FROM moment_values WHERE moment_id = ?", (cid,))
        db.execute("DELETE FROM moment_search WHERE rowid = ?", (cid,))
    db.executemany("INSERT INTO moment_values (moment_id, position, value_id, value_name) "
                   "VALUES (?, ?, ?, ?)",
                   [(cid, i, v.value_id, v.value_name) for i, v in enumerate(m.values)])
    db.execute("INSERT INTO moment_search (rowid, text) VALUES (?, ?)", (cid, m.text))
    return cid


class Moments:
    """The moments of one open journal (``journal.moments``)."""

    def __init__(self, journal: OpenJournal) -> None:
        self._journal = journal
        self.path = journal.path

    # -- writing -------------------------------------------------------------------------

    @guarded
    def add(self, moment: Moment) -> Moment:
        """Store a new moment at once, durably (``synchronous=FULL``), like a completion."""
        stamp = records.now()
        journal = self._journal
        with journal._lock:
            journal._conn.execute("PRAGMA synchronous = FULL")
            try:
                with journal._write() as db:
                    moment.id = _write(db, moment, moment.updated_at or stamp, None)
            finally:
                with contextlib.suppress(sql.Error):
                    journal._conn.execute("PRAGMA synchronous = NORMAL")
        moment.updated_at = moment.updated_at or stamp
        return moment

    @guarded
    def delete(self, key: int | str) -> Moment:
        """Delete a moment for good, after a backup; returns it so it can be put back."""
        moment = self.get(key)
        if moment is None or moment.id is None:
            raise NotFoundError("errors.not_found", key=key)
        self._journal.backup()
        with self._journal._write() as db:
            db.execute("DELETE FROM moment_search WHERE rowid = ?", (moment.id,))
            db.execute("DELETE FROM moment_values WHERE moment_id = ?", (moment.id,))
            db.execute("DELETE FROM moments WHERE id = ?", (moment.id,))
            db.execute("INSERT INTO moment_search (moment_search) VALUES ('optimize')")
        return moment

    @guarded
    def restore(self, moment: Moment) -> Moment:
        """Put a deleted moment back as it was (undo); its short number may change."""
        with self._journal._write() as db:
            moment.id = _write(db, moment, moment.updated_at or moment.created_at, None)
        return moment

    @guarded
    def merge(self, moments: Iterable[Moment]) -> MergeCount:
        """Import by uid, like check-ins: new ones added, a newer ``updated_at`` wins."""
        count = MergeCount()
        with self._journal._write() as db:
            self.merge_into(db, moments, count)
        return count

    @staticmethod
    def merge_into(db: sql.Connection, moments: Iterable[Moment],
                   count: MergeCount) -> None:
        """``merge`` inside a transaction the caller holds (an import of a whole file)."""
        for m in moments:
            row = db.execute("SELECT id, updated_at FROM moments WHERE uid = ?",
                             (m.uid,)).fetchone()
            updated = m.updated_at or m.created_at
            if row is None:
                _write(db, m, updated, None)
                count.added += 1
            elif records.aware(updated) > records.parse_iso(row[1]):
                _write(db, m, updated, row[0])
                count.updated += 1
            else:
                count.unchanged += 1

    # -- reading -------------------------------------------------------------------------

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[Moment]:
        journal = self._journal
        with journal._lock:
            rows = journal._conn.execute(sql, tuple(params)).fetchall()
            ids = [row[0] for row in rows]
            values: dict[int, list[MomentValue]] = {i: [] for i in ids}
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                marks = ", ".join("?" * len(chunk))
                for mid, value_id, name in journal._conn.execute(
                        f"SELECT moment_id, value_id, value_name FROM moment_values "
                        f"WHERE moment_id IN ({marks}) ORDER BY moment_id, position", chunk):
                    values[mid].append(MomentValue(value_id, visible(name)))
        # text leaves the store as data, never as terminal codes (as check-ins do)
        return [Moment(id=r[0], uid=visible(r[1]), lang=r[2], created_at=records.parse_iso(r[3]),
                       updated_at=records.parse_iso(r[4]), text=visible(r[5]), chime_id=r[6],
                       chime_name=visible(r[7]), values=values[r[0]]) for r in rows]

    @guarded
    def get(self, key: int | str) -> Moment | None:
        """By short number, uid, or a uid's first 6+ characters (if unique)."""
        text = str(key).strip()
        if text.isascii() and text.isdigit():  # SQLite's integers end at 2**63 - 1
            number = int(text)
            found = (self._rows(f"SELECT {_COLUMNS} FROM moments m WHERE id = ?", [number])
                     if 0 < number < 2**63 else [])
        else:
            found = self._rows(f"SELECT {_COLUMNS} FROM moments m WHERE uid = ?", [text])
            if not found and len(text) >= 6 and text.isalnum():
                found = self._rows(f"SELECT {_COLUMNS} FROM moments m WHERE uid LIKE ? "
                                   "LIMIT 2", [text + "%"])
                found = found if len(found) == 1 else []
        return found[0] if found else None

    @guarded
    def taken_further_in(self, moment: Moment) -> list[tuple[int, datetime]]:
        """The saved check-ins that wrote about ``moment``: each one's short number and
        when it was started, oldest first, so ``moments show`` can say where the
        reflection on it went on. A check-in keeps its answers about a moment under
        question ids "moment.<uid>.<part>" in its body; one moment's look-up reads the
        bodies once, which is quick enough for a command that shows one thing."""
        journal = self._journal
        with journal._lock:
            rows = journal._conn.execute(
                "SELECT id, started_at FROM checkins WHERE status = 'complete' "
                "AND instr(body, ?) > 0 ORDER BY started_utc",
                (f'"moment.{moment.uid}.',)).fetchall()
        return [(row[0], records.parse_iso(row[1])) for row in rows]

    @guarded
    def select(self, flt: MomentFilter | None = None, *, oldest_first: bool = False,
               ) -> list[Moment]:
        """The moments matching ``flt``, newest first (or oldest first)."""
        found = _where(flt or MomentFilter())
        if found is None:
            return []
        where, params = found
        order = "ASC" if oldest_first else "DESC"
        return self._rows(f"SELECT {_COLUMNS} FROM moments m {where} "
                          f"ORDER BY m.created_utc {order}, m.uid {order}", params)

    @guarded
    def count_like(self, flt: Filter | None) -> int:
        """How many moments go with a check-in filter (``filter_like``), counted in the
        database rather than read: ``list`` only says how many."""
        selection = filter_like(flt)
        found = _where(selection) if selection is not None else None
        if found is None:
            return 0
        where, params = found
        journal = self._journal
        with journal._lock:
            row = journal._conn.execute(f"SELECT count(*) FROM moments m {where}",
                                        params).fetchone()
        return int(row[0])

    @guarded
    def since(self, when: datetime | None) -> list[Moment]:
        """Moments noted after ``when`` (all with ``None``), oldest first."""
        if when is None:
            return self.select(oldest_first=True)
        return self._rows(f"SELECT {_COLUMNS} FROM moments m WHERE m.created_utc > ? "
                          "ORDER BY m.created_utc, m.uid", [records.utc_key(when)])

    @guarded
    def count(self, since: datetime | None = None, *, after: datetime | None = None) -> int:
        """How many moments: all; noted from ``since`` on (this week's, for ``status``);
        or noted after ``after`` (those ``since()`` lists, waiting for the check-in)."""
        where, params = "", []
        if since is not None:
            where, params = "WHERE created_utc >= ?", [records.utc_key(since)]
        elif after is not None:
            where, params = "WHERE created_utc > ?", [records.utc_key(after)]
        journal = self._journal
        with journal._lock:
            row = journal._conn.execute(f"SELECT count(*) FROM moments {where}",
                                        params).fetchone()
        return int(row[0])

    def for_export(self, flt: Filter | None = None) -> list[Moment]:
        """The moments that go with an export of check-ins by ``flt``, oldest first."""
        selection = filter_like(flt)
        return [] if selection is None else self.select(selection, oldest_first=True)

    def iter_export_objects(self, flt: Filter | None = None) -> Iterator[str]:
        """Each moment as the JSON text of one export object, oldest first."""
        return export_objects(self.for_export(flt))
