"""Text fitted to terminal cells, and search snippets with their match markers.

A terminal gives East Asian wide characters two cells, so padding with ``len`` misaligns
a column as soon as a name holds one. This is pure Python (``unicodedata``) so the
domain, the command line and the screens can share it without importing rich.

A search snippet from the journal marks its matches with ``MATCH_START``/``MATCH_END``;
``marked_parts``, ``unmarked`` and ``cut_marked`` are the one place that reads them.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Around the matched words in a search snippet (control characters never typed): the
# journal writes them (``journal.snippets``), and this module is the one that reads them.
MATCH_START = "\x02"
MATCH_END = "\x03"
ELLIPSIS = "…"
# Characters that take one cell each, found in one pass by the regex engine: printable
# ASCII, Latin-1 and Latin Extended letters (not the soft hyphen), and the common
# punctuation (‐ to ‧, ‰ to ⁞: "…", dashes, quotes). Norwegian text is all of these;
# measuring it letter by letter through unicodedata was most of `list --search`.
_NARROW = re.compile("[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e]*")
_MARKER = re.compile(f"([{MATCH_START}{MATCH_END}])")


@functools.lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Cells one character takes: 0 for combining marks and controls, 2 for wide ones."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _narrow(text: str) -> bool:
    """Whether every character of ``text`` takes one cell (found without unicodedata)."""
    return (text.isascii() and text.isprintable()) or _NARROW.fullmatch(text) is not None


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes."""
    if _narrow(text):
        return len(text)
    return sum(char_width(ch) for ch in text)


def cut(text: str, width: int) -> str:
    """The longest start of ``text`` that takes at most ``width`` cells."""
    if _narrow(text):  # a cell a character (a terminal list cuts most names)
        return text[:max(width, 0)]
    used = 0
    for index, ch in enumerate(text):
        size = char_width(ch)
        if used + size > width:
            return text[:index]
        used += size
    return text


def fit(text: str, width: int) -> str:
    """``text`` padded or cut (with …) to exactly ``width`` terminal cells."""
    if _narrow(text):  # measured once, as ``cell_width`` and ``cut`` would
        if len(text) <= width:
            return text + " " * (width - len(text))
        return text[:width - 1] + ELLIPSIS if width > 0 else ""
    size = cell_width(text)
    if size <= width:
        return text + " " * (width - size)
    if width <= 0:
        return ""
    kept = cut(text, width - 1)
    return kept + " " * (width - 1 - cell_width(kept)) + ELLIPSIS


def unmarked(snippet: str) -> str:
    """The snippet as plain text, without match markers."""
    return snippet.replace(MATCH_START, "").replace(MATCH_END, "")


def marked_parts(snippet: str) -> list[tuple[str, bool]]:
    """``snippet`` as (text, is a match) pieces, in order; empty pieces left out."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while MATCH_START in rest:
        before, _, after = rest.partition(MATCH_START)
        match, _, rest = after.partition(MATCH_END)
        parts += [(before, False), (match, True)]
    parts.append((rest, False))
    return [(text, hit) for text, hit in parts if text]


def cut_marked(snippet: str, width: int) -> str:
    """Cut a snippet to ``width`` cells (with …), not counting the match markers."""
    plain = unmarked(snippet)
    if cell_width(plain) <= width:
        return snippet
    kept: list[str] = []
    used = 0
    if _NARROW.fullmatch(plain):  # a cell a character: cut the pieces between markers
        for piece in _MARKER.split(snippet):
            if piece in (MATCH_START, MATCH_END):
                kept.append(piece)
            elif used + len(piece) > width - 1:
                kept.append(piece[:max(0, width - 1 - used)])
                break
            else:
                kept.append(piece)
                used += len(piece)
    else:
        for ch in snippet:
            if ch in (MATCH_START, MATCH_END):
                kept.append(ch)
                continue
            size = char_width(ch)
            if used + size > width - 1:
                break
            kept.append(ch)
            used += size
    result = "".join(kept)
    if result.count(MATCH_START) > result.count(MATCH_END):
        result += MATCH_END
    return result + ELLIPSIS
