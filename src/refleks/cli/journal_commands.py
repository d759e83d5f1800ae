"""``refleks list / show / export / import / backup / restore``.

Each command is a plain function of the ``Context``. Heavy imports (rich, the store)
happen inside them, so ``refleks --help`` and the TUI start without paying for them.
Every problem reaches the person as one line: a bad argument exits 2, a problem with
a file or the journal exits 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from refleks.cli import Context
    from refleks.content.ui import Strings
    from refleks.journal.store import Filter, Journal, Summary

# Journal errors that are about what was typed on the command line: exit 2.
USAGE_ERRORS = {
    "errors.no_folder", "errors.exists", "errors.is_folder", "errors.same_file",
    "errors.backup_missing", "errors.file_missing", "errors.not_found",
}


def register(sub: argparse._SubParsersAction, t: Strings) -> None:  # type: ignore[type-arg]
    def command(name: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name, help=t(f"journal.cli.{name}_help"),
            description=t(f"journal.cli.{name}_description"),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        return parser

    def filters(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--since", metavar="DATE", help=t("journal.cli.opt_since"))
        parser.add_argument("--until", metavar="DATE", help=t("journal.cli.opt_until"))
        parser.add_argument("--area", metavar="ID", help=t("journal.cli.opt_area"))
        parser.add_argument("--value", metavar="ID", help=t("journal.cli.opt_value"))
        parser.add_argument("--search", metavar="TEXT", help=t("journal.cli.opt_search"))

    p = command("list")
    filters(p)
    p.add_argument("--json", action="store_true", help=t("journal.cli.opt_json"))
    p.set_defaults(handler=list_command)

    p = command("show")
    p.add_argument("key", nargs="?", default="latest", metavar="ID|latest",
                   help=t("journal.cli.show_key"))
    p.add_argument("--markdown", action="store_true", help=t("journal.cli.show_markdown"))
    p.set_defaults(handler=show_command)

    p = command("export")
    p.add_argument("--format", metavar="markdown|json", help=t("journal.cli.export_format"))
    filters(p)
    p.add_argument("--drafts", action="store_true", help=t("journal.cli.export_drafts"))
    p.add_argument("-o", "--output", metavar="FILE", help=t("journal.cli.export_output"))
    p.add_argument("--force", action="store_true", help=t("journal.cli.export_force"))
    p.set_defaults(handler=export_command)

    p = command("import")
    p.add_argument("file", metavar="FILE.json", help=t("journal.cli.import_file"))
    p.set_defaults(handler=import_command)

    p = command("backup")
    p.add_argument("path", nargs="?", metavar="PATH", help=t("journal.cli.backup_path"))
    p.add_argument("--force", action="store_true", help=t("journal.cli.backup_force"))
    p.set_defaults(handler=backup_command)

    p = command("restore")
    p.add_argument("file", nargs="?", metavar="BACKUP", help=t("journal.cli.restore_file"))
    p.set_defaults(handler=restore_command)


# -- shared ----------------------------------------------------------------------------------


def _speaks(fn: Callable[[Context], int]) -> Callable[[Context], int]:
    """Journal errors → one line in the reader's language, with the right exit code."""

    @wraps(fn)
    def wrapper(ctx: Context) -> int:
        from refleks.journal.errors import KeyedError

        try:
            return fn(ctx)
        except KeyedError as exc:
            message = exc.render(ctx.t)
            if exc.key in USAGE_ERRORS:
                raise UsageError(message) from None
            raise RefleksError(message) from None
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            raise RefleksError(ctx.t("journal.errors.io", path=exc.filename or "",
                                     detail=exc.strerror or exc)) from None

    return wrapper


def _existing_journal(ctx: Context) -> Journal | None:
    """The journal if there is one; reading commands never create it."""
    from refleks.journal.store import Journal

    path = ctx.journal_path
    if not path.exists():
        return None
    return Journal.open(path, create=False)


