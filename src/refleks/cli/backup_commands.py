"""``refleks backup`` and ``refleks restore``: a consistent copy, and putting one back.

Restoring never destroys: the journal it replaces is first copied aside, and a backup
can be named as ``refleks restore`` lists it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from refleks.cli.journal_commands import opened, output_path, speaks
from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.environment import Environment


@speaks
def backup_command(env: Environment, args: Namespace) -> int:
    from refleks.journal.store import Journal

    t = env.t
    if not env.journal_path.exists():
        raise RefleksError(t("journal.backup.no_journal", path=env.journal_path))
    dest = None
    if args.path:
        dest = Path(args.path).expanduser()
        if not dest.is_dir():
            dest = output_path(env, args.path, force=args.force)
    with Journal.open(env.journal_path, env.unlocked_key(), create=False,
                      own_folder=env.own_folder) as journal:
        opened(env, journal)
        written = journal.backup(dest, overwrite=args.force)
    print(t("journal.backup.done", path=written))
    return 0


@speaks
def restore_command(env: Environment, args: Namespace) -> int:
    from refleks.cli.encryption_commands import asker
    from refleks.journal.backups import backups_dir
    from refleks.journal.cipher import is_encrypted, key_fits
    from refleks.journal.restoring import restore

    t = env.t
    if not args.file:
        return _list_backups(env)
    backup = Path(args.file).expanduser()
    listed = backups_dir(env.journal_path) / args.file
    if not backup.exists() and backup.name == args.file and listed.is_file():
        backup = listed  # a name as `refleks restore` lists it
    if backup.is_dir():
        raise UsageError(t("journal.errors.is_folder", path=backup))
    if not backup.is_file():
        raise UsageError(t("journal.errors.backup_missing", path=backup))
    key = env.unlocked_key()
    backup_key = None
    if is_encrypted(backup) and (key is None or not key_fits(backup, key)):
        # made before the passphrase was changed, or the journal is missing or plain:
        # the backup's own passphrase opens it
        backup_key = asker(env, args).backup_key(env, backup)
    was_encrypted = env.journal_path.is_file() and is_encrypted(env.journal_path)
    result = restore(env.journal_path, backup, key, backup_key)
    print(t("journal.restore.done", path=backup))
    if result.previous is not None:
        print(t("journal.restore.previous", path=result.previous))
    if not was_encrypted and is_encrypted(env.journal_path):
        # a plain (or missing) journal took the encrypted backup whole, with its key:
        # said, or the next start's passphrase question would come as a surprise
        print(t("journal.restore.now_encrypted"))
    return 0


def _list_backups(env: Environment) -> int:
    from datetime import datetime

    from refleks.dates import format_datetime
    from refleks.journal.backups import backups_dir, count_checkins, list_backups
    from refleks.journal.cipher import is_encrypted

    t = env.t
    folder = backups_dir(env.journal_path)
    found = list_backups(env.journal_path)
    if not found:
        print(t("journal.restore.none", path=folder))
        return 0
    print(t("journal.restore.list_title", path=folder))
    env.recall()  # an encrypted journal's key, if remembered: its backups are counted
    for path in found:
        when = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        count = count_checkins(path, env.key)  # an encrypted one: with the journal's key
        unread = ("journal.restore.encrypted" if is_encrypted(path)
                  else "journal.restore.unreadable")
        print(t("journal.restore.list_item", name=path.name, date=format_datetime(when, t),
                count=t(unread) if count is None else t.count("journal.list.count", count)))
    print(t("journal.restore.list_hint"))
    return 0
