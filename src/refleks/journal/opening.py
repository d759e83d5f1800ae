"""Before SQLite opens a journal: what is at the path, and what recovery would lose.

``Journal.open`` asks here first. A FIFO, a device or a symlink loop is refused; a
``-wal`` that recovery would cut short (``wal``) or a ``-shm`` that SQLite did not make
is copied aside with the journal before SQLite touches them; a missing journal is
created owner-only. Only then does SQLite open the file.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from refleks.files import NotRegularFileError
from refleks.journal.backups import SUFFIX, backups_dir, copy_file, ensure_folder, list_backups
from refleks.journal.cipher import Key
from refleks.journal.database import (
    FileState,
    check_regular,
    create_file,
    inspect_file,
    only_in_damaged_log,
    roll_back_killed_write,
)
from refleks.journal.errors import JournalError, NotFoundError, file_error
from refleks.journal.wal import foreign_shm, open_elsewhere, read_wal, shm_path, wal_path


def prepare(path: Path, *, create: bool, read_only: bool = False,
            key: Key | None = None) -> tuple[FileState, list[JournalError]]:
    """The file's state, and notices of what had to be kept aside; creates a new one.
    An encrypted journal is inspected with ``key`` (see ``inspect_file``)."""
    notices: list[JournalError] = []
    if check_regular(path):
        notices = keep_damaged_log(path, read_only=read_only)
        roll_back_killed_write(path, key)  # network journals: a killed write's -journal
    state = inspect_file(path, key)
    if state.kind == "missing":
        if not create:
            raise NotFoundError("errors.missing", path=path)
        create_file(path)
    return state, notices


def keep_damaged_log(journal_path: Path, *, read_only: bool = False) -> list[JournalError]:
    """Before SQLite recovers a ``-wal`` only in part, keep a copy of what is there.

    A log that recovery would cut short (see ``wal``), or a ``-shm`` SQLite did not
    make, is copied with the journal, byte for byte, into ``backups/`` (once: the name
    carries a digest of the log), and the notice returned says where. When the main
    file holds no journal yet, everything is in that damaged log: nothing is opened
    and ``JournalError`` says so, both files left exactly as they are.

    ``read_only``: reading discards nothing (a reader's SQLite leaves the log as it
    is), so a command that only reads makes no copy and no ``backups/``: its notice
    says what was found, and the next open that writes keeps the copy.
    """
    if open_elsewhere(journal_path):
        return []  # recovery is not ours to run now: that process's index counts
    try:
        log = read_wal(journal_path)
        stray_shm = foreign_shm(journal_path)
    except NotRegularFileError as exc:
        raise JournalError("errors.not_regular", path=exc.filename) from exc
    except OSError as exc:
        raise JournalError("errors.unreadable", path=wal_path(journal_path),
                           detail=exc.strerror) from exc
    if not log.damaged and not stray_shm:
        return []
    # A copy kept aside here holds the same damaged log: it is no backup to point to.
    newest = [p for p in list_backups(journal_path) if "-damaged-log-" not in p.name][:1]
    extra = {"backup": newest[0]} if newest else {}
    suffix = "_backup" if newest else ""
    if log.damaged and only_in_damaged_log(journal_path):
        raise JournalError(f"errors.log_only{suffix}", path=journal_path,
                           log=wal_path(journal_path), **extra)
    if read_only:
        found = wal_path(journal_path) if log.damaged else shm_path(journal_path)
        return [JournalError("errors.log_found", path=journal_path, log=found)]
    folder = backups_dir(journal_path)
    # The name comes from the log (or the stray -shm): a reader's SQLite rewrites -shm.
    import hashlib  # here, on this rare path: ~3 ms of every start otherwise

    digest = hashlib.sha256()
    with contextlib.suppress(FileNotFoundError):
        digest.update((wal_path if log.damaged else shm_path)(journal_path).read_bytes())
    aside = folder / f"{journal_path.stem}-damaged-log-{digest.hexdigest()[:12]}{SUFFIX}"
    try:
        ensure_folder(folder)
        if not aside.exists():
            for source, target in ((wal_path(journal_path), wal_path(aside)),
                                   (shm_path(journal_path), shm_path(aside)),
                                   (journal_path, aside)):  # the main file last: it marks done
                if source.exists():
                    copy_file(source, target)
    except OSError as exc:
        raise file_error(exc, aside) from exc
    return [JournalError(f"errors.log_kept{suffix}", path=journal_path, copy=aside, **extra)]