def _day(ctx: Context, option: str, value: str | None, *, end: bool) -> Any:
    from refleks.dates import parse_day

    if value is None:
        return None
    try:
        return parse_day(value, end=end)
    except ValueError:
        raise UsageError(ctx.t("journal.args.bad_date", option=option, value=value)) from None


def _content_ids(ctx: Context, kind: str) -> set[str]:
    """Ids the content knows; empty if the content cannot be loaded (then the
    journal's own ids are what an id is checked against)."""
    try:
        content = ctx.content
        return set(content.area_ids() if kind == "area" else content.value_ids())
    except (RefleksError, ImportError, AttributeError, OSError):
        return set()


def _check_id(ctx: Context, kind: str, value: str, used: set[str]) -> None:
    """An id is fine if the journal has used it or the content knows it."""
    import difflib

    if value in used:
        return
    known = used | _content_ids(ctx, kind)
    if value in known:
        return
    message = ctx.t(f"journal.args.unknown_{kind}", id=value)
    close = difflib.get_close_matches(value, sorted(known), n=1)
    if close:
        message = ctx.t("journal.args.did_you_mean", message=message, suggestion=close[0])
    raise UsageError(message)


def _filter(ctx: Context, journal: Journal | None, *, include_drafts: bool = True) -> Filter:
    from refleks.journal.store import Filter, fts_query

    args = ctx.args
    since = _day(ctx, "--since", args.since, end=False)
    until = _day(ctx, "--until", args.until, end=True)
    if since is not None and until is not None and since > until:
        raise UsageError(ctx.t("journal.args.since_after_until", since=args.since,
                               until=args.until))
    if args.search is not None and fts_query(args.search) is None:
        raise UsageError(ctx.t("journal.args.empty_search"))
    if args.area is not None or args.value is not None:
        areas, values = journal.known_ids() if journal is not None else (set(), set())
        if args.area is not None:
            _check_id(ctx, "area", args.area, areas)
        if args.value is not None:
            _check_id(ctx, "value", args.value, values)
    return Filter(since=since, until=until, area_id=args.area, value_id=args.value,
                  search=args.search, include_drafts=include_drafts)


def _plural(t: Strings, key: str, count: int, **values: object) -> str:
    return t(f"{key}_one" if count == 1 else f"{key}_other", count=count, **values)


def _write_stdout(chunks: Iterable[str]) -> None:
    """Stream text to stdout as UTF-8 whatever the locale; a closed pipe ends quietly."""
    import io
    import os

    out = sys.stdout
    wrapped = None
    if (getattr(out, "encoding", None) or "").lower().replace("-", "") != "utf8" and hasattr(
        out, "buffer"
    ):
        wrapped = io.TextIOWrapper(out.buffer, encoding="utf-8", newline="\n",
                                   write_through=True)
        out = wrapped
    try:
        for chunk in chunks:
            out.write(chunk)
        out.flush()
    except BrokenPipeError:
        # The reader (e.g. `head`) has gone: stop, and keep Python quiet at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise
    finally:
        if wrapped is not None:
            wrapped.detach()


# -- list ------------------------------------------------------------------------------------


def _summary_json(s: Summary) -> dict[str, Any]:
    from refleks.journal.codec import iso, iso_or_none
    from refleks.journal.store import MATCH_END, MATCH_START

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


