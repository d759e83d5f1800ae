"""The ``refleks`` command: argparse subcommands mapped onto plain functions.

Every subcommand lives in the module that owns its domain and registers itself
here through ``register(subparsers, t)``. The TUI is one subcommand among them (the
default), and Textual is only imported when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from refleks import __version__
from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.settings import Settings

Handler = Callable[["Context"], int]


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports a bad option as one line and exit 2 (no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        command = self.prog.removeprefix("refleks").strip()
        raise UsageError(f"{command}: {message}" if command else message)


@dataclass
class Context:
    """What a subcommand needs, each piece loaded only when first asked for."""

    args: argparse.Namespace

    @cached_property
    def settings(self) -> Settings:
        from refleks.paths import config_path
        from refleks.settings import load_settings

        return load_settings(config_path())

    @cached_property
    def lang(self) -> str:
        from refleks.settings import resolve_language

        return resolve_language(self.args.lang, self.settings)

    @cached_property
    def t(self) -> Strings:
        from refleks.content.ui import load_strings

        return load_strings(self.lang, self.content_dir)

    @cached_property
    def content_dir(self) -> Path:
        from refleks.paths import bundled_content_dir

        chosen = self.args.content or self.settings.content
        if chosen:
            path = Path(chosen).expanduser()
            if not path.is_dir():
                from refleks.content.ui import load_strings

                message = load_strings(self.lang)("cli.not_a_folder", dir=path)
                raise UsageError(f"--content: {message}")
            return path
        return bundled_content_dir()

    @cached_property
    def content(self) -> Content:
        """The validated content in the chosen language; invalid content stops here."""
        from refleks.content.loader import load_content

        return load_content(self.content_dir, self.lang)

    @cached_property
    def journal_path(self) -> Path:
        from refleks.paths import default_journal_path

        if self.args.journal:
            return Path(self.args.journal).expanduser()
        return default_journal_path()


def _prescan_lang(argv: Sequence[str]) -> str | None:
    """The ``--lang`` value, if given, so that ``--help`` speaks the right language."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


GLOBAL_OPTIONS = ("--lang", "--content", "--journal")


def _only_global_options(argv: Sequence[str]) -> bool:
    """True for plain ``refleks [--lang X] [--content D] [--journal P]``: the TUI."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in GLOBAL_OPTIONS:
            index += 2
        elif arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
            index += 1
        else:
            return False
    return index == len(argv)


def _global_options(parser: argparse.ArgumentParser, t: Strings | None) -> None:
    def text(key: str) -> str | None:
        return t(key) if t is not None else None

    parser.add_argument("--lang", choices=["nb", "en"], help=text("cli.opt_lang"))
    parser.add_argument("--content", metavar="DIR", help=text("cli.opt_content"))
    parser.add_argument("--journal", metavar="PATH", help=text("cli.opt_journal"))


def speak_argparse(t: Strings) -> None:
    """argparse's own words (usage, options, "invalid choice" …) in the chosen language.

    argparse looks its messages up through the module-level ``_`` at the moment it
    uses them, so pointing that at the interface text translates them all.
    """

    def translate(message: str) -> str:
        key = f"cli.argparse.{message}"
        return t(key) if t.has(key) else message

    argparse._ = translate  # type: ignore[attr-defined]


def build_parser(t: Strings) -> ArgumentParser:
    speak_argparse(t)
    parser = ArgumentParser(
        prog="refleks",
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"refleks {__version__}",
                        help=t("cli.opt_version"))
    _global_options(parser, t)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=t("cli.commands"))

    from refleks import commands
    from refleks.journal import cli as journal_cli

    commands.register(sub, t)
    journal_cli.register(sub, t)
    parser.set_defaults(handler=commands.run_tui)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _only_global_options(argv):
            # Straight to the app: no help text to build, no subcommands to import.
            quick = ArgumentParser(prog="refleks", add_help=False)
            _global_options(quick, None)
            from refleks.commands import run_tui

            return run_tui(Context(quick.parse_args(argv)))
        return _run_command(argv)
    except RefleksError as exc:
        print(f"refleks: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _run_command(argv: list[str]) -> int:
    """A subcommand (or --help): the full parser, its help in the chosen language."""
    from refleks.content.ui import load_strings
    from refleks.settings import Settings, resolve_language

    pre_lang = _prescan_lang(argv)
    context = Context(argparse.Namespace(lang=pre_lang, content=None, journal=None))
    try:
        settings = context.settings
    except RefleksError:
        settings = Settings()  # reported again once the command runs
    lang = resolve_language(pre_lang if pre_lang in ("nb", "en") else None, settings)
    args = build_parser(load_strings(lang)).parse_args(argv)
    handler: Handler = args.handler
    return handler(Context(args))
