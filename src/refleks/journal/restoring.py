"""Putting a backup back as the journal (``refleks restore``).

It opens the journal through the store, which itself backs up through ``backups``; kept
apart from ``backups`` so that the two never import each other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from refleks.journal.backups import (
    backups_dir,
    check_backup,
    copy_database,
    copy_file,
    ensure_folder,
    free_name,
)
from refleks.journal.cipher import CipherError, Key, is_encrypted
from refleks.journal.database import (
    connect_ro,
    create_file,
    inspect_file,
    only_in_damaged_log,
    roll_back_killed_write,
    rollback_path,
)
from refleks.journal.errors import JournalError
from refleks.journal.store import Journal
from refleks.journal.wal import open_elsewhere, shm_path, wal_path


@dataclass
class RestoreResult:
    restored_from: Path
    previous: Path | None  # where the journal that was replaced was copied to


def restore(journal_path: Path, backup_path: Path, key: Key | None = None,
            backup_key: Key | None = None) -> RestoreResult:
    """Put a backup back as the journal, after copying the current journal aside.

    A healthy current journal is copied with the backup API and then overwritten in
    place by it, in one transaction (other open refleks windows see the restored
    journal, nothing half-way). A damaged current journal is copied aside byte for byte
    and replaced. A file that is not a refleks journal, or is from a newer refleks, is
    never replaced.

    ``key``: the encrypted journal's. ``backup_key``: an encrypted backup's, when it is
    not the journal's (a backup from before the passphrase was changed, or restored
    into a journal that is missing or plain); by default ``key``. An encrypted journal
    keeps its own key, whatever the backup's. A missing or plain journal gets an
    encrypted backup put in whole, with the backup's key: it is encrypted from then on.
    """
    journal_path = Path(journal_path).expanduser()
    backup_path = Path(backup_path).expanduser()
    backup_key = (backup_key or key) if is_encrypted(backup_path) else None
    check_backup(backup_path, backup_key)
    journal_encrypted = journal_path.exists() and is_encrypted(journal_path)
    if journal_encrypted and backup_key is None:
        # a plain backup would make the encrypted journal plain again: refleks decrypt is
        # the way to that, after asking for the passphrase
        raise CipherError("errors.restore_mixed", path=backup_path)
    if journal_path.exists() and journal_path.resolve() == backup_path.resolve():
        raise JournalError("errors.same_file", path=backup_path)
    # what the journal opens with afterwards: its own key, even in place of a damaged
    # file (else the backup's old passphrase would come back, and the remembered key
    # and the one the person knows would stop fitting)
    own_key = key if journal_encrypted and key is not None else backup_key
    if journal_path.exists():  # a killed write's -journal (network folders) first
        roll_back_killed_write(journal_path, key if journal_encrypted else None)
    try:
        state = inspect_file(journal_path, key if journal_encrypted else None)
    except JournalError as exc:
        if exc.key != "errors.damaged":
            raise
        return RestoreResult(backup_path, _replace_damaged(
            journal_path, backup_path, backup_key, own_key))
    if state.kind != "missing" and only_in_damaged_log(journal_path):
        # What there was is only in a damaged -wal: keep both files as they are, aside.
        return RestoreResult(backup_path, _replace_damaged(
            journal_path, backup_path, backup_key, own_key))
    if backup_key is not None and not journal_encrypted:
        return RestoreResult(backup_path, _put_in_encrypted(journal_path, backup_path,
                                                            backup_key, state.kind))
    if state.kind == "missing":
        create_file(journal_path)
    with Journal.open(journal_path, key) as journal:
        previous = journal.backup(kind="before-restore") if state.kind == "journal" else None
        journal.replace_with(backup_path, backup_key)
    # Reopen: sets WAL again and upgrades a backup made by an older refleks.
    Journal.open(journal_path, key).close()
    return RestoreResult(backup_path, previous)


def _put_in_encrypted(journal_path: Path, backup_path: Path, backup_key: Key,
                      kind: str) -> Path | None:
    """An encrypted backup in the place of a missing or plain journal, whole and with its
    own key (the pages cannot be copied into a plain file); the plain journal is
    copied aside first, as before any restore. Returns where it went."""
    target = Path(os.path.realpath(journal_path))  # behind a link, as ever
    if open_elsewhere(target):  # a whole new file would pull it from under that window
        raise CipherError("errors.open_elsewhere", path=journal_path)
    previous = None
    if kind == "journal":
        with Journal.open(journal_path) as journal:
            previous = journal.backup(kind="before-restore")
    if kind == "missing":
        create_file(journal_path)
    # the plain journal's, if any: a -journal left beside the new file would be rolled
    # back into it
    for extra in (wal_path(target), shm_path(target), rollback_path(target)):
        if extra.exists():
            extra.unlink()
    source = connect_ro(backup_path, backup_key)
    try:
        copy_database(source.backup, target, overwrite=True, key=backup_key)
    finally:
        source.close()
    # Reopen: sets WAL again and upgrades a backup made by an older refleks.
    Journal.open(journal_path, backup_key).close()
    return previous


def _replace_damaged(journal_path: Path, backup_path: Path, backup_key: Key | None,
                     key: Key | None) -> Path:
    """Copy a damaged journal (and its WAL) aside byte for byte, then put the backup in,
    encrypted with ``key`` (the journal's own; the backup API re-encrypts the pages).
    A journal reached through a symbolic link is replaced where it is, behind the link."""
    folder = backups_dir(journal_path)
    ensure_folder(folder)
    aside = free_name(folder, journal_path, "damaged")
    copy_file(journal_path, aside)
    journal_path = Path(os.path.realpath(journal_path))
    for suffix in ("-wal", "-shm", "-journal"):  # a -journal would roll back into the new
        extra = journal_path.with_name(journal_path.name + suffix)
        if extra.exists():
            if suffix in ("-wal", "-journal"):
                copy_file(extra, aside.with_name(aside.name + suffix))
            extra.unlink()
    source = connect_ro(backup_path, backup_key)
    try:
        copy_database(source.backup, journal_path, overwrite=True, key=key)
    finally:
        source.close()
    Journal.open(journal_path, key).close()
    return aside
