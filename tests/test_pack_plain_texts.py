"""Issue 24: the pack makes a check-in's plain texts HTML straight from them.

``markdown_html.plain_texts_html`` skips the Markdown in between for texts that
``markdown_text.plain_joined`` lets through; it must give what ``texts_html`` makes of
``blocks``' Markdown, or say None, for any texts at all (``test_pack_same_html``
compares whole check-ins with markdown-it).
"""

from __future__ import annotations

import random

from test_pack_same_html import AWKWARD

from refleks.journal.markdown_html import plain_texts_html, texts_html
from refleks.journal.markdown_text import blocks, plain_joined
from refleks.safe_text import visible

PLAIN = ["Jeg lyttet.", "Første avsnitt.\n\nAndre.", "En linje\nog en til.", "",
         "«Sitat» – 7 > 5 \"sa hun\"", "٣ ting", "Tre\n\n\nbrudd", "slutt \nher", "😀 ø"]


def assert_same(texts: list[str]) -> None:
    texts = [visible(text) for text in texts]  # as a stored row's texts are
    joined = plain_joined(texts)
    if joined is None:
        return
    assert joined == "\x00".join(texts)
    quick = plain_texts_html(joined, len(texts))
    if quick is not None:
        assert quick == texts_html(blocks(texts)), texts


def test_plain_texts_come_out_as_the_markdown_made_html() -> None:
    rng = random.Random(2424)
    made = 0
    for n in range(20_000):
        pool = PLAIN if n % 2 else AWKWARD
        texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 4)))
                 for _ in range(rng.randint(1, 6))]
        assert_same(texts)
        joined = plain_joined([visible(text) for text in texts])
        made += joined is not None and plain_texts_html(joined, len(texts)) is not None
    assert made > 1_000  # the quick path was taken, often


def test_what_the_quick_path_refuses() -> None:
    assert plain_joined(["a *b*"]) is None  # something to escape
    assert plain_joined(["a\n\n\nb"]) is None  # three breaks
    assert plain_texts_html("٣ ting", 1) is None  # a digit of another script first
    assert plain_texts_html("a\xa0b", 1) is None  # whitespace markdown-it would skip
    assert plain_texts_html("a\nb\n\nc", 1) == ["<p>a<br />\nb</p>\n<p>c</p>\n"]
