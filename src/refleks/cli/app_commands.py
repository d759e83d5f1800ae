"""Subcommands that are not about the journal: the TUI, content checks, the value table."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from refleks.errors import UsageError

if TYPE_CHECKING:
    from refleks.cli import Context
    from refleks.content.ui import Strings
    from refleks.insights import Status


def register(sub: argparse._SubParsersAction, t: Strings) -> None:  # type: ignore[type-arg]
    tui = sub.add_parser("tui", help=t("cli.tui_help"), description=t("cli.tui_help"))
    tui.set_defaults(handler=run_tui)

    content = sub.add_parser("content", help=t("cli.content_help"),
                             description=t("cli.content_help"))
    content_sub = content.add_subparsers(dest="content_command", metavar="COMMAND")
    check = content_sub.add_parser("check", help=t("cli.check_help"),
                                   description=t("cli.check_help"))
    check.add_argument("dir", nargs="?", metavar="DIR", help=t("cli.check_dir_help"))
    check.set_defaults(handler=content_check)
    path = content_sub.add_parser("path", help=t("cli.path_help"), description=t("cli.path_help"))
    path.set_defaults(handler=content_path)
    content.set_defaults(handler=content_check, dir=None)

    status = sub.add_parser("status", help=t("cli.status_help"),
                            description=t("cli.status_description"))
    status.add_argument("--json", action="store_true", help=t("cli.status_json"))
    status.set_defaults(handler=show_status)

    values = sub.add_parser("values", help=t("cli.values_help"), description=t("cli.values_help"))
    values.add_argument("--area", metavar="ID", help=t("cli.values_area_help"))
    values.set_defaults(handler=show_values)


def run_tui(ctx: Context) -> int:
    """Open the app. Textual is imported here and nowhere on the way."""
    from refleks.tui.app import run

    return run(ctx)


def content_check(ctx: Context) -> int:
    from refleks.content.loader import check_folder

    base = Path(ctx.args.dir).expanduser() if ctx.args.dir else ctx.content_dir
    t = ctx.t
    if not base.is_dir():
        raise UsageError(t("cli.not_a_folder", dir=base))
    problems, folders = check_folder(base, t)
    if problems:
        for problem in problems:
            print(problem)
        key = "cli.check_failed_one" if len(problems) == 1 else "cli.check_failed_other"
        print(t(key, count=len(problems), dir=base), file=sys.stderr)
        return 1
    counts = folders["nb"].content.counts()  # type: ignore[union-attr]
    print(t("cli.check_ok", dir=base, **counts))
    return 0


def content_path(ctx: Context) -> int:
    print(ctx.content_dir)
    return 0


def show_values(ctx: Context) -> int:
    from rich.console import Console
    from rich.table import Table

    content = ctx.content
    t = ctx.t
    areas = content.areas
    if ctx.args.area:
        areas = tuple(a for a in areas if a.id == ctx.args.area)
        if not areas:
            known = ", ".join(a.id for a in content.areas)
            raise UsageError(t("cli.unknown_area", area=ctx.args.area, known=known))
    console = Console()
    for area in areas:
        table = Table(title=t("cli.values_area_title", number=area.number, title=area.title),
                      title_justify="left", expand=False, show_lines=False)
        table.add_column(t("cli.values_col_value"), style="bold", no_wrap=True)
        table.add_column(t("cli.values_col_meaning"))
        table.add_column(t("cli.values_col_id"), style="dim", no_wrap=True)
        for value in area.values:
            table.add_row(value.name, value.meaning, value.id)
        console.print(table)
        console.print()
    quality_table = Table(title=content.guide.qualities_title, title_justify="left")
    quality_table.add_column(t("cli.values_col_quality"), style="bold")
    quality_table.add_column(t("cli.values_col_meaning"))
    for quality in content.guide.qualities:
        quality_table.add_row(quality.name, quality.meaning)
    if not ctx.args.area:
        console.print(quality_table)
    return 0


def status_line(state: Status, now: datetime, t: Strings) -> str:
    """One kind line: when you last reflected, when the next is, and your focus."""
    from refleks.dates import format_date, format_weekday_date

    if state.last is None:
        return t("cli.status_never")
    parts = [t("cli.status_last", date=format_weekday_date(state.last, t))]
    if state.is_due and state.due is not None:
        if (now.date() - state.due.date()).days < 7:
            since = t(f"dates.weekday_{state.due.isoweekday()}")
        else:
            since = format_date(state.due, t)
        parts.append(t("cli.status_due", since=since))
    elif state.days_until == 1:
        parts.append(t("cli.status_next_one"))
    else:
        parts.append(t("cli.status_next", days=state.days_until))
    if state.focus:
        parts.append(t("cli.status_focus", values=", ".join(name for _, name, _ in state.focus)))
    return " · ".join(parts)


def show_status(ctx: Context) -> int:
    """``refleks status``: one line for a shell prompt; exit 1 when a check-in is due."""
    import json

    from refleks.insights import status
    from refleks.journal.store import Journal

    last = draft = None
    if ctx.journal_path.exists():  # asking for the status never creates a journal
        with Journal.open(ctx.journal_path, create=False) as journal:
            last = journal.latest()
            draft = journal.current_draft()
    now = datetime.now().astimezone()
    state = status(last, now, ctx.settings.cadence_days)
    if ctx.args.json:
        print(json.dumps({
            "last": state.last.isoformat() if state.last else None,
            "due": state.due.isoformat() if state.due else None,
            "is_due": state.is_due,
            "days_until": state.days_until,
            "focus": [{"id": i, "name": n, "action": a} for i, n, a in state.focus],
            "draft": draft.uid if draft is not None else None,
        }, ensure_ascii=False))
    else:
        print(status_line(state, now, ctx.t))
    return 1 if state.is_due else 0
