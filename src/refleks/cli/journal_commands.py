"""``refleks list / show / export / import`` (backup and restore: ``backup_commands``).

Each command is a plain function of the ``Environment`` and the parsed arguments (the
tree is in ``parser.py``; writing and the table in ``output.py``). Heavy imports (rich,
the store) happen inside them, so ``refleks --help`` and the TUI start without paying
for them.
Every problem reaches the person as one line: a bad argument exits 2, a problem with
a file or the journal exits 1.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refleks.cli.ids import resolve_id
from refleks.cli.output import batched, formatted_markdown, print_table, write_stdout
from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.content.model import Content
    from refleks.environment import Environment
    from refleks.journal.store import Filter, Journal, Summary

Command = Callable[["Environment", "Namespace"], int]

# Journal errors that are about what was typed on the command line: exit 2.
USAGE_ERRORS = {
    "errors.no_folder", "errors.exists", "errors.is_folder", "errors.same_file",
    "errors.not_regular",
    "errors.backup_missing", "errors.file_missing", "errors.not_found",
}


# -- shared ----------------------------------------------------------------------------------


def speaks(fn: Command) -> Command:
    """Journal errors → one line in the reader's language, with the right exit code."""

    @wraps(fn)
    def wrapper(env: Environment, args: Namespace) -> int:
        from refleks.journal.errors import KeyedError

        try:
            return fn(env, args)
        except KeyedError as exc:
            message = exc.render(env.t)
            if exc.key in USAGE_ERRORS or exc.exit_code == UsageError.exit_code:
                raise UsageError(message) from None
            raise RefleksError(message) from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError) or not _about_the_journal(env, exc):
                raise  # said by the command line's last catch, naming what it was
            raise RefleksError(env.t("journal.errors.io", path=exc.filename,
                                     detail=exc.strerror or exc)) from None

    return wrapper


def _about_the_journal(env: Environment, exc: OSError) -> bool:
    """Whether ``exc`` is about the journal's own files (the journal, its ``-wal`` or
    ``-shm``): only then is it said as the journal's problem."""
    if not exc.filename:
        return False
    try:
        journal = str(env.journal_path)
    except RefleksError:
        return False
    return str(exc.filename).startswith(journal)


def opened(env: Environment, journal: Journal | None) -> Journal | None:
    """Say on stderr what opening the journal had to do (a damaged -wal kept aside)."""
    import sys

    for notice in journal.notices if journal is not None else ():
        print(f"refleks: {notice.render(env.t)}", file=sys.stderr)
    return journal


def existing(env: Environment, *, for_writing: bool = False) -> Journal | None:
    """The journal if its file exists (never created), with what opening it had to do
    said on stderr: every command that opens the journal passes this way, so a damaged
    log kept aside is never news that one command tells and another keeps quiet."""
    return opened(env, env.existing_journal(for_writing=for_writing))


def refuse_empty(env: Environment, option: str, value: str | None) -> None:
    """An option given as "" is a mistake (an unset variable in a script), never a
    request for the default: say so rather than quietly doing something else."""
    if value is not None and not value.strip():
        raise UsageError(env.t("journal.args.empty_option", option=option))


def _day(env: Environment, option: str, value: str | None, *, end: bool) -> Any:
    from refleks.dates import parse_day

    if value is None:
        return None
    try:
        return parse_day(value, end=end)
    except ValueError:
        raise UsageError(env.t("journal.args.bad_date", option=option, value=value)) from None


def _filter(env: Environment, args: Namespace, journal: Journal | None, *,
            include_drafts: bool = True) -> Filter:
    from refleks.journal.queries import Filter, fts_query

    since = _day(env, "--since", args.since, end=False)
    until = _day(env, "--until", args.until, end=True)
    if since is not None and until is not None and since > until:
        raise UsageError(env.t("journal.args.since_after_until", since=args.since,
                               until=args.until))
    if args.search is not None and fts_query(args.search) is None:
        raise UsageError(env.t("journal.args.empty_search"))
    area_id, value_id = args.area, args.value
    if area_id is not None or value_id is not None:
        areas, values = journal.known_ids() if journal is not None else (set(), set())
        if area_id is not None:
            area_id = resolve_id(env, "area", area_id, areas)
        if value_id is not None:
            value_id = resolve_id(env, "value", value_id, values)
    return Filter(since=since, until=until, area_id=area_id, value_id=value_id,
                  search=args.search, include_drafts=include_drafts)


# -- list ------------------------------------------------------------------------------------


def _summary_json(s: Summary) -> dict[str, Any]:
    from refleks.journal.queries import MATCH_END, MATCH_START
    from refleks.journal.records import iso, iso_or_none

    item: dict[str, Any] = {
        "id": s.id,
        "uid": s.uid,
        "status": s.status,
        "started_at": iso(s.started_at),
        "completed_at": iso_or_none(s.completed_at),
        "area_id": s.area_id,
        "area_title": s.area_title,
        "focus": [{"value_id": v, "value_name": n} for v, n in s.focus],
        "method_id": s.method_id,
        "method_title": s.method_title,
    }
    if s.snippet is not None:
        item["match"] = s.snippet.replace(MATCH_START, "").replace(MATCH_END, "")
    return item


