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
