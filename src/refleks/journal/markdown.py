"""A check-in, or a whole journal, as a Markdown document to read or print.

Streamed a check-in at a time, so exporting 50,000 check-ins takes no more memory than
exporting one. The Markdown is valid CommonMark whatever was written: every piece of
the practitioner's text is escaped so that ``#``, ``*``, ``>``, code fences or a line
starting ``1.`` read as the characters typed, never as structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from refleks.dates import format_date, format_datetime
from refleks.journal.model import CheckIn

if TYPE_CHECKING:
    from refleks.content.ui import Strings

__all__ = ["Labels", "block", "emphasis", "escape_inline", "heading", "render_checkin",
           "render_markdown"]

# -- Markdown escaping -------------------------------------------------------------------------

# Characters that can start inline structure anywhere in a line: code spans, emphasis,
# links and images, autolinks and HTML, entities, GFM tables and strikethrough. Each is
# backslash-escaped (CommonMark allows that for any ASCII punctuation); the backslash
# itself goes first. (Plain str.replace: str.translate is slow on Norwegian text.)
_ESCAPES = tuple((ch, "\\" + ch) for ch in "\\`*_[]<&|~")
# What can open a block at the start of a line: headings, block quotes, list items,
# thematic breaks and setext underlines (``*``, ``_`` and fences are escaped above)…
_BLOCK_CHARS = frozenset("#>+=-")
# …and ordered list items (``1.``, ``1)``).
_ORDERED = re.compile(r"[0-9]{1,9}(?=[.)])")
_EDGES = " \t\f\v"


def escape_inline(text: str, *, heading: bool = False) -> str:
    """Text that renders as itself inside a line (in a heading, ``#`` too)."""
    for ch, escaped in _ESCAPES:
        if ch in text:  # a substring test per character is ~8x faster than a regex here
            text = text.replace(ch, escaped)
    if heading and "#" in text:
        text = text.replace("#", "\\#")
    return text


def _line(raw: str) -> str:
    """One escaped line, stripped (leading spaces could make an indented code block),
    with any block marker at its start escaped."""
    line = raw.strip(_EDGES)
    first = line[:1]
    if first in _BLOCK_CHARS and first:
        return "\\" + line
    if first.isdigit() and (m := _ORDERED.match(line)):
        return f"{m[0]}\\{line[m.end():]}"
    return line


def _plain_lines(text: str) -> bool:
    """True if no line needs work: no edge spaces, no block markers at a line start,
    no blank line of its own beyond a single paragraph break (the common case, by far).
    ``text`` is non-empty and has no newline at either end."""
    first, last = text[0], text[-1]
    if first in _EDGES or first in _BLOCK_CHARS or first.isdigit() or last in _EDGES:
        return False
    if "\t" in text or "\f" in text or "\v" in text:
        return False
    i = text.find("\n")
    while i != -1:
        if text[i - 1] == " ":
            return False
        j = i + 2 if text[i + 1] == "\n" else i + 1
        after = text[j]
        if after == "\n" or after == " " or after in _BLOCK_CHARS or after.isdigit():
            return False
        i = text.find("\n", j)
    return True


def block(text: str, indent: str = "") -> str:
    """Free text as Markdown paragraphs that render exactly as typed.

    Blank lines separate paragraphs; the writer's other line breaks are kept as hard
    breaks (a backslash at the end of the line). No line can become a heading, quote,
    list, code block or thematic break. ``indent`` prefixes every line (in a list item).
    """
    if not text:
        return ""
    text = escape_inline(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in text:
        line = _line(text)
        return indent + line if line else ""
    text = text.strip("\n")
    line_break = "\\\n" + indent
    if text and _plain_lines(text):
        return "\n\n".join(indent + p.replace("\n", line_break) for p in text.split("\n\n"))
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = _line(raw)
        if line:
            current.append(line)
        elif current:
            paragraphs.append(indent + line_break.join(current))
            current = []
    if current:
        paragraphs.append(indent + line_break.join(current))
    return "\n\n".join(paragraphs)


def heading(level: int, text: str) -> str:
    one_line = " ".join(text.split())
    return f"{'#' * level} {escape_inline(one_line, heading=True)}"


def emphasis(text: str) -> str:
    """A short label in italics (never user text with line breaks)."""
    one_line = " ".join(text.split())
    return f"*{escape_inline(one_line)}*" if one_line else ""


# -- Markdown rendering --------------------------------------------------------------------------


class Labels:
    """The export's interface words and repeated headings, worked out once per document.

    Questions, value names and section titles repeat from check-in to check-in, so
    their escaped headings are remembered instead of rebuilt 50,000 times.
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
        self._headings: dict[tuple[int, str], str] = {}
        self._emphasis: dict[str, str] = {}
        self._inline: dict[str, str] = {}

    def date(self, day: date | datetime) -> str:
        try:
            return self.date_pattern.format(day=day.day, month=self.months[day.month],
                                            year=day.year)
        except (KeyError, IndexError, ValueError):
            return format_date(day, self.t)

    def moment(self, moment: datetime) -> str:
        try:
            return self.datetime_pattern.format(
                date=self.date(moment), time=f"{moment.hour:02d}:{moment.minute:02d}")
        except (KeyError, IndexError, ValueError):
            return format_datetime(moment, self.t)

    def title(self, c: CheckIn, level: int) -> str:
        """The check-in's heading: its date, and the area when there is one."""
        title = self.date(c.started_at)
        if c.area_title and not c.area_title.isspace():
            try:
                title = self.checkin_heading.format(date=title, area=c.area_title)
            except (KeyError, IndexError, ValueError):
                title = self.t("journal.md.checkin_heading", date=title, area=c.area_title)
        return heading(level, title)

    def completed_line(self, when: datetime) -> str:
        try:
            return emphasis(self.completed.format(when=self.moment(when)))
        except (KeyError, IndexError, ValueError):
            return emphasis(self.t("journal.md.completed", when=self.moment(when)))

    def inline(self, text: str) -> str:
        """A short name on one line, escaped (value names repeat: remembered)."""
        found = self._inline.get(text)
        if found is None:
            found = escape_inline(" ".join(text.split()))
            if len(self._inline) < 10_000:
                self._inline[text] = found
        return found

    def heading(self, level: int, text: str) -> str:
        key = (level, text)
        found = self._headings.get(key)
        if found is None:
            found = heading(level, text)
            if len(self._headings) < 10_000:
                self._headings[key] = found
        return found

    def emphasis(self, text: str) -> str:
        found = self._emphasis.get(text)
        if found is None:
            found = emphasis(text)
            if len(self._emphasis) < 10_000:
                self._emphasis[text] = found
        return found


def render_checkin(c: CheckIn, t: Strings, *, level: int = 2,
                   labels: Labels | None = None) -> str:
    """One check-in as a Markdown section starting with a heading of ``level``.

    Empty answers and sections are left out; everything written is escaped text.
    """
    words = labels or Labels(t)
    w = words.words
    h = words.heading
    h1, h2, h3 = level, level + 1, level + 2
    parts: list[str] = [words.title(c, h1)]
    if c.status == "draft":
        parts.append(words.draft)
    elif c.completed_at is not None:
        parts.append(words.completed_line(c.completed_at))

    section: list[str] = []
    for follow_up in c.follow_ups:
        action, text = block(follow_up.action), block(follow_up.text)
        if action or text or follow_up.keep:
            section.append(h(h3, follow_up.value_name or follow_up.value_id))
            if action:
                section += (words.follow_up_action, action)
            if text:
                section.append(text)
            if follow_up.keep:
                section.append(words.follow_up_keep)
    if section:
        parts.append(h(h2, w["follow_ups"]))
        parts += section

    moments = [a for a in c.answers if a.kind == "moment"]
    if any(a.text.strip() for a in moments):  # moments taken further, each shown once
        from refleks.journal.moments_text import render_moment_answers

        parts.append(h(h2, words.t("moments.step.title")))
        parts += render_moment_answers(moments, words.t, h3)
    for a in c.answers:
        text = block(a.text)
        if text and a.kind != "moment":
            parts += (h(h2, a.question_text or a.question_id), text)

    section = []
    for r in c.chime:
        text = block(r.text)
        if text:
            mode = w.get(f"chime_{r.mode}", r.mode)
            question = r.question_text.strip()
            section += (h(h3, r.element_name or r.element_id),
                        words.emphasis(f"{mode} – {question}" if question else mode), text)
    if section:
        parts.append(h(h2, w["chime"]))
        parts += section

    if c.focus:
        items: list[str] = []
        for f in c.focus:
            name = words.inline(f.value_name or f.value_id)
            action = block(f.action, indent="  ").lstrip()
            items.append(f"- **{name}**: {action}" if action else f"- **{name}**")
        tight = all("\n" not in item for item in items)
        parts += (h(h2, w["focus"]), ("\n" if tight else "\n\n").join(items))

    method = block(c.method_title or c.method_id or "")
    if method:
        parts += (h(h2, w["method"]), method)

    notes = block(c.notes)
    if notes:
        parts += (h(h2, w["notes"]), notes)

    section = []
    for n in c.later_notes:
        text = block(n.text)
        if text:
            section += (emphasis(words.moment(n.created_at)), text)
    if section:
        parts.append(h(h2, w["later_notes"]))
        parts += section
    return "\n\n".join(parts) + "\n"


def render_markdown(checkins: Iterable[CheckIn], t: Strings, lang: str, *,
                    title: bool = True, subtitle: str | None = None) -> Iterator[str]:
    """A readable document, streamed a check-in at a time.

    With ``title`` it starts with the journal's title (and ``subtitle``, e.g. the
    period) and check-ins are ``##`` sections; without, the first check-in heading is
    ``##`` too, so the TUI can show one check-in on its own. ``lang`` is the language
    of ``t``; it is taken so callers state it, the text itself comes from ``t``.
    """
    del lang  # the words and date style come from t, which is already in that language
    wrote_any = False
    if title:
        head = heading(1, t("journal.md.title"))
        if subtitle:
            head += "\n\n" + emphasis(subtitle)
        yield head + "\n"
    labels = Labels(t)
    for checkin in checkins:
        yield ("\n" if title or wrote_any else "") + render_checkin(checkin, t, level=2,
                                                                    labels=labels)
        wrote_any = True
    if title and not wrote_any:
        yield "\n" + emphasis(t("journal.md.empty")) + "\n"
