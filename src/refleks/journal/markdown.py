"""A check-in, or a whole journal, as a Markdown document to read or print.

Streamed a check-in at a time, so exporting 50,000 check-ins takes no more memory than
exporting one. The Markdown is valid CommonMark whatever was written: every piece of
the practitioner's text is escaped (``markdown_text``) so that ``#``, ``*``, ``>``,
code fences or a line starting ``1.`` read as the characters typed, never as structure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from refleks.dates import format_date, format_datetime
from refleks.journal.codec import body_dict, parse_iso
from refleks.journal.markdown_text import blocks, emphasis, escape_inline, heading
from refleks.journal.model import Answer, CheckIn, Readable

if TYPE_CHECKING:
    from refleks.content.ui import Strings

__all__ = ["Labels", "markdown_document", "readable", "render_checkin", "render_markdown",
           "render_readable"]

Day = date | datetime  # (an alias: inside ``Labels`` "date" is the method)

# -- Markdown rendering --------------------------------------------------------------------------


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
    """

    KEYS = ("draft", "follow_ups", "follow_up_action", "follow_up_keep", "chime",
            "chime_present", "chime_missing", "focus", "method", "notes", "later_notes")

    def __init__(self, t: Strings) -> None:
        self.t = t
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
            found = (text, _fits_a_template(text))
            if len(self._dates) < 100_000:
                self._dates[key] = found
        return found

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


def readable(c: CheckIn) -> Readable:
    """What the Markdown of ``c`` is made from (the app's and ``show``'s way in)."""
    return Readable(c.uid, c.started_at, c.completed_at, c.status, c.area_title,
                    c.method_title or c.method_id or "", body_dict(c))


def render_checkin(c: CheckIn | Readable, t: Strings, *, level: int = 2,
                   labels: Labels | None = None) -> str:
    """One check-in as a Markdown section starting with a heading of ``level``.

    Empty answers and sections are left out; everything written is escaped text.
    """
    return render_readable(c if isinstance(c, Readable) else readable(c),
                           labels or Labels(t), level)


def render_readable(r: Readable, labels: Labels, level: int = 2) -> str:
    """``render_checkin`` from a ``Readable``: the export's loop, kept tight.

    The free text is made Markdown in one go (``blocks``) and then taken in the order
    it was gathered: follow-ups (action, text), answers, CHIME reflections, focus
    actions, later notes, the method and the notes.
    """
    body = r.body
    follow_ups, answers, chime = body["follow_ups"], body["answers"], body["chime"]
    focus, later_notes = body["focus"], body["later_notes"]
    texts = [text for f in follow_ups for text in (f["action"], f["text"])]
    texts += [a["text"] for a in answers]
    texts += [x["text"] for x in chime]
    texts += [f["action"] for f in focus]
    texts += [n["text"] for n in later_notes]
    texts += (r.method, body["notes"])
    done = iter(blocks(texts))
    w = labels.words
    h2, h3 = labels.headings(level + 1), labels.headings(level + 2)
    parts: list[str] = [labels.title(r.started_at, r.area_title, level)]
    if r.status == "draft":
        parts.append(labels.draft)
    elif r.completed_at is not None:
        parts.append(labels.completed_line(r.completed_at))

    section: list[str] = []
    for f in follow_ups:
        action, text = next(done), next(done)
        if action or text or f["keep"]:
            section.append(h3[f["value_name"] or f["value_id"]])
            if action:
                section += (labels.follow_up_action, action)
            if text:
                section.append(text)
            if f["keep"]:
                section.append(labels.follow_up_keep)
    if section:
        parts.append(h2[w["follow_ups"]])
        parts += section

    section = []
    moments = []
    for a in answers:
        text = next(done)
        if a["kind"] == "moment":
            moments.append(a)
        elif text:
            section += (h2[a["question_text"] or a["question_id"]], text)
    if any(a["text"].strip() for a in moments):  # moments taken further, each shown once
        from refleks.journal.moments_text import render_moment_answers

        parts.append(h2[labels.t("moments.step.title")])
        parts += render_moment_answers(
            [Answer(a["question_id"], a["question_text"], a["text"], a["kind"])
             for a in moments], labels.t, level + 2)
    parts += section

    section = []
    for x in chime:
        text = next(done)
        if text:
            mode = w.get(f"chime_{x['mode']}", x["mode"])
            question = x["question_text"].strip()
            section += (h3[x["element_name"] or x["element_id"]],
                        labels.emphasis(f"{mode} – {question}" if question else mode), text)
    if section:
        parts.append(h2[w["chime"]])
        parts += section

    if focus:
        items: list[str] = []
        tight = True
        for f in focus:
            name = labels.inline(f["value_name"] or f["value_id"])
            action = next(done)
            if "\n" in action:  # a list item's lines are indented, blank lines not
                action = action.replace("\n", "\n  ").replace("\n  \n", "\n\n")
                tight = False
            items.append(f"- **{name}**: {action}" if action else f"- **{name}**")
        parts += (h2[w["focus"]], ("\n" if tight else "\n\n").join(items))

    later = [(n["created_at"], next(done)) for n in later_notes]
    method = next(done)
    if method:
        parts += (h2[w["method"]], method)
    notes = next(done)
    if notes:
        parts += (h2[w["notes"]], notes)

    section = []
    for created_at, text in later:
        if text:
            when = parse_iso(created_at) if isinstance(created_at, str) else created_at
            section += (emphasis(labels.moment(when)), text)
    if section:
        parts.append(h2[w["later_notes"]])
        parts += section
    parts[-1] += "\n"
    return "\n\n".join(parts)


def render_markdown(checkins: Iterable[CheckIn | Readable], t: Strings, lang: str, *,
                    title: bool = True, subtitle: str | None = None) -> Iterator[str]:
    """A readable document, streamed a check-in at a time.

    With ``title`` it starts with the journal's title (and ``subtitle``, e.g. the
    period) and check-ins are ``##`` sections; without, the first check-in heading is
    ``##`` too, so the TUI can show one check-in on its own. ``lang`` is the language
    of ``t``; it is taken so callers state it, the text itself comes from ``t``.
    """
    del lang  # the words and date style come from t, which is already in that language
    labels = Labels(t)
    return markdown_document(
        (render_readable(c if isinstance(c, Readable) else readable(c), labels)
         for c in checkins), t, title=title, subtitle=subtitle)


def markdown_document(sections: Iterable[str], t: Strings, *, title: bool = True,
                      subtitle: str | None = None) -> Iterator[str]:
    """The document around check-ins already rendered (``render_readable``, level 2):
    the title and period first, or a line saying there is nothing to show."""
    wrote_any = False
    if title:
        head = heading(1, t("journal.md.title"))
        if subtitle:
            head += "\n\n" + emphasis(subtitle)
        yield head + "\n"
    for section in sections:
        if title or wrote_any:
            yield "\n"  # on its own: joined with the rest when written, not copied here
        yield section
        wrote_any = True
    if title and not wrote_any:
        yield "\n" + emphasis(t("journal.md.empty")) + "\n"
