"""Writing to stdout: UTF-8 whatever the locale, in few large writes, and the list table.

A journal can hold thousands of check-ins and ``refleks list | less`` or
``refleks export > file`` should feel instant, so output is streamed in large chunks
and the table is measured once per column instead of through a rich ``Table``. rich
is imported only when a terminal is there to colour.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refleks.content.ui import Strings
    from refleks.journal.queries import Summary


def write_stdout(chunks: Iterable[str]) -> None:
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


def batched(chunks: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
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


def print_table(summaries: Sequence[Summary], t: Strings, *, searching: bool) -> None:
    """The check-ins as a table: aligned columns under a bold header.

    Built as lines of (text, style) pieces: on a terminal they are printed through rich
    (styles, colour rules, fitted to the width); into a pipe or file they are written as
    plain text. A rich ``Table`` measures and wraps every cell (over two seconds for
    5,000 rows); here each column is measured once. A search shows where the words were
    found on a line of its own under each row.
    """
    import shutil

    from refleks.dates import format_date
    from refleks.journal.queries import MATCH_END, MATCH_START
    from refleks.textfit import cell_width as cell_len
    from refleks.textfit import cut_marked, fit

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

    Line = list[tuple[str, str]]  # (text, rich style; "" for none)
    lines: list[Line] = [
        [(gap.join([headers[0].rjust(widths[0]), fit(headers[1], widths[1]),
                    fit(headers[2], widths[2]), headers[3]]).rstrip(), "bold")],
        [("─" * (sum(widths) + len(gap) * 3), "dim")],
    ]
    for (number, date, is_draft, area, focus), s in zip(rows, summaries, strict=True):
        pad = " " * (widths[1] - cell_len(date) - (len(draft) if is_draft else 0))
        line: Line = [(number.rjust(widths[0]), "dim"), (gap + date, "")]
        if is_draft:
            line.append((draft, "italic yellow"))
        line.append((f"{pad}{gap}{fit(area, widths[2])}{gap}"
                     f"{fit(focus, widths[3]).rstrip()}", ""))
        lines.append(line)
        if searching and s.snippet:
            flat = " ".join(s.snippet.split())
            if terminal:
                flat = cut_marked(flat, max(width - len(indent), 20))
            snippet: Line = [(indent, "")]
            for index, part in enumerate(flat.split(MATCH_START)):
                hit, _, rest = part.partition(MATCH_END) if index else ("", "", part)
                snippet += [(hit, "bold"), (rest, "dim")]
            lines.append(snippet)
    lines.append([(t.count("journal.list.count", len(summaries)), "dim")])

    if not terminal:
        write_stdout(["".join(text for text, _ in line) + "\n" for line in lines])
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for line in lines:
        console.print(Text.assemble(*line), soft_wrap=True)
