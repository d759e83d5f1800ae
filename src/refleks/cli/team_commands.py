"""``refleks team``, ``refleks team log`` and ``refleks team export``.

Plain functions of the ``Environment`` and the parsed arguments, like the journal's
commands. ``--team-log`` chooses the file; otherwise the config's ``team_log``, or
``team-log.json`` beside the personal journal. Team log errors reach the person as
one line in their language.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING

from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.environment import Environment
    from refleks.team.store import LogState

Command = Callable[["Environment", "Namespace"], int]


def _team(fn: Command) -> Command:
    """Take ``--team-log`` into the environment; team log errors → one line."""

    @wraps(fn)
    def wrapper(env: Environment, args: Namespace) -> int:
        from refleks.team.errors import TeamLogError

        chosen = getattr(args, "team_log", None)
        if chosen is not None and not chosen.strip():  # "" would mean the folder itself
            raise UsageError(env.t("journal.args.empty_option", option="--team-log"))
        if chosen:
            env.team_log_option = chosen
            env.__dict__.pop("team_log_path", None)  # resolved again with the option
        try:
            return fn(env, args)
        except TeamLogError as exc:
            raise RefleksError(exc.render(env.t)) from None

    return wrapper


@_team
def team_tui(env: Environment, args: Namespace) -> int:
    """The app, straight into a team session."""
    from refleks.cli.app_commands import need_terminal
    from refleks.team.store import ensure_folder
    from refleks.tui.app import run

    need_terminal(env)  # before a folder is made for the log

    if env.team_log_path.parent == env.own_folder:
        # refleks' own data folder, missing on a fresh machine: made (owner-only) as the
        # journal first opens there, so `refleks team` can be the first thing run
        env.resolve_for_app(personal=False)
    ensure_folder(env.team_log_path)  # a share that is not connected is one line here
    return run(env, start="team")


@_team
def team_log(env: Environment, args: Namespace) -> int:
    """The sessions as a table: date, theme, development areas."""
    from refleks.cli.output import write_stdout
    from refleks.dates import format_date
    from refleks.textfit import fit

    t = env.t
    path = env.team_log_path
    state = _read(env)
    if not state.sessions:
        print(t("team.cli.log_empty", path=path))
        return 0
    rows = [(t("team.cli.columns.date"), t("team.cli.columns.theme"),
             t("team.cli.columns.focus"))]
    for session in reversed(state.sessions):
        when = format_date(session.when, t) if session.when else ""
        theme = session.theme.title if session.theme else ""
        focus = ", ".join(f.value_name for f in session.focus)
        rows.append((when, theme, focus))
    widths = [min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((20, 44, 60))]
    lines = [t.count("team.cli.log_header", len(state.sessions), path=path), ""]
    for row in rows:
        cells = [fit(_plain(cell), width).ljust(width) for cell, width in zip(row, widths,
                                                                                 strict=True)]
        lines.append("  ".join(cells).rstrip())
    write_stdout("\n".join(lines) + "\n")
    return 0


@_team
def team_export(env: Environment, args: Namespace) -> int:
    """The log as minutes, in Markdown or as a page to print (HTML, as the supervision
    pack): to stdout, or atomically to a file never replaced without ``--force``."""
    from refleks.cli.journal_commands import ask_before_synced
    from refleks.cli.output import write_stdout
    from refleks.files import write_text
    from refleks.journal import formats
    from refleks.team.minutes import render_minutes

    t = env.t
    if args.format:
        chosen = formats.by_name(args.format)
        if chosen is None or not chosen.readable:  # minutes are to read: no JSON
            raise UsageError(t("team.cli.bad_format", value=args.format))
    else:
        chosen = formats.by_suffix(Path(args.output).suffix if args.output else "")
        if not chosen.readable:
            chosen = formats.DEFAULT
    text = render_minutes(_read(env).sessions, t)
    if chosen.name == "html":
        from refleks.journal.html import render_page

        text = render_page(text, t("team.minutes.title"), env.lang)
    if not args.output:
        write_stdout(text)
        return 0
    target = Path(args.output).expanduser()
    if target.parent.is_dir() and not ask_before_synced(env, target, yes=args.yes):
        return 1
    try:
        write_text(target, text, overwrite=args.force)
    except FileExistsError:
        raise UsageError(t("team.cli.exists", path=target)) from None
    except OSError as exc:
        raise UsageError(t("team.errors.unwritable", path=target,
                           reason=exc.strerror or exc)) from None
    print(t("team.cli.wrote", path=target))
    print(t("journal.export.plaintext"))
    return 0


def _read(env: Environment) -> LogState:
    """The team log as it is. A folder that is not there is said (a share not
    connected, a mistyped path), except refleks' own folder on a machine where nothing
    has been written yet: there the log is simply empty."""
    from refleks.team.store import LogState, TeamLog

    path = env.team_log_path
    if path.parent == env.own_folder and not path.parent.exists():
        return LogState()
    return TeamLog(path).read()


def _plain(text: str) -> str:
    """Stored text in a table cell: one line, no terminal codes."""
    from refleks.safe_text import visible

    return " ".join(visible(text).split())
