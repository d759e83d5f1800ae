"""The journal store: one SQLite file that never loses an answer.

- Every change is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``) in WAL mode with a
  busy timeout, so two refleks processes on one journal queue up instead of corrupting
  it or losing each other's writes. A check-in carries the revision it was read at;
  saving over a revision written meanwhile by another window raises ``ConflictError``
  rather than silently dropping that window's words.
- ``synchronous=NORMAL``: a committed draft survives the process being killed at any
  moment (tested with SIGKILL); completing a check-in commits with ``FULL`` so the
  finished entry also survives a power cut, and is then copied to ``backups/``.
- A file that is not a refleks journal, is damaged or comes from a newer refleks is
  refused with ``JournalError`` before a single byte of it is written.
- ``secure_delete`` is on: a deleted check-in is overwritten in the file, not just
  unlinked (older backups keep what they had, by design).

Nothing here imports a UI; the CLI and the TUI both use this API.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar, overload

from refleks.journal import codec, schema
from refleks.journal.errors import ConflictError, JournalError, NotFoundError
from refleks.journal.model import CheckIn, LaterNote

__all__ = [
    "MATCH_END",
    "MATCH_START",
    "ConflictError",
    "Filter",
    "ImportResult",
    "Journal",
    "JournalError",
    "NotFoundError",
    "Summary",
    "restore",
]

BUSY_TIMEOUT_SECONDS = 10.0
KEEP_BACKUPS = 10
SQLITE_MAGIC = b"SQLite format 3\x00"
# Around the matched words in ``Summary.snippet`` (control characters never typed).
MATCH_START = "\x02"
MATCH_END = "\x03"

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Filter:
    """Which check-ins to list or export. Dates are the local day a check-in was started."""

    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    area_id: str | None = None
    value_id: str | None = None  # one of the check-in's focus values
    search: str | None = None  # words, each matched as a prefix, all must occur
    include_drafts: bool = True


@dataclass
class Summary:
    """One line of the journal's table of contents."""

    id: int
    uid: str
    started_at: datetime
    completed_at: datetime | None
    status: str
    area_id: str | None
    area_title: str
    focus: list[tuple[str, str]]  # (value_id, value_name) as shown
    method_id: str | None
    method_title: str = ""
    lang: str = ""
    updated_at: datetime | None = None
    snippet: str | None = None  # with a search: the text around the match, see MATCH_START

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class SummaryList(Sequence[Summary]):
    """Summaries built from their rows only when read.

    The journal browser shows a screenful of 5,000 check-ins; building every Summary
    up front was most of its opening time. Iterating builds them all, as a list would.
    """

    def __init__(self, rows: list[tuple[Any, ...]],
                 snippet: Callable[[int], str | None] | None = None) -> None:
        self._rows = rows
        self._built: list[Summary | None] = [None] * len(rows)
        self._snippet = snippet  # fetches a search snippet by id, when asked for lazily

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Summary: ...
    @overload
    def __getitem__(self, index: slice) -> list[Summary]: ...

    def __getitem__(self, index: int | slice) -> Summary | list[Summary]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        found = self._built[index]
        if found is None:
            found = self._built[index] = _summary_from_row(self._rows[index])
            if self._snippet is not None:
                found.snippet = self._snippet(found.id)
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"SummaryList({len(self)} check-ins)"


def _summary_from_row(row: tuple[Any, ...]) -> Summary:
    parse = codec.parse_iso
    return Summary(
        id=row[0], uid=row[1], started_at=parse(row[2]),
        completed_at=parse(row[3]) if row[3] else None, status=row[4],
        area_id=row[5], area_title=row[6], method_id=row[7], method_title=row[8],
        lang=row[9], updated_at=parse(row[10]),
        focus=[(v, n) for v, n in json.loads(row[11] or "[]")], snippet=row[12],
    )


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    uids: list[str] = field(default_factory=list)  # added or updated

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


# -- errors ----------------------------------------------------------------------------------


