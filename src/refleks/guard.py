"""The confidentiality guard: what in a text may identify a person.

The welcome reminds practitioners not to write anything that identifies the people
they work with (helsepersonelloven § 21). A reminder read once is forgotten by the
Thursday after a hard conversation, so before text is saved as final refleks looks
for the few things that identify someone on their own — a national identity number,
a phone number, an e-mail address, a date or year of birth, an address or a postcode
with its place, a given name — and shows them gently. It never blocks and never keeps
what it found: ``scan`` returns spans (where, and what kind), and nothing here writes,
logs or sends anything.

Numbers are checked strictly (an 11-digit number counts only when both mod-11
control digits hold; a phone number only in the groupings Norwegians write), so a
reflection full of dates and counts stays quiet. Names are the hard part: "Per",
"Liv", "Tone" and "Hope" are also ordinary words. A listed name counts where it is
written as a name: capitalised, and not where a capital says nothing (the start of a
sentence, a heading in Title Case). A name that is also an ordinary word — listed as
such in ``guard.yaml`` or used as a word anywhere in the content — counts only in the
middle of a sentence; a value or CHIME name never counts. The lists are content data
(``content/<lang>/guard.yaml``) so a team can add the names common where it works.

Some things identify only together: "the man of 34 with schizophrenia in Vardø" names
no one, yet in a small municipality everyone knows who it is. An age, a place (a
municipality or town from ``guard.yaml``) and a diagnosis or rare circumstance within
one passage are one finding, ``combination``, with its three parts. What the guard
cannot see is said in the README: a nickname, a job title in a small place, an event
everyone has heard of.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from refleks.content.model import GuardWords

if TYPE_CHECKING:
    from refleks.content.model import Content

KINDS = ("national_id", "phone", "email", "birth_date", "birth_year", "address", "name",
         "combination")
PARTS = ("age", "place", "condition")  # what a combination is made of

# One part of a combination: (start, end, one of PARTS).
Part = tuple[int, int, str]


class Finding(NamedTuple):
    """One passage that may identify someone: ``text[start:end]`` is of ``kind``.

    A tuple rather than a frozen dataclass: a long text can hold hundreds of thousands
    (a list of names), and a tuple is made several times faster.
    """

    start: int
    end: int
    kind: str
    parts: tuple[Part, ...] = ()  # a combination's age, place and condition, in order


# -- numbers --------------------------------------------------------------------------
# Each pattern below begins with a lookahead for its first character ("(?=\d)"): the
# regex engine then skips ahead to where such a character is, instead of trying the
# lookbehind at every position of the text (twice as fast on a long text).

_ID = re.compile(r"(?=\d)(?<![\d.,/-])(\d{6})[ \u00a0-]?(\d{5})(?![\d,]|\.\d)")
_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _control(digits: list[int], weights: tuple[int, ...]) -> int | None:
    rest = 11 - sum(d * w for d, w in zip(digits, weights, strict=False)) % 11
    return 0 if rest == 11 else None if rest == 10 else rest


def is_national_id(number: str) -> bool:
    """An 11-digit fødselsnummer, D-number (day + 40) or H-number (month + 40).

    Both control digits must hold and the date part must be a possible date, so an
    account number or a count of eleven digits is not taken for one.
    """
    if len(number) != 11 or not number.isdigit():
        return False
    digits = [int(c) for c in number]
    day, month = int(number[:2]), int(number[2:4])
    if day > 40:
        day -= 40
    if month > 80:  # synthetic test numbers (Tenor): month + 80
        month -= 80
    elif month > 40:
        month -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return (_control(digits[:9], _K1) == digits[9]
            and _control(digits[:10], _K2) == digits[10])


_SP = r"[ \u00a0]"
_PREFIX = rf"(?:(?:\+|00){_SP}?47{_SP}?|\(\+?47\){_SP}?)"
# The groupings Norwegians write an 8-digit number in: 41234567, 412 34 567,
# 41 23 45 67, 4123 4567. Thousands (12 500 000) are grouped 2-3-3 and not matched.
_LOCAL = (rf"[2-9]\d{{7}}|[2-9]\d\d{_SP}\d\d{_SP}\d{{3}}|[2-9]\d(?:{_SP}\d\d){{3}}"
          rf"|[2-9]\d{{3}}{_SP}\d{{4}}")
_PHONE = re.compile(
    rf"(?=[+0(2-9])(?<![\w+.,/-])(?:{_PREFIX}(?:\d(?:[ \u00a0.-]?\d){{7}})|(?:{_LOCAL}))"
    rf"(?![\w]|[.,]\d|-\d|{_SP}\d)"
)
_DIGIT = re.compile(r"\d")
_MONEY_AFTER = re.compile(r"[ \u00a0]*(?:kr\b|kroner|NOK|,-)", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"(?:kr\.?|NOK)\Z", re.IGNORECASE)


def _money_before(text: str, start: int) -> bool:
    """Whether ``kr``, ``kr.`` or ``NOK`` (then spaces, perhaps a line break) comes
    right before ``start``: "kr 412 34 567" is an amount.

    Looks back only over those few characters, so a text with a phone number every
    few lines is scanned once, not once from its start for every number.
    """
    end = start
    if end > 0 and text[end - 1] == "\n":
        end -= 1
    while end > 0 and text[end - 1] in " \u00a0":
        end -= 1
    return _MONEY_BEFORE.search(text, max(0, end - 3), end) is not None

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_LOCAL_PART = re.compile(r"[\w.%+-]{1,64}\Z")  # at most 64 characters (RFC 5321)


def _emails(text: str) -> Iterator[Finding]:
    """E-mail addresses, looked for only where there is an "@": a long text without
    one costs one ``find``, not a regex tried at every character."""
    done = 0
    at = text.find("@")
    while at >= 0:
        local = _LOCAL_PART.search(text, max(done, at - 64), at)
        match = _EMAIL.match(text, local.start()) if local else None
        if match:
            yield Finding(match.start(), match.end(), "email")
            done = match.end()
        at = text.find("@", max(done, at + 1))

# -- dates of birth ---------------------------------------------------------------------

_MONTHS = (
    "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
    "|january|february|march|may|june|july|october|december"
    "|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|des|dec"
)
_DATE = (
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+\d{{2,4}}"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|(?:{_MONTHS})\s+\d{{4}}"
    r"|\d{6}(?!\d))"
)
_BIRTH = re.compile(
    r"(?=[fbd])(?<![\w.])(?:født|fødd|f\.|fødselsdato|fødselsdatoen|born|b\.|date\s+of\s+birth"
    r"|d\.?o\.?b\.?|birth\s*date|birthdate)"
    rf"(?:[\s:]+(?:den|the|on|in|i|er|is|was|var))*[\s:]*(?:{_DATE})",
    re.IGNORECASE,
)

# "f. 1987", "født i 1991", "born 1954", "født -84": a year of birth, on its own.
_BIRTH_YEAR = re.compile(
    r"(?=[fbå])(?<![\w.])(?:født|fødd|f\.|born|b\.|årgang)(?:\s+(?:i|in))?\s*"
    r"(?:(?:19|20)\d\d|[-'’]\d\d)(?!\d|[.,/-]\d)",
    re.IGNORECASE,
)

# -- addresses --------------------------------------------------------------------------

_UPPER = "A-ZÆØÅÄÖÜÉÁČĐŊŠŦŽ"
# A street's name ends in one of these ("Storgata", "Kirkeveien", "Solbakken") or is
# followed by one as a word of its own ("Kongens gate", "Bygdøy allé"). Endings that
# are also common ends of other words ("-lia": Italia) are left out.
_STREET_ENDS = ("gata|gaten|gate|veien|vegen|vei|veg|stien|stigen|plassen|plass"
                "|allé|alléen|alle|bakken|tunet|torget|brygga|bryggen|kaia|kaien|løkka"
                "|løkken|åsen|haugen|jordet|terrasse|myra|vollen|sletta")
_STREET_WORDS = "gate|gata|gt\\.|vei|veg|veien|vegen|allé|plass|terrasse"
# The house number: 1–3 digits and perhaps a letter, and not an amount, a count, a
# time or a date ("Torget 12. mai").
_HOUSE = (r"\s+\d{1,3}(?:\s?[A-H]|[a-h])?(?![\w])"
          rf"(?![.,]\d|\s?\d|\.\s?(?:{_MONTHS})\b|\s*(?:år|years?|%|kr|prosent|minutter"
          r"|timer|dager|uker|ganger|personer|stk)\b)")
# A street of one word ("Storgata 12"): the word is read once (a possessive ``*+``),
# then a number must follow, and only then is its ending looked at behind it.
_ENDS_BEHIND = "|".join(f"(?<={end})" for end in _STREET_ENDS.split("|"))
_STREET = re.compile(
    rf"(?=[{_UPPER}])(?<![\w-])[{_UPPER}][\w'’-]*+(?=\.?\s+\d)"
    rf"(?:{_ENDS_BEHIND}|\.(?<=gt\.|vn\.)){_HOUSE}"
)
# A street of more words ("Kongens gate 7", "Bygdøy allé 5"): found from its street
# word and number, then read back over one to three capitalised words before it.
_STREET_WORD = re.compile(rf"(?<=[\w'’] )(?:{_STREET_WORDS}){_HOUSE}")
_CAPITALISED_BEFORE = re.compile(rf"(?:[{_UPPER}][\w'’-]*[ \u00a0]+){{1,3}}\Z")


def _streets(text: str) -> Iterator[Finding]:
    for match in _STREET.finditer(text):
        yield Finding(match.start(), match.end(), "address")
    for match in _STREET_WORD.finditer(text):
        low = max(0, match.start() - 80)
        before = _CAPITALISED_BEFORE.search(text, low, match.start())
        if before is not None and (before.start() == 0 or not (
                text[before.start() - 1].isalnum() or text[before.start() - 1] == "-")):
            yield Finding(before.start(), match.end(), "address")


# "14 Church Street", "22 Baker Road": the English order.
_STREET_EN = re.compile(
    r"(?=\d)(?<![\w.,/-])\d{1,3}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,2}"
    r"(?:Street|Road|Lane|Avenue|Drive|Close|Crescent|Terrace|Square|Way|Gardens|Place)\b"
)
# A four-digit postcode and the place after it: "0150 Oslo", "9520 KAUTOKEINO".
_POSTCODE = re.compile(
    rf"(?=\d)(?<![\w.,/+-])\d{{4}}(?![\w]|[.,/-]\d)[ \u00a0]+"
    rf"([{_UPPER}][\w'’-]*)(?:[ \u00a0]+(i[ \u00a0]+)?([{_UPPER}][\w'’-]*))?"
)
# Words that make a four-digit number before a place a year: "i 2024 Oslo …".
_YEAR_WORDS = frozenset({
    "i", "in", "år", "year", "fra", "from", "til", "to", "until", "siden", "since",
    "innen", "by", "før", "before", "etter", "after", "høsten", "våren", "sommeren",
    "vinteren", "autumn", "spring", "summer", "winter", "ca", "cirka", "around", "rundt",
})

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


# -- names ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")
_SENTENCE_END = set(".!?:;…")
_OPENERS = set("«»\"'“”‘’([{*•–—-")
# Calendar words are capitalised in English and never taken for a name (May, June …).
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "januar", "februar", "mars", "mai",
    "juni", "juli", "oktober", "desember", "mandag", "tirsdag", "onsdag", "torsdag",
    "fredag", "lørdag", "søndag",
}


# How many words either side ``_in_heading`` and ``_followed_by_surname`` look at (the
# word after a name is itself judged as a heading's word: three after).
_BEFORE, _AFTER = 2, 3
# What a capitalised word is, as bits: a name (perhaps also a word), a place (perhaps
# also a word), the first word of a place of more than one ("Indre Østfold").
_NAME, _ORDINARY, _PLACE, _ORDINARY_PLACE, _PLACE_START = 1, 2, 4, 8, 16
_CONDITION, _CONDITION_START = 32, 64  # a diagnosis or circumstance, or its first word
_NAMES = _NAME | _ORDINARY
_PLACES = _PLACE | _PLACE_START
_CONDITIONS = _CONDITION | _CONDITION_START


def _words(text: str) -> Iterator[str]:
    for match in _WORD.finditer(text):
        yield match.group()


@dataclass
class Guard:
    """Finds what may identify a person; built once from the content's word lists."""

    names: frozenset[str] = frozenset()
    ordinary: frozenset[str] = frozenset()  # names and places that are also words
    excluded: frozenset[str] = frozenset()  # value and CHIME names: never a person
    places: frozenset[str] = frozenset()  # one word each; longer ones in ``place_starts``
    place_starts: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # Diagnoses and circumstances: whole words (ADHD, hiv), beginnings of words
    # ("schizofren", by their first four letters), and those of more than one word by
    # their first word ("multippel" → "sklerose").
    condition_words: frozenset[str] = frozenset()
    condition_stems: dict[str, tuple[str, ...]] = field(default_factory=dict)
    condition_starts: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @classmethod
    def from_words(cls, words: GuardWords, *, content_words: Iterable[str] = (),
                   excluded: Iterable[str] = ()) -> Guard:
        names = {n.casefold() for n in words.names}
        for name in (*words.sami_names, *words.immigrant_names):
            names.add(name.casefold())
            names.add(_without_accents(name).casefold())  # "Maret" for "Máret"
        names -= _CALENDAR
        places: set[str] = set()
        starts: dict[str, set[tuple[str, ...]]] = {}
        for place in words.places:
            first, *rest = place.casefold().split()
            if rest:
                starts.setdefault(first, set()).add(tuple(rest))
            else:
                places.add(first)
        used = {w.casefold() for w in content_words}
        common = {w.casefold() for w in words.common_words}
        ordinary = common | ((names | places) & used)
        whole: set[str] = set()
        stems: dict[str, set[str]] = {}
        condition_starts: dict[str, set[tuple[str, ...]]] = {}
        for condition in words.conditions:
            first, *rest = condition.casefold().split()
            if rest:
                condition_starts.setdefault(first, set()).add(tuple(rest))
            elif len(first) <= 4:
                whole.add(first)
            else:
                stems.setdefault(first[:4], set()).add(first)
        return cls(frozenset(names), frozenset(ordinary),
                   frozenset(w.casefold() for w in excluded), frozenset(places),
                   {k: tuple(sorted(v, key=len, reverse=True)) for k, v in starts.items()},
                   frozenset(whole), {k: tuple(v) for k, v in stems.items()},
                   {k: tuple(sorted(v, key=len, reverse=True))
                    for k, v in condition_starts.items()})

    @classmethod
    def for_content(cls, content: Content) -> Guard:
        """The guard for one language's content: its names, its words, its values."""
        excluded: set[str] = set()
        for value in content.values_by_id.values():
            excluded.update(_words(value.name))
        for element in content.chime:
            excluded.update(_words(element.name))
            excluded.update(_words(element.model_name))
        return cls.from_words(content.guard, content_words=_content_words(content),
                              excluded=excluded)

    def scan(self, text: str) -> list[Finding]:
        """Every passage of ``text`` that may identify someone, in order, not overlapping."""
        found: list[Finding] = list(_emails(text))
        if _DIGIT.search(text) is not None:  # every pattern below needs a digit
            found += self._numbers(text)
        names, places, conditions = self._names(text)
        found += names
        found.sort()  # by start, then end: each kind's list is in order already
        kept: list[Finding] = []
        last_start, last_end = -1, 0
        for finding in found:
            start, end = finding[0], finding[1]
            if start < last_end:
                if start == last_start and end > last_end:
                    kept[-1] = finding  # the longer of two from one place
                    last_end = end
                continue
            kept.append(finding)
            last_start, last_end = start, end
        together = _combinations(text, places, conditions)
        if together:  # beside the others, not instead of them: a name in it is one too
            kept = sorted(kept + together)
        return kept

    def _numbers(self, text: str) -> list[Finding]:
        """What is found with its digits: identity and phone numbers, dates and years of
        birth, addresses and postcodes."""
        found: list[Finding] = []
        for match in _ID.finditer(text):
            if is_national_id(match.group(1) + match.group(2)):
                found.append(Finding(match.start(), match.end(), "national_id"))
        for match in _PHONE.finditer(text):
            if _MONEY_AFTER.match(text, match.end()) or _money_before(text, match.start()):
                continue
            found.append(Finding(match.start(), match.end(), "phone"))
        found += [Finding(m.start(), m.end(), "birth_date") for m in _BIRTH.finditer(text)]
        found += [Finding(m.start(), m.end(), "birth_year")
                  for m in _BIRTH_YEAR.finditer(text)]
        found += _streets(text)
        found += [Finding(m.start(), m.end(), "address") for m in _STREET_EN.finditer(text)]
        found += self._postcodes(text)
        return found

    def _postcodes(self, text: str) -> list[Finding]:
        """A postcode with a place written after it: a listed place, a place in capitals
        as on an envelope ("0150 OSLO"), or any place after a comma or at a line's
        start ("Storgata 12, 0150 Lysaker"). Not a year before a place ("i 2024 Oslo")."""
        out = []
        for match in _POSTCODE.finditer(text):
            first, joined, second = match.group(1), match.group(2), match.group(3)
            end = match.end(1)
            if second is not None and self._is_place(" ".join(
                    w for w in (first, joined, second) if w).split()):
                end = match.end()
            elif not (self._is_place([first]) or (first.isupper() and len(first) > 1)
                      or _after_comma_or_line(text, match.start())):
                continue
            number = int(text[match.start():match.start() + 4])
            if 1900 <= number < 2100 and _word_before(text, match.start()) in _YEAR_WORDS:
                continue
            out.append(Finding(match.start(), end, "address"))
        return out

    def _is_place(self, words: list[str]) -> bool:
        key = [w.casefold() for w in words]
        if len(key) == 1:
            return key[0] in self.places or (key[0].endswith("s") and key[0][:-1] in self.places)
        return tuple(key[1:]) in self.place_starts.get(key[0], ())

    def _names(self, text: str) -> tuple[list[Finding], list[Part], list[Part]]:
        """Listed names written as names, and the places and conditions named (for
        ``_combinations``).

        Each word is judged with the two words before it and the three after (a
        heading, a surname, the rest of a place's name), kept in a short window rather
        than a list of every word, so a long text costs no more memory than a short
        one. A word seen before is judged from what was found for it then."""
        out: list[Finding] = []
        places: list[Part] = []
        conditions: list[Part] = []
        if not (self.names or self.places or self.place_starts):
            return out, places, conditions
        found = (out, places, conditions)
        words: list[re.Match[str]] = []
        verdicts: dict[str, int] = {}
        judged = 0  # index in ``words`` of the next word to judge
        covered = 0  # the end of the last name found: its surname is not judged again
        after = _AFTER
        for match in _WORD.finditer(text):
            words.append(match)
            if len(words) - judged <= after:
                continue
            if judged > 4096:  # only the last few words are looked at again
                del words[:judged - _BEFORE]
                judged = _BEFORE
            current = words[judged]
            word = current.group()
            judged += 1
            verdict = verdicts.get(word)
            if verdict is None:
                verdict = verdicts[word] = self._verdict(word)
            if not verdict:  # most words are nothing the guard looks for
                continue
            if verdict == _NAME:  # a name and only a name, "Kari": judged here, quickly
                start, end = current.span()
                if start >= covered:
                    following = words[judged]
                    if (following.start() == end + 1 and text[end] == " "
                            and _surname(following.group())):
                        end = following.end()
                    out.append(_finding(start, end, "name"))
                    covered = end
                continue
            covered = self._judge(words, judged - 1, text, verdict, covered, found)
        for index in range(judged, len(words)):
            if verdict := self._verdict(words[index].group()):
                covered = self._judge(words, index, text, verdict, covered, found)
        return out, places, conditions

    def _judge(self, words: list[re.Match[str]], index: int, text: str, verdict: int,
               covered: int, found: tuple[list[Finding], list[Part], list[Part]]) -> int:
        """Add ``words[index]`` to the names found if it is a name written as one, to
        the places or conditions if it begins one; return the end of the last name."""
        out, places, conditions = found
        current = words[index]
        if verdict & _CONDITIONS:
            condition = self._condition_at(words, index, verdict)
            if condition is not None and (not conditions or condition[0] >= conditions[-1][1]):
                conditions.append(condition)
        if verdict & _NAMES and current.start() >= covered and (
                finding := _name_at(words, index, text, bool(verdict & _ORDINARY))):
            out.append(finding)
            covered = finding.end
        if verdict & _PLACES:
            place = self._place_at(words, index, text, verdict)
            if place is not None and (not places or place[0] >= places[-1][1]):
                places.append(place)
        return covered

    def _place_at(self, words: list[re.Match[str]], index: int, text: str,
                  verdict: int) -> Part | None:
        """The place that ``words[index]`` begins: "Vardø", "Indre Østfold", "Mo i Rana".
        A place that is also a word ("Sola", "Time") counts only mid-sentence."""
        start, end = words[index].span()
        if verdict & _PLACE_START:
            for rest in self.place_starts[words[index].group().casefold()]:
                following = words[index + 1:index + 1 + len(rest)]
                if (len(following) == len(rest)
                        and all(w.group().casefold() == r
                                for w, r in zip(following, rest, strict=True))
                        and " ".join(w.group() for w in words[index:index + 1 + len(rest)])
                        == text[start:following[-1].end()]):
                    return (start, following[-1].end(), "place")
        if not verdict & _PLACE:
            return None
        if verdict & _ORDINARY_PLACE and _starts_sentence(text, start):
            return None
        return (start, end, "place")

    def _condition_at(self, words: list[re.Match[str]], index: int,
                      verdict: int) -> Part | None:
        """The diagnosis or circumstance ``words[index]`` is or begins."""
        start, end = words[index].span()
        if verdict & _CONDITION_START:
            for rest in self.condition_starts[words[index].group().casefold()]:
                following = words[index + 1:index + 1 + len(rest)]
                if len(following) == len(rest) and all(
                        w.group().casefold().startswith(r)
                        for w, r in zip(following, rest, strict=True)):
                    return (start, following[-1].end(), "condition")
        return (start, end, "condition") if verdict & _CONDITION else None

    def _verdict(self, word: str) -> int:
        """What ``word`` is, as bits: a diagnosis or circumstance or the first word of
        one; when capitalised, a listed name written as one (and whether that name is
        also a word), a place or a place's first word (and whether that place is also
        a word); 0 for none of these."""
        key = word.casefold()
        verdict = 0
        if key in self.condition_words or any(
                key.startswith(stem) for stem in self.condition_stems.get(key[:4], ())):
            verdict |= _CONDITION
        if key in self.condition_starts:
            verdict |= _CONDITION_START
        if not word[0].isupper() or (word.isupper() and len(word) > 1):
            return verdict
        parts = word.split("-")
        if any(self._is_name(part) for part in parts):
            verdict |= _ORDINARY if self._is_ordinary(parts[0]) else _NAME
        for place in (key, key[:-1] if key.endswith("s") else "", key.split("-")[0]):
            if place in self.places:  # "Vardø", "Bergens", "Oslo-kontoret"
                verdict |= _PLACE | (_ORDINARY_PLACE if place in self.ordinary else 0)
                break
        if key in self.place_starts:
            verdict |= _PLACE_START
        return verdict

    def _stem(self, word: str) -> str:
        key = word.casefold().replace("’", "'")
        if key.endswith("'s"):
            key = key[:-2]
        if key in self.names:
            return key
        if key.endswith("s") and key[:-1] in self.names:  # Karis, Pers (genitive)
            return key[:-1]
        return ""

    def _is_name(self, word: str) -> bool:
        stem = self._stem(word)
        return bool(stem) and word[0].isupper() and stem not in self.excluded

    def _is_ordinary(self, word: str) -> bool:
        return self._stem(word) in self.ordinary


