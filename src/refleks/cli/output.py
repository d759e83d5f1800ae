"""Writing to stdout: UTF-8 whatever the locale, in few large writes, and the list table.

A journal can hold thousands of check-ins and ``refleks list | less`` or
``refleks export > file`` should feel instant, so output is streamed in large chunks
and the table is measured once per column instead of through a rich ``Table``. rich
is imported only when a terminal is there to colour.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Iterator

from refleks.errors import KeyedError

TYPE_CHECKING = False  # not typing's: main() imports this module before ``status``
if TYPE_CHECKING:
    from typing import Any

    from refleks.content.ui import Strings
    from refleks.journal.queries import Summary
    from refleks.languages import Speaker


class OutputError(KeyedError):
    """Standard output could not be written (a full disk, ``> /dev/full``, a device
    gone): said as the output, since neither the journal nor a file is at fault."""

    namespace = "journal."

    def __init__(self, detail: object) -> None:
        super().__init__("errors.write_failed", detail=detail)

    def render(self, t: Speaker) -> str:
        return t("journal.errors.write_failed", path=t("journal.errors.stdout"),
                 detail=self.params["detail"])


def _discard_stdout() -> None:
    """Point stdout's file descriptor at the null device, so that what is still
    buffered goes nowhere at exit instead of failing again there ("Exception ignored
    … No space left on device" after the one line already said). A stream without a
    descriptor of its own (a test's capture) is left as it is."""
    import os

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


class WatchedStdout:
    """Standard output, remembering whether a write to it failed.

    A ``print`` that meets a full disk (``> /dev/full``) raises an ``OSError`` that
    names no file, and the text is gone from the buffer, so nothing later can tell it
    from any other file's trouble. The command line's last catch asks this instead, and
    says that the output could not be written. Everything else is the stream's own.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.failure: OSError | None = None

    def write(self, text: str) -> int:
        try:
            return int(self.stream.write(text))
        except OSError as exc:
            self._failed(exc)
            raise

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            self._failed(exc)
            raise

    def _failed(self, exc: OSError) -> None:
        if not isinstance(exc, BrokenPipeError):
            self.failure = exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def watch_stdout() -> WatchedStdout:
    """``sys.stdout`` made a ``WatchedStdout`` (once) and returned."""
    if not isinstance(sys.stdout, WatchedStdout):
        sys.stdout = WatchedStdout(sys.stdout)
    return sys.stdout


def unwatch_stdout(watched: WatchedStdout) -> None:
    """``sys.stdout`` as it was before ``watch_stdout``, unless something replaced it since."""
    if sys.stdout is watched:
        sys.stdout = watched.stream


def flush_stdout() -> None:
    """What ``print`` left in stdout's buffer, written now while a failure can still be
    said in one line (``OutputError``); a closed pipe ends quietly, as ever."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        raise
    except OSError as exc:
        _discard_stdout()
        raise OutputError(exc.strerror or exc) from None


def write_stdout(chunks: Iterable[str]) -> None:
    """Stream text to stdout as UTF-8 whatever the locale; a closed pipe ends quietly,
    and any other failure to write is an ``OutputError``."""
    import io

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
        _discard_stdout()
        raise
    except OSError as exc:
        _discard_stdout()
        raise OutputError(exc.strerror or exc) from None
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


# SGR codes for the few styles the table uses; colour only where colour is allowed.
_SGR = {"bold": "1", "dim": "2", "italic": "3"}
_COLOUR = {"yellow": "33"}


def styles_allowed() -> tuple[bool, bool]:
    """(styles, colour) for stdout: none into a pipe or file or on a dumb terminal;
    ``NO_COLOR`` (no-color.org) leaves bold and dim but takes the colour away."""
    import os

    if not sys.stdout.isatty() or os.environ.get("TERM") == "dumb":
        return False, False
    return True, not os.environ.get("NO_COLOR")


def sgr(text: str, style: str, colour: bool) -> str:
    """``text`` wrapped in the SGR codes of ``style`` (e.g. "italic yellow")."""
    on = _sgr_codes(style, colour)
    return f"\x1b[{on}m{text}\x1b[0m" if on and text else text


@functools.lru_cache(maxsize=64)
def _sgr_codes(style: str, colour: bool) -> str:
    """The codes of ``style`` (a list styles each of 50,000 lines with the same few)."""
    codes = [_SGR.get(word) or (_COLOUR.get(word) if colour else None)
             for word in style.split()]
    return ";".join(code for code in codes if code)


def print_table(summaries: Iterable[Summary], t: Strings, *, searching: bool) -> int:
    """The check-ins as a table: aligned columns under a bold header; → how many.

    The summaries are read once, as they stream from the journal, and kept only as the
    few short strings a line shows (the columns are measured before the first line is
    written); the table is then written as text in large chunks — with SGR codes for
    bold, dim and colour on a terminal that allows them — rather than printed line by
    line through rich, which took most of the time. A search shows where the words
    were found on a line of its own under each row.

    What is kept is most of the command's memory at 50,000 check-ins, so a row holds
    its id as a number, the date, area and values as strings shared by every row that
    shows the same, and the snippet as UTF-8: its "…" would make Python keep every
    letter of it in two bytes (by tracemalloc, ~720 bytes a row before, ~420 now).
    """
    import shutil

    from refleks.dates import format_date
    from refleks.textfit import cell_width as cell_len
    from refleks.textfit import cut_marked, fit, marked_parts

    styled, colour = styles_allowed()
    terminal = sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if terminal else 0
    draft = f" ({t('journal.list.draft')})"
    no_area = t("journal.list.no_area")
    headers = [t("journal.list.col_id"), t("journal.list.col_date"),
               t("journal.list.col_area"), t("journal.list.col_focus")]
    widths = [cell_len(h) for h in headers]
    dates: dict[Any, tuple[str, int]] = {}  # day → (as shown, cells)
    areas: dict[str, str] = {}
    focuses: dict[str, str] = {}  # the same values, one string for every row
    rows: list[tuple[int, str, bool, str, str, bytes | None]] = []
    for s in summaries:
        day = s.started_at.date()
        if day not in dates:
            shown = format_date(day, t)
            dates[day] = (shown, cell_len(shown))
        date, date_cells = dates[day]
        widths[1] = max(widths[1], date_cells + (len(draft) if s.is_draft else 0))
        area = areas.setdefault(s.area_title, s.area_title or no_area)
        focus = ", ".join(name or value_id for value_id, name in s.focus)
        focus = focuses.setdefault(focus, focus)
        snippet = None
        if searching and s.snippet:
            snippet = " ".join(s.snippet.split())
            if terminal:  # only what fits is kept
                snippet = cut_marked(snippet, max(width - 10, 20))
        widths[0] = max(widths[0], len(str(s.id)))
        widths[2] = max(widths[2], cell_len(area))
        widths[3] = max(widths[3], cell_len(focus))
        rows.append((s.id, date, s.is_draft, area, focus,
                     None if snippet is None else snippet.encode("utf-8", "surrogatepass")))
    gap = "  "
    if terminal:
        spare = width - sum(widths) - len(gap) * 3
        while spare < 0 and (widths[2] > 12 or widths[3] > 12):
            column = 2 if widths[2] >= widths[3] else 3
            cut = min(-spare, widths[column] - 12)
            widths[column] -= cut
            spare += cut
    indent = " " * (widths[0] + len(gap))

    def style(text: str, how: str) -> str:
        return sgr(text, how, colour) if styled else text

    def lines() -> Iterator[str]:
        yield style(gap.join([headers[0].rjust(widths[0]), fit(headers[1], widths[1]),
                              fit(headers[2], widths[2]), headers[3]]).rstrip(), "bold") + "\n"
        yield style("─" * (sum(widths) + len(gap) * 3), "dim") + "\n"
        for number, date, is_draft, area, focus, kept in rows:
            pad = " " * (widths[1] - cell_len(date) - (len(draft) if is_draft else 0))
            yield (style(str(number).rjust(widths[0]), "dim") + gap + date
                   + (style(draft, "italic yellow") if is_draft else "")
                   + f"{pad}{gap}{fit(area, widths[2])}{gap}{fit(focus, widths[3]).rstrip()}\n")
            if kept is not None:
                snippet = kept.decode("utf-8", "surrogatepass")
                if terminal:
                    snippet = cut_marked(snippet, max(width - len(indent), 20))
                yield indent + "".join(style(part, "bold" if hit else "dim")
                                       for part, hit in marked_parts(snippet)) + "\n"
        yield style(t.count("journal.list.count", len(rows)), "dim") + "\n"

    write_stdout(batched(lines()))
    return len(rows)


def formatted_markdown(markdown: str) -> list[str]:
    """A check-in or a moment as rich renders its Markdown for this terminal, but
    without the spaces rich pads every line with to the terminal's width (they end up
    in copies and pipes). ``show`` and ``moments show`` read alike this way."""
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.segment import Segment

    console = Console()
    system = console.color_system if console.color_system else None
    out = []
    for line in console.render_lines(Markdown(markdown), console.options, pad=False):
        segments = [s for s in line if not s.control]
        while segments and not segments[-1].text.strip():
            segments.pop()
        if segments:
            last = segments[-1]
            segments[-1] = Segment(last.text.rstrip(), last.style)
        out.append("".join(
            seg.style.render(seg.text, color_system=console._color_system)
            if seg.style and system else seg.text
            for seg in segments) + "\n")
    return out
