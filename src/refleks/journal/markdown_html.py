"""The export's own Markdown as HTML without parsing it again: the supervision pack's
quick path, byte for byte what markdown-it makes of the same text.

The pack is the Markdown the export writes, as HTML, so the two never drift. Handing
every check-in to markdown-it was 87 % of the pack's time (13× the Markdown export at
5,000 check-ins, 20× at 50,000), yet that Markdown has few shapes: headings, a label in
italics, the person's texts as escaped paragraphs with hard line breaks, the focus
list. ``html.PackLabels`` makes each shape as HTML with what is here: ``texts_html``
for all of a check-in's texts at once, ``plain_strong`` for a focus value's name, and
``MarkdownBlocks`` for the labels, the moments and anything else, which converts the
shapes it knows and hands the rest to markdown-it.

What "exactly" rests on: the writer escapes every character that could start inline
structure (``markdown_text.escape_inline``) and every block marker at a line's start,
so a paragraph is text, backslash escapes and hard breaks. Each piece is checked for
that before it is converted (no unescaped ``*``, ``_``, backtick, bracket, ``<`` or
``&``; no line that could open a block; no whitespace markdown-it would trim or skip
but spaces at the middle of a line), and anything else says None, so the caller asks
markdown-it. ``tests/test_pack_same_html.py`` compares the two on hostile and
generated text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["MarkdownBlocks", "plain_strong", "plain_texts_html", "texts_html"]

# A backslash before ASCII punctuation: the character itself (CommonMark's escapes).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# What could be inline structure (or an escape to look at) in a line of text.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<&]")
# …and what must not be left once the escapes are taken out.
_UNESCAPED = re.compile(r"[`*_\[\]<&]")
# A line may not start like a block (heading, quote, list, rule, fence, code, table,
# setext underline, reference): the writer escapes these, so a line that starts so is
# not the writer's, and markdown-it decides.
_BLOCK_START = frozenset(" \t#>+*-=_~`<|[")
_ORDERED_START = re.compile(r"[0-9]+[.)]")
_HEADING = re.compile(r"(#{1,6}) ([^\n]+)")
# In a paragraph of the common case nothing stands but text and hard breaks: none of
# these, and each line break a hard break (see ``_plain``).
_INLINE_CHARACTERS = tuple("`*_[]<&")
# After a line break: what could start a block, or a digit (``_paragraph`` decides).
_AFTER_BREAK = re.compile(r"\n[ \t#>+*\-=_~`<|\[0-9]")
# Whitespace that is neither a space nor a line break (``str.isspace`` holds every
# character markdown-it trims or skips; a test holds the list to it), and NUL and
# carriage return, which markdown-it replaces. Looked for one by one: ``in`` is a memchr,
# and a character wider than the text is answered at once, where a regex class costs
# ~10 ns a character.
_ODD_CHARACTERS = ("\x00", "\t", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f",
                   "\x85", "\xa0", "\u1680", *(chr(c) for c in range(0x2000, 0x200B)),
                   "\u2028", "\u2029", "\u202f", "\u205f", "\u3000")
# In texts joined by NUL, what a plain text cannot hold (each regex starts with one
# literal character, which the regex engine finds quickly; a two-character ``in`` or
# ``count`` costs a microsecond and more on a check-in's text):
# at a text's start, what could open a block, a digit or a line break; a space at its end;
_AT_SEPARATOR = re.compile(r"\x00(?:(?<= \x00)|[ \t#>+*\-=_~`<|\[0-9\n])")
# a soft line break; a hard break that ends a paragraph; a space before a break; three
# breaks in a row; what could open a block (or a digit) after one; a break that ends a text;
_AT_LINE_BREAK = re.compile(
    r"\n(?:(?<=[^\\\n]\n)(?!\n)|(?<=\\\n)\n|(?<= \n)|\n\n|[ \t#>+*\-=_~`<|\[0-9\x00]|\Z)")
# a backslash that is not a hard break.
_NOT_A_BREAK = re.compile(r"\\(?!\n)")
_HARD_BREAK, _BR = "\\\n", "<br />\n"
# What ``plain_texts_html`` still has to look for: the odd characters that
# ``markdown_text.plain_joined`` lets through (it refuses NUL's neighbours, tab, vertical
# tab, form feed and carriage return).
_ODD_IN_PLAIN = tuple(c for c in _ODD_CHARACTERS if c not in "\x00\t\x0b\x0c\r")
# A line break on its own, not one of a paragraph break's two.
_SINGLE_BREAK = re.compile("\n(?<!\n\n)(?!\n)")
_CACHED_LIMIT = 10_000


def _escape_html(text: str) -> str:
    """As markdown-it's ``escapeHtml``: ``&``, ``<``, ``>`` and ``"``."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