def _finding(start: int, end: int, kind: str) -> Finding:
    """``Finding(start, end, kind)``, made without the named tuple's own ``__new__``
    (a Python function): a text can hold hundreds of thousands of names."""
    return tuple.__new__(Finding, (start, end, kind, ()))


def _name_at(words: list[re.Match[str]], index: int, text: str,
             ordinary: bool) -> Finding | None:
    """A listed name, ``words[index]``, as a finding if it is written as a name: not
    first in a sentence or in a heading when it is also a word (``ordinary``)."""
    match = words[index]
    start, end = match.span()
    following = words[index + 1] if index + 1 < len(words) else None
    surname = (following is not None and following.start() == end + 1
               and text[end] == " " and _surname(following.group()))
    if ordinary:
        if _starts_sentence(text, start):
            # "Per uke …", "Liv og helse …": the capital says nothing — unless a
            # surname follows ("Per Hansen ringte") outside a Title Case heading.
            if not surname or _in_heading(words, index + 1):
                return None
        elif _in_heading(words, index) and not surname:
            return None
    return Finding(start, following.end() if surname and following else end, "name")


def _starts_sentence(text: str, start: int) -> bool:
    """Whether a capital at ``start`` says nothing: the text, a line or a sentence begins."""
    index = start - 1
    while index >= 0 and (text[index] in " \t\u00a0" or text[index] in _OPENERS):
        index -= 1
    if index < 0 or text[index] == "\n":
        return True
    if text[index] in _SENTENCE_END:
        # "f.eks. Kari" or "dvs. Per": an abbreviation's dot is not a sentence end.
        before = text[max(0, index - 6):index + 1].casefold()
        return not re.search(r"(?:f\.eks|bl\.a|dvs|e\.g|i\.e|ca|mr|mrs|ms|dr)\.$", before)
    return False


