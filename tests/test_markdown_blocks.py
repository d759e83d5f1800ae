"""The export renders a check-in's texts together (``blocks``) for speed: the Markdown
must be exactly what rendering each text on its own (``block``) gives, whatever was typed."""

from __future__ import annotations

import random

import pytest
from journal_helpers import make_checkin

from refleks.content.ui import Strings, load_strings
from refleks.journal.markdown import block, blocks, render_checkin

ALPHABET = [*"ab æø 1.#>-+=*_`[]\\<&|~\t\r\x00\x01\u00a0", "\n", "\n\n", "\n\n\n", " \n",
            "word ", "Jeg så ", "2) ", "\n- ", "\n# "]


def test_blocks_equal_block_for_random_text() -> None:
    rng = random.Random(12)
    for _ in range(20_000):
        texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
                 for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.5:  # mostly plain: the fast path, not only the fallbacks
            texts = [t.translate({9: None, 13: None, 0: None, 1: None}) for t in texts]
        assert blocks(texts) == [block(t) for t in texts], texts


@pytest.mark.parametrize("texts", [
    [], [""], ["", ""], ["en linje"], ["første\nandre", "tredje\n\nfjerde"],
    ["  innrykk", "slutt  "], ["1. punkt", "# ikke overskrift"], ["a\x00b", "c"],
    ["\nførst linjeskift", "sist linjeskift\n"], ["a\r\nb"],
])
def test_blocks_edge_cases(texts: list[str]) -> None:
    assert blocks(texts) == [block(t) for t in texts]


@pytest.fixture(scope="module")
def nb() -> Strings:
    return load_strings("nb")


def test_a_focus_action_over_several_lines_is_one_list_item(nb: Strings) -> None:
    checkin = make_checkin()
    checkin.focus[0].action = "Første linje\nandre linje\n\nNytt avsnitt\x01"
    text = render_checkin(checkin, nb)
    assert "- **Tillit**: Første linje\\\n  andre linje\n\n  Nytt avsnitt\x01" in text
    checkin.focus[0].action = "Første linje\nandre linje\n\nNytt avsnitt"
    assert ("- **Tillit**: Første linje\\\n  andre linje\n\n  Nytt avsnitt"
            in render_checkin(checkin, nb))
