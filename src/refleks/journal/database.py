"""The journal's SQLite file: looking at it safely, creating it privately, connecting.

Everything that touches the file below the level of check-ins lives here, so the rules
are kept in one place:

- A file is inspected read-only before anything writes to it: a folder, a stranger's
  file, a damaged or a newer journal is refused with ``JournalError`` untouched.
- A new journal is made owner-only (folder 0700, file 0600) before SQLite opens it.
- Writing connections run in WAL mode with a busy timeout and ``secure_delete``; on a
  network file system (``refleks.filesystems``), where WAL's shared-memory index does
  not work, with a rollback journal instead (docs/journal-format.md). Reading ones
  (``connect_ro``) can never change a byte, also for a journal on a Windows network
  share.
- SQLite's exceptions become one ``JournalError`` that says what happened in words.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

from refleks import files
from refleks.journal import cipher, schema, sql
from refleks.journal.cipher import Key
from refleks.journal.errors import JournalError
from refleks.journal.sql import read_only_uri
from refleks.journal.wal import log_size, read_wal, wal_path

BUSY_TIMEOUT_SECONDS = 10.0
# A connection that reads once through its rows keeps this much of the file's pages
# (KiB). SQLCipher's build keeps 8,000 KiB a connection where SQLite keeps 2,000, and a
# search reading its matches' rows filled all of it: 6 MiB of `list --search` at
# 50,000 check-ins, for pages it never reads again (the file cache keeps them anyway).
ONE_PASS_CACHE_KIB = 1024
SQLITE_MAGIC = b"SQLite format 3\x00"

P = ParamSpec("P")
R = TypeVar("R")


# -- errors ----------------------------------------------------------------------------------


def translate(exc: sql.Error, path: Path) -> JournalError:
    """SQLite's error → the ``JournalError`` a person can act on."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in (sql.SQLITE_BUSY, sql.SQLITE_LOCKED):
        return JournalError("errors.locked", path=path)
    if code in (sql.SQLITE_CORRUPT, sql.SQLITE_NOTADB):
        return JournalError("errors.damaged", path=path)
    if code == sql.SQLITE_FULL:
        return JournalError("errors.full", path=path)
    if code == sql.SQLITE_READONLY:
        return JournalError("errors.read_only", path=path)
    if isinstance(exc, sql.OperationalError):
        return JournalError("errors.io", path=path, detail=str(exc))
    return JournalError("errors.damaged", path=path)


class DamagedRow(Exception):
    """A stored body that does not decode: the file was changed behind our back."""


class HasPath(Protocol):
    @property
    def path(self) -> Path: ...


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """SQLite's exceptions (and undecodable rows) become one clear ``JournalError``.

    For methods of an object with a ``path`` (the journal): the error names its file.
    """

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sql.Error as exc:
            owner: HasPath = args[0]  # type: ignore[assignment]
            raise translate(exc, owner.path) from exc
        except DamagedRow as exc:
            owner = args[0]  # type: ignore[assignment]
            raise JournalError("errors.damaged", path=owner.path) from exc

    return wrapper


# -- connections -----------------------------------------------------------------------------


def connect_ro(path: Path, key: Key | None = None) -> sql.Connection:
    """A connection that cannot write, create or upgrade the file at ``path``.

    It reads alongside a writer (WAL lets readers in while another process holds the
    write lock). On read-only media — no ``-wal`` beside the journal and a folder
    that cannot be written — SQLite could not make its ``-shm`` index, so the file is
    opened ``immutable``: nobody can be writing it there.

    Raises ``sql.Error`` (callers translate it with the path they want named).
    ``key``: an encrypted journal's (``cipher``); ``None`` for a plain one.
    """
    resolved = Path(path).resolve()
    uri = read_only_uri(str(resolved))
    if (not wal_path(resolved).exists() and not rollback_path(resolved).exists()
            and not writable_folder(resolved.parent)):
        uri += "&immutable=1"
    return sql.use_key(sql.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS,
                                   check_same_thread=False), key)


def for_one_pass(conn: sql.Connection) -> sql.Connection:
    """``conn`` with a small page cache, for reading rows once (``ONE_PASS_CACHE_KIB``);
    after the key, so that nothing reads the file before it."""
    conn.execute(f"PRAGMA cache_size = -{ONE_PASS_CACHE_KIB}")
    return conn


def connect_main_only(path: Path, key: Key | None = None) -> sql.Connection:
    """The main file alone, as it is on disk: no ``-wal`` read, no ``-shm`` made."""
    uri = read_only_uri(str(Path(path).resolve())) + "&immutable=1"
    return sql.use_key(sql.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS), key)