def _in_heading(words: list[re.Match[str]], index: int) -> bool:
    """Title Case around a word ("Hope and Faith in Recovery Work") says nothing of it.

    Two or more other capitalised words within two words either side make a heading.
    """
    around = [words[i].group() for i in range(index - 2, index + 3)
              if i != index and 0 <= i < len(words)]
    return sum(1 for w in around if w[0].isupper()) >= 2


@lru_cache(maxsize=4096)
def _surname(word: str) -> bool:
    """Whether ``word`` is written as a surname is: "Ullmann-sitatet" is a compound
    noun, not a surname; "Hansen-Berg" is one."""
    return (all(part[:1].isupper() for part in word.split("-"))
            and not word.isupper() and word.casefold() not in _CALENDAR)


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


def _content_words(content: Content) -> set[str]:
    """Every word the content uses in lower case: a name among them is also a word."""
    texts: list[str] = [content.guide.intro, content.guide.not_a_test, content.chime_intro,
                        content.methods_intro]
    for area in content.areas:
        texts += [area.title, area.intro, area.examples_intro]
        texts += [v.meaning for v in area.values]
        texts += [q.text + " " + q.hint for q in area.questions]
        texts += [e.text for e in area.examples]
        texts += [d.title + " " + d.text for d in area.dilemmas]
    for element in content.chime:
        texts += [element.description, *element.needs]
        texts += [q.text + " " + q.hint for q in element.questions]
    for method in content.methods:
        texts += [method.title, method.summary, method.prompt]
        texts += [p.title + " " + p.text for p in method.points]
    for collection in content.collections:
        texts += [i.text + " " + i.title for i in collection.items]
    return {w.casefold() for text in texts for w in _words(text) if w.islower()}


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``, as an editor counts them."""
    return next(lines_and_columns(text, [offset]))


def lines_and_columns(text: str, offsets: Iterable[int]) -> Iterator[tuple[int, int]]:
    """``line_and_column`` of each of ``offsets``, given in ascending order.

    Counts line breaks only between one offset and the next, so a file with a finding
    every few lines (or thousands on one line) is read through once, not once from its
    start for every finding.
    """
    line, line_start, previous = 1, 0, 0
    for offset in offsets:
        if offset < previous:
            raise ValueError("offsets must ascend")
        breaks = text.count("\n", previous, offset)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", previous, offset) + 1
        previous = offset
        yield line, offset - line_start + 1
