"""Backups of the journal (putting one back is ``restoring``).

A backup is a self-contained SQLite file made with SQLite's backup API while the
journal stays open, written owner-only to a temporary file and renamed into place
(``refleks.files``), so a backup is never half-written. Regular backups go to
``backups/`` beside the journal, named ``<journal>-<YYYYmmdd-HHMMSS>.sqlite3``, and only
the newest ``KEEP_BACKUPS`` are kept; copies made before an upgrade, a restore or of a
damaged journal carry their reason in the name and are never pruned.

This is the one place that knows the folder, the names and the listing; the CLI and
the app ask here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from refleks import files
from refleks.journal import cipher, sql
from refleks.journal.cipher import Key
from refleks.journal.database import (
    connect_ro,
    inspect_file,
    translate,
)
from refleks.journal.errors import JournalError, NotFoundError, file_error

KEEP_BACKUPS = 10
SUFFIX = ".sqlite3"

# Fills a fresh SQLite connection with the journal's contents (``Journal.copy_into``).
CopyInto = Callable[[sql.Connection], None]


def backups_dir(journal_path: Path) -> Path:
    """Where the backups of the journal at ``journal_path`` go."""
    return journal_path.parent / "backups"


def list_backups(journal_path: Path) -> list[Path]:
    """Backups of this journal in its backups folder, newest first."""
    folder = backups_dir(journal_path)
    if not folder.is_dir():
        return []
    mine = folder.glob(f"{_glob_escape(journal_path.stem)}-*{SUFFIX}")
    return sorted(mine, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def count_checkins(path: Path, key: Key | None = None) -> int | None:
    """How many check-ins a backup holds, or None if it cannot be read as a journal
    (an encrypted backup without ``key``, or with another)."""
    try:
        conn = connect_ro(path, key if cipher.is_encrypted(path) else None)
        try:
            return int(conn.execute("SELECT count(*) FROM checkins").fetchone()[0])
        finally:
            conn.close()
    except sql.Error:
        return None


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def ensure_folder(folder: Path) -> None:
    """The backups folder, owner-only (0700) whether new or made readable before."""
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        if not folder.is_dir():
            raise JournalError("errors.cannot_create", path=folder,
                               detail=os.strerror(errno.ENOTDIR)) from None
        files.restrict(folder, files.OWNER_ONLY_FOLDER)
    except OSError as exc:
        raise JournalError("errors.cannot_create", path=folder, detail=exc.strerror) from exc


def free_name(folder: Path, journal_path: Path, kind: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    middle = f"-{kind}" if kind else ""
    return files.first_free_path(folder, f"{journal_path.stem}{middle}-{stamp}", SUFFIX)


def back_up(journal_path: Path, copy: CopyInto, dest: Path | None = None, *,
            overwrite: bool = False, kind: str | None = None, key: Key | None = None) -> Path:
    """Copy the journal with ``copy``; returns where the copy went (see ``Journal.backup``).
    ``key``: the encrypted journal's, so the copy is encrypted with it."""
    if dest is None:
        folder = backups_dir(journal_path)
        ensure_folder(folder)
        files.remove_stale_temp_files(folder)
        target = free_name(folder, journal_path, kind)
    else:
        dest = Path(dest).expanduser()
        target = free_name(dest, journal_path, kind) if dest.is_dir() else dest
        if not target.parent.is_dir():
            raise JournalError("errors.no_folder", path=target.parent)
        if target.exists() and not overwrite:
            raise JournalError("errors.exists", path=target)
        if target.resolve() == journal_path.resolve():
            raise JournalError("errors.same_file", path=target)
    copy_database(copy, target, overwrite=overwrite, key=key)
    if dest is None and kind is None:
        prune(journal_path)
    return target


def copy_database(copy: CopyInto, target: Path, *, overwrite: bool = False,
                  key: Key | None = None) -> None:
    """A new self-contained database at ``target`` (0600, atomic), filled by ``copy``;
    encrypted with ``key`` (and its salt) when given."""
    try:
        with files.atomic_file(target, overwrite=overwrite) as tmp:
            conn = sql.use_key(sql.connect(tmp), key)
            try:
                copy(conn)
                conn.execute("PRAGMA journal_mode = DELETE")
            finally:
                conn.close()
    except OSError as exc:
        raise file_error(exc, target) from exc


def prune(journal_path: Path) -> None:
    """Keep the newest ``KEEP_BACKUPS`` regular backups; named copies are never pruned."""
    pattern = re.compile(rf"^{re.escape(journal_path.stem)}-\d{{8}}-\d{{6}}(-\d+)?\.sqlite3$")
    folder = backups_dir(journal_path)
    regular = sorted(p for p in folder.iterdir() if pattern.match(p.name))
    regular.sort(key=lambda p: (p.stat().st_mtime_ns, p.name))
    for old in regular[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.unlink()


# -- restore ---------------------------------------------------------------------------------


def check_backup(path: Path, key: Key | None = None) -> int:
    """The schema version of a backup file, after checking it is a sound refleks journal.
    An encrypted backup is read with ``key``."""
    if not cipher.is_encrypted(path):
        key = None
    state = inspect_file(path, key)
    if state.kind == "missing":
        raise NotFoundError("errors.backup_missing", path=path)
    if state.kind != "journal":
        raise JournalError("errors.foreign", path=path)
    try:
        conn = connect_ro(path, key)
    except sql.Error as exc:
        raise translate(exc, path) from exc
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sql.Error as exc:
        raise JournalError("errors.damaged", path=path) from exc
    finally:
        conn.close()
    if rows != [("ok",)]:
        raise JournalError("errors.damaged", path=path)
    return state.version


def copy_file(source: Path, target: Path) -> None:
    """Byte for byte, owner-only from the first byte, never half-written."""
    import shutil  # here: with its compression modules, ~3 ms of every command's start

    with files.atomic_file(target, overwrite=True) as tmp:
        shutil.copyfile(source, tmp)



def plain_backups(journal_path: Path) -> list[Path]:
    """The files in the journal's backups folder that are not encrypted: after
    ``refleks encrypt`` every one is from before, readable by anyone who can read the
    files (a backup, a damaged copy kept aside, its log). The welcome names them, and
    ``encrypt`` offers to remove them: one list, so the two always agree."""
    folder = backups_dir(journal_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.is_symlink()
                  and p.name.startswith(f"{journal_path.stem}-") and not cipher.is_encrypted(p))
