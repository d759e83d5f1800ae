"""The ``refleks`` command: argparse subcommands mapped onto plain functions.

``main`` reads the global options (``--lang``, ``--content``, ``--journal``) once, in
``read_global_options``. Plain ``refleks`` with nothing but those goes straight to the
app without building the translated parser (start-up time matters: it is what a
person waits for every week); anything else is parsed by the full tree in
``parser.py`` and handed to a function in ``app_commands`` or ``journal_commands``.
Every command receives an ``Environment`` built from plain values, never argparse's
``Namespace``, so the TUI can be started (and tested) without the command line.
"""

from __future__ import annotations

import sys

from refleks.errors import KeyedError, RefleksError, UsageError
from refleks.languages import CODES

TYPE_CHECKING = False  # not typing's: importing typing alone costs ``status`` a third
if TYPE_CHECKING:
    from argparse import ArgumentParser, Namespace
    from collections.abc import Sequence

    from refleks.content.ui import Strings

# Exit codes. A ``RefleksError`` carries its own (1, or 2 for a usage error); the app
# returns 1 when it crashed; a command returns its own (``status``: 1 when due).
EXIT_OK = 0
EXIT_INTERRUPTED = 130  # Ctrl+C, as a shell reports it

GLOBAL_OPTIONS = ("--lang", "--content", "--journal")


class GlobalOptions:
    """The global options as given, whether nothing else was on the line, and what else
    was (``rest``, in order). A plain class: ``dataclasses`` is slow to import, and
    ``refleks status`` in a shell prompt pays every import many times a day."""

    __slots__ = ("content", "journal", "lang", "only_global", "rest")

    def __init__(self, lang: str | None = None, content: str | None = None,
                 journal: str | None = None, only_global: bool = True,
                 rest: tuple[str, ...] = ()) -> None:
        self.lang, self.content, self.journal = lang, content, journal
        self.only_global, self.rest = only_global, rest

    def _key(self) -> tuple[object, ...]:
        return (self.lang, self.content, self.journal, self.only_global)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GlobalOptions) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"GlobalOptions(lang={self.lang!r}, content={self.content!r}, "
                f"journal={self.journal!r}, only_global={self.only_global!r})")


def read_global_options(argv: Sequence[str]) -> GlobalOptions:
    """The one pre-pass over ``argv`` for ``--lang``, ``--content`` and ``--journal``.

    ``--lang`` is picked up anywhere, so that ``--help`` speaks the asked-for language
    before the parser exists. ``only_global`` is true for exactly what the quick path
    may take on its own: nothing but well-formed global options with a valid language.
    Everything else (a subcommand, an abbreviation, a missing value, an unknown
    language) goes to the full parser, which reports it in the chosen language.
    """
    values: dict[str, str] = {}
    rest: list[str] = []
    well_formed = True
    only_global = True
    index = 0
    while index < len(argv):
        arg = argv[index]
        name, has_value, value = arg.partition("=")
        if name in GLOBAL_OPTIONS and has_value:
            values[name] = value
            index += 1
        elif arg in GLOBAL_OPTIONS and index + 1 < len(argv):
            value = argv[index + 1]
            if value.startswith("-"):  # argparse would refuse it as a value
                only_global = well_formed = False
            values[arg] = value
            index += 2
        else:
            if arg.startswith("--") and arg.partition("=")[0] in GLOBAL_OPTIONS:
                well_formed = False  # a global option without its value
            only_global = False
            rest.append(arg)
            index += 1
    lang = values.get("--lang")
    if lang is not None and lang not in CODES:
        only_global = well_formed = False
    return GlobalOptions(lang=lang, content=values.get("--content"),
                         journal=values.get("--journal"), only_global=only_global,
                         rest=tuple(rest) if well_formed else ("?",))


def main(argv: Sequence[str] | None = None) -> int:
    from refleks.cli.output import OutputError, flush_stdout, unwatch_stdout, watch_stdout

    argv = list(sys.argv[1:] if argv is None else argv)
    lang: str | None = None
    watched = watch_stdout()
    try:
        options = read_global_options(argv)
        lang = options.lang
        try:
            code = _dispatch(argv, options)
        except SystemExit:  # argparse's --help and --version, after writing them
            if watched.failure is None:
                raise
            raise OutputError(watched.failure.strerror or watched.failure) from None
        flush_stdout()  # a full disk under ``> file`` is said here, not at exit
        return code
    except RefleksError as exc:
        say_error(error_line(exc, lang))
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        # The last catch: a file or device no command expected trouble from (a name
        # too long for the file system, a device that stopped answering) is one line;
        # standard output that could not be written is said as the output.
        problem: KeyedError = (OutputError(exc.strerror or exc) if watched.failure is exc
                               else OsProblem(exc))
        say_error(error_line(problem, lang))
        return 1
    finally:
        unwatch_stdout(watched)


def say_error(line: str) -> None:
    """``line`` on stderr after "refleks: ". It often quotes what the person typed (an
    id, a file name, a value), which is data: shown with its control characters made
    visible, so an argument holding an escape sequence is not obeyed by the terminal."""
    from refleks.safe_text import visible

    print(f"refleks: {visible(line)}", file=sys.stderr)