@_speaks
def list_command(ctx: Context) -> int:
    import json

    t = ctx.t
    journal = _existing_journal(ctx)
    try:
        flt = _filter(ctx, journal)
        summaries = journal.summaries(flt) if journal is not None else []
    finally:
        if journal is not None:
            journal.close()
    if ctx.args.json:
        _write_stdout([json.dumps([_summary_json(s) for s in summaries], ensure_ascii=False,
                                  indent=2) + "\n"])
        return 0
    if not summaries:
        filtered = any(getattr(ctx.args, k) is not None
                       for k in ("since", "until", "area", "value", "search"))
        print(t("journal.list.none_match") if filtered else t("journal.list.empty"))
        return 0
    _print_table(summaries, t, searching=flt.search is not None)
    return 0


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with …) to exactly ``width`` terminal cells."""
    from rich.cells import cell_len, set_cell_size

    size = cell_len(text)
    if size <= width:
        return text + " " * (width - size)
    return set_cell_size(text, max(width - 1, 0)) + "…"


def _print_table(summaries: list[Summary], t: Strings, *, searching: bool) -> None:
    """The check-ins as a table: aligned columns under a bold header.

    Built as lines of (text, style) pieces: on a terminal they are printed through rich
    (styles, colour rules, fitted to the width); into a pipe or file they are written as
    plain text. A rich ``Table`` measures and wraps every cell (over two seconds for
    5,000 rows); here each column is measured once. A search shows where the words were
    found on a line of its own under each row.
    """
    import shutil

    from rich.cells import cell_len

    from refleks.dates import format_date
    from refleks.journal.store import MATCH_END, MATCH_START

    terminal = sys.stdout.isatty()
    draft = f" ({t('journal.list.draft')})"
    no_area = t("journal.list.no_area")
    headers = [t("journal.list.col_id"), t("journal.list.col_date"),
               t("journal.list.col_area"), t("journal.list.col_focus")]
    dates: dict[Any, str] = {}
    rows = []
    for s in summaries:
        day = s.started_at.date()
        if day not in dates:
            dates[day] = format_date(day, t)
        focus = ", ".join(name or value_id for value_id, name in s.focus)
        rows.append((str(s.id), dates[day], s.is_draft, s.area_title or no_area, focus))
    widths = [
        max(cell_len(headers[0]), *(len(r[0]) for r in rows)),
        max(cell_len(headers[1]), *(cell_len(r[1]) + (len(draft) if r[2] else 0)
                                    for r in rows)),
        max(cell_len(headers[2]), *(cell_len(r[3]) for r in rows)),
        max(cell_len(headers[3]), *(cell_len(r[4]) for r in rows)),
    ]
    gap = "  "
    width = shutil.get_terminal_size().columns if terminal else 0
    if terminal:
        spare = width - sum(widths) - len(gap) * 3
        while spare < 0 and (widths[2] > 12 or widths[3] > 12):
            column = 2 if widths[2] >= widths[3] else 3
            cut = min(-spare, widths[column] - 12)
            widths[column] -= cut
            spare += cut
    indent = " " * (widths[0] + len(gap))

    Line = list[tuple[str, str | None]]
    lines: list[Line] = [
        [(gap.join([headers[0].rjust(widths[0]), _fit(headers[1], widths[1]),
                    _fit(headers[2], widths[2]), headers[3]]).rstrip(), "bold")],
        [("─" * (sum(widths) + len(gap) * 3), "dim")],
    ]
    for (number, date, is_draft, area, focus), s in zip(rows, summaries, strict=True):
        pad = " " * (widths[1] - cell_len(date) - (len(draft) if is_draft else 0))
        line: Line = [(number.rjust(widths[0]), "dim"), (gap + date, None)]
        if is_draft:
            line.append((draft, "italic yellow"))
        line.append((f"{pad}{gap}{_fit(area, widths[2])}{gap}"
                     f"{_fit(focus, widths[3]).rstrip()}", None))
        lines.append(line)
        if searching and s.snippet:
            flat = " ".join(s.snippet.split())
            if terminal:
                flat = _cut_marked(flat, max(width - len(indent), 20))
            snippet: Line = [(indent, None)]
            for index, part in enumerate(flat.split(MATCH_START)):
                hit, _, rest = part.partition(MATCH_END) if index else ("", "", part)
                snippet += [(hit, "bold"), (rest, "dim")]
            lines.append(snippet)
    lines.append([(_plural(t, "journal.list.count", len(summaries)), "dim")])

    if not terminal:
        _write_stdout(["".join(text for text, _ in line) + "\n" for line in lines])
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for line in lines:
        console.print(Text.assemble(*line), soft_wrap=True)


def _cut_marked(text: str, width: int) -> str:
    """Cut a snippet to ``width`` cells, not counting the match markers."""
    from rich.cells import cell_len

    from refleks.journal.store import MATCH_END, MATCH_START

    visible = text.replace(MATCH_START, "").replace(MATCH_END, "")
    if cell_len(visible) <= width:
        return text
    kept, used = [], 0
    for ch in text:
        if ch in (MATCH_START, MATCH_END):
            kept.append(ch)
            continue
        size = cell_len(ch)
        if used + size > width - 1:
            break
        kept.append(ch)
        used += size
    result = "".join(kept)
    if result.count(MATCH_START) > result.count(MATCH_END):
        result += MATCH_END
    return result + "…"


# -- show ------------------------------------------------------------------------------------


@_speaks
def show_command(ctx: Context) -> int:
    from refleks.journal.export import render_markdown

    t = ctx.t
    key = str(ctx.args.key).strip()
    journal = _existing_journal(ctx)
    if journal is None:
        if key == "latest":
            raise RefleksError(t("journal.show.empty"))
        raise UsageError(t("journal.args.not_found", key=key))
    with journal:
        checkin = journal.latest(include_drafts=True) if key == "latest" else journal.get(key)
    if checkin is None:
        if key == "latest":
            raise RefleksError(t("journal.show.empty"))
        raise UsageError(t("journal.args.not_found", key=key))
    text = "".join(render_markdown([checkin], t, ctx.lang, title=False))
    if ctx.args.markdown:
        _write_stdout([text])
        return 0
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))
    return 0


# -- export ----------------------------------------------------------------------------------


def _period(ctx: Context, flt: Filter) -> str | None:
    from refleks.dates import format_date

    t = ctx.t
    if flt.since and flt.until:
        return t("journal.md.period", since=format_date(flt.since, t),
                 until=format_date(flt.until, t))
    if flt.since:
        return t("journal.md.period_since", since=format_date(flt.since, t))
    if flt.until:
        return t("journal.md.period_until", until=format_date(flt.until, t))
    return None


def _output_path(ctx: Context, value: str, *, force: bool) -> Path:
    """A file to write: its folder must exist, and it may exist only with --force."""
    t = ctx.t
    path = Path(value).expanduser()
    if path.is_dir():
        raise UsageError(t("journal.errors.is_folder", path=path))
    if not path.parent.is_dir():
        raise UsageError(t("journal.errors.no_folder", path=path.parent))
    journal = ctx.journal_path
    for protected in (journal, journal.with_name(journal.name + "-wal"),
                      journal.with_name(journal.name + "-shm")):
        if path.resolve() == protected.resolve():
            raise UsageError(t("journal.errors.same_file", path=path))
    if path.exists() and not force:
        raise UsageError(t("journal.errors.exists", path=path))
    return path


@_speaks
def export_command(ctx: Context) -> int:
    from refleks.journal.export import Counted, iter_json_objects, render_markdown, write_atomic

    t, args = ctx.t, ctx.args
    output = _output_path(ctx, args.output, force=args.force) if args.output else None
    fmt = (args.format or "").strip().lower()
    if not fmt:
        fmt = "json" if output is not None and output.suffix.lower() == ".json" else "markdown"
    if fmt in ("md",):
        fmt = "markdown"
    if fmt not in ("markdown", "json"):
        raise UsageError(t("journal.args.bad_format", value=args.format))
    journal = _existing_journal(ctx)
    try:
        flt = _filter(ctx, journal, include_drafts=fmt == "json" or args.drafts)
        counted: Counted[Any] = Counted([])
        chunks: Iterable[str]
        if journal is None:
            chunks = (render_markdown([], t, ctx.lang, subtitle=_period(ctx, flt))
                      if fmt == "markdown" else iter_json_objects([]))
        elif fmt == "markdown":
            counted = Counted(journal.iter_checkins(flt))
            chunks = render_markdown(counted, t, ctx.lang, subtitle=_period(ctx, flt))
        else:
            counted = Counted(journal.iter_export_objects(flt))
            chunks = iter_json_objects(counted)
        if output is None:
            _write_stdout(_batched(chunks))
            return 0
        write_atomic(output, _batched(chunks), overwrite=args.force)
    finally:
        if journal is not None:
            journal.close()
    print(_plural(t, "journal.export.written", counted.count, path=output))
    return 0


def _batched(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Fewer, larger writes: much faster than one write per check-in on a pipe."""
    buffer: list[str] = []
    length = 0
    for chunk in chunks:
        buffer.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(buffer)
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer)