def _plain(chunk: str) -> bool:
    """True if ``chunk`` (a paragraph's text, not starting like a block) is the common
    case: text whose only markup is a hard break at the end of a line."""
    if chunk[-1].isspace():  # markdown-it would trim it
        return False
    for character in _INLINE_CHARACTERS:
        if character in chunk:
            return False
    if "\n" not in chunk:
        return "\\" not in chunk
    breaks = chunk.count(_HARD_BREAK)
    return (chunk.count("\n") == breaks == chunk.count("\\")
            and _AFTER_BREAK.search(chunk) is None)


def _inline(text: str) -> str | None:
    """One line of escaped text as HTML, or None if it holds anything but text and
    backslash escapes (or ends in a backslash, which would escape what follows)."""
    if _INLINE_SPECIAL.search(text) is None:
        return _escape_html(text)
    if "\\" not in text:
        return None
    rest = _ESCAPE.sub("", text)
    if rest.endswith("\\") or _UNESCAPED.search(rest) is not None:
        return None
    return _escape_html(_ESCAPE.sub(r"\1", text))


def _starts_a_block(line: str) -> bool:
    """True if ``line`` could start something other than a paragraph's text."""
    return (not line or line[0] in _BLOCK_START or line[0].isspace()
            or (line[0].isdigit() and _ORDERED_START.match(line) is not None))


def _paragraph(lines: list[str], strong_lead: bool = False) -> str | None:
    """A paragraph's inner HTML from its lines: all but the last end in a hard break
    (an odd run of backslashes), and none starts like a block. With ``strong_lead``
    the first line may start ``**name**`` (a focus list item)."""
    last = len(lines) - 1
    if not lines[last] or lines[last][-1].isspace():  # markdown-it would trim it
        return None
    parts: list[str] = []
    for number, line in enumerate(lines):
        if number < last:
            if not line.endswith("\\") or (len(line) - len(line.rstrip("\\"))) % 2 == 0:
                return None  # a soft break, or an escaped backslash at the line's end
            line = line[:-1]
        lead = ""
        if number == 0 and strong_lead and line.startswith("**"):
            end = line.find("**", 2)
            name = line[2:end]
            line = line[end + 2:]
            strong = _inline(name) if end > 2 else None
            # The closing ``**`` must close: no space inside it, ":" or nothing after it.
            if (strong is None or name[0].isspace() or name[-1].isspace()
                    or (line and line[0] != ":")):
                return None
            lead = f"<strong>{strong}</strong>"
        elif _starts_a_block(line):
            return None
        html = _inline(line)
        if html is None:
            return None
        parts.append(lead + html)
    return _BR.join(parts)


def _heading(chunk: str) -> str | None:
    found = _HEADING.fullmatch(chunk)
    if found is None:
        return None
    text = found[2]
    if text[0].isspace() or text[-1].isspace() or text[-1] == "#":  # trimmed, or closing
        return None
    html = _inline(text)
    level = len(found[1])
    return None if html is None else f"<h{level}>{html}</h{level}>\n"


