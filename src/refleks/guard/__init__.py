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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from refleks.content.model import GuardWords
from refleks.guard.findings import KINDS, PARTS, Finding, Part, _finding
from refleks.guard.identifiers import (
    _BIRTH,
    _BIRTH_YEAR,
    _DIGIT,
    _ID,
    _MONEY_AFTER,
    _PHONE,
    _POSTCODE,
    _STREET_EN,
    _YEAR_WORDS,
    _emails,
    _money_before,
    _streets,
    is_national_id,
)
from refleks.guard.positions import line_and_column, lines_and_columns
from refleks.guard.together import (
    _after_comma_or_line,
    _combinations,
    _without_accents,
    _word_before,
)

# What the rest of refleks uses of the guard; its parts live beside it: findings (what is
# reported), identifiers (what identifies on its own), together (combinations),
# positions (line and column).
__all__ = ["KINDS", "PARTS", "Finding", "Guard", "Part", "is_national_id",
           "line_and_column", "lines_and_columns"]

if TYPE_CHECKING:
    from refleks.content.model import Content

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