def _json_items(summaries: Iterator[Summary]) -> Iterator[str]:
    """The same text as ``json.dumps(list, indent=2)``, one check-in at a time."""
    import json

    first = True
    for s in summaries:
        item = json.dumps(_summary_json(s), ensure_ascii=False, indent=2)
        yield ("[\n  " if first else ",\n  ") + item.replace("\n", "\n  ")
        first = False
    yield "[]\n" if first else "\n]\n"


def _named_here(env: Environment, summaries: Iterable[Summary]) -> Iterator[Summary]:
    """Each line's area and values in the language in use (``content.names``), as home
    and ``status`` name them. The content is read only on meeting a check-in written in
    another language, so a list in one language streams as quickly as before."""
    from refleks.content.names import shown_name

    library: Content | None = None
    loaded = False
    for s in summaries:
        if s.lang and s.lang != env.lang:
            if not loaded:
                library, loaded = env.names_content(), True
            s.area_title = shown_name(library, "area", s.area_id, s.area_title)
            s.focus = [(i, shown_name(library, "value", i, n)) for i, n in s.focus]
        yield s


@speaks
def list_command(env: Environment, args: Namespace) -> int:
    """The table (or JSON) streams from the journal: memory stays flat at any size."""
    import itertools

    t = env.t
    journal = existing(env)
    moments = 0
    try:
        flt = _filter(env, args, journal)
        summaries = journal.iter_summaries(flt) if journal is not None else iter(())
        if args.json:
            write_stdout(batched(_json_items(summaries)))
            return 0
        if journal is not None:
            moments = journal.moments.count_like(flt)
        first = next(summaries, None)
        if first is None:
            filtered = any(getattr(args, k) is not None
                           for k in ("since", "until", "area", "value", "search"))
            print(t("journal.list.none_match") if filtered else t("journal.list.empty"))
        else:
            print_table(_named_here(env, itertools.chain([first], summaries)), t,
                        searching=flt.search is not None)
        if moments:  # noted between check-ins, found by the same filters
            print(t.count("moments.in_list", moments))
    finally:
        if journal is not None:
            journal.close()
    return 0


# -- show ------------------------------------------------------------------------------------


@speaks
def show_command(env: Environment, args: Namespace) -> int:
    from refleks.journal.markdown import render_markdown
    from refleks.safe_text import visible

    t = env.t
    key = str(args.key).strip()
    journal = existing(env)
    if journal is None:
        if key == "latest":
            raise RefleksError(t("journal.show.empty"))
        raise UsageError(t("journal.args.not_found", key=visible(key)))
    with journal:
        checkin = journal.latest(include_drafts=True) if key == "latest" else journal.get(key)
    if checkin is None:
        if key == "latest":
            raise RefleksError(t("journal.show.empty"))
        raise UsageError(t("journal.args.not_found", key=visible(key)))
    text = "".join(render_markdown([checkin], t, env.lang, title=False,
                                   content=env.names_content()))
    if args.markdown:
        write_stdout([text])
        return 0
    write_stdout(formatted_markdown(text))
    return 0


# -- export ----------------------------------------------------------------------------------


def _chosen_ids(env: Environment, value: str | None) -> tuple[int, ...] | None:
    """``--ids 3,7,12`` as numbers, in the order given, each once."""
    if value is None:
        return None
    try:
        ids = tuple(dict.fromkeys(int(part) for part in value.split(",") if part.strip()))
    except ValueError:
        ids = ()
    if not ids or min(ids) < 1:
        raise UsageError(env.t("journal.args.bad_ids", value=value))
    return ids


def _period(env: Environment, flt: Filter) -> str | None:
    from refleks.dates import format_date

    t = env.t
    if flt.ids is not None:
        return t("journal.md.chosen_ids", ids=", ".join(str(n) for n in sorted(flt.ids)))
    if flt.since and flt.until:
        return t("journal.md.period", since=format_date(flt.since, t),
                 until=format_date(flt.until, t))
    if flt.since:
        return t("journal.md.period_since", since=format_date(flt.since, t))
    if flt.until:
        return t("journal.md.period_until", until=format_date(flt.until, t))
    return None


def output_path(env: Environment, value: str, *, force: bool) -> Path:
    """A file to write: its folder must exist, and it may exist only with --force."""
    t = env.t
    path = Path(value).expanduser()
    if path.is_dir():
        raise UsageError(t("journal.errors.is_folder", path=path))
    if value.endswith(("/", os.sep)):  # a folder meant ("backups/"), and it is not there
        raise UsageError(t("journal.errors.no_folder", path=path))
    if not path.parent.is_dir():
        raise UsageError(t("journal.errors.no_folder", path=path.parent))
    journal = env.journal_path
    for protected in (journal, *(journal.with_name(journal.name + suffix)
                                 for suffix in ("-wal", "-shm", "-journal"))):
        if path.resolve() == protected.resolve():
            raise UsageError(t("journal.errors.same_file", path=path))
    if path.exists() and not path.is_file():  # a device or a FIFO: --force would not help
        raise UsageError(t("journal.errors.not_regular", path=path))
    if path.exists() and not force:
        raise UsageError(t("journal.errors.exists", path=path))
    return path


