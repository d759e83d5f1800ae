"""Text fitted to terminal cells, and search snippets with their match markers."""

from __future__ import annotations

import pytest

from refleks.journal.store import MATCH_END, MATCH_START
from refleks.textfit import cell_width, cut_marked, fit, marked_parts, unmarked

S, E = MATCH_START, MATCH_END


@pytest.mark.parametrize(("text", "width", "fitted"), [
    ("Tillit", 8, "Tillit  "),
    ("Tillit", 6, "Tillit"),
    ("Selvbestemmelse", 6, "Selvb…"),
    ("信頼と尊重", 6, "信頼 …"),  # wide characters take two cells; the gap is padded
    ("信頼と尊重", 10, "信頼と尊重"),
    ("é́", 2, "é́ "),  # a combining mark takes no cell
    ("abc", 0, ""),
])
def test_fit_measures_cells(text: str, width: int, fitted: str) -> None:
    assert fit(text, width) == fitted
    assert cell_width(fit(text, width)) == width


def test_marked_parts_and_unmarked() -> None:
    snippet = f"han {S}lyttet{E} mer og {S}lyttet{E}"
    assert marked_parts(snippet) == [("han ", False), ("lyttet", True), (" mer og ", False),
                                     ("lyttet", True)]
    assert unmarked(snippet) == "han lyttet mer og lyttet"
    assert marked_parts("ingen treff") == [("ingen treff", False)]


def test_cut_marked_keeps_markers_balanced() -> None:
    snippet = f"abc {S}defgh{E} ijk"
    assert cut_marked(snippet, 20) == snippet
    cut = cut_marked(snippet, 7)
    assert unmarked(cut) == "abc de…" and cut.count(S) == cut.count(E) == 1


def test_the_one_cell_shortcut_measures_and_cuts_as_letter_by_letter() -> None:
    """Text of one-cell characters is measured by a regex, not letter by letter."""
    import random

    from refleks.textfit import _NARROW, char_width

    one_cell = [chr(c) for c in range(0x20, 0x2100) if _NARROW.fullmatch(chr(c))]
    assert all(char_width.__wrapped__(ch) == 1 for ch in one_cell)
    assert "\u00ad" not in one_cell and "\u0301" not in one_cell and "\u200b" not in one_cell
    rng = random.Random(3)
    letters = "abcæøåÆØÅ …–«»,.é"
    for _ in range(300):
        words = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
                 for _ in range(rng.randint(1, 30))]
        snippet = " ".join(f"{S}{w}{E}" if rng.random() < 0.2 else w for w in words)
        width = rng.randint(2, 80)
        cut = cut_marked(snippet, width)
        slow = cut_marked(snippet + "\u200b", width)  # a zero-width letter: the slow path
        assert cut == slow.replace("\u200b", "") or cell_width(unmarked(snippet)) <= width
        assert cell_width(unmarked(cut)) <= width


def test_fit_and_cut_are_the_same_whether_a_text_is_narrow_or_not() -> None:
    """Narrow text (one cell a character) takes a shortcut; it must cut and pad exactly as
    measuring each character does."""
    from refleks.textfit import ELLIPSIS, char_width, cut, fit

    def slow_cut(text: str, width: int) -> str:
        used = 0
        for index, ch in enumerate(text):
            if used + char_width(ch) > width:
                return text[:index]
            used += char_width(ch)
        return text

    def slow_fit(text: str, width: int) -> str:
        size = sum(char_width(ch) for ch in text)
        if size <= width:
            return text + " " * (width - size)
        if width <= 0:
            return ""
        kept = slow_cut(text, width - 1)
        return kept + " " * (width - 1 - sum(char_width(ch) for ch in kept)) + ELLIPSIS

    for text in ("", "a", "Tillit", "Brukermedvirkning – «håp»…", "æøå ÆØÅ", "日本語テキスト",
                 "Tillit 日本", "e\u0301 kombinert", "soft\u00adhyphen", "x" * 40):
        for width in range(-1, 45):
            assert cut(text, width) == slow_cut(text, max(width, 0)), (text, width)
            assert fit(text, width) == slow_fit(text, width), (text, width)
