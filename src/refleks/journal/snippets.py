"""A person's words as the search index sees them, and a snippet of a matching text.

``fts_query`` turns typed words into a safe FTS5 query; ``make_snippet`` cuts the same
window of a text that FTS5's ``snippet()`` would, in time linear in the text (FTS5's is
quadratic in the matches of one text). ``tests/test_snippets.py`` holds the two equal.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from typing import AnyStr

from refleks.textfit import MATCH_END, MATCH_START

SNIPPET_TOKENS = 16  # words a snippet shows, as FTS5's snippet(…, 16) did


_WORD = re.compile(r"\w+")


def fts_query(text: str) -> str | None:
    """User words → an FTS5 query: each word a quoted prefix, all of them required.

    Quoting makes any input safe (no FTS syntax errors from ``"``, ``*``, ``-``, ``:``);
    NFC keeps a decomposed "å" one letter.
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


# Words as the index's tokenizer (unicode61) sees them: letters and digits, no "_".
_TOKEN = re.compile(r"[^\W_]+")
def search_words(text: str) -> tuple[str, ...]:
    """The prefixes a search matches, lower-cased as the index folds them."""
    return tuple(w.lower() for w in _TOKEN.findall(unicodedata.normalize("NFC", text)))


_GAP = SNIPPET_TOKENS + 1  # tokens counted between two points: more never matters


def _fold(text: str) -> str:
    """``text`` lower-cased letter by letter, the same length (offsets stay put)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# Every Latin-1 letter lower-cases to one Latin-1 letter, with no regard to its
# neighbours: a text of them is folded byte by byte (``bytes.translate``), several
# times faster than ``str.lower``, which takes its slow path for any "æ", "ø" or "å".
_LATIN1_LOWER = bytes(ord(chr(code).lower()) for code in range(256))


def _starts(text: str, prefixes: Sequence[str], first: int) -> list[list[int]]:
    """For each prefix, where in ``text`` (from ``first``) a token begins with it, as
    the index matches it: case folded (``_fold``), at a token's first letter."""
    try:  # Norwegian and English text: one byte a letter, offsets unchanged
        folded = text.encode("latin-1").translate(_LATIN1_LOWER)
    except UnicodeEncodeError:
        wide = _fold(text)
        return [_found(text, wide, prefix, first) for prefix in prefixes]
    return [_found(text, folded, _latin1(prefix), first) for prefix in prefixes]


def _latin1(prefix: str) -> bytes:
    """``prefix`` as Latin-1, or nothing where no Latin-1 letter folds to its letters."""
    try:
        return prefix.encode("latin-1")
    except UnicodeEncodeError:
        return b""


def _found(text: str, folded: AnyStr, prefix: AnyStr, first: int) -> list[int]:
    """Offsets from ``first`` where ``prefix`` begins a token in ``folded``, ``text``
    folded letter for letter (an empty prefix matches nothing)."""
    offsets = []
    at = folded.find(prefix, first) if prefix else -1
    while at >= 0:
        if at == 0 or not text[at - 1].isalnum():
            offsets.append(at)
        at = folded.find(prefix, at + 1)
    return offsets


def _sentence_start(text: str, first: int, offset: int, floor: int) -> int:
    """Where the sentence holding the token at ``offset`` begins, as FTS5 sees it: the
    first token of the text, or a token after "." or ":" and white space; ``first``
    if none is found after ``floor`` (the caller's earlier match: its sentence start
    is then this one's too)."""
    end = offset
    while True:
        dot = max(text.rfind(".", floor, end), text.rfind(":", floor, end))
        if dot < 0:
            return first
        after = dot + 1
        while after < offset and text[after] in " \t\n\r":
            after += 1
        if after > dot + 1 and after <= offset and text[after].isalnum():
            return after
        end = dot


@functools.cache
def _tokens(count: int) -> re.Pattern[str]:
    """``count`` tokens in a row, each taken whole (possessive: a token is never split)."""
    return re.compile(rf"(?:[\W_]*+[^\W_]++){{{count}}}")


_SHORT = 64  # characters: fewer tokens than _GAP in them, often (a sentence's start)
# Up to a snippet's tokens from where it begins: where its last one ends.
_WINDOW = re.compile(rf"(?:[\W_]*+[^\W_]++){{0,{SNIPPET_TOKENS}}}")


def _tokens_between(text: str, begin: int, end: int) -> int:
    """Tokens beginning in ``text[begin:end]`` (``begin`` at a token), counted up to
    ``_GAP``: one match in C says whether there are that many (the usual case: points
    far apart), without making a string of each token; else they are counted."""
    if end - begin > _SHORT and _tokens(_GAP).match(text, begin, end) is not None:
        return _GAP
    return min(len(_TOKEN.findall(text, begin, end)), _GAP)


def _back(text: str, offset: int, count: int) -> int:
    """Where the token ``count`` tokens before the one at ``offset`` begins: counted in
    the text before it, mirrored, by one match in C (a list of every token start in
    the stretch cost more than the rest of a snippet)."""
    if count <= 0:
        return offset
    chunk = 32 * (count + 1)
    while True:
        low = max(0, offset - chunk)
        found = _tokens(count).match(text[low:offset][::-1])
        if found is not None:
            begin = offset - found.end()
            if begin > low or low == 0 or not text[low - 1].isalnum():
                return begin  # not a token the stretch began inside
        elif low == 0:  # fewer tokens than that before it: the text's first
            first = _TOKEN.search(text, 0, offset)
            return offset if first is None else first.start()
        chunk *= 4


def make_snippet(text: str | None, words: Sequence[str]) -> str | None:
    """The words around the best match in ``text``, matches between the markers.

    The same window FTS5's ``snippet(search, 0, …, '…', 16)`` chose (the text
    ``refleks list --search`` printed before), built here from the row's text: FTS5
    re-scored every window against every match — minutes for one answer of a repeated
    word, and a query per row. Tokenizing every text in Python was still most of
    ``list --search``; so the matches are found with ``find`` in the lower-cased
    text, each match's sentence start with ``rfind``, and tokens are counted only
    between those points, up to 17 (a window is 16: a longer gap decides nothing).
    Each match's window is then scored as FTS5 scores it. Linear in the text.
    Every step over the whole text is one call in C (issue 24: 3,540 snippets were
    194 ms, most of ``list --search``): the fold of a Latin-1 text byte by byte, the
    counts and the steps back single matches, no list of tokens made.
    """
    if not text:
        return None
    first_token = _TOKEN.search(text)
    if first_token is None:
        return None
    first = first_token.start()
    # Matches: a token beginning with a word, as character offsets, for each word.
    matched = _starts(text, words, first)
    hit_offsets = sorted({o for offsets in matched for o in offsets})
    sentence_of: dict[int, int] = {}
    floor, begins = first, first
    for o in hit_offsets:  # in order: each looks back only to the match before it
        begins = _sentence_start(text, begins, o, floor)
        sentence_of[o], floor = begins, o
    # Number the points that matter, counting the tokens between them (up to _GAP).
    points = sorted({first, *hit_offsets, *sentence_of.values()})
    number: dict[int, int] = {first: 0}
    for before, offset in itertools.pairwise(points):
        number[offset] = number[before] + _tokens_between(text, before, offset)
    last = points[-1]
    size = number[last] + _tokens_between(text, last, len(text))
    where = [[number[o] for o in offsets] for offsets in matched]
    hits = sorted(i for positions in where for i in positions)
    sentence = {number[o]: number[s] for o, s in sentence_of.items()}

    def score(first: int) -> tuple[int, int, int]:
        """FTS5's score of the window of ``SNIPPET_TOKENS`` from ``first``: 1000 for each
        word found in it, 1 for each repeat; and its first and last match."""
        total, low, high = 0, size, -1
        for positions in where:
            a = bisect_left(positions, first)
            b = bisect_left(positions, first + SNIPPET_TOKENS)
            if b > a:
                total += 1000 + (b - a - 1)
                low, high = min(low, positions[a]), max(high, positions[b - 1])
        return total, low, high

    best, start = 0, 0
    for hit in hits:
        total, low, high = score(hit)
        if total > best:  # the window around this match's run of matches
            best = total
            adjusted = low - (SNIPPET_TOKENS - (high + 1 - low)) // 2
            start = max(0, min(adjusted, size - SNIPPET_TOKENS))
        begins = sentence[hit]
        if size > SNIPPET_TOKENS and begins < hit:  # or from where its sentence begins
            total = score(begins)[0] + (120 if begins == 0 else 100)
            if total > best:
                best, start = total, begins
    # Where the window begins: counted back from the next point after it (or the end).
    offset_of = {n: o for o, n in number.items()}
    after = [n for n in offset_of if n >= start]
    if after:
        nearest = min(after)
        begin = _back(text, offset_of[nearest], nearest - start)
    else:
        begin = _back(text, len(text), size - start)
    # The window: its tokens found in one match; only the matches in it cut out to mark.
    end = _WINDOW.match(text, begin).end()  # type: ignore[union-attr]  # {0,…} matches
    parts = ["…" if start > 0 else ""]
    at = begin if start > 0 else 0  # from the very start, as FTS5 did
    for hit in hit_offsets[bisect_left(hit_offsets, begin):bisect_left(hit_offsets, end)]:
        if text[hit].isalnum():  # a token's first letter (all but freak folds)
            token_end = _TOKEN.match(text, hit).end()  # type: ignore[union-attr]
            parts += (text[at:hit], MATCH_START, text[hit:token_end], MATCH_END)
            at = token_end
    parts.append(text[at:] if start + SNIPPET_TOKENS >= size else f"{text[at:end]}…")
    return "".join(parts)
