"""``visible`` and ``visible_snippet`` return ordinary text as it is without working
through it (they run for every field of every row of a list); text with any control
character still comes out exactly as the careful way makes it."""

from __future__ import annotations

import itertools

from refleks.journal.queries import MATCH_END, MATCH_START, visible_snippet
from refleks.safe_text import visible

CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]


def careful_visible(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c not in "\n\t"
                   else "\u2421" if c == "\x7f"
                   else "\ufffd" if 0x80 <= ord(c) < 0xA0 else c for c in text)


def test_visible_of_every_control_alone_and_beside_a_line_end() -> None:
    for control, around in itertools.product(CONTROLS, ("", "\r", "\r\n", "\n")):
        text = f"før{around}{control}{around}etter"
        assert visible(text) == careful_visible(text), repr(text)


def test_ordinary_text_is_the_same_object() -> None:
    text = "Jeg lyttet.\n\tOg så: tillit – «håp» æøå"
    assert visible(text) is text
    snippet = f"…om {MATCH_START}tillit{MATCH_END} og håp…"
    assert visible_snippet(snippet) is snippet


def test_a_snippet_keeps_its_marks_and_shows_every_other_control() -> None:
    for control in CONTROLS:
        snippet = f"a{control}b {MATCH_START}til{control}lit{MATCH_END}\r\nc"
        expected = MATCH_START.join(
            MATCH_END.join(careful_visible(piece) for piece in part.split(MATCH_END))
            for part in snippet.split(MATCH_START))
        assert visible_snippet(snippet) == expected, repr(control)

