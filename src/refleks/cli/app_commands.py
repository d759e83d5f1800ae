"""Subcommands that are not about the journal: the TUI, content checks, status, values.

Each is a plain function of the ``Environment`` and the parsed arguments (the tree is
in ``parser.py``); rich, the content loader and the store are imported inside them.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.content.ui import Strings
    from refleks.environment import Environment
    from refleks.insights import Status


def run_tui(env: Environment, args: Namespace | None = None) -> int:
    """Open the app, or the check-in as plain lines (``refleks --plain``, the setting,
    ``REFLEKS_PLAIN=1``, ``TERM=dumb``). Textual is imported here and nowhere on the way."""
    from refleks.cli.plain import run_plain, wants_plain

    if wants_plain(env, args):
        return run_plain(env, args)
    need_terminal(env)
    from refleks.tui.app import run

    return run(env)


def need_terminal(env: Environment) -> None:
    """Refuse to open the app where nobody can see or answer it, before anything is
    made: Textual reads keys from standard input and draws on standard error, and
    without a terminal on both it drew into a file, or spun on an empty input, and
    created a journal nobody asked for."""
    if not (_is_terminal(sys.stdin) and _is_terminal(sys.stderr)):
        raise UsageError(env.t("cli.no_terminal"))


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # closed, or not a file at all
        return False


def content_check(env: Environment, args: Namespace) -> int:
    from refleks.content.loader import check_folder

    base = Path(args.dir).expanduser() if args.dir else env.content_dir
    t = env.t
    if not base.is_dir():
        raise UsageError(t("cli.not_a_folder", dir=base))
    problems, folders = check_folder(base, t)
    if problems:
        for problem in problems:
            print(problem)
        print(t.count("cli.check_failed", len(problems), dir=base), file=sys.stderr)
        return 1
    counts = folders["nb"].content.counts()  # type: ignore[union-attr]
    print(t("cli.check_ok", dir=base, summary=content_summary(counts, t)))
    return 0


def content_summary(counts: dict[str, int], t: Strings) -> str:
    """"25 values, 1 method …": each kind in its singular or plural form."""
    return ", ".join(t.count(f"cli.check_{kind}", n) for kind, n in counts.items())


def content_path(env: Environment, args: Namespace) -> int:
    print(env.content_dir)
    return 0


def show_values(env: Environment, args: Namespace) -> int:
    """The areas' values (and the personal qualities) as tables.

    Every cell, title and heading is a ``Text``, never a string: rich reads a string
    as console markup, and a content folder's ``[link=…]`` or ``[bold red]`` in a
    value's name would become a hyperlink or a style in the colleague's terminal.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    content = env.content
    t = env.t
    areas = content.areas
    if args.area:
        from refleks.cli.ids import resolve_id

        wanted = resolve_id(env, "area", args.area, set())  # an id or a shown name
        areas = tuple(a for a in areas if a.id == wanted)
    console = Console()
    for area in areas:
        table = Table(title=Text(t("cli.values_area_title", number=area.number,
                                   title=area.title)),
                      title_justify="left", expand=False, show_lines=False)
        table.add_column(Text(t("cli.values_col_value")), style="bold", no_wrap=True)
        table.add_column(Text(t("cli.values_col_meaning")))
        table.add_column(Text(t("cli.values_col_id")), style="dim", no_wrap=True)
        for value in area.values:
            table.add_row(Text(value.name), Text(value.meaning), Text(value.id))
        console.print(table)
        console.print()
    quality_table = Table(title=Text(content.guide.qualities_title), title_justify="left")
    quality_table.add_column(Text(t("cli.values_col_quality")), style="bold")
    quality_table.add_column(Text(t("cli.values_col_meaning")))
    for quality in content.guide.qualities:
        quality_table.add_row(Text(quality.name), Text(quality.meaning))
    if not args.area:
        console.print(quality_table)
    return 0


