"""What identifies only together: an age, a place and a diagnosis or rare
circumstance within one passage (``combination``), found from the parts ``Guard``
finds in a text."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left

from refleks.guard.findings import Finding, Part

# -- what identifies together -----------------------------------------------------------

_NEAR = 200  # characters: an age, a place and a condition this close are one passage
_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n")
_PERSONS = frozenset({
    "mann", "mannen", "kvinne", "kvinnen", "dame", "damen", "gutt", "gutten", "jente",
    "jenta", "jenten", "han", "hun", "pasient", "pasienten", "bruker", "brukeren", "sønn",
    "sønnen", "datter", "datteren", "mor", "moren", "far", "faren", "ungdom", "ungdommen",
    "tenåring", "tenåringen", "person", "personen", "beboer", "beboeren", "klient",
    "klienten", "man", "woman", "boy", "girl", "he", "she", "they", "patient", "client",
    "son", "daughter", "mother", "father", "resident", "teenager", "lady",
})
_AGE_VERBS = frozenset({"på", "er", "ble", "fylte", "fyller", "blir", "of", "is", "was",
                        "aged", "turned", "turns"})
_POSSESSIVES = frozenset({"his", "her", "their"})
_DECADES = "tjue|tretti|førti|femti|seksti|sytti|åtti|nitti"
_DECADES_EN = "twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"
# Ages are looked for only near a place and a condition (see ``_combinations``), each
# from its number: "(47)", "34-åring", "29 år gammel", "17-year-old", or "på 34" after
# a person ("Mannen på 34", "she is 41"), "aged 50", "i 60-årene", "in his 40s".
_NUMBER = re.compile(r"(?=[\d(])(?<![\w.,/-])(?:\(\d\d\)|\d{1,3}(?!\d|[.,]\d))")
_AGE_AFTER = re.compile(
    r"\s*-?\s*år(?:ing|ingen|ig|ige)\b|\s+år\s+gam(?:mel|le)\b|[- ]years?[- ]old\b",
    re.IGNORECASE)
_YEARS_AFTER = re.compile(r"\s+år(?:\s+gam(?:mel|le))?\b", re.IGNORECASE)
_NOT_AN_AGE = re.compile(
    r"[.,]\d|\s*(?:%|prosent|percent|kr|minutter|minutes|timer|hours|dager|days|uker"
    r"|weeks|måneder|months|ganger|times|av|år\s+siden)\b", re.IGNORECASE)
_DECADE_AFTER = re.compile(r"-?(?:årene|åra)\b|s\b", re.IGNORECASE)
_DECADE_WORD = re.compile(rf"\b(?:(?:{_DECADES})-?(?:årene|åra)|{_DECADES_EN})\b",
                          re.IGNORECASE)
_TWO_WORDS_BEFORE = re.compile(r"(?:([^\W\d_]+)[ \u00a0]+)?([^\W\d_]+)[ \u00a0]+\Z")


def _ages(text: str, low: int, high: int) -> list[Part]:
    """The ages written in ``text[low:high]``, in order."""
    found: list[Part] = []
    for match in _NUMBER.finditer(text, low, high):
        start, end = match.span()
        if text[start] == "(":
            found.append((start, end, "age"))
            continue
        if after := _AGE_AFTER.match(text, end):
            found.append((start, after.end(), "age"))
            continue
        before = _TWO_WORDS_BEFORE.search(text, max(0, start - 40), start)
        first = (before.group(1) or "").casefold() if before else ""
        last = before.group(2).casefold() if before else ""
        decade = _DECADE_AFTER.match(text, end) if text[end - 1] == "0" else None
        if decade and before and (
                last == "i" or last in _POSSESSIVES
                or (first in _POSSESSIVES and last in ("early", "mid", "late"))):
            found.append((before.start(2), decade.end(), "age"))
        elif last == "aged" or (last in _AGE_VERBS and first in _PERSONS
                                and not _NOT_AN_AGE.match(text, end)):
            years = _YEARS_AFTER.match(text, end)
            found.append((before.start(1) if before and before.group(1) else start,
                          years.end() if years else end, "age"))
    if text.find("år", low, high) < 0 and text.find("ties", low, high) < 0:
        return sorted(found)  # no "i førtiårene", no "in her forties"
    for match in _DECADE_WORD.finditer(text, low, high):
        before = _TWO_WORDS_BEFORE.search(text, max(0, match.start() - 40), match.start())
        words = [w.casefold() for w in (before.groups() if before else ()) if w]
        if words and (words[-1] in ("i", *_POSSESSIVES)
                      or (len(words) == 2 and words[0] in _POSSESSIVES)):
            found.append((match.start(), match.end(), "age"))
    return sorted(found)



def _combinations(text: str, places: list[Part], conditions: list[Part]) -> list[Finding]:
    """An age, a place and a condition within ``_NEAR`` characters of each other, and
    no blank line between them: one finding with the three as its parts.

    Places and conditions come from the one reading of the words; ages are looked for
    only where a place and a condition are near each other, in windows merged where
    they meet, so each character is read at most once more."""
    if not places or not conditions:
        return []
    pairs = []
    for place in places:
        condition = _nearest(conditions, place)
        if _gap(place, condition) <= _NEAR:
            pairs.append((place, condition))
    out: list[Finding] = []
    index = 0
    while index < len(pairs):
        low = max(0, min(pairs[index][0][0], pairs[index][1][0]) - _NEAR)
        high = max(pairs[index][0][1], pairs[index][1][1]) + _NEAR
        last = index
        while (last + 1 < len(pairs)
               and min(pairs[last + 1][0][0], pairs[last + 1][1][0]) - _NEAR <= high):
            last += 1
            high = max(high, pairs[last][0][1] + _NEAR, pairs[last][1][1] + _NEAR)
        ages = _ages(text, low, min(high, len(text)))
        for place, condition in pairs[index:last + 1] if ages else ():
            age = _nearest(ages, place)
            parts = tuple(sorted((age, place, condition)))
            start, end = parts[0][0], max(p[1] for p in parts)
            if (end - start > 2 * _NEAR or (out and start < out[-1].end)
                    or _PARAGRAPH.search(text, start, end)):
                continue
            out.append(Finding(start, end, "combination", parts))
        index = last + 1
    return out


def _gap(one: Part, other: Part) -> int:
    """Characters between two parts (0 where they touch or overlap)."""
    return max(other[0] - one[1], one[0] - other[1], 0)


def _without_accents(word: str) -> str:
    """"Máret" as "Maret": how a name is often typed on a keyboard without its letters."""
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


_LAST_WORD = re.compile(r"([^\W\d_]+)[ \u00a0]+\Z")


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` (over spaces), in lower case; "" if none."""
    match = _LAST_WORD.search(text, max(0, start - 24), start)
    return match.group(1).casefold() if match else ""


def _after_comma_or_line(text: str, start: int) -> bool:
    """Whether a comma or a line's start comes before ``start`` (over spaces)."""
    index = start - 1
    while index >= 0 and text[index] in " \u00a0\t":
        index -= 1
    return index < 0 or text[index] in ",\n"


def _nearest(parts: list[Part], place: Part) -> Part:
    """The part in ``parts`` (in order, not overlapping) closest to ``place``."""
    index = bisect_left(parts, place)
    return min(parts[max(0, index - 1):index + 1], key=lambda part: _gap(part, place))


