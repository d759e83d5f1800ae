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
    from refleks.journal.backups import backups_dir
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
    result = restore(env.journal_path, backup, env.unlocked_key())
    print(t("journal.restore.done", path=backup))
    if result.previous is not None:
        print(t("journal.restore.previous", path=result.previous))
    return 0


def _list_backups(env: Environment) -> int:
    from datetime import datetime

    from refleks.dates import format_datetime
    from refleks.journal.backups import backups_dir, count_checkins, list_backups

    t = env.t
    folder = backups_dir(env.journal_path)
    found = list_backups(env.journal_path)
    if not found:
        print(t("journal.restore.none", path=folder))
        return 0
    print(t("journal.restore.list_title", path=folder))
    for path in found:
        when = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        count = count_checkins(path, env.key)  # an encrypted one: if unlocked
        print(t("journal.restore.list_item", name=path.name, date=format_datetime(when, t),
                count=t("journal.restore.unreadable") if count is None
                else t.count("journal.list.count", count)))
    print(t("journal.restore.list_hint"))
    return 0