def writable_folder(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def stream(path: Path, query: str, params: Iterable[Any],
           key: Key | None = None) -> Iterator[tuple[Any, ...]]:
    """Rows of ``sql``, fetched in batches through a read-only connection of their own.

    Memory stays flat however many rows there are, and the journal's own connection
    (and its lock) is not held while the caller works through them.
    """
    try:
        conn = for_one_pass(connect_ro(path, key))
    except sql.Error as exc:
        raise translate(exc, path) from exc
    try:
        cursor = conn.execute(query, tuple(params))
        while True:
            rows = cursor.fetchmany(256)
            if not rows:
                break
            yield from rows
    except sql.Error as exc:
        raise translate(exc, path) from exc
    finally:
        conn.close()


def connect(path: Path, key: Key | None = None) -> sql.Connection:
    """The journal's writing connection, shared by threads under the journal's lock."""
    return sql.use_key(sql.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                   check_same_thread=False), key)


def rollback_path(path: Path) -> Path:
    """The rollback journal beside the journal (``-journal``): there only while a write
    is under way, or after one was killed (a "hot" journal SQLite rolls back)."""
    return path.with_name(path.name + "-journal")


def journal_mode(rollback: bool) -> str:
    return "delete" if rollback else "wal"


def usual_sync(rollback: bool) -> str:
    """NORMAL is durable enough in WAL mode; with a rollback journal only FULL syncs
    the journal before the file is changed, as a power cut needs."""
    return "FULL" if rollback else "NORMAL"


def configure(conn: sql.Connection, *, rollback: bool = False) -> None:
    """WAL with NORMAL sync (``rollback``: a rollback journal, ``DELETE``, with FULL
    sync, for a network file system), foreign keys, zeroed deletes and a busy timeout.

    Changing the mode needs the file to itself: a journal moved onto a share while
    another window has it open is refused as locked until that window closes.
    """
    wanted = journal_mode(rollback)
    mode = conn.execute(f"PRAGMA journal_mode = {wanted.upper()}").fetchone()[0]
    if str(mode).lower() != wanted:
        raise sql.OperationalError(f"journal_mode {mode}")
    conn.execute(f"PRAGMA synchronous = {usual_sync(rollback)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")


# -- the file --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileState:
    kind: str  # "missing" | "new" | "journal"
    version: int = 0


def check_regular(path: Path) -> bool:
    """Whether a regular file is at ``path`` (False: nothing yet, or a dangling link).

    A folder, a FIFO, a device or a symlink loop is refused with ``JournalError``
    before anything opens it: SQLite would hang on a FIFO and take a loop for a new
    journal.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise JournalError("errors.link_loop", path=path) from exc
        raise JournalError("errors.unreadable", path=path, detail=exc.strerror) from exc
    if stat.S_ISDIR(info.st_mode):
        raise JournalError("errors.is_folder", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise JournalError("errors.not_regular", path=path)
    return True


def _read_header(path: Path) -> bytes:
    """The first 100 bytes, opened without blocking (a FIFO swapped in meanwhile)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise JournalError("errors.not_regular", path=path)
        return os.read(fd, 100)
    finally:
        os.close(fd)


def inspect_file(path: Path, key: Key | None = None) -> FileState:
    """What is at ``path``, read without changing a byte; ``JournalError`` if unusable.

    Without a ``-wal`` the main file is read as it is (no ``-shm`` is made beside a
    damaged file); with one, SQLite reads through the log, as the journal will.

    An encrypted journal (its header is not SQLite's) is read with ``key``: without
    one it is ``EncryptedJournal``, with a key that does not open it ``WrongPassphrase``
    — never "damaged" or "not a journal", and never changed.
    """
    if not check_regular(path):
        return FileState("missing")
    try:
        header = _read_header(path)
    except FileNotFoundError:
        return FileState("missing")
    except OSError as exc:
        raise JournalError("errors.unreadable", path=path, detail=exc.strerror) from exc
    has_log = log_size(path) > 0 or rollback_path(path).exists()
    if not header and not has_log:
        return FileState("new")  # an empty file, e.g. made by mktemp: nothing to lose
    encrypted = bool(header) and not header.startswith(SQLITE_MAGIC)
    if encrypted and not cipher.is_encrypted(path):
        raise JournalError("errors.foreign", path=path)
    if encrypted and key is None:
        raise cipher.EncryptedJournal(path)
    if 0 < len(header) < 100:
        raise JournalError("errors.damaged", path=path)
    if not encrypted:
        key = None  # a plain journal is read as it is, whatever key was at hand
    try:
        conn = connect_ro(path, key) if has_log else connect_main_only(path, key)
    except sql.Error as exc:
        raise translate(exc, path) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sql.Error as exc:
        if (encrypted and key is not None
                and getattr(exc, "sqlite_errorcode", 0) & 0xFF == sql.SQLITE_NOTADB
                and not cipher.opens(path, key)):
            # only a key that does not open the first page is a wrong passphrase; with
            # one that does, a page that fails its check (in the log too) is damage
            raise cipher.WrongPassphrase(path) from exc
        raise translate(exc, path) from exc
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