def _translate(exc: sqlite3.Error, path: Path) -> JournalError:
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return JournalError("errors.locked", path=path)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return JournalError("errors.damaged", path=path)
    if code == sqlite3.SQLITE_FULL:
        return JournalError("errors.full", path=path)
    if code == sqlite3.SQLITE_READONLY:
        return JournalError("errors.read_only", path=path)
    if isinstance(exc, sqlite3.OperationalError):
        return JournalError("errors.io", path=path, detail=str(exc))
    return JournalError("errors.damaged", path=path)


class _DamagedRow(Exception):
    """A stored body that does not decode: the file was changed behind our back."""


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """SQLite's exceptions (and undecodable rows) become one clear ``JournalError``."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            journal: Journal = args[0]  # type: ignore[assignment]
            raise _translate(exc, journal.path) from exc
        except _DamagedRow as exc:
            journal = args[0]  # type: ignore[assignment]
            raise JournalError("errors.damaged", path=journal.path) from exc

    return wrapper


# -- opening ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileState:
    kind: str  # "missing" | "new" | "journal"
    version: int = 0


def inspect_file(path: Path) -> FileState:
    """What is at ``path``, read without changing a byte; ``JournalError`` if unusable."""
    if path.is_dir():
        raise JournalError("errors.is_folder", path=path)
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return FileState("missing")
    except OSError as exc:
        raise JournalError("errors.unreadable", path=path, detail=exc.strerror) from exc
    if not header:
        return FileState("new")  # an empty file, e.g. made by mktemp: nothing to lose
    if not header.startswith(SQLITE_MAGIC):
        raise JournalError("errors.foreign", path=path)
    if len(header) < 100:
        raise JournalError("errors.damaged", path=path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.Error as exc:
        raise _translate(exc, path) from exc
    finally:
        conn.close()
    if app_id == 0 and objects == 0 and version == 0:
        return FileState("new")
    if app_id != schema.APPLICATION_ID:
        raise JournalError("errors.foreign", path=path)
    if version > schema.CURRENT_VERSION:
        raise JournalError("errors.newer", path=path, version=version,
                           supported=schema.CURRENT_VERSION)
    return FileState("journal", version)


def _create_file(path: Path) -> None:
    """The folder owner-only (0700) and the file owner-only (0600), before SQLite opens it."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        pass  # another refleks got there first; it made the file the same way
    except OSError as exc:
        raise JournalError("errors.cannot_create", path=path, detail=exc.strerror) from exc


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                           check_same_thread=False)
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.OperationalError(f"journal_mode {mode}")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")