def _emphasis(chunk: str) -> str | None:
    """A label in italics, ``*Fullført 2. november*``, alone in its paragraph."""
    inner = chunk[1:-1]
    if (len(chunk) < 3 or chunk[-1] != "*" or "\n" in chunk
            or inner[0].isspace() or inner[-1].isspace()):
        return None
    html = _inline(inner)
    return None if html is None else f"<p><em>{html}</em></p>\n"


def _list(chunks: list[str]) -> str | None:
    """The focus list: items ``- **name**: action``, their continuation lines indented
    two spaces; tight when it is one block, loose (a paragraph per part) when items
    or an item's paragraphs are separated by blank lines."""
    items: list[list[list[str]]] = []  # items → paragraphs → lines
    for chunk in chunks:
        for number, line in enumerate(chunk.split("\n")):
            if line.startswith("- "):
                items.append([[line[2:]]])
            elif line.startswith("  ") and not line.startswith("   "):
                if number == 0:
                    items[-1].append([line[2:]])  # a new paragraph in the item
                else:
                    items[-1][-1].append(line[2:])  # the paragraph goes on
            else:
                return None
    loose = len(chunks) > 1
    out = ["<ul>\n"]
    for paragraphs in items:
        rendered: list[str] = []
        for number, lines in enumerate(paragraphs):
            html = _paragraph(lines, strong_lead=number == 0)
            if html is None or not lines[0]:
                return None
            rendered.append(html)
        if loose:
            out.append("<li>\n" + "".join(f"<p>{p}</p>\n" for p in rendered) + "</li>\n")
        elif len(rendered) == 1:
            out.append(f"<li>{rendered[0]}</li>\n")
        else:
            return None  # a tight item with paragraphs of its own: not the writer's
    out.append("</ul>\n")
    return "".join(out)


def _plain_texts(joined: str) -> bool:
    """True if every text in ``joined`` (joined by NUL) is plain paragraphs: no inline
    structure, no escape, no whitespace but spaces and line breaks, every line break a
    hard break or part of a paragraph break, no line starting like a block, no space
    at a paragraph's edge."""
    for character in _INLINE_CHARACTERS:
        if character in joined:
            return False
    for character in _ODD_CHARACTERS[1:]:
        if character in joined:
            return False
    first = joined[:1]
    return not (first in _BLOCK_START or first.isdigit() or first == "\n"
                or joined.endswith(" ") or _AT_SEPARATOR.search(joined) is not None
                or ("\n" in joined and _AT_LINE_BREAK.search(joined) is not None)
                or ("\\" in joined and _NOT_A_BREAK.search(joined) is not None))


def texts_html(texts: list[str]) -> list[str] | None:
    """Each of a check-in's texts, as ``markdown_text.blocks`` made them (and
    ``safe_text.visible``), as markdown-it renders it alone: its paragraphs, or "" for
    an empty one. None if one holds anything this cannot answer for, exactly.

    A check-in's texts are looked at all at once, joined by NUL (as ``blocks`` does):
    mostly they are plain paragraphs, and a few replacements make all of them HTML.
    """
    joined = "\x00".join(texts)
    if _plain_texts(joined):
        html = _escape_html(joined)
        if "\\" in html:
            html = html.replace(_HARD_BREAK, _BR)
        if "\n\n" in html:
            html = html.replace("\n\n", "</p>\n<p>")
        made = html.split("\x00")
        if len(made) == len(texts):  # else a text held a NUL of its own
            return [f"<p>{text}</p>\n" if text else "" for text in made]
    out: list[str] = []
    for text in texts:  # escapes, odd characters: paragraph by paragraph
        paragraphs: list[str] = []
        if text:
            if ("\n\n\n" in text or text.startswith("\n") or text.endswith("\n")
                    or "\x00" in text or "\r" in text):
                return None
            for chunk in text.split("\n\n"):
                inner = _paragraph(chunk.split("\n"))
                if inner is None:
                    return None
                paragraphs.append(f"<p>{inner}</p>\n")
        out.append("".join(paragraphs))
    return out