# -- import ----------------------------------------------------------------------------------


@_speaks
def import_command(ctx: Context) -> int:
    from refleks.journal.errors import ImportFormatError
    from refleks.journal.export import read_export
    from refleks.journal.store import Journal

    t = ctx.t
    path = Path(ctx.args.file).expanduser()
    if path.is_dir():
        raise UsageError(t("journal.errors.is_folder", path=path))
    if not path.is_file():
        raise UsageError(t("journal.errors.file_missing", path=path))
    try:
        checkins = read_export(path)
    except ImportFormatError as exc:
        problem = exc.render(t)
        raise RefleksError(t("journal.import.failed", path=path, problem=problem)) from None
    with Journal.open(ctx.journal_path) as journal:
        result = journal.merge(checkins)
    print(t("journal.import.done", path=path, added=result.added, updated=result.updated,
            unchanged=result.unchanged))
    return 0


# -- backup and restore ----------------------------------------------------------------------


@_speaks
def backup_command(ctx: Context) -> int:
    from refleks.journal.store import Journal

    t = ctx.t
    if not ctx.journal_path.exists():
        raise RefleksError(t("journal.backup.no_journal", path=ctx.journal_path))
    dest = None
    if ctx.args.path:
        dest = Path(ctx.args.path).expanduser()
        if not dest.is_dir():
            dest = _output_path(ctx, ctx.args.path, force=ctx.args.force)
    with Journal.open(ctx.journal_path, create=False) as journal:
        written = journal.backup(dest, overwrite=ctx.args.force)
    print(t("journal.backup.done", path=written))
    return 0