# -- search ----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def fts_query(text: str) -> str | None:
    """User words → an FTS5 query: each word a quoted prefix, all of them required.

    Quoting makes any input safe (no FTS syntax errors from ``"``, ``*``, ``-``, ``:``);
    NFC keeps a decomposed "å" one letter.
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


def _index_text(c: CheckIn) -> str:
    return unicodedata.normalize("NFC", codec.search_text(c))


# -- the journal -----------------------------------------------------------------------------

_CHECKIN_COLUMNS = (
    "id, uid, status, lang, started_at, updated_at, completed_at, area_id, area_title, "
    "method_id, method_title, revision, body"
)


_decode_json = json.JSONDecoder().raw_decode


def _checkin_from_row(row: tuple[Any, ...]) -> CheckIn:
    (cid, uid, status, lang, started, updated, completed, area_id, area_title,
     method_id, method_title, revision, body) = row
    parse = codec.parse_iso
    try:
        parts = codec.body_parts(_decode_json(body)[0])
    except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise _DamagedRow(uid) from exc
    return CheckIn(
        uid=uid, id=cid, started_at=parse(started), updated_at=parse(updated),
        completed_at=parse(completed) if completed else None, status=status, lang=lang,
        area_id=area_id, area_title=area_title, method_id=method_id,
        method_title=method_title, saved_revision=revision, **parts,
    )


class Journal:
    """An open journal. Use ``Journal.open(path)``; close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self.last_backup_error: Exception | None = None  # from the backup after complete()

    # -- life cycle ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, *, create: bool = True) -> Journal:
        """Open (and if needed create or upgrade) the journal at ``path``.

        Raises ``JournalError`` — with the file unchanged — for a folder, a file that is
        not a refleks journal, a damaged one, one from a newer refleks, or (with
        ``create=False``) a missing one. An older journal is copied to ``backups/``
        before it is upgraded.
        """
        path = Path(path).expanduser()
        state = inspect_file(path)
        if state.kind == "missing":
            if not create:
                raise NotFoundError("errors.missing", path=path)
            _create_file(path)
        try:
            conn = _connect(path)
        except sqlite3.Error as exc:
            raise _translate(exc, path) from exc
        journal = cls(path, conn)
        try:
            journal._setup(state)
        except BaseException:
            conn.close()
            raise
        return journal

    @_guarded
    def _setup(self, state: FileState) -> None:
        _configure(self._conn)
        if state.kind == "journal" and 0 < state.version < schema.CURRENT_VERSION:
            self.backup(kind=f"before-v{schema.CURRENT_VERSION}")
        self._migrate()

    def _migrate(self) -> None:
        with self._write() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            if version == 0 and app_id == 0:
                if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                    raise JournalError("errors.foreign", path=self.path)
            elif app_id != schema.APPLICATION_ID:
                raise JournalError("errors.foreign", path=self.path)
            if version > schema.CURRENT_VERSION:
                raise JournalError("errors.newer", path=self.path, version=version,
                                   supported=schema.CURRENT_VERSION)
            if version < schema.CURRENT_VERSION:
                schema.apply(db, version)

    def close(self) -> None:
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def backups_dir(self) -> Path:
        return self.path.parent / "backups"

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    # -- writing ---------------------------------------------------------------------------

    def _store(self, db: sqlite3.Connection, c: CheckIn, updated: datetime,
               existing: tuple[int, int] | None) -> tuple[int, int]:
        """Write one check-in's row, focus values and search text; → (id, revision)."""
        if c.status not in codec.STATUSES:
            raise ValueError(f"status {c.status!r}")
        body = codec.encode_body(c)
        values = (
            c.status, c.lang, codec.iso(c.started_at), codec.utc_key(c.started_at),
            codec.iso(updated), codec.iso_or_none(c.completed_at), c.area_id, c.area_title,
            c.method_id, c.method_title, body,
        )
        if existing is None:
            cur = db.execute(
                "INSERT INTO checkins (status, lang, started_at, started_utc, updated_at, "
                "completed_at, area_id, area_title, method_id, method_title, body, uid, "
                "revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (*values, c.uid),
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
            db.execute("DELETE FROM search WHERE rowid = ?", (cid,))
        if c.focus:
            db.executemany(
                "INSERT INTO focus (checkin_id, position, value_id, value_name) "
                "VALUES (?, ?, ?, ?)",
                [(cid, i, f.value_id, f.value_name) for i, f in enumerate(c.focus)],
            )
        text = _index_text(c)
        if text:
            db.execute("INSERT INTO search (rowid, text) VALUES (?, ?)", (cid, text))
        return cid, revision

    @_guarded
    def save(self, checkin: CheckIn) -> CheckIn:
        """Insert or update the whole check-in in one transaction (a draft autosave).

        Sets ``id``, ``updated_at`` and ``saved_revision`` on the check-in and returns
        it. ``ConflictError`` if another window saved this check-in since it was read.
        """
        stamp = codec.now()
        if checkin.status == "complete" and checkin.completed_at is None:
            checkin.completed_at = stamp
        with self._write() as db:
            row = db.execute("SELECT id, revision FROM checkins WHERE uid = ?",
                             (checkin.uid,)).fetchone()
            if (row is not None and checkin.saved_revision is not None
                    and row[1] != checkin.saved_revision):
                raise ConflictError("errors.conflict", path=self.path, id=row[0])
            cid, revision = self._store(db, checkin, stamp, row)
        checkin.id, checkin.updated_at, checkin.saved_revision = cid, stamp, revision
        return checkin

    def complete(self, checkin: CheckIn) -> CheckIn:
        """Mark complete, save durably, then back the journal up (newest 10 kept).

        A failed backup does not undo the completion: it is kept in
        ``last_backup_error`` for the caller to mention.
        """
        before = (checkin.status, checkin.completed_at)
        checkin.status = "complete"
        checkin.completed_at = checkin.completed_at or codec.now()
        try:
            with self._lock:
                self._conn.execute("PRAGMA synchronous = FULL")
                try:
                    self.save(checkin)
                finally:
                    with contextlib.suppress(sqlite3.Error):
                        self._conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            checkin.status, checkin.completed_at = before
            raise
        self.last_backup_error = None
        try:
            self.backup()
        except (JournalError, OSError) as exc:
            self.last_backup_error = exc
        return checkin

    @_guarded
    def delete(self, key: int | str) -> None:
        """Delete a check-in for good: its row, focus values and search words.

        Older backups keep what they had; nothing else does.
        """
        with self._write() as db:
            cid = self._resolve(db, key)
            if cid is None:
                raise NotFoundError("errors.not_found", key=key)
            db.execute("DELETE FROM search WHERE rowid = ?", (cid,))
            db.execute("DELETE FROM checkins WHERE id = ?", (cid,))
            # Rewrite the search index without the deleted words; with secure_delete the
            # freed pages are zeroed, so what was deleted is gone from the file.
            db.execute("INSERT INTO search (search) VALUES ('optimize')")

    def add_later_note(self, key: int | str, text: str) -> CheckIn:
        """Add a dated note to a check-in, leaving what was written untouched."""
        for _attempt in range(5):
            checkin = self.get(key)
            if checkin is None:
                raise NotFoundError("errors.not_found", key=key)
            checkin.later_notes.append(LaterNote(codec.now(), text))
            try:
                return self.save(checkin)
            except ConflictError:
                continue
        raise ConflictError("errors.conflict", path=self.path, id=key)

    @_guarded
    def merge(self, checkins: Iterable[CheckIn]) -> ImportResult:
        """Import check-ins by uid in one transaction: new ones are added, a newer
        ``updated_at`` replaces the stored one, anything else is left as it is."""
        result = ImportResult()
        with self._write() as db:
            for c in checkins:
                row = db.execute("SELECT id, revision, updated_at FROM checkins WHERE uid = ?",
                                 (c.uid,)).fetchone()
                updated = c.updated_at or c.started_at
                if row is None:
                    self._store(db, c, updated, None)
                    result.added += 1
                    result.uids.append(c.uid)
                elif codec.aware(updated) > codec.parse_iso(row[2]):
                    self._store(db, c, updated, (row[0], row[1]))
                    result.updated += 1
                    result.uids.append(c.uid)
                else:
                    result.unchanged += 1
        return result

    # -- reading ---------------------------------------------------------------------------

    def _resolve(self, db: sqlite3.Connection, key: int | str) -> int | None:
        """A short number, a uid, or a uid's first 6+ characters (if unique) → id."""
        if isinstance(key, int) or (isinstance(key, str) and key.strip().isdigit()):
            row = db.execute("SELECT id FROM checkins WHERE id = ?", (int(key),)).fetchone()
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

    def _one(self, where: str, params: Iterable[Any] = ()) -> CheckIn | None:
        rows = self._read(f"SELECT {_CHECKIN_COLUMNS} FROM checkins {where} LIMIT 1", params)
        return _checkin_from_row(rows[0]) if rows else None

    @_guarded
    def get(self, key: int | str) -> CheckIn | None:
        with self._lock:
            cid = self._resolve(self._conn, key)
            return None if cid is None else self._one("WHERE id = ?", (cid,))

    @_guarded
    def current_draft(self) -> CheckIn | None:
        """The newest draft, to resume."""
        return self._one("WHERE status = 'draft' ORDER BY started_utc DESC, id DESC")

    @_guarded
    def latest(self, *, include_drafts: bool = False) -> CheckIn | None:
        where = "" if include_drafts else "WHERE status = 'complete'"
        return self._one(f"{where} ORDER BY started_utc DESC, id DESC")

    @_guarded
    def count(self, *, include_drafts: bool = True) -> int:
        where = "" if include_drafts else "WHERE status = 'complete'"
        return int(self._read(f"SELECT count(*) FROM checkins {where}")[0][0])

    def _where(self, flt: Filter | None) -> tuple[str, list[Any], str | None]:
        """SQL conditions for a filter; the FTS query when there is a search."""
        clauses: list[str] = []
        params: list[Any] = []
        query = None
        if flt is None:
            return "", params, None
        if flt.since is not None:
            clauses.append("substr(c.started_at, 1, 10) >= ?")
            params.append(flt.since.isoformat())
        if flt.until is not None:
            clauses.append("substr(c.started_at, 1, 10) <= ?")
            params.append(flt.until.isoformat())
        if flt.area_id is not None:
            clauses.append("c.area_id = ?")
            params.append(flt.area_id)
        if flt.value_id is not None:
            clauses.append("EXISTS (SELECT 1 FROM focus f WHERE f.checkin_id = c.id "
                           "AND f.value_id = ?)")
            params.append(flt.value_id)
        if not flt.include_drafts:
            clauses.append("c.status = 'complete'")
        if flt.search is not None:
            query = fts_query(flt.search) or '""'
        where = " AND ".join(clauses)
        return where, params, query

    @_guarded
    def summaries(self, flt: Filter | None = None, *,
                  lazy_snippets: bool = False) -> SummaryList:
        """The check-ins matching ``flt``, newest first, without their full text.

        With a search, each summary has a snippet of the matching text. Making
        snippets is most of a search's time, so ``lazy_snippets`` makes each only when
        its summary is first read — the browser reads just the rows on screen.
        """
        where, params, query = self._where(flt)
        focus_sql = (
            "(SELECT json_group_array(json_array(value_id, value_name)) FROM "
            "(SELECT value_id, value_name FROM focus WHERE checkin_id = c.id "
            "ORDER BY position))"
        )
        columns = ("c.id, c.uid, c.started_at, c.completed_at, c.status, c.area_id, "
                   "c.area_title, c.method_id, c.method_title, c.lang, c.updated_at, "
                   f"{focus_sql}")
        snippet_sql = f"snippet(search, 0, '{MATCH_START}', '{MATCH_END}', '…', 16)"
        if query is not None:
            sql = (f"SELECT {columns}, {'NULL' if lazy_snippets else snippet_sql} "
                   "FROM search JOIN checkins c ON c.id = search.rowid "
                   "WHERE search MATCH ?" + (f" AND {where}" if where else ""))
            params = [query, *params]
        else:
            sql = f"SELECT {columns}, NULL FROM checkins c" + (f" WHERE {where}" if where else "")
        sql += " ORDER BY c.started_utc DESC, c.id DESC"
        rows = self._read(sql, params)
        if query is None or not lazy_snippets:
            return SummaryList(rows)

        def snippet(checkin_id: int) -> str | None:
            found = self._read(f"SELECT {snippet_sql} FROM search "
                               "WHERE search MATCH ? AND rowid = ?", [query, checkin_id])
            return found[0][0] if found else None

        return SummaryList(rows, snippet)

    def search(self, text: str, flt: Filter | None = None) -> list[Summary]:
        """Full-text search over answers, CHIME reflections, actions, follow-ups and notes."""
        if fts_query(text) is None:
            return []
        base = flt or Filter()
        return self.summaries(Filter(base.since, base.until, base.area_id, base.value_id,
                                     text, base.include_drafts))

    def _iter_rows(self, columns: str, flt: Filter | None,
                   oldest_first: bool) -> Iterator[tuple[Any, ...]]:
        """Stream rows through a read-only connection of their own (see iter_checkins)."""
        where, params, query = self._where(flt)
        conditions = [where] if where else []
        if query is not None:
            conditions.append("c.id IN (SELECT rowid FROM search WHERE search MATCH ?)")
            params = [*params, query]
        sql = f"SELECT {columns} FROM checkins c"
        if conditions:
            sql += " WHERE " + " AND ".join(conditions)
        order = "ASC" if oldest_first else "DESC"
        sql += f" ORDER BY c.started_utc {order}, c.uid {order}"
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_SECONDS)
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc
        try:
            cursor = conn.execute(sql, params)
            while True:
                rows = cursor.fetchmany(256)
                if not rows:
                    break
                yield from rows
        except sqlite3.Error as exc:
            raise _translate(exc, self.path) from exc
        finally:
            conn.close()

    def iter_checkins(self, flt: Filter | None = None, *,
                      oldest_first: bool = True) -> Iterator[CheckIn]:
        """Stream whole check-ins (for export) through a connection of their own.

        Memory stays flat however long the journal is, and a draft autosave from
        another thread is not held up while an export runs.
        """
        columns = ", ".join(f"c.{name.strip()}" for name in _CHECKIN_COLUMNS.split(","))
        for row in self._iter_rows(columns, flt, oldest_first):
            try:
                checkin = _checkin_from_row(row)
            except _DamagedRow as exc:
                raise JournalError("errors.damaged", path=self.path) from exc
            yield checkin

    def iter_export_objects(self, flt: Filter | None = None) -> Iterator[str]:
        """Each check-in as the JSON text of one export object, oldest first.

        The stored body is spliced in as it is (it is kept in the export's layout), so
        nothing is decoded and re-encoded; the text equals
        ``json.dumps(codec.to_dict(checkin), ensure_ascii=False)``.
        """
        columns = ", ".join(f"c.{key}" for key in (*codec.HEAD_KEYS, "body"))
        for row in self._iter_rows(columns, flt, True):
            yield codec.export_object(row[:-1], row[-1])

    @_guarded
    def last_visit_per_area(self) -> dict[str, datetime]:
        """When each area was last visited in a completed check-in."""
        latest: dict[str, datetime] = {}
        for area_id, completed in self._read(
            "SELECT area_id, completed_at FROM checkins "
            "WHERE status = 'complete' AND area_id IS NOT NULL AND completed_at IS NOT NULL"
        ):
            when = codec.parse_iso(completed)
            if area_id not in latest or when > latest[area_id]:
                latest[area_id] = when
        return latest

    @_guarded
    def known_ids(self) -> tuple[set[str], set[str]]:
        """(area ids, value ids) the journal has used — valid filters even if the
        content has since dropped them."""
        areas = {r[0] for r in self._read("SELECT DISTINCT area_id FROM checkins "
                                          "WHERE area_id IS NOT NULL")}
        values = {r[0] for r in self._read("SELECT DISTINCT value_id FROM focus")}
        return areas, values

    @_guarded
    def integrity_problems(self) -> list[str]:
        """``PRAGMA integrity_check``: an empty list means the file is sound."""
        rows = self._read("PRAGMA integrity_check")
        return [] if rows == [("ok",)] else [str(r[0]) for r in rows]

    # -- backups ---------------------------------------------------------------------------

    def _backup_name(self, kind: str | None) -> Path:
        folder = self.backups_dir
        if not folder.exists():
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:
                pass
            except OSError as exc:
                raise JournalError("errors.cannot_create", path=folder,
                                   detail=exc.strerror) from exc
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        middle = f"-{kind}" if kind else ""
        candidate = folder / f"{self.path.stem}{middle}-{stamp}.sqlite3"
        number = 2
        while candidate.exists():
            candidate = folder / f"{self.path.stem}{middle}-{stamp}-{number}.sqlite3"
            number += 1
        return candidate

    @_guarded
    def backup(self, dest: Path | None = None, *, overwrite: bool = False,
               kind: str | None = None) -> Path:
        """A consistent copy made with SQLite's backup API; returns where it went.

        With no ``dest`` it goes to ``backups/`` beside the journal and only the newest
        10 regular backups are kept (copies made before an upgrade or a restore are
        never pruned). ``dest`` may be a folder or a file in an existing folder; an
        existing file is only replaced with ``overwrite``. Written to a temporary file
        and renamed, so a backup is never half-written.
        """
        if dest is None:
            target = self._backup_name(kind)
        else:
            dest = Path(dest).expanduser()
            target = dest / self._backup_name(kind).name if dest.is_dir() else dest
            if not target.parent.is_dir():
                raise JournalError("errors.no_folder", path=target.parent)
            if target.exists() and not overwrite:
                raise JournalError("errors.exists", path=target)
            if target.resolve() == self.path.resolve():
                raise JournalError("errors.same_file", path=target)
        _copy_database(self._conn, target, self._lock)
        if dest is None and kind is None:
            self._prune()
        return target

    def _prune(self) -> None:
        pattern = re.compile(rf"^{re.escape(self.path.stem)}-\d{{8}}-\d{{6}}(-\d+)?\.sqlite3$")
        regular = sorted(p for p in self.backups_dir.iterdir() if pattern.match(p.name))
        regular.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
        for old in regular[:-KEEP_BACKUPS]:
            with contextlib.suppress(OSError):
                old.unlink()

    def list_backups(self) -> list[Path]:
        """Backups of this journal in ``backups/``, newest first."""
        if not self.backups_dir.is_dir():
            return []
        mine = [p for p in self.backups_dir.glob(f"{glob_escape(self.path.stem)}-*.sqlite3")]
        return sorted(mine, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _copy_database(source: sqlite3.Connection, target: Path,
                   lock: threading.RLock | None = None) -> None:
    """Copy ``source`` into a new self-contained file at ``target`` (0600, atomic)."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
    except OSError as exc:
        raise JournalError("errors.cannot_create", path=target, detail=exc.strerror) from exc
    try:
        copy = sqlite3.connect(tmp)
        try:
            with lock or contextlib.nullcontext():
                source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# -- restore ---------------------------------------------------------------------------------


@dataclass
class RestoreResult:
    restored_from: Path
    previous: Path | None  # where the journal that was replaced was copied to


def check_backup(path: Path) -> int:
    """The schema version of a backup file, after checking it is a sound refleks journal."""
    state = inspect_file(path)
    if state.kind == "missing":
        raise NotFoundError("errors.backup_missing", path=path)
    if state.kind != "journal":
        raise JournalError("errors.foreign", path=path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        raise JournalError("errors.damaged", path=path) from exc
    finally:
        conn.close()
    if rows != [("ok",)]:
        raise JournalError("errors.damaged", path=path)
    return state.version


def restore(journal_path: Path, backup_path: Path) -> RestoreResult:
    """Put a backup back as the journal, after copying the current journal aside.

    A healthy current journal is copied with the backup API and then overwritten in
    place by it, in one transaction (other open refleks windows see the restored
    journal, nothing half-way). A damaged current journal is copied aside byte for byte
    and replaced. A file that is not a refleks journal, or is from a newer refleks, is
    never replaced.
    """
    journal_path = Path(journal_path).expanduser()
    backup_path = Path(backup_path).expanduser()
    check_backup(backup_path)
    if journal_path.exists() and journal_path.resolve() == backup_path.resolve():
        raise JournalError("errors.same_file", path=backup_path)
    try:
        state = inspect_file(journal_path)
    except JournalError as exc:
        if exc.key != "errors.damaged":
            raise
        return RestoreResult(backup_path, _replace_damaged(journal_path, backup_path))
    if state.kind == "missing":
        _create_file(journal_path)
    with Journal.open(journal_path) as journal:
        previous = journal.backup(kind="before-restore") if state.kind == "journal" else None
        source = sqlite3.connect(f"{backup_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            with journal._lock:
                source.backup(journal._conn)
        except sqlite3.Error as exc:
            raise _translate(exc, journal_path) from exc
        finally:
            source.close()
    # Reopen: sets WAL again and upgrades a backup made by an older refleks.
    Journal.open(journal_path).close()
    return RestoreResult(backup_path, previous)


def _replace_damaged(journal_path: Path, backup_path: Path) -> Path:
    import shutil

    folder = journal_path.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = folder / f"{journal_path.stem}-damaged-{stamp}.sqlite3"
    shutil.copyfile(journal_path, aside)
    os.chmod(aside, 0o600)
    for suffix in ("-wal", "-shm"):
        extra = journal_path.with_name(journal_path.name + suffix)
        if extra.exists():
            if suffix == "-wal":
                shutil.copyfile(extra, aside.with_name(aside.name + suffix))
            extra.unlink()
    source = sqlite3.connect(f"{backup_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _copy_database(source, journal_path)
    finally:
        source.close()
    Journal.open(journal_path).close()
    return aside
