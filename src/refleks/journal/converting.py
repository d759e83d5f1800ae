"""Encrypting a journal, decrypting it, changing its passphrase: one careful conversion.

Each writes the whole journal into a new file beside it (SQLCipher's
``sqlcipher_export``, with the new key or none), checks that the new file opens with
the new key and holds every check-in and every moment (their counts and uids), and
only then puts it in the journal's place with one atomic rename. Until that rename the
old journal is there, whole; after it the new one. The new file carries the temporary
name of ``refleks.files``, so what a killed conversion left is removed the next time
the journal is opened. Nothing here asks anything: the command line (or the app)
brings the keys.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from refleks import files
from refleks.journal import cipher, schema, sql
from refleks.journal.cipher import CipherError, Key
from refleks.journal.database import connect_ro, translate
from refleks.journal.errors import JournalError
from refleks.journal.store import Journal
from refleks.journal.wal import open_elsewhere


@dataclass(frozen=True)
class Inventory:
    """What a journal holds, to compare before and after: uids, in order."""

    checkins: tuple[str, ...]
    moments: tuple[str, ...]


def inventory(conn: sql.Connection, schema_name: str = "main") -> Inventory:
    return Inventory(
        tuple(r[0] for r in conn.execute(f"SELECT uid FROM {schema_name}.checkins ORDER BY uid")),
        tuple(r[0] for r in conn.execute(f"SELECT uid FROM {schema_name}.moments ORDER BY uid")),
    )


def _step(name: str) -> None:
    """Between two steps of a conversion (a test stops the process here)."""


def refuse_if_open_elsewhere(path: Path) -> Path:
    """The journal's real path, or ``CipherError`` if another process has it open (where
    that can be seen: ``wal.open_elsewhere``). A command asks this before it asks for a
    passphrase, so nobody types one for a conversion that would then be refused."""
    path = Path(os.path.realpath(Path(path).expanduser()))
    if open_elsewhere(path):
        raise CipherError("errors.open_elsewhere", path=path)
    return path


def convert(path: Path, old_key: Key | None, new_key: Key | None) -> Inventory:
    """Write the journal at ``path`` anew with ``new_key`` (``None``: plain), reading it
    with ``old_key``; returns what it holds. The old file stays until the new one is
    checked; ``JournalError`` (the journal unchanged) if anything is amiss.

    A journal reached through a symbolic link is converted where it is: the new file is
    written beside the link's target and replaces the target, so the link still leads to
    the journal (now converted) and no plaintext is left behind it."""
    path = refuse_if_open_elsewhere(path)
    files.remove_stale_temp_files(path.parent)
    tmp = files.temp_path(path)
    journal = Journal.open(path, old_key, create=False)
    try:
        conn = journal._conn
        try:
            _hold(conn, path)
            before = inventory(conn)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, files.OWNER_ONLY)
            os.close(fd)
            _step("created")
            conn.execute("ATTACH DATABASE ? AS conv KEY ?", (str(tmp), new_key or ""))
            try:
                conn.execute("BEGIN EXCLUSIVE")
                try:
                    conn.execute("SELECT sqlcipher_export('conv')").fetchall()
                    conn.execute(f"PRAGMA conv.user_version = {journal.version}")
                    conn.execute(f"PRAGMA conv.application_id = {schema.APPLICATION_ID}")
                    conn.execute("COMMIT")
                except BaseException:
                    with contextlib.suppress(sql.Error):
                        conn.execute("ROLLBACK")
                    raise
            finally:
                conn.execute("DETACH DATABASE conv")
        except sql.Error as exc:
            _discard(tmp)
            raise translate(exc, path) from exc
        except BaseException:
            _discard(tmp)
            raise
        if os.name == "nt":  # Windows renames nothing over an open file
            journal.close()
        _step("exported")
        try:
            _check(tmp, new_key, before, path)
            _fsync(tmp)
            _step("checked")
            files.replace_patiently(tmp, path)  # a scanner may be reading the new file
        except BaseException:
            _discard(tmp)
            raise
    finally:
        journal.close()  # the old file's lock, held until it was replaced
    _fsync_folder(path.parent)
    _step("replaced")
    return before


def _hold(conn: sql.Connection, path: Path) -> None:
    """Keep the journal to this connection until it is closed: out of WAL (which SQLite
    refuses while anyone else has it open, on every platform: then it is open
    elsewhere, and nothing is converted), and with every lock kept once taken, so
    that from the export to the rename nobody writes what the new file would not hold
    (a process that opened it meanwhile finds it moved, and writes nothing)."""
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sql.Error as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in (sql.SQLITE_BUSY, sql.SQLITE_LOCKED):
            raise CipherError("errors.open_elsewhere", path=path) from exc
        raise
    if mode != "delete":
        raise CipherError("errors.open_elsewhere", path=path)
    conn.execute("PRAGMA locking_mode = EXCLUSIVE").fetchall()
    conn.execute("BEGIN EXCLUSIVE")  # the lock, taken now and kept after COMMIT
    conn.execute("COMMIT")


def _check(tmp: Path, key: Key | None, before: Inventory, path: Path) -> None:
    """The new file opens with ``key`` and holds exactly what the old one held."""
    try:
        conn = connect_ro(tmp, key)
        try:
            sound = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            after = inventory(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sql.Error as exc:
        raise CipherError("errors.check_failed", path=path) from exc
    if not sound or after != before or version != schema.CURRENT_VERSION:
        raise CipherError("errors.check_failed", path=path)
    if (key is not None) != cipher.is_encrypted(tmp):
        raise CipherError("errors.check_failed", path=path)


def _discard(tmp: Path) -> None:
    for name in (tmp, tmp.with_name(tmp.name + "-journal")):
        with contextlib.suppress(FileNotFoundError):
            name.unlink()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """The rename on disk too (where a folder can be opened: not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def encrypt(path: Path, passphrase: str) -> Key:
    """Encrypt the plain journal at ``path`` with ``passphrase``; returns its key."""
    if cipher.is_encrypted(path):
        raise CipherError("errors.already_encrypted", path=path)
    key = cipher.new_key(passphrase)
    convert(path, None, key)
    return key


def decrypt(path: Path, key: Key) -> None:
    """Turn the encrypted journal at ``path`` (opened with ``key``) back into a plain one."""
    if not cipher.is_encrypted(path):
        raise CipherError("errors.not_encrypted", path=path)
    convert(path, key, None)


def change_passphrase(path: Path, key: Key, passphrase: str) -> Key:
    """Encrypt the journal anew with ``passphrase`` (a new salt too); returns the new key."""
    if not cipher.is_encrypted(path):
        raise CipherError("errors.not_encrypted", path=path)
    new = cipher.new_key(passphrase)
    convert(path, key, new)
    return new


__all__ = ["Inventory", "JournalError", "change_passphrase", "convert", "decrypt", "encrypt"]