ROLLBACK_MAGIC = bytes.fromhex("d9d505f920a163d7")


def roll_back_killed_write(path: Path, key: Key | None = None) -> None:
    """Roll back what a killed write left in a ``-journal`` (rollback mode) before the
    file is inspected: until then the main file may hold half of that write, and a
    read-only connection cannot roll it back (SQLite refuses it as read-only).

    This is the rollback journal's recovery, as SQLite does it on a journal's first
    read: the file returns to its last commit, and nothing committed is lost. It is
    done only for a file that is a refleks journal by its header (or an encrypted one,
    with its key), or one the killed write was creating (nothing before it), in a
    folder that can be written; anything else is left for ``inspect_file`` to judge.
    """
    journal = rollback_path(path)
    try:
        with open(journal, "rb") as handle:
            head = handle.read(20)
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return
    if not head.startswith(ROLLBACK_MAGIC) or not writable_folder(path.parent):
        return  # empty or zeroed: not hot; or read-only media
    was_new = len(head) == 20 and int.from_bytes(head[16:20], "big") == 0
    ours = (header.startswith(SQLITE_MAGIC)
            and int.from_bytes(header[68:72], "big") == schema.APPLICATION_ID)
    encrypted = bool(header) and not header.startswith(SQLITE_MAGIC)
    if encrypted:
        if key is None or not cipher.is_encrypted(path):
            return
    elif not (ours or was_new):
        return
    try:
        conn = connect(path, key if encrypted else None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sql.Error as exc:
        raise translate(exc, path) from exc


def main_file_empty(path: Path) -> bool:
    """Whether the main file alone (ignoring its ``-wal``) holds no journal yet."""
    try:
        if os.stat(path).st_size == 0:
            return True
        conn = connect_main_only(path)
    except (OSError, sql.Error):
        return False
    try:
        objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    except sql.Error:
        return False
    finally:
        conn.close()
    return bool(objects == 0 and app_id == 0)


def migrate(db: sql.Connection, path: Path) -> None:
    """Bring the schema up to date inside the caller's transaction, after checking again
    (now holding the write lock) that the file is a refleks journal we can read."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    if version == 0 and app_id == 0:
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise JournalError("errors.foreign", path=path)
    elif app_id != schema.APPLICATION_ID:
        raise JournalError("errors.foreign", path=path)
    if version > schema.CURRENT_VERSION:
        raise JournalError("errors.newer", path=path, version=version,
                           supported=schema.CURRENT_VERSION)
    if version < schema.CURRENT_VERSION:
        schema.apply(db, version)


def main_file_holds_no_entries(path: Path) -> bool:
    """Whether the main file alone holds no journal yet, or a journal with no entries.

    A new journal's schema is checkpointed into the main file at once, so after a first
    session killed before it completed, the main file has tables but no rows and every
    word is in the ``-wal``: that journal looks empty too.
    """
    if main_file_empty(path):
        return True
    try:
        conn = connect_main_only(path)
    except (OSError, sql.Error):
        return False
    try:
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in ("checkins", "moments"):
            if table in tables and conn.execute(
                    f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]:
                return False
    except sql.Error:
        return False
    finally:
        conn.close()
    return "checkins" in tables


def only_in_damaged_log(path: Path) -> bool:
    """Whether the journal is all in a ``-wal`` that recovery would cut short: the main
    file holds no entries yet, so opening it would show an empty journal (or start a new
    one) over the log."""
    try:
        return read_wal(path).damaged and main_file_holds_no_entries(path)
    except OSError:
        return False


def create_file(path: Path) -> None:
    """The folder owner-only (0700) and the file owner-only (0600), before SQLite opens it.

    Through a dangling symlink the file is made where the link points, owner-only too
    (``os.open`` with ``O_EXCL`` would refuse the link itself).
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        if not target.parent.exists():
            target.parent.mkdir(parents=True, mode=0o700)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, files.OWNER_ONLY)
        os.close(fd)
    except FileExistsError:
        pass  # another refleks got there first; it made the file the same way
    except OSError as exc:
        raise JournalError("errors.cannot_create", path=path, detail=exc.strerror) from exc


def tighten(path: Path, *, own_folder: Path | None = None) -> None:
    """Make the journal, its ``-wal``/``-shm`` (and ``own_folder``) owner-only again.

    Runs whenever refleks opens the journal to write, so a file or folder made
    readable to others before — by an older refleks, a copy, a umask — is closed up.
    A folder the person chose for the journal is not refleks' to change; only its own
    data folder is.
    """
    for name in (path, wal_path(path), path.with_name(path.name + "-shm"),
                 rollback_path(path)):
        files.restrict(name, files.OWNER_ONLY)
    if own_folder is not None:
        files.restrict(own_folder, files.OWNER_ONLY_FOLDER)
