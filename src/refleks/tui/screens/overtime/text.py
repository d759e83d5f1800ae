"""Pieces of text the over-time tabs share: tables, bars, lists of names, wrapping."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from textual.content import Content

from refleks.content.ui import Strings
from refleks.textfit import cell_width, fit

BAR_HEIGHT = 4
WRAP = 74  # list entries are wrapped to fit 80 columns with room to spare
BLOCKS = " ▁▂▃▄▅▆▇█"


def indented(text: str, width: int = WRAP) -> str:
    """One paragraph wrapped and indented under its heading line (lists cannot indent)."""
    return "\n".join(textwrap.wrap(" ".join(text.split()), width - 2, initial_indent="  ",
                                   subsequent_indent="  ")) or "  "


def count_cell(times: int) -> str:
    return str(times) if times else "–"


def lower_first(name: str) -> str:
    """"Etiske og …" → "etiske og …" inside a sentence; "CHIME" stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def table(rows: Sequence[tuple[str, ...]], headings: tuple[str, ...],
          room: int = WRAP) -> Content:
    """A name column, narrow right-aligned number columns and a date last; no borders.
    Each row fits in ``room`` columns: the name gives way (cut with "…"), so no row
    wraps its date onto a line of its own (at 60 columns "past year / last" did)."""
    widths = [max(len(h), *(len(r[i + 1]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headings)]
    last = max((cell_width(r[-1]) for r in rows), default=0)
    last = max(last, cell_width(headings[-1]))
    rest = sum(2 + w for w in widths[:-1]) + 3 + last
    name_width = min(40, max((cell_width(r[0]) for r in rows), default=0),
                     max(8, room - rest))

    def line(name: str, cells: list[str]) -> str:
        *numbers, last = cells
        return fit(name, name_width) + "".join(
            f"  {c:>{w}}" for c, w in zip(numbers, widths, strict=False)) + f"   {last}"

    lines = [Content.styled(line("", list(headings)), "$foreground-muted italic")]
    for name, *cells in rows:
        lines.append(Content(line(name, cells)))
    return Content("\n").join(lines)


def and_list(names: list[str], t: Strings) -> str:
    """"a", "a og b", "a, b og c"."""
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} {t('overtime.and')} {names[-1]}"


def bars(counts: list[int], labels: list[str], room: int = WRAP) -> Content:
    """Twelve columns of quiet bars, month names under them and the numbers below.
    Two columns between the bars where ``room`` has them, one where it has not: twelve
    months a five columns wide wrapped December onto a line of its own at 60."""
    gap = " " * (2 if 2 + 5 * len(counts) <= room else 1)
    top = max(counts, default=0) or 1
    lines = []
    for level in range(BAR_HEIGHT - 1, -1, -1):
        parts: list[tuple[str, str]] = [("  ", "")]
        for count in counts:
            eighths = 0 if not count else max(1, round(count / top * BAR_HEIGHT * 8))
            block = BLOCKS[max(0, min(8, eighths - level * 8))]
            parts.append((block * 3, "$primary"))
            parts.append((gap, ""))
        lines.append(Content.assemble(*parts))
    lines.append(Content("  " + "".join(f"{label:<3}{gap}" for label in labels)))
    numbers = "".join(f"{(str(n) if n else '·'):^3}{gap}" for n in counts)
    lines.append(Content.styled("  " + numbers, "$foreground-muted"))
    return Content("\n").join(lines)
