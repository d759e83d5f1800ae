"""``refleks delete ID``: remove one check-in at the shell, without the app.

Someone whose journal holds an entry the app cannot open (or who just wants one gone)
must always have a way to remove it. It asks as the app does: once for a draft, twice
for a completed check-in, which is first copied into a backup so ``refleks restore``
can bring it back; each question is ``[y/N]``, as ``moments delete`` asks. Without a
terminal to ask in, it deletes only with ``--yes``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from refleks.cli.asking import agreed
from refleks.cli.journal_commands import existing, speaks
from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.environment import Environment


@speaks
def delete_command(env: Environment, args: Namespace) -> int:
    from refleks.dates import format_date
    from refleks.safe_text import visible

    t = env.t
    key = str(args.key).strip()
    journal = existing(env, for_writing=True)
    if journal is None:
        raise UsageError(t("journal.errors.not_found", key=visible(key)))
    with journal:
        checkin = journal.get(key)
        if checkin is None:
            raise UsageError(t("journal.errors.not_found", key=visible(key)))
        number = checkin.id
        if not args.yes:
            if not sys.stdin.isatty():
                raise RefleksError(t("journal.delete.needs_yes", id=number))
            day = format_date(checkin.started_at, t)
            area = checkin.area_title or t("journal.list.no_area")
            question = (t("journal.delete.ask_draft", id=number, date=day) if checkin.is_draft
                        else t("journal.delete.ask_one", id=number, date=day, area=area))
            said_yes = agreed(question)
            if said_yes and not checkin.is_draft:  # a completed one: asked once more
                said_yes = agreed(t("journal.delete.ask_again"))
            if not said_yes:
                print(t("journal.delete.kept"))
                return 1
        if checkin.is_draft:
            journal.delete(number if number is not None else key)
            print(t("journal.delete.done_draft", id=number))
            return 0
        backup = journal.backup()  # first: it stays there whatever happens next
        journal.delete(number if number is not None else key)
    print(t("journal.delete.done", id=number, path=backup))
    return 0
