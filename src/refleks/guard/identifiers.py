"""What identifies someone on its own, written as such: national identity numbers,
phone numbers, e-mail addresses, dates and years of birth, street addresses and
postcodes with their place. Pure patterns and checks; ``Guard`` runs them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from refleks.guard.findings import Finding

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
# Not inside a longer number: no letter, digit, "+", "/" or "-" right before it, and
# no "." or "," that follows a digit (3.41234567, 1,41234567). A full stop after a word
# is only punctuation written without its space: "sammen.412 34 567" is a phone.
_PHONE = re.compile(
    rf"(?=[+0(2-9])(?<![\w+/-])(?<!\d[.,])(?:{_PREFIX}(?:\d(?:[ \u00a0.-]?\d){{7}})|(?:{_LOCAL}))"
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

