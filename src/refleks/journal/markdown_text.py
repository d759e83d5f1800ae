"""Free text as Markdown that renders exactly as it was typed.

Every piece of a practitioner's text goes through here on its way into a Markdown
document (the export, the app's entry view, the supervision pack, a team's minutes), so
that ``#``, ``*``, ``>``, code fences or a line starting ``1.`` read as the characters
typed, never as structure: ``escape_inline`` within a line, ``block`` for paragraphs,
``blocks`` for all of a check-in's texts at once (the export's common case, quick),
``heading`` and ``emphasis`` for the short labels around them.
"""

from __future__ import annotations

import re

__all__ = ["block", "blocks", "emphasis", "escape_inline", "heading", "points",
           "written_as_points"]

# Characters that can start inline structure anywhere in a line: code spans, emphasis,
# links and images, autolinks and HTML, entities, GFM tables and strikethrough. Each is
# backslash-escaped (CommonMark allows that for any ASCII punctuation); the backslash
# itself goes first. (Plain str.replace: str.translate is slow on Norwegian text.)
_ESCAPES = tuple((ch, "\\" + ch) for ch in "\\`*_[]<&|~")
# What can open a block at the start of a line: headings, block quotes, list items,
# thematic breaks and setext underlines (``*``, ``_`` and fences are escaped above)…
_BLOCK_CHARS = frozenset("#>+=-")
# The markers a writer starts a point with (a dash, a star, a plus, a bullet).
_POINT_MARKERS = ("- ", "* ", "+ ", "•")
# …and ordered list items (``1.``, ``1)``).
_ORDERED = re.compile(r"[0-9]{1,9}(?=[.)])")
_EDGES = " \t\f\v"


def escape_inline(text: str, *, heading: bool = False) -> str:
    """Text that renders as itself inside a line (in a heading, ``#`` too)."""
    for ch, escaped in _ESCAPES:
        if ch in text:  # a substring test per character is ~8x faster than a regex here
            text = text.replace(ch, escaped)
    if heading and "#" in text:
        text = text.replace("#", "\\#")
    return text


def _line(raw: str) -> str:
    """One escaped line, stripped (leading spaces could make an indented code block),
    with any block marker at its start escaped."""
    line = raw.strip(_EDGES)
    first = line[:1]
    if first in _BLOCK_CHARS and first:
        return "\\" + line
    if first.isdigit() and (m := _ORDERED.match(line)):
        return f"{m[0]}\\{line[m.end():]}"
    return line


def _plain_lines(text: str) -> bool:
    """True if no line needs work: no edge spaces, no block markers at a line start,
    no blank line of its own beyond a single paragraph break (the common case, by far).
    ``text`` is non-empty and has no newline at either end."""
    first, last = text[0], text[-1]
    if first in _EDGES or first in _BLOCK_CHARS or first.isdigit() or last in _EDGES:
        return False
    if "\t" in text or "\f" in text or "\v" in text:
        return False
    i = text.find("\n")
    while i != -1:
        if text[i - 1] == " ":
            return False
        j = i + 2 if text[i + 1] == "\n" else i + 1
        after = text[j]
        if after == "\n" or after == " " or after in _BLOCK_CHARS or after.isdigit():
            return False
        i = text.find("\n", j)
    return True


def block(text: str, indent: str = "") -> str:
    """Free text as Markdown paragraphs that render exactly as typed.

    Blank lines separate paragraphs; the writer's other line breaks are kept as hard
    breaks (a backslash at the end of the line). No line can become a heading, quote,
    list, code block or thematic break. ``indent`` prefixes every line (in a list item).
    """
    if not text:
        return ""
    text = escape_inline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text:
        line = _line(text)
        return indent + line if line else ""
    text = text.strip("\n")
    line_break = "\\\n" + indent
    if text and _plain_lines(text):
        return "\n\n".join(indent + p.replace("\n", line_break) for p in text.split("\n\n"))
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = _line(raw)
        if line:
            current.append(line)
        elif current:
            paragraphs.append(indent + line_break.join(current))
            current = []
    if current:
        paragraphs.append(indent + line_break.join(current))
    return "\n\n".join(paragraphs)


