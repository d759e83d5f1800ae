"""The Norwegian reads as written in Norwegian, with one form for each word.

Bokmål allows "lista" and "listen", "kollegaer" and "kolleger"; a text that uses both
reads as patched together. refleks chose one form of each (listen, filen, tiden,
kollegaer, mot, uka), and these tests hold the choice, and the phrasing issue 23 found
stiff or translated, over every Norwegian string: the interface and the content.
"""

from __future__ import annotations

import re

import pytest
from test_logg_not_journal import all_norwegian

from refleks.content.ui import load_strings

# the form refleks does not use -> the one it does
OTHER_FORMS = {
    r"\blista\b": "listen",
    r"\bfila\b|\w+fila\b": "filen",
    r"\btida\b": "tiden",
    r"\bkolleger\b|\bkollegene\b": "kollegaer, kollegaene",
    r"\bmod\b": "mot",
    r"\buken\b": "uka",
}
# stiff or translated phrasing -> what says it plainly
STIFF = {
    r"\bskriv ikke\b": "ikke skriv",
    r"\brefleks sin\b": "mappen refleks bruker",
    r"refleks-vindu": "et annet vindu med refleks",
    r"rørledning|sokkel": "en spesialfil",
    r"kan holde høyst": "kan være på høyst",
    r"\bber om at\b": "Husk taushetsplikten",
    r"Dette var til stede|Dette manglet": "Mest til stede / Mest savnet",
    r"\bnye, \{updated\} oppdatert\b": "nye, {updated} oppdaterte",
}


@pytest.mark.parametrize("pattern", [*OTHER_FORMS, *STIFF])
def test_one_form_and_plain_words(pattern: str) -> None:
    found = [f"{key}: {text}" for key, text in all_norwegian()
             if re.search(pattern, " ".join(text.split()))]
    assert found == [], (OTHER_FORMS | STIFF)[pattern]


def test_the_export_names_chime_as_the_checkin_does() -> None:
    """One pair: the export says of an element what the check-in asked."""
    t = load_strings("nb")
    assert (t("journal.md.chime_present"), t("journal.md.chime_missing")) == (
        t("checkin.chime.present"), t("checkin.chime.missing")) == (
        "Mest til stede", "Mest savnet")
