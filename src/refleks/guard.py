"""The confidentiality guard: what in a text may identify a person.

The welcome reminds practitioners not to write anything that identifies the people
they work with (helsepersonelloven § 21). A reminder read once is forgotten by the
Thursday after a hard conversation, so before text is saved as final refleks looks
for the few things that identify someone on their own — a national identity number,
a phone number, an e-mail address, a date of birth, a given name — and shows them
gently. It never blocks and never keeps what it found: ``scan`` returns spans (where,
and what kind), and nothing here writes, logs or sends anything.

Numbers are checked strictly (an 11-digit number counts only when both mod-11
control digits hold; a phone number only in the groupings Norwegians write), so a
reflection full of dates and counts stays quiet. Names are the hard part: "Per",
"Liv", "Tone" and "Hope" are also ordinary words. A listed name counts where it is
written as a name: capitalised, and not where a capital says nothing (the start of a
sentence, a heading in Title Case). A name that is also an ordinary word — listed as
such in ``guard.yaml`` or used as a word anywhere in the content — counts only in the
middle of a sentence; a value or CHIME name never counts. The lists are content data
(``content/<lang>/guard.yaml``) so a team can add the names common where it works.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from refleks.content.model import GuardWords

if TYPE_CHECKING:
    from refleks.content.model import Content

KINDS = ("national_id", "phone", "email", "birth_date", "name")


class Finding(NamedTuple):
    """One passage that may identify someone: ``text[start:end]`` is of ``kind``.

    A tuple rather than a frozen dataclass: a long text can hold hundreds of thousands
    (a list of names), and a tuple is made several times faster.
    """

    start: int
    end: int
    kind: str


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
_NOT_A_NAME, _NAME, _ORDINARY = 0, 1, 2


def _words(text: str) -> Iterator[str]:
    for match in _WORD.finditer(text):
        yield match.group()


@dataclass
class Guard:
    """Finds what may identify a person; built once from the content's word lists."""

    names: frozenset[str] = frozenset()
    ordinary: frozenset[str] = frozenset()  # names that are also words: mid-sentence only
    excluded: frozenset[str] = frozenset()  # value and CHIME names: never a person

    @classmethod
    def from_words(cls, words: GuardWords, *, content_words: Iterable[str] = (),
                   excluded: Iterable[str] = ()) -> Guard:
        names = {n.casefold() for n in words.names} - _CALENDAR
        used = {w.casefold() for w in content_words}
        ordinary = {w.casefold() for w in words.common_words} | (names & used)
        return cls(frozenset(names), frozenset(ordinary),
                   frozenset(w.casefold() for w in excluded))

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
        found: list[Finding] = []
        for match in _ID.finditer(text):
            if is_national_id(match.group(1) + match.group(2)):
                found.append(Finding(match.start(), match.end(), "national_id"))
        for match in _PHONE.finditer(text):
            if _MONEY_AFTER.match(text, match.end()) or _money_before(text, match.start()):
                continue
            found.append(Finding(match.start(), match.end(), "phone"))
        found += _emails(text)
        found += [Finding(m.start(), m.end(), "birth_date") for m in _BIRTH.finditer(text)]
        found += self._names(text)
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
        return kept

    def _names(self, text: str) -> list[Finding]:
        """Listed names written as names. Each word is judged with the two words
        before it and the three after (a heading, a surname), kept in a short window
        rather than a list of every word, so a long text costs no more memory than a
        short one."""
        if not self.names:
            return []
        out: list[Finding] = []
        words: list[re.Match[str]] = []
        verdicts: dict[str, int] = {}  # a word seen before is judged as before
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
            judged += 1
            word = current.group()
            if not word[0].isupper():  # most words: no name, and nothing more to do
                continue
            verdict = verdicts.get(word)
            if verdict is None:
                verdict = verdicts[word] = self._verdict(word)
            if verdict and current.start() >= covered and (
                    finding := _name_at(words, judged - 1, text, verdict == _ORDINARY)):
                out.append(finding)
                covered = finding.end
        for index in range(judged, len(words)):
            current = words[index]
            verdict = self._verdict(current.group())
            if verdict and current.start() >= covered and (
                    finding := _name_at(words, index, text, verdict == _ORDINARY)):
                out.append(finding)
                covered = finding.end
        return out

    def _verdict(self, word: str) -> int:
        """Whether ``word`` is a listed name written with a capital, and whether that
        name is also a word."""
        if not word[0].isupper() or (word.isupper() and len(word) > 1):
            return _NOT_A_NAME
        parts = word.split("-")
        if not any(self._is_name(part) for part in parts):
            return _NOT_A_NAME
        return _ORDINARY if self._is_ordinary(parts[0]) else _NAME

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
