"""Where a finding is, as a person reads it: line and column, counted once from one
finding to the next (linear in the text, however many findings)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, as an editor counts them."""
    return next(lines_and_columns(text, [offset]))


def lines_and_columns(text: str, offsets: Iterable[int]) -> Iterator[tuple[int, int]]:
    """``line_and_column`` of each of ``offsets``, given in ascending order.

    Counts line breaks only between one offset and the next, so a file with a finding
    every few lines (or thousands on one line) is read through once, not once from its
    start for every finding.
    """
    line, line_start, previous = 1, 0, 0
    for offset in offsets:
        if offset < previous:
            raise ValueError("offsets must ascend")
        breaks = text.count("\n", previous, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", previous, offset) + 1
        previous = offset
        yield line, offset - line_start + 1


CONTEXT = 28  # characters shown either side of a passage, on its own line


def around(text: str, start: int, end: int, context: int = CONTEXT) -> tuple[str, str]:
    """The words before and after ``text[start:end]`` on its own line, at most
    ``context`` characters each, with "…" where the line goes on: how the app's guard
    dialog and plain mode both show a finding in its place."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    first = max(line_start, start - context)
    last = min(line_end, end + context)
    before = ("…" if first > line_start else "") + text[first:start]
    after = text[end:last] + ("…" if last < line_end else "")
    return before, after
