"""The translated argparse tree: every subcommand, its options and its help text.

All of it lives here, so the commands themselves are plain functions of an
``Environment`` and the parsed arguments. The help text and argparse's own words come
from ``content/<lang>/ui/cli.yaml`` and ``journal.yaml``. Building the tree imports
the command modules, but nothing heavy: they import rich and the store only when run.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from refleks import __version__
from refleks.cli.completion import AREA, CHIME, EXPORT_FORMAT, FILE, FOLDER, VALUE, completes
from refleks.errors import UsageError
from refleks.languages import CODES

if TYPE_CHECKING:
    from refleks.content.ui import Strings
    from refleks.environment import Environment

Handler = Callable[["Environment", argparse.Namespace], int]


@functools.cache
def _columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` gives it (``COLUMNS``, else
    the terminal of stdout, else 80), worked out once."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter, told the width: left to itself it asks the terminal (and
    imports ``shutil`` to ask) for every option added, ~3 ms of every command."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports a bad option as one line and exit 2 (no usage dump); its
    subcommands' parsers are of this class too, with the same formatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.removeprefix("refleks").strip()
        raise UsageError(f"{command}: {message}" if command else message)


if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[ArgumentParser]


def speak_argparse(t: Strings) -> None:
    """argparse's own words (usage, options, "invalid choice" …) in the chosen language.

    argparse looks its messages up through the module-level ``_`` at the moment it
    uses them, so pointing that at the interface text translates them all.
    """

    def translate(message: str) -> str:
        key = f"cli.argparse.{message}"
        return t(key) if t.has(key) else message

    argparse._ = translate  # type: ignore[attr-defined]


PLACEHOLDERS = ("command", "dir", "path", "date", "id", "text", "file", "backup", "format")


def placeholders(t: Strings) -> dict[str, str]:
    """What --help writes in place of a value to give (DATE, DATO), in ``t``'s language."""
    return {name: t(f"cli.metavar.{name}") for name in PLACEHOLDERS}


def build_parser(t: Strings) -> ArgumentParser:
    word = placeholders(t)  # what --help shows in place of a value to give
    from refleks.cli import app_commands

    speak_argparse(t)
    parser = ArgumentParser(
        prog="refleks",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
    )
    parser.add_argument("--version", action="version", version=f"refleks {__version__}",
                        help=t("cli.opt_version"))
    parser.add_argument("--lang", choices=CODES, help=t("cli.opt_lang"))
    completes(parser.add_argument("--content", metavar=word["dir"], help=t("cli.opt_content")),
              FOLDER)
    completes(parser.add_argument("--journal", metavar=word["path"], help=t("cli.opt_journal")),
              FILE)
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help=t("encryption.cli.opt_passphrase_stdin"))
    parser.add_argument("--plain", action="store_true", help=t("plain.opt_plain"))
    sub = parser.add_subparsers(dest="command", metavar=word["command"], title=t("cli.commands"))
    _app_commands(sub, t)
    _journal_commands(sub, t)
    _guard_commands(sub, t)
    _moment_commands(sub, t)
    _team_commands(sub, t)
    _encryption_commands(sub, t)
    completion = _completion_command(sub, t)
    _remind_command(sub, t)
    parser.set_defaults(handler=app_commands.run_tui)
    completion.set_defaults(tree=parser)  # the script is made from this very tree
    return parser