def plain_texts_html(joined: str, count: int) -> list[str] | None:
    """``texts_html(markdown_text.blocks(texts))`` for ``count`` texts, shown through
    ``visible``, that ``markdown_text.plain_joined`` joined: without the Markdown in
    between (the pack's common case; making the hard breaks and then finding them again
    was a third of the pack's time beyond the Markdown export's). None where
    ``texts_html`` would not take them all at once.

    What ``plain_joined`` refused leaves little for ``_plain_texts`` to find: nothing
    to escape (no backslash, no inline character, no ``<`` or ``&``), no tab, no
    carriage return, no three breaks in a row, nothing that opens a block after a
    break or a NUL, nor a space before one, in ASCII. Left: the other odd whitespace,
    and a digit of another script at the very start.
    """
    if joined[:1].isdigit():
        return None
    for character in _ODD_IN_PLAIN:
        if character in joined:
            return None
    html = _escape_html(joined)
    if "\n" in html:  # each break a hard break (``<br />``), each pair a paragraph's end
        if _SINGLE_BREAK.search(html) is not None:
            html = html.replace("\n", _BR).replace(_BR + _BR, "</p>\n<p>")
        else:
            html = html.replace("\n\n", "</p>\n<p>")
    made = html.split("\x00")
    if len(made) != count:  # a text held a NUL of its own
        return None
    return [f"<p>{text}</p>\n" if text else "" for text in made]


def plain_strong(name: str) -> str | None:
    """``**name**`` at a list item's start, before ``:`` or nothing, as HTML: for a name
    with nothing to escape and no space at its edges, else None."""
    if (not name or name[0].isspace() or name[-1].isspace()
            or _INLINE_SPECIAL.search(name) is not None):
        return None
    for character in _ODD_CHARACTERS:
        if character in name:
            return None
    return f"<strong>{_escape_html(name)}</strong>"


class MarkdownBlocks:
    """The pack's Markdown → HTML: the writer's blocks converted directly, anything else
    (the whole section) by markdown-it's ``render``, which ``fallback`` makes on first
    need (importing markdown-it is a tenth of a second of a 5,000 check-in export).

    A section is split at its blank lines; headings and labels repeat from check-in to
    check-in and are remembered.
    """

    def __init__(self, fallback: Callable[[], Callable[[str], str]]) -> None:
        self._make_fallback = fallback
        self._fallback: Callable[[str], str] | None = None
        self._labels: dict[str, str] = {}

    def __call__(self, markdown: str) -> str:
        html = self._direct(markdown)
        if html is not None:
            return html
        if self._fallback is None:
            self._fallback = self._make_fallback()
        return self._fallback(markdown)

    def _direct(self, markdown: str) -> str | None:
        text = markdown.rstrip("\n")
        # "\r" and NUL markdown-it would replace (``visible`` has already, but this
        # does not count on it); three line breaks are no shape of the writer's.
        if not text or "\n\n\n" in text or "\r" in text or "\x00" in text:
            return None
        chunks = text.split("\n\n")
        labels = self._labels
        out: list[str] = []
        count = len(chunks)
        i = 0
        while i < count:
            chunk = chunks[i]
            first = chunk[:1]
            html: str | None
            if first == "#" or first == "*":  # a heading or a label: they repeat
                html = labels.get(chunk)
                if html is None:
                    html = _heading(chunk) if first == "#" else _emphasis(chunk)
                    if html is not None and len(labels) < _CACHED_LIMIT:
                        labels[chunk] = html
            elif chunk.startswith("- "):
                end = i + 1
                while end < count and chunks[end].startswith(("- ", "  ")):
                    end += 1
                html = _list(chunks[i:end])
                i = end - 1
            elif (first and first not in _BLOCK_START and not first.isspace()
                  and not first.isdigit() and _plain(chunk)):
                html = f"<p>{_escape_html(chunk).replace(_HARD_BREAK, _BR)}</p>\n"
            else:
                html = _paragraph(chunk.split("\n")) if first else None
                if html is not None:
                    html = f"<p>{html}</p>\n"
            if html is None:
                return None
            out.append(html)
            i += 1
        return "".join(out)