def status_line(state: Status, now: datetime, t: Strings) -> str:
    """One kind line: when you last reflected, when the next is, and your focus."""
    from refleks.dates import format_weekday_date

    if state.last is None:
        return t("cli.status_never")
    parts = [t("cli.status_last", date=format_weekday_date(state.last, t))]
    if state.is_due and state.due is not None:
        parts.append(due_words(state.due.date(), now.date(), t))
    elif state.days_until is not None:
        parts.append(t.count("cli.status_next", state.days_until, days=state.days_until))
    if state.focus:
        parts.append(t("cli.status_focus", values=", ".join(name for _, name, _ in state.focus)))
    return " · ".join(parts)


def due_words(due: date, today: date, t: Strings) -> str:
    """"time for a new reflection (since Thursday)": an invitation, not an overdue bill.

    Due today says no day at all (on a Tuesday, "since Tuesday" would read as a week
    ago); yesterday is "yesterday"; a weekday names only the last six days; older is a
    date.
    """
    from refleks.dates import format_date

    days = (today - due).days
    if days <= 0:
        return t("cli.status_due_today")
    if days == 1:
        since = t("cli.status_since_yesterday")
    elif days < 7:
        since = t(f"dates.weekday_{due.isoweekday()}")
    else:
        since = format_date(due, t)
    return t("cli.status_due", since=since)


# ``status``'s own exit code for a journal it could not read (1 is "due").
STATUS_CANNOT_TELL = 3


def show_status(env: Environment, args: Namespace) -> int:
    """``refleks status``: one line for a shell prompt; exit 1 when a check-in is due."""
    import json

    from refleks.cli.journal_commands import existing
    from refleks.cli.moment_commands import moments_this_week
    from refleks.insights import status

    last = draft = None
    moments = 0
    now = datetime.now().astimezone()
    encrypted = env.journal_encrypted  # in the JSON always, true or false
    if (encrypted and env.key is None and not env.recall()
            and not getattr(args, "passphrase_stdin", False)):
        # A shell prompt must never wait at a passphrase prompt: without a key
        # remembered (or given on standard input) status says only that it cannot tell.
        if args.json:
            print(json.dumps({"encrypted": True, "last": None, "due": None, "is_due": None,
                              "days_until": None, "focus": [], "draft": None,
                              "moments_this_week": None}))
        else:
            print(env.t("encryption.status.locked"))
        return 0
    try:
        journal = existing(env)  # never creates or writes a journal
        if journal is not None:
            with journal:
                last = journal.latest()
                draft = journal.current_draft()
                moments = moments_this_week(journal, now)
    except RefleksError as exc:
        # A shell prompt or login script reads 1 as "a reflection is due": a journal that
        # could not be read (damaged, not refleks', newer, busy) is another answer. What
        # was typed and can't be used (a wrong passphrase) stays 2.
        if exc.exit_code == 1:
            exc.exit_code = STATUS_CANNOT_TELL
        raise
    state = status(last, now, env.settings.cadence_days)
    if last is not None and last.focus and last.lang != env.lang:
        # Named in the language in use (``content.names``), in the line and the JSON
        # alike. Only then is the content read: names stored in the language in use are
        # its own, and a shell prompt should not wait for the rest (as ``quick_status``).
        from dataclasses import replace

        from refleks.content.names import shown_name

        library = env.names_content()
        state = replace(state, focus=[(i, shown_name(library, "value", i, n), a)
                                      for i, n, a in state.focus])
    if args.json:
        print(json.dumps({
            "encrypted": encrypted,
            "last": state.last.isoformat() if state.last else None,
            "due": state.due.isoformat() if state.due else None,
            "is_due": state.is_due,
            "days_until": state.days_until,
            "focus": [{"id": i, "name": n, "action": a} for i, n, a in state.focus],
            "draft": draft.uid if draft is not None else None,
            "moments_this_week": moments,
        }, ensure_ascii=False))
    else:
        line = status_line(state, now, env.t)
        if moments:
            line += " · " + env.t.count("moments.status_week", moments)
        if draft is not None:  # as --json's "draft": a check-in begun is worth a word
            line += " · " + env.t("cli.status_draft")
        print(line)
    return 1 if state.is_due else 0
