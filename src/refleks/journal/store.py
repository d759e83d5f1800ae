"""The journal store: one SQLite file that never loses an answer.

- Every change is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``) in WAL mode (on a
  network folder with a rollback journal, ``database.configure``) with a busy timeout,
  so two refleks processes on one journal queue up instead of corrupting it or losing
  each other's writes. A check-in carries the revision it was read at;
  saving over a revision written meanwhile by another window raises ``ConflictError``
  rather than silently dropping that window's words.
- ``synchronous=NORMAL``: a committed draft survives the process being killed at any
  moment (tested with SIGKILL); completing a check-in commits with ``FULL`` so the
  finished entry also survives a power cut, and is then copied to ``backups/``.
- A file that is not a refleks journal, is damaged or comes from a newer refleks is
  refused with ``JournalError`` before a single byte of it is written (``database``).
- ``secure_delete`` is on: a deleted check-in is overwritten in the file, not just
  unlinked (older backups keep what they had, by design).

The file and its connections live in ``database``, what to ask in ``queries``, how a
check-in maps onto rows in ``rows``, the list reads in ``listing`` (``journal.listing``,
whose methods the journal also offers under their own names), backups and restore in
``backups``; this module is the ``Journal`` itself. Nothing here imports a UI; the CLI
and the TUI both use this API.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from refleks import files, filesystems
from refleks.journal import backups, cipher, database, opening, placement, records, schema, sql
from refleks.journal.cipher import Key
from refleks.journal.database import (
    FileState,
    configure,
    connect,
    connect_ro,
    guarded,
    migrate,
    tighten,
    translate,
    usual_sync,
)
from refleks.journal.errors import ConflictError, JournalError, NotFoundError
from refleks.journal.listing import Listing
from refleks.journal.model import CheckIn, LaterNote, Readable
from refleks.journal.moments import MergeCount, Moment, Moments
from refleks.journal.queries import (
    MATCH_END,
    MATCH_START,
    Filter,
    Summary,
    SummaryList,
    fts_query,
)
from refleks.journal.rows import CHECKIN_COLUMNS, checkin_from_row, find_id, write_checkin

# Also importable from here: ``from refleks.journal.store import Journal, Filter``.
__all__ = ["MATCH_END", "MATCH_START", "ConflictError", "Filter", "ImportResult", "Journal",
           "JournalError", "NotFoundError", "Summary", "SummaryList", "fts_query"]


T = TypeVar("T")


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    uids: list[str] = field(default_factory=list)  # added or updated
    moments: MergeCount = field(default_factory=MergeCount)

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


class Journal:
    """An open journal. Use ``Journal.open(path)``; close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sql.Connection, key: Key | None = None) -> None:
        self.path = path
        self.key = key  # an encrypted journal's key (``cipher``); None: a plain journal
        self._conn = conn
        self._lock = threading.RLock()
        self.listing = Listing(path, conn, self._lock, key)  # the list reads (``listing``)
        self.notices: list[JournalError] = []  # said once when opening (a log kept aside)
        self.last_backup_error: Exception | None = None  # from the backup after complete()
        # The network file system the journal is on (``filesystems``), written there
        # with a rollback journal instead of WAL; None: a local disk.
        self.network: str | None = None

    # -- life cycle ------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, key: Key | None = None, *, create: bool = True,
             read_only: bool = False, own_folder: Path | None = None) -> Journal:
        """Open (and if needed create or upgrade) the journal at ``path``.

        Raises ``JournalError`` — with the file unchanged — for a folder, a FIFO or a
        device, a file that is not a refleks journal, a damaged one, one from a newer
        refleks, one whose newest changes are only in a damaged ``-wal``, or (with
        ``create=False``) a missing one. An older journal is copied to ``backups/``
        before it is upgraded. A ``-wal`` that SQLite would recover only in part is
        copied aside first (``notices`` says where).

        ``read_only`` never writes a byte (``list``, ``show``, ``export``, ``status``):
        it reads alongside another process that holds the write lock, and from
        read-only media. ``own_folder``: refleks' own data folder, made owner-only.
        (The one write it may make: rolling back what a killed write left in a
        ``-journal`` on a network folder, as SQLite's recovery would; see ``opening``.)

        ``key``: an encrypted journal's (``cipher.unlock``). Without one an encrypted
        journal is ``EncryptedJournal``, with one that does not open it
        ``WrongPassphrase``; either way the file is not touched. A plain journal is
        opened as it is, key or not.
        """
        path = Path(path).expanduser()
        if key is not None and not cipher.is_encrypted(path):
            key = None
        state, notices = opening.prepare(path, create=create, read_only=read_only, key=key)
        # A new journal, or one too old to read as it is, is set up first, which needs
        # writing after all.
        reading = (read_only and state.kind == "journal"
                   and schema.READABLE_FROM <= state.version <= schema.CURRENT_VERSION)
        if not read_only and state.kind != "missing" and not database.writable_folder(path.parent):
            # SQLite would only say "unable to open database file": it needs the folder
            # for the journal's -wal and -shm (read-only media, a folder not ours)
            raise JournalError("errors.read_only", path=path)
        if not read_only:  # what a killed refleks left: beside the journal, and backups
            files.remove_stale_temp_files(path.parent)
            files.remove_stale_temp_files(backups.backups_dir(path))
        try:
            conn = connect_ro(path, key) if reading else connect(path, key)
        except sql.Error as exc:
            raise translate(exc, path) from exc
        journal = cls(path, conn, key)
        journal.notices = notices + placement.synced_notice(path)  # said once a path
        journal.network = filesystems.network_filesystem(path)
        if reading:
            return journal
        try:
            journal._setup(state)
        except BaseException:
            conn.close()
            raise
        tighten(path, own_folder=own_folder)
        return journal

    @guarded
    def _setup(self, state: FileState) -> None:
        configure(self._conn, rollback=self.network is not None)
        if state.kind == "journal":  # current: no write lock to take (or wait for) at start
            if state.version == schema.CURRENT_VERSION:
                return
            self.backup(kind=f"before-v{schema.CURRENT_VERSION}")
        with self._write() as db:
            migrate(db, self.path)
        if state.kind == "journal" and schema.compacts_after(state.version, self._conn):
            # The space the upgrade freed given back, once. A disk too full to rewrite the
            # file (or another program reading it) leaves it as it is: still whole.
            with self._lock, contextlib.suppress(sql.Error):
                self._conn.execute("VACUUM")
        if state.kind != "journal":
            self.checkpoint()  # the new schema in the main file, not only in the -wal

    def checkpoint(self) -> None:
        """Copy the ``-wal`` into the main file (after creating, after completing), so a
        lost log costs little. A reader elsewhere may hold it back; the next catches up.
        (With a rollback journal every commit is in the main file already: nothing.)"""
        with self._lock, contextlib.suppress(sql.Error):
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def close(self) -> None:
        with self._lock:
            with contextlib.suppress(sql.Error):
                self.listing.close()
            with contextlib.suppress(sql.Error):
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
        return backups.backups_dir(self.path)

    @contextlib.contextmanager
    def _write(self, wait: float | None = None) -> Iterator[sql.Connection]:
        """One write transaction. ``wait``: how long to wait for another program's write
        to end, if not the journal's usual busy timeout."""
        with self._lock:
            if wait is not None:
                self._conn.execute(f"PRAGMA busy_timeout = {max(int(wait * 1000), 1)}")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    self._conn.execute("COMMIT")
                except BaseException:
                    # A failed COMMIT (a full disk) too: else the transaction stays open,
                    # holding the write lock, and every retry fails on it.
                    with contextlib.suppress(sql.Error):
                        self._conn.execute("ROLLBACK")
                    raise
            finally:
                if wait is not None:
                    usual = int(database.BUSY_TIMEOUT_SECONDS * 1000)
                    with contextlib.suppress(sql.Error):  # never hides the error above
                        self._conn.execute(f"PRAGMA busy_timeout = {usual}")

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    # -- writing ---------------------------------------------------------------------------

    @guarded
    def save(self, checkin: CheckIn, *, wait: float | None = None) -> CheckIn:
        """Insert or update the whole check-in in one transaction (a draft autosave).

        Sets ``id``, ``updated_at`` and ``saved_revision`` on the check-in and returns
        it. ``ConflictError`` if another window saved this check-in since it was read.
        ``wait``: at most this long for another program's write to end (the app's
        autosave waits briefly and tries again later, rather than freeze while typing);
        by default the journal's busy timeout.
        """
        stamp = records.now()
        if checkin.status == "complete" and checkin.completed_at is None:
            checkin.completed_at = stamp
        with self._write(wait) as db:
            row = db.execute("SELECT id, revision FROM checkins WHERE uid = ?",
                             (checkin.uid,)).fetchone()
            if (row is not None and checkin.saved_revision is not None
                    and row[1] != checkin.saved_revision):
                raise ConflictError("errors.conflict", path=self.path, id=row[0])
            cid, revision = write_checkin(db, checkin, stamp, row)
        checkin.id, checkin.updated_at, checkin.saved_revision = cid, stamp, revision
        return checkin

    def complete(self, checkin: CheckIn) -> CheckIn:
        """Mark complete, save durably, then back the journal up (newest 10 kept).

        A failed backup does not undo the completion: it is kept in
        ``last_backup_error`` for the caller to mention.
        """
        before = (checkin.status, checkin.completed_at)
        checkin.status = "complete"
        checkin.completed_at = checkin.completed_at or records.now()
        try:
            with self._lock:
                self._conn.execute("PRAGMA synchronous = FULL")
                try:
                    self.save(checkin)
                finally:
                    with contextlib.suppress(sql.Error):
                        self._conn.execute(
                            f"PRAGMA synchronous = {usual_sync(self.network is not None)}")
        except BaseException:
            checkin.status, checkin.completed_at = before
            raise
        self.checkpoint()
        self.last_backup_error = None
        try:
            self.backup()
        except (JournalError, OSError) as exc:
            self.last_backup_error = exc
        return checkin

    @guarded
    def delete(self, key: int | str) -> None:
        """Delete a check-in for good: its row, focus values and search words.

        Older backups keep what they had; nothing else does.
        """
        with self._write() as db:
            cid = find_id(db, key)
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
            checkin.later_notes.append(LaterNote(records.now(), text))
            try:
                return self.save(checkin)
            except ConflictError:
                continue
        raise ConflictError("errors.conflict", path=self.path, id=key)

    @property
    def moments(self) -> Moments:
        """The moments noted between check-ins (``journal/moments.py``)."""
        return Moments(self)

    @guarded
    def merge(self, checkins: Iterable[CheckIn],
              moments: Iterable[Moment] = ()) -> ImportResult:
        """Import check-ins (and moments) by uid in one transaction: new ones are added,
        a newer ``updated_at`` replaces the stored one, the rest is left as it is."""
        result = ImportResult()
        with self._write() as db:
            Moments.merge_into(db, moments, result.moments)
            for c in checkins:
                row = db.execute("SELECT id, revision, updated_at FROM checkins WHERE uid = ?",
                                 (c.uid,)).fetchone()
                updated = c.updated_at or c.started_at
                if row is None:
                    write_checkin(db, c, updated, None)
                    result.added += 1
                    result.uids.append(c.uid)
                elif records.aware(updated) > records.parse_iso(row[2]):
                    write_checkin(db, c, updated, (row[0], row[1]))
                    result.updated += 1
                    result.uids.append(c.uid)
                else:
                    result.unchanged += 1
        return result

    # -- reading ---------------------------------------------------------------------------

    def _one(self, where: str, params: Iterable[Any] = ()) -> CheckIn | None:
        found = self._read(f"SELECT {CHECKIN_COLUMNS} FROM checkins {where} LIMIT 1",
                           params)
        return checkin_from_row(found[0]) if found else None

    @guarded
    def get(self, key: int | str) -> CheckIn | None:
        with self._lock:
            cid = find_id(self._conn, key)
            return None if cid is None else self._one("WHERE id = ?", (cid,))

    @guarded
    def current_draft(self) -> CheckIn | None:
        """The newest draft, to resume."""
        return self._one("WHERE status = 'draft' ORDER BY started_utc DESC, id DESC")

    @guarded
    def latest(self, *, include_drafts: bool = False) -> CheckIn | None:
        where = "" if include_drafts else "WHERE status = 'complete'"
        return self._one(f"{where} ORDER BY started_utc DESC, id DESC")

    @guarded
    def count(self, *, include_drafts: bool = True) -> int:
        where = "" if include_drafts else "WHERE status = 'complete'"
        return int(self._read(f"SELECT count(*) FROM checkins {where}")[0][0])

    @guarded
    def integrity_problems(self) -> list[str]:
        """``PRAGMA integrity_check``: an empty list means the file is sound."""
        rows = self._read("PRAGMA integrity_check")
        return [] if rows == [("ok",)] else [str(r[0]) for r in rows]

    # -- lists: ``self.listing`` reads them; here under the names the CLI and app use --

    def summaries(self, flt: Filter | None = None, *, lazy_snippets: bool = False,
                  cancelled: Callable[[], bool] | None = None) -> SummaryList:
        return self.listing.summaries(flt, lazy_snippets=lazy_snippets, cancelled=cancelled)

    def search(self, text: str, flt: Filter | None = None) -> SummaryList:
        return self.listing.search(text, flt)

    def has_any(self, flt: Filter | None = None) -> bool:
        return self.listing.has_any(flt)

    def iter_summaries(self, flt: Filter | None = None) -> Iterator[Summary]:
        return self.listing.iter_summaries(flt)

    def iter_checkins(self, flt: Filter | None = None, *,
                      oldest_first: bool = True) -> Iterator[CheckIn]:
        return self.listing.iter_checkins(flt, oldest_first=oldest_first)

    def iter_rendered(self, render: Callable[[Readable], T],
                      flt: Filter | None = None) -> Iterator[T]:
        return self.listing.iter_rendered(render, flt)

    def iter_export_objects(self, flt: Filter | None = None) -> Iterator[str]:
        return self.listing.iter_export_objects(flt)

    def thread_rows(self, value_id: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        return self.listing.thread_rows(value_id)

    def last_visit_per_area(self) -> dict[str, datetime]:
        return self.listing.last_visit_per_area()

    def known_ids(self) -> tuple[set[str], set[str]]:
        return self.listing.known_ids()

    # -- backups ---------------------------------------------------------------------------

    @guarded
    def backup(self, dest: Path | None = None, *, overwrite: bool = False,
               kind: str | None = None) -> Path:
        """A consistent copy made with SQLite's backup API; returns where it went.

        With no ``dest`` it goes to ``backups/`` beside the journal and only the newest
        10 regular backups are kept (copies made before an upgrade or a restore are
        never pruned). ``dest`` may be a folder or a file in an existing folder; an
        existing file is only replaced with ``overwrite``. Written to a temporary file
        and renamed, so a backup is never half-written. An encrypted journal's backup
        is encrypted with the same key (the same passphrase opens it).
        """
        return backups.back_up(self.path, self.copy_into, dest, overwrite=overwrite,
                               kind=kind, key=self.key)

    def list_backups(self) -> list[Path]:
        """Backups of this journal in ``backups/``, newest first."""
        return backups.list_backups(self.path)

    def copy_into(self, target: sql.Connection) -> None:
        """Copy the whole journal into ``target`` (SQLite's backup API), consistent even
        while other threads write: they wait for the copy."""
        with self._lock:
            self._conn.backup(target)

    @guarded
    def replace_with(self, source: Path, source_key: cipher.Key | None = None) -> None:
        """Overwrite this journal with the database at ``source``, in one transaction.

        Other connections to the journal see the old contents or the new, never a mix.
        Used by ``backups.restore`` after it has checked ``source`` and copied this
        journal aside. An encrypted ``source`` is read with ``source_key`` (by default
        this journal's key); its pages are written with this journal's key.
        """
        if cipher.is_encrypted(source) != (self.key is not None):
            # SQLite's backup copies pages: plain into encrypted (or back) cannot be done
            raise cipher.CipherError("errors.restore_mixed", path=source)
        source_key = (source_key or self.key) if self.key is not None else None
        conn = connect_ro(source, source_key)
        try:
            with self._lock:
                conn.backup(self._conn)
        finally:
            conn.close()
