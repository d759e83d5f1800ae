"""The export's interface words and repeated headings, worked out once per document.

Shared by the check-ins' Markdown (``markdown``), the moments' (``moments_text``) and
the supervision pack (``html``), which each render with one ``Labels``. The few shapes
a check-in's Markdown takes (its texts' paragraphs, the focus list, how the parts are
joined) are here too, so that ``html.PackLabels`` can make the same pieces as HTML and
``markdown.render_readable`` walks a check-in once for both.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from refleks.content.names import Kind, shown_name
from refleks.dates import format_date, format_datetime
from refleks.journal.markdown_text import blocks, emphasis, escape_inline, heading
from refleks.journal.model import ANSWER_RANK

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings

Day = date | datetime  # (an alias: inside ``Labels`` "date" is the method)
Answered = tuple[Mapping[str, Any], str]  # a stored answer and its text, made Markdown



def _fits_a_template(value: str) -> bool:
    """True if ``value`` reads the same whether it is put into a heading or emphasis
    before or after its escaping and whitespace folding: one word or words with single
    spaces, nothing to escape (``#`` included), no stand-in character."""
    return (bool(value) and value == " ".join(value.split()) and "\x00" not in value
            and "\x01" not in value and escape_inline(value, heading=True) == value)


class _Headings(dict[str, str]):
    """Headings of one level by their text, made on first use (a subscript, not a
    method call, for the dozen headings of every check-in)."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, text: str) -> str:
        found = heading(self.level, text)
        if len(self) < 10_000:
            self[text] = found
        return found


class Labels:
    """The export's interface words and repeated headings, worked out once per document.

    Questions, value names and section titles repeat from check-in to check-in, so
    their escaped headings are remembered instead of rebuilt 50,000 times. Each date is
    written once, and where it fits (plain words and numbers) a check-in's title and
    "completed" line are filled into templates escaped once, not built anew.

    With ``content`` (in ``t``'s language) a value, area, method or CHIME element the
    content knows is named as the content names it now (``content.names``), so an
    entry written in the other language reads in this one; without, as stored.
    """

    KEYS = ("draft", "follow_ups", "follow_up_action", "follow_up_keep", "chime",
            "chime_present", "chime_missing", "focus", "why", "method", "notes",
            "later_notes")

    def __init__(self, t: Strings, content: Content | None = None) -> None:
        self.t = t
        self.content = content
        self._names: dict[tuple[Kind, str | None, str], str] = {}
        self.words = {key: t(f"journal.md.{key}") for key in self.KEYS}
        self.draft = emphasis(self.words["draft"])
        self.follow_up_action = emphasis(self.words["follow_up_action"])
        self.follow_up_keep = emphasis(self.words["follow_up_keep"])
        self.months = {m: t(f"dates.month_{m}") for m in range(1, 13)}
        self.date_pattern = t("dates.date")
        self.datetime_pattern = t("dates.datetime")
        self.checkin_heading = t("journal.md.checkin_heading")
        self.completed = t("journal.md.completed")
        self._levels: dict[int, _Headings] = {}
        self._emphasis: dict[str, str] = {}
        self._inline: dict[str, str] = {}
        self._dates: dict[int, tuple[str, bool]] = {}
        self._titles: dict[tuple[int, str], str] = {}
        self._asked: dict[str | None, dict[str, int]] = {}
        try:
            completed = self._completed_line("\x00", "\x01")
        except (KeyError, IndexError, ValueError):
            completed = ""
        fits = completed.count("\x00") == 1 and completed.count("\x01") == 1
        self._completed_template = completed if fits else ""

    def date(self, day: Day) -> str:
        return self._date(day)[0]

    def _date(self, day: Day) -> tuple[str, bool]:
        """The date as words, and whether it may fill a template (remembered)."""
        key = day.toordinal()
        found = self._dates.get(key)
        if found is None:
            try:
                text = self.date_pattern.format(day=day.day, month=self.months[day.month],
                                                year=day.year)
            except (KeyError, IndexError, ValueError):
                text = format_date(day, self.t)
            found = (text, self._fits(text))
            if len(self._dates) < 100_000:
                self._dates[key] = found
        return found

    def _fits(self, day: str) -> bool:
        """Whether the date ``day`` may fill a template (``_fits_a_template``; the pack
        asks a little more)."""
        return _fits_a_template(day)

    def moment(self, moment: datetime) -> str:
        try:
            return self.datetime_pattern.format(
                date=self.date(moment), time=f"{moment.hour:02d}:{moment.minute:02d}")
        except (KeyError, IndexError, ValueError):
            return format_datetime(moment, self.t)

    def title(self, started_at: datetime, area_title: str, level: int) -> str:
        """The check-in's heading: its date, and the area when there is one."""
        day, fits = self._date(started_at)
        if fits:
            template = self._titles.get((level, area_title))
            if template is None:
                template = ("" if "\x00" in area_title
                            else self._title("\x00", area_title, level))
                if template.count("\x00") != 1:
                    template = ""
                if len(self._titles) < 10_000:
                    self._titles[(level, area_title)] = template
            if template:
                return template.replace("\x00", day)
        return self._title(day, area_title, level)

    def _title(self, day: str, area_title: str, level: int) -> str:
        title = day
        if area_title and not area_title.isspace():
            try:
                title = self.checkin_heading.format(date=day, area=area_title)
            except (KeyError, IndexError, ValueError):
                title = self.t("journal.md.checkin_heading", date=day, area=area_title)
        return heading(level, title)

    def completed_line(self, when: datetime) -> str:
        day, fits = self._date(when)
        if fits and self._completed_template:
            return self._completed_template.replace("\x00", day).replace(
                "\x01", f"{when.hour:02d}:{when.minute:02d}")
        try:
            return self._completed_line(day, f"{when.hour:02d}:{when.minute:02d}")
        except (KeyError, IndexError, ValueError):
            return emphasis(self.t("journal.md.completed", when=self.moment(when)))

    def _completed_line(self, day: str, clock: str) -> str:
        return emphasis(self.completed.format(
            when=self.datetime_pattern.format(date=day, time=clock)))

    def name(self, kind: Kind, item_id: str | None, stored: str) -> str:
        """``names.shown_name`` with this document's content (remembered)."""
        key = (kind, item_id, stored)
        found = self._names.get(key)
        if found is None:
            found = shown_name(self.content, kind, item_id, stored)
            if len(self._names) < 10_000:
                self._names[key] = found
        return found

    def in_order(self, area_id: str | None, answered: list[Answered]) -> list[Answered]:
        """A check-in's ``(answer, text)`` pairs in the order the check-in asks them: by
        kind (``ANSWER_KINDS``), then, where the content knows the area, by the area's
        own order of its questions, examples and dilemmas; else as stored. A check-in
        stored before a rewritten answer kept its place reads as it was asked."""
        asked = self._asked.get(area_id)
        if asked is None:
            area = self.content.area(area_id) if self.content and area_id else None
            ids = [] if area is None else [item.id for items in (
                area.questions, area.examples, area.dilemmas) for item in items]
            asked = {item_id: i for i, item_id in enumerate(ids)}
            if len(self._asked) < 1_000:
                self._asked[area_id] = asked
        last, unknown, rank = len(ANSWER_RANK), len(asked), ANSWER_RANK.get
        ranks = [rank(a["kind"], last) * 1_000_000 + asked.get(a["question_id"], unknown)
                 for a, _ in answered]
        if ranks == sorted(ranks):  # as asked already: nearly always
            return answered
        return [pair for _, pair in sorted(zip(ranks, answered, strict=True),
                                           key=lambda ranked: ranked[0])]

    def inline(self, text: str) -> str:
        """A short name on one line, escaped (value names repeat: remembered)."""
        found = self._inline.get(text)
        if found is None:
            found = escape_inline(" ".join(text.split()))
            if len(self._inline) < 10_000:
                self._inline[text] = found
        return found

    def headings(self, level: int) -> dict[str, str]:
        """Escaped headings of ``level`` by their text: ``labels.headings(3)[name]``."""
        found = self._levels.get(level)
        if found is None:
            found = self._levels[level] = _Headings(level)
        return found

    def emphasis(self, text: str) -> str:
        found = self._emphasis.get(text)
        if found is None:
            found = emphasis(text)
            if len(self._emphasis) < 10_000:
                self._emphasis[text] = found
        return found

    # -- the shapes of a check-in's Markdown (``PackLabels`` makes them as HTML) ---------------

    def texts(self, texts: list[str]) -> list[str]:
        """A check-in's free texts, each as its paragraphs, escaped (``blocks``)."""
        return blocks(texts)

    def stamp(self, when: datetime) -> str:
        """When a later note was written, in italics."""
        return emphasis(self.moment(when))

    def focus_list(self, items: list[tuple[str, str]]) -> str:
        """The focus values, ``(name, action as texts() made it)``, as a list: tight
        unless an action runs over more than one line."""
        lines: list[str] = []
        tight = True
        for name, action in items:
            name = self.inline(name)
            if "\n" in action:  # a list item's lines are indented, blank lines not
                action = action.replace("\n", "\n  ").replace("\n  \n", "\n\n")
                tight = False
            lines.append(f"- **{name}**: {action}" if action else f"- **{name}**")
        return ("\n" if tight else "\n\n").join(lines)

    def with_why(self, action: str, why: str) -> str:
        """A focus value's action (as ``texts`` made it) with why it was chosen after
        it, led by the words "why this one?", for ``focus_list``."""
        if not why:
            return action
        lead = f"{self.emphasis(self.words['why'])} {why}"
        return f"{action}\n\n{lead}" if action else lead

    def from_markdown(self, parts: list[str]) -> list[str]:
        """Parts made as Markdown elsewhere (``moments_text``), in this document's format."""
        return parts

    def join(self, parts: list[str]) -> str:
        """A check-in's parts as one section."""
        return "\n\n".join(parts) + "\n"
