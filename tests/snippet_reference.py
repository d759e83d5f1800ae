"""``make_snippet`` as it was at 3f48add, kept to hold the faster one to its output.

Issue 24 made the snippet a person reads cheaper to cut (Latin-1 text folded byte by
byte, tokens counted and stepped back over by single matches in C, the window put
together from its matches only); what is printed must not change by one byte.
``tests/test_snippets.py`` compares the two on a varied corpus. Not used by refleks.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Sequence

from refleks.textfit import MATCH_END, MATCH_START

SNIPPET_TOKENS = 16
_GAP = SNIPPET_TOKENS + 1
_TOKEN = re.compile(r"[^\W_]+")


def _fold(text: str) -> str:
    """``text`` lower-cased letter by letter, the same length (offsets stay put)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


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


def _tokens_between(text: str, begin: int, end: int) -> int:
    """Tokens beginning in ``text[begin:end]`` (``begin`` at a token), counted up to
    ``_GAP``: those in the next 240 characters by ``findall`` (in C), and only when
    that is not enough, one by one."""
    near = min(end, begin + 240)
    count = len(_TOKEN.findall(text, begin, near))
    if count >= _GAP or near == end:
        return min(count, _GAP)
    return sum(1 for _ in itertools.islice(_TOKEN.finditer(text, begin, end), _GAP))


def _back(text: str, offset: int, count: int) -> int:
    """Where the token ``count`` tokens before the one at ``offset`` begins."""
    if count <= 0:
        return offset
    chunk = 32 * (count + 1)
    while True:
        low = max(0, offset - chunk)
        begins = [m.start() for m in _TOKEN.finditer(text, low, offset)]
        if low > 0 and begins and begins[0] == low and text[low - 1].isalnum():
            begins = begins[1:]  # the chunk began inside a token
        if len(begins) >= count or low == 0:
            return begins[-count] if len(begins) >= count else (begins[0] if begins else offset)
        chunk *= 4


def make_snippet(text: str | None, words: Sequence[str]) -> str | None:
    """The words around the best match in ``text``, matches between the markers.

    The same window FTS5's ``snippet(search, 0, …, '…', 16)`` chose (the text
    ``refleks list --search`` printed before), built here from the row's text: FTS5
    re-scored every window against every match — minutes for one answer of a repeated
    word, and a query per row. Tokenizing every text in Python was still most of
    ``list --search``; so the matches are found with ``str.find`` in the lower-cased
    text, each match's sentence start with ``rfind``, and tokens are counted only
    between those points, up to 17 (a window is 16: a longer gap decides nothing).
    Each match's window is then scored as FTS5 scores it. Linear in the text.
    """
    if not text:
        return None
    first_token = _TOKEN.search(text)
    if first_token is None:
        return None
    first = first_token.start()
    folded = _fold(text)
    # Matches: a token beginning with a word, as character offsets, for each word.
    matched: list[list[int]] = []
    for prefix in words:
        offsets = []
        at = folded.find(prefix, first) if prefix else -1
        while at >= 0:
            if at == 0 or not text[at - 1].isalnum():
                offsets.append(at)
            at = folded.find(prefix, at + 1)
        matched.append(offsets)
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
    shown = list(itertools.islice(_TOKEN.finditer(text, begin), SNIPPET_TOKENS))
    marked = set(hit_offsets)
    parts = ["…" if start > 0 else ""]
    at = begin if start > 0 else 0  # from the very start, as FTS5 did
    for token in shown:
        parts.append(text[at:token.start()])
        parts.append(f"{MATCH_START}{token.group()}{MATCH_END}" if token.start() in marked
                     else token.group())
        at = token.end()
    parts.append(text[at:] if start + SNIPPET_TOKENS >= size else "…")
    return "".join(parts)