def _backup_count(path: Path) -> int | None:
    import sqlite3

    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM checkins").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


@_speaks
def restore_command(ctx: Context) -> int:
    from refleks.journal.store import restore

    t = ctx.t
    if not ctx.args.file:
        return _list_backups(ctx)
    backup = Path(ctx.args.file).expanduser()
    if backup.is_dir():
        raise UsageError(t("journal.errors.is_folder", path=backup))
    if not backup.is_file():
        raise UsageError(t("journal.errors.backup_missing", path=backup))
    result = restore(ctx.journal_path, backup)
    print(t("journal.restore.done", path=backup))
    if result.previous is not None:
        print(t("journal.restore.previous", path=result.previous))
    return 0


def _list_backups(ctx: Context) -> int:
    from datetime import datetime

    from refleks.dates import format_datetime

    t = ctx.t
    folder = ctx.journal_path.parent / "backups"
    stem = ctx.journal_path.stem
    found = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime_ns,
                   reverse=True) if folder.is_dir() else []
    found = [p for p in found if p.name.startswith(f"{stem}-")]
    if not found:
        print(t("journal.restore.none", path=folder))
        return 0
    print(t("journal.restore.list_title", path=folder))
    for path in found:
        when = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        count = _backup_count(path)
        print(t("journal.restore.list_item", name=path.name, date=format_datetime(when, t),
                count=t("journal.restore.unreadable") if count is None
                else _plural(t, "journal.list.count", count)))
    print(t("journal.restore.list_hint"))
    return 0