class OsProblem(KeyedError):
    """An ``OSError`` that reached the command line's last catch, named by its file
    when it has one."""

    namespace = "cli."

    def __init__(self, exc: OSError) -> None:
        detail = exc.strerror or str(exc)
        if exc.filename:
            super().__init__("os_problem_file", path=exc.filename, detail=detail)
        else:
            super().__init__("os_problem", detail=detail)


def _dispatch(argv: list[str], options: GlobalOptions) -> int:
    """The app straight away, ``status`` the quick way, or the full parser."""
    if "" in (options.journal, options.content):  # refused, in words, by the parser's path
        options = GlobalOptions(options.lang, options.content, options.journal, False)
    if options.only_global:
        # Straight to the app: no help text to build, no subcommands to import.
        from refleks.cli.app_commands import run_tui
        from refleks.environment import Environment

        return run_tui(Environment(lang_option=options.lang,
                                   content_option=options.content,
                                   journal_option=options.journal))
    if (options.rest in (("status",), ("status", "--json"))
            and tuple(argv[-len(options.rest):]) == options.rest):
        # A shell prompt asks this often: answered without the parser if it can be
        # (the global options come before the command, as the parser wants them).
        from refleks.cli.quick_status import quick_status

        code = quick_status(options.lang, options.content, options.journal,
                            as_json=len(options.rest) == 2)
        if code is not None:
            return code
    return _run_command(argv, options)


def error_line(exc: RefleksError, lang_option: str | None) -> str:
    """``exc`` in the reader's language: ``--lang``, else the config's, else the locale's.

    Errors below the command line carry a key (``refleks.errors.KeyedError``); this is
    the edge where the words are chosen. A config file that cannot be read is passed
    over here, so its own error speaks the locale's language.
    """
    from refleks.errors import message

    if not isinstance(exc, KeyedError):
        return str(exc)
    import contextlib

    from refleks.content.ui import load_strings
    from refleks.paths import config_path
    from refleks.settings import Settings, load_settings, resolve_language

    settings = Settings()
    if lang_option not in CODES:
        lang_option = None
        with contextlib.suppress(RefleksError, OSError):
            settings = load_settings(config_path())
    try:
        return message(exc, load_strings(resolve_language(lang_option, settings)))
    except (RefleksError, OSError):  # the words themselves unreadable: the key, not a crash
        return str(exc)


def _run_command(argv: list[str], options: GlobalOptions) -> int:
    """A subcommand (or --help): the full parser, its help in the chosen language."""
    import contextlib

    from refleks.cli.parser import Handler, build_parser
    from refleks.content.ui import load_strings
    from refleks.environment import Environment
    from refleks.settings import Settings, resolve_language

    lang = options.lang if options.lang in CODES else None
    settings: Settings | None = None
    with contextlib.suppress(RefleksError):  # reported once the command reads them again
        settings = Environment().settings
    t = load_strings(resolve_language(lang, settings or Settings()))
    parser = build_parser(t)
    args = parser.parse_args(argv)
    empty = _empty_option(argv, _options_with_values(parser))
    if empty is not None:
        raise UsageError(t("journal.args.empty_option", option=empty))
    for option in ("journal", "content"):
        value = getattr(args, option)
        if value is not None and not value.strip():
            raise UsageError(t("journal.args.empty_option", option=f"--{option}"))
    _refuse_undecoded(args, t)
    env = Environment(lang_option=args.lang, content_option=args.content,
                      journal_option=args.journal)
    if settings is not None:
        env.settings = settings  # read once: the options above do not change the file
    handler: Handler = args.handler
    from refleks.cli.app_commands import run_tui
    from refleks.cli.encryption_commands import asker
    from refleks.cli.team_commands import team_tui

    if handler not in (run_tui, team_tui):  # the app asks on a screen of its own
        asker(env, args)  # an encrypted journal's passphrase, asked when it is opened
    try:
        return handler(env, args)
    finally:
        env.close()


# The arguments that are words to match (an id, a name, a search, a date), not a path
# (a path may hold any bytes) nor a note (decoded with ``--encoding``, ``text_input``).
TEXT_ARGUMENTS = ("key", "search", "value", "area", "chime", "since", "until", "format")


def _options_with_values(parser: ArgumentParser) -> set[str]:
    """Every option in the tree of ``parser`` that takes a value (``--chime ID``)."""
    import argparse

    found: set[str] = set()
    parsers = [parser]
    while parsers:
        for action in parsers.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            elif action.option_strings and action.nargs != 0:
                found.update(action.option_strings)
    return found


def _empty_option(argv: list[str], options: set[str]) -> str | None:
    """The first option given an empty value (``--chime ""``, ``--area=``): refused
    with exit 2 as the README says, rather than taken as "not given"."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        if equals and name in options and not value.strip():
            return name
        if word in options and index + 1 < len(argv) and not argv[index + 1].strip():
            return word
    return None


def _refuse_undecoded(args: Namespace, t: Strings) -> None:
    """An id, name or search the terminal's encoding could not decode is refused in one
    line: it can match nothing, and SQLite and the terminal take no surrogate escapes."""
    from refleks.cli.text_input import has_undecoded

    for dest in TEXT_ARGUMENTS:
        given = getattr(args, dest, None)
        for value in given if isinstance(given, list) else [given]:
            if isinstance(value, str) and has_undecoded(value):
                shown = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value)
                raise UsageError(t("cli.argument_not_utf8", value=shown))