def _app_commands(sub: SubParsers, t: Strings) -> None:
    """tui, content check/path, status, values."""
    word = placeholders(t)  # what --help shows in place of a value to give
    from refleks.cli import app_commands as app

    tui = sub.add_parser("tui", help=t("cli.tui_help"), description=t("cli.tui_help"))
    tui.set_defaults(handler=app.run_tui)

    content = sub.add_parser("content", help=t("cli.content_help"),
                             description=t("cli.content_help"))
    content_sub = content.add_subparsers(dest="content_command", metavar=word["command"])
    check = content_sub.add_parser("check", help=t("cli.check_help"),
                                   description=t("cli.check_help"))
    completes(check.add_argument("dir", nargs="?", metavar=word["dir"],
                                 help=t("cli.check_dir_help")), FOLDER)
    check.set_defaults(handler=app.content_check)
    path = content_sub.add_parser("path", help=t("cli.path_help"), description=t("cli.path_help"))
    path.set_defaults(handler=app.content_path)
    content.set_defaults(handler=app.content_check, dir=None)

    status = sub.add_parser("status", help=t("cli.status_help"),
                            description=t("cli.status_description"))
    status.add_argument("--json", action="store_true", help=t("cli.status_json"))
    status.set_defaults(handler=app.show_status)

    values = sub.add_parser("values", help=t("cli.values_help"), description=t("cli.values_help"))
    completes(values.add_argument("--area", metavar=word["id"], help=t("cli.values_area_help")),
              AREA)
    values.set_defaults(handler=app.show_values)

    from refleks.cli.overtime_command import overtime_command

    overtime = sub.add_parser("overtime", help=t("overtime.cli.help"),
                              description=t("overtime.cli.description"),
                              formatter_class=HelpFormatter)
    completes(overtime.add_argument("--value", metavar=word["id"],
                                    help=t("overtime.cli.value")), VALUE)
    overtime.add_argument("--json", action="store_true", help=t("overtime.cli.json"))
    overtime.set_defaults(handler=overtime_command)