def ask_before_synced(env: Environment, path: Path, *, yes: bool) -> bool:
    """Before a file is written into a folder a cloud client syncs: say so, and at a
    terminal ask (no terminal to ask in: only with ``--yes``). False: write nothing."""
    import sys

    from refleks.synced import synced_by

    t = env.t
    folder = path.parent.resolve()
    service = synced_by(folder)
    if service is None or yes:
        return True
    if not sys.stdin.isatty():
        raise RefleksError(t("journal.export.synced_needs_yes", folder=folder,
                             service=service))
    print(t("journal.export.synced", folder=folder, service=service), file=sys.stderr)
    try:
        answer = input(t("journal.export.synced_ask")).strip().casefold()
    except EOFError:
        answer = ""
    if answer[:1] in ("y", "j"):  # yes / ja
        return True
    print(t("journal.export.synced_kept"), file=sys.stderr)
    return False


@speaks
def export_command(env: Environment, args: Namespace) -> int:
    from refleks.journal import formats
    from refleks.journal.export import write_atomic

    t = env.t
    refuse_empty(env, "-o", args.output)
    refuse_empty(env, "--format", args.format)
    output = output_path(env, args.output, force=args.force) if args.output else None
    if args.format:
        chosen = formats.by_name(args.format)
        if chosen is None:
            raise UsageError(t("journal.args.bad_format", value=args.format))
    else:
        chosen = formats.by_suffix(output.suffix if output is not None else "")
    if output is not None and not ask_before_synced(env, output, yes=args.yes):
        return 1
    ids = _chosen_ids(env, args.ids)
    journal = existing(env)
    try:
        # Reflections named by number are exported as asked, a draft too.
        flt = replace(_filter(env, args, journal, include_drafts=not chosen.readable
                              or args.drafts or ids is not None), ids=ids)
        if ids is not None:
            found = ({row[0] for row in journal.listing.iter_rows("c.id", flt)}
                     if journal is not None else set())
            missing = [str(n) for n in ids if n not in found]
            if missing:
                raise UsageError(t("journal.args.unknown_ids", ids=", ".join(missing)))
        moments = journal.moments.for_export(flt) if journal is not None else []  # once
        filtered = any(getattr(args, k) is not None
                       for k in ("since", "until", "area", "value", "search", "ids"))
        if filtered and not moments and (journal is None or not journal.has_any(flt)):
            # Filters that match nothing (no check-in, no moment): an empty document
            # would look like a successful export of what was asked for. (An empty
            # journal, unfiltered, still exports as an empty, valid document.)
            raise RefleksError(t("journal.export.nothing"))
        chunks, counted = chosen.from_journal(formats.JournalExport(
            journal, flt, moments, t, env.lang, _period(env, flt),
            count_sections=output is not None,
            content=env.names_content() if chosen.readable else None))
        if output is None:
            write_stdout(batched(chunks))
            return 0
        write_atomic(output, batched(chunks), overwrite=args.force)
    finally:
        if journal is not None:
            journal.close()
    print(t.count("journal.export.written", counted.count, path=output))
    print(t("journal.export.plaintext"))
    if chosen.name == "html":
        print(t("journal.export.print_hint", path=output))
    return 0


# -- import ----------------------------------------------------------------------------------


@speaks
def import_command(env: Environment, args: Namespace) -> int:
    from refleks.journal.errors import ImportFormatError
    from refleks.journal.json_io import read_export_all
    from refleks.journal.store import Journal

    t = env.t
    refuse_empty(env, "FILE.json", args.file)
    path = Path(args.file).expanduser()
    if path.is_dir():
        raise UsageError(t("journal.errors.is_folder", path=path))
    if path.exists() and not path.is_file():  # /dev/null, a pipe: never read, never waited on
        raise RefleksError(t("journal.import.failed", path=path,
                             problem=t("journal.import.not_export")))
    if not path.is_file():
        raise UsageError(t("journal.errors.file_missing", path=path))
    try:
        checkins, moments = read_export_all(path)
    except ImportFormatError as exc:
        problem = exc.render(t)
        raise RefleksError(t("journal.import.failed", path=path, problem=problem)) from None
    with Journal.open(env.journal_path, env.unlocked_key(),
                      own_folder=env.own_folder) as journal:
        opened(env, journal)
        result = journal.merge(checkins, moments)
    print(t("journal.import.done", path=path, added=result.added, updated=result.updated,
            unchanged=result.unchanged))
    if moments:
        print(t("moments.imported", added=result.moments.added,
                updated=result.moments.updated, unchanged=result.moments.unchanged))
    return 0


# -- backup and restore ----------------------------------------------------------------------
