"""Where a text breaks into lines for the width it is shown at: one rule for the
widgets that draw text line by line (the check-in's moments, the journal's reader).

Only the plain text is measured, so a page of a megabyte breaks into lines in a few
tens of milliseconds: a run of one-cell characters (Latin, Greek, Cyrillic, the usual
punctuation) by one regular expression, anything wider a word at a time in cells.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells

# Characters that take one cell each (Latin, Greek, Cyrillic, the usual punctuation);
# combining marks and wide scripts are not here.
_ONE_CELL = re.compile("[\\x20-\\x7e\\xa0-\\u02ff\\u0370-\\u052f\\u2010-\\u2027\\u2030-\\u205e]*")
_LINE: dict[int, re.Pattern[str]] = {}  # width → a line of at most that many cells


def line_breaks(text: str, width: int) -> list[tuple[int, int]]:
    """Where ``text`` breaks into lines of at most ``width`` cells, between words (a word
    longer than a line is cut), at each of its newlines; as offsets into ``text``."""
    width = max(1, width)
    breaks: list[tuple[int, int]] = []
    offset = 0
    for part in text.split("\n"):
        if not part.strip():
            breaks.append((offset, offset))
        elif _ONE_CELL.fullmatch(part) and not re.search(f"\\S{{{width + 1}}}", part):
            line = _LINE.get(width)
            if line is None:  # greedy: the longest run of words that fits, in C
                line = _LINE[width] = re.compile(f"(\\S.{{0,{width - 1}}})(?: +|$)")
            breaks += [(offset + m.start(1), offset + m.end(1)) for m in line.finditer(part)]
        else:
            breaks += [(offset + a, offset + b) for a, b in _slow_breaks(part, width)]
        offset += len(part) + 1
    return breaks


def _slow_breaks(text: str, width: int) -> list[tuple[int, int]]:
    """``line_breaks`` counted a character at a time, for wide characters."""
    breaks: list[tuple[int, int]] = []
    start = end = used = 0
    for word in re.finditer(r"\S+", text):
        size = cell_len(word.group())
        if end > start and used + 1 + size <= width:
            end, used = word.end(), used + 1 + size
            continue
        if end > start:
            breaks.append((start, end))
        begin = word.start()
        while size > width:
            head = chop_cells(text[begin:word.end()], width)[0]
            breaks.append((begin, begin + len(head)))
            begin += len(head)
            size = cell_len(text[begin:word.end()])
        start, end, used = begin, word.end(), size
    if end > start or not breaks:
        breaks.append((start, end))
    return breaks