def _journal_commands(sub: SubParsers, t: Strings) -> None:
    """list, show, export, import, delete, backup, restore."""
    word = placeholders(t)  # what --help shows in place of a value to give
    from refleks.cli import backup_commands as backups
    from refleks.cli import journal_commands as journal

    def command(name: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name, help=t(f"journal.cli.{name}_help"),
            description=t(f"journal.cli.{name}_description"),
            formatter_class=HelpFormatter,
        )
        return parser

    def filters(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--since", metavar=word["date"], help=t("journal.cli.opt_since"))
        parser.add_argument("--until", metavar=word["date"], help=t("journal.cli.opt_until"))
        completes(parser.add_argument("--area", metavar=word["id"],
                                      help=t("journal.cli.opt_area")), AREA)
        completes(parser.add_argument("--value", metavar=word["id"],
                                      help=t("journal.cli.opt_value")), VALUE)
        parser.add_argument("--search", metavar=word["text"], help=t("journal.cli.opt_search"))

    p = command("list")
    filters(p)
    p.add_argument("--json", action="store_true", help=t("journal.cli.opt_json"))
    p.set_defaults(handler=journal.list_command)

    p = command("show")
    p.add_argument("key", nargs="?", default="latest", metavar=word["id"] + "|latest",
                   help=t("journal.cli.show_key"))
    p.add_argument("--markdown", action="store_true", help=t("journal.cli.show_markdown"))
    p.set_defaults(handler=journal.show_command)

    p = command("export")
    from refleks.journal.formats import NAMES

    completes(p.add_argument("--format", metavar="|".join(NAMES),
                             help=t("journal.cli.export_format")), EXPORT_FORMAT)
    filters(p)
    p.add_argument("--drafts", action="store_true", help=t("journal.cli.export_drafts"))
    p.add_argument("--ids", metavar="3,7,12", help=t("journal.cli.export_ids"))
    completes(p.add_argument("-o", "--output", metavar=word["file"],
                             help=t("journal.cli.export_output")), FILE)
    p.add_argument("--force", action="store_true", help=t("journal.cli.export_force"))
    p.add_argument("--yes", action="store_true", help=t("journal.cli.export_yes"))
    p.set_defaults(handler=journal.export_command)

    p = command("import")
    completes(p.add_argument("file", metavar=word["file"] + ".json",
                             help=t("journal.cli.import_file")), FILE)
    p.set_defaults(handler=journal.import_command)

    from refleks.cli.delete_command import delete_command

    p = command("delete")
    p.add_argument("key", metavar=word["id"], help=t("journal.cli.delete_key"))
    p.add_argument("--yes", action="store_true", help=t("journal.cli.delete_yes"))
    p.set_defaults(handler=delete_command)

    p = command("backup")
    completes(p.add_argument("path", nargs="?", metavar=word["path"],
                             help=t("journal.cli.backup_path")), FILE)
    p.add_argument("--force", action="store_true", help=t("journal.cli.backup_force"))
    p.set_defaults(handler=backups.backup_command)

    p = command("restore")
    completes(p.add_argument("file", nargs="?", metavar=word["backup"],
                             help=t("journal.cli.restore_file")), FILE)
    p.set_defaults(handler=backups.restore_command)


def _guard_commands(sub: SubParsers, t: Strings) -> None:
    """check-text: the confidentiality guard over a file."""
    word = placeholders(t)  # what --help shows in place of a value to give
    from refleks.cli import guard_commands

    p = sub.add_parser("check-text", help=t("guard.cli.check_text_help"),
                       description=t("guard.cli.check_text_description"),
                       formatter_class=HelpFormatter)
    completes(p.add_argument("file", metavar=word["file"], help=t("guard.cli.check_text_file")),
              FILE)
    add_encoding(p, t)
    p.set_defaults(handler=guard_commands.check_text_command)


def add_encoding(parser: ArgumentParser, t: Strings) -> None:
    """``--encoding``, for a command that reads text from a file or standard input."""
    from refleks.cli.text_input import ENCODINGS

    parser.add_argument("--encoding", choices=ENCODINGS, metavar="|".join(ENCODINGS),
                        help=t("cli.opt_encoding"))


def _moment_commands(sub: SubParsers, t: Strings) -> None:
    """note, moments [show|delete]."""
    word = placeholders(t)  # what --help shows in place of a value to give
    from refleks.cli import moment_commands as moments

    def command(parent: SubParsers, name: str, key: str) -> ArgumentParser:
        return parent.add_parser(name, help=t(f"moments.cli.{key}_help"),
                                 description=t(f"moments.cli.{key}_description")
                                 if t.has(f"moments.cli.{key}_description")
                                 else t(f"moments.cli.{key}_help"),
                                 formatter_class=HelpFormatter)

    p = command(sub, "note", "note")
    p.add_argument("text", nargs="*", metavar=word["text"], help=t("moments.cli.note_text"))
    completes(p.add_argument("--value", action="append", metavar=word["id"],
                             help=t("moments.cli.note_value")), VALUE)
    completes(p.add_argument("--chime", metavar=word["id"], help=t("moments.cli.note_chime")),
              CHIME)
    add_encoding(p, t)
    p.set_defaults(handler=moments.note_command)

    p = command(sub, "moments", "moments")
    p.add_argument("--since", metavar=word["date"], help=t("journal.cli.opt_since"))
    p.add_argument("--until", metavar=word["date"], help=t("journal.cli.opt_until"))
    completes(p.add_argument("--value", metavar=word["id"], help=t("moments.cli.moments_value")),
              VALUE)
    p.add_argument("--search", metavar=word["text"], help=t("moments.cli.moments_search"))
    p.add_argument("--json", action="store_true", help=t("journal.cli.opt_json"))
    p.set_defaults(handler=moments.moments_command)
    actions = p.add_subparsers(dest="moments_command", metavar=word["command"])
    show = command(actions, "show", "moments_show")
    show.add_argument("key", metavar=word["id"], help=t("moments.cli.moments_key"))
    show.add_argument("--markdown", action="store_true", help=t("journal.cli.show_markdown"))
    show.set_defaults(handler=moments.moment_show_command)
    delete = command(actions, "delete", "moments_delete")
    delete.add_argument("key", metavar=word["id"], help=t("moments.cli.moments_key"))
    delete.add_argument("--yes", "-y", action="store_true", help=t("moments.cli.moments_yes"))
    delete.set_defaults(handler=moments.moment_delete_command)


def _team_commands(sub: SubParsers, t: Strings) -> None:
    """team, team log, team export."""
    word = placeholders(t)  # what --help shows in place of a value to give
    from refleks.cli import team_commands as team

    def team_log_option(parser: argparse.ArgumentParser, *, sub: bool = True) -> None:
        # On the subcommands it is SUPPRESSed when absent, so that
        # ``team --team-log X log`` keeps X (a subparser's default would replace it).
        completes(parser.add_argument("--team-log", metavar=word["path"],
                                      help=t("team.cli.opt_team_log"),
                                      default=argparse.SUPPRESS if sub else None), FILE)

    p = sub.add_parser("team", help=t("team.cli.team_help"),
                       description=t("team.cli.team_description"))
    team_log_option(p, sub=False)
    p.set_defaults(handler=team.team_tui)
    team_sub = p.add_subparsers(dest="team_command", metavar=word["command"])
    log = team_sub.add_parser("log", help=t("team.cli.log_help"),
                              description=t("team.cli.log_help"))
    team_log_option(log)
    log.set_defaults(handler=team.team_log)
    export = team_sub.add_parser("export", help=t("team.cli.export_help"),
                                 description=t("team.cli.export_help"))
    team_log_option(export)
    completes(export.add_argument("-o", "--output", metavar=word["file"],
                                  help=t("team.cli.export_output")), FILE)
    export.add_argument("--format", metavar=word["format"], help=t("team.cli.export_format"))
    export.add_argument("--force", action="store_true", help=t("team.cli.export_force"))
    export.add_argument("--yes", action="store_true", help=t("journal.cli.export_yes"))
    export.set_defaults(handler=team.team_export)


def _encryption_commands(sub: SubParsers, t: Strings) -> None:
    """encrypt, decrypt, passphrase."""
    from refleks.cli import encryption_commands as encryption

    def command(name: str) -> ArgumentParser:
        return sub.add_parser(name, help=t(f"encryption.cli.{name}_help"),
                              description=t(f"encryption.cli.{name}_description"),
                              formatter_class=HelpFormatter)

    p = command("encrypt")
    p.add_argument("--remove-plain-backups", action="store_true",
                   help=t("encryption.cli.encrypt_remove_plain"))
    p.set_defaults(handler=encryption.encrypt_command)
    command("decrypt").set_defaults(handler=encryption.decrypt_command)
    p = command("passphrase")
    kept = p.add_mutually_exclusive_group()
    kept.add_argument("--remember", action="store_true",
                      help=t("encryption.cli.passphrase_remember"))
    kept.add_argument("--forget", action="store_true",
                      help=t("encryption.cli.passphrase_forget"))
    p.set_defaults(handler=encryption.passphrase_command)


def _completion_command(sub: SubParsers, t: Strings) -> ArgumentParser:
    """completion SHELL: the completion script, made from this tree."""
    from refleks.cli import completion

    p = sub.add_parser("completion", help=t("cli.completion_help"),
                       description=t("cli.completion_description"),
                       formatter_class=HelpFormatter)
    p.add_argument("shell", choices=completion.SHELLS, metavar="|".join(completion.SHELLS),
                   help=t("cli.completion_shell"))
    p.set_defaults(handler=completion.completion_command)
    return p


def _remind_command(sub: SubParsers, t: Strings) -> None:
    """remind --ics FILE: the weekly reminder as a calendar file."""
    word = placeholders(t)
    from refleks.cli.remind_command import remind_command
    from refleks.reminder import DEFAULT_ZONE

    p = sub.add_parser("remind", help=t("cli.remind_help"),
                       description=t("cli.remind_description"), formatter_class=HelpFormatter)
    completes(p.add_argument("--ics", required=True, metavar=word["file"] + ".ics",
                             help=t("cli.remind_ics")), FILE)
    p.add_argument("--day", default="fri", metavar="mon..sun", help=t("cli.remind_day"))
    p.add_argument("--time", default="14:00", metavar="HH:MM", help=t("cli.remind_time"))
    p.add_argument("--tz", default=DEFAULT_ZONE, metavar="ZONE", help=t("cli.remind_tz"))
    p.add_argument("--force", action="store_true", help=t("cli.remind_force"))
    p.set_defaults(handler=remind_command)