# What makes a text need ``block``'s line-by-line path, found in all of a
# check-in's texts joined by NUL: after a line break (or a paragraph break) or at the
# start of a text, an edge space or what could open a block; a space before a line
# break or a text's end; three breaks in a row; a text that starts or ends with one.
# Each pattern starts with one literal character, which the regex engine finds
# quickly (two-character substring tests scan three times slower).
_AFTER_BREAK = re.compile("\n(?:(?<= \n)|\n?[\x00 #>+=0-9-]|\n\n)")
_AFTER_SEPARATOR = re.compile("\x00(?:(?<= \x00)|[\n \t\f\v#>+=0-9-])")
# A line break on its own (not one of the two of a paragraph break).
_LINE_BREAK = re.compile("\n(?<!\n\n)(?!\n)")
_START_NEEDS_WORK = frozenset(" \t\f\v\n#>+=-0123456789")
_END_NEEDS_WORK = frozenset(" \t\f\v\n")


def _needs_work(joined: str, escaped: str) -> bool:
    """True if a text of ``joined`` (``escaped``: the same, escaped) needs ``block``'s
    line-by-line path."""
    return "\r" in joined or bool(escaped and (
        escaped[0] in _START_NEEDS_WORK or escaped[-1] in _END_NEEDS_WORK
        or "\t" in escaped or "\f" in escaped or "\v" in escaped
        or _AFTER_BREAK.search(escaped) or _AFTER_SEPARATOR.search(escaped)))


def plain_joined(texts: list[str]) -> str | None:
    """``texts`` joined by NUL if ``blocks`` would leave each as it is but for its line
    breaks, made hard (nothing to escape, nothing for the line-by-line path: the common
    case), else None. The pack makes its HTML straight from this
    (``markdown_html.plain_texts_html``), without the Markdown in between."""
    joined = "\x00".join(texts)
    if escape_inline(joined) is not joined or _needs_work(joined, joined):
        return None
    return joined


def blocks(texts: list[str]) -> list[str]:
    """``block`` of each of ``texts`` (no indent), the common case decided for all at once.

    A check-in holds a dozen texts; asking of each alone was most of what exporting
    50,000 check-ins cost. Joined (by NUL, a character that only marks where one text
    ends), they are escaped in one go and searched for anything that needs the
    line-by-line path: edge spaces, a line starting like a heading, list or quote,
    three line breaks in a row. Mostly there is none, and a text's line breaks just
    turn hard (when there are any: one search of the joined texts says so, where a
    substitution per text cost twice the rest of this function); otherwise every text
    takes ``block``'s own path.
    """
    joined = "\x00".join(texts)
    escaped = escape_inline(joined)
    if _needs_work(joined, escaped):
        return [block(text) for text in texts]
    if escaped is not joined:  # something to escape (rare in prose): text by text
        texts = [escape_inline(text) for text in texts]
    has_line_break = _LINE_BREAK.search
    if not has_line_break(escaped):  # only paragraph breaks, if any: all done
        return list(texts)
    # Every break made hard, then each pair of hard breaks (a paragraph break: no three
    # in a row here) back to a blank line. The first replace puts one backslash right
    # before every break, so "\\\n\\\n" stands exactly where two breaks were next to
    # each other, whatever backslashes were typed. (Two plain replaces: a regex
    # substitution with a backslash in its template costs twice as much.)
    return [text.replace("\n", "\\\n").replace("\\\n\\\n", "\n\n")
            if "\n" in text and has_line_break(text) else text for text in texts]


def _point(raw: str) -> str:
    """One line of points without its writer's marker, stripped."""
    line = raw.strip(_EDGES)
    for marker in _POINT_MARKERS:
        if line.startswith(marker):
            return line[len(marker):].strip(_EDGES)
    return line


def written_as_points(text: str) -> bool:
    """Every line that says something starts with a list marker (``- Vi lytter``)."""
    lines = [line.strip(_EDGES) for line in text.splitlines() if line.strip()]
    return bool(lines) and all(line.startswith(_POINT_MARKERS) for line in lines)


def points(text: str, indent: str = "") -> str:
    """Text of one point a line as a Markdown list that renders as typed.

    A team's key points are written one a line, often with their own ``- ``: through
    ``block`` they came out as ``\\- Vi lytter\\`` (an escaped dash, a hard break),
    safe but not what anyone wrote. Here a writer's marker becomes the list's own, and
    what follows it is escaped as ``block`` escapes a line (inline structure, and
    anything that could open a block inside the item). Blank lines are left out.
    """
    items = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        point = _line(escape_inline(_point(raw)))
        if point:
            items.append(f"{indent}- {point}")
    return "\n".join(items)


def heading(level: int, text: str) -> str:
    one_line = " ".join(text.split())
    return f"{'#' * level} {escape_inline(one_line, heading=True)}"


def emphasis(text: str) -> str:
    """A short label in italics (never user text with line breaks)."""
    one_line = " ".join(text.split())
    return f"*{escape_inline(one_line)}*" if one_line else ""
