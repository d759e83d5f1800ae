"""Moments as Markdown: the same escaping and date style as the check-ins' export.

Kept beside ``markdown.py`` rather than in it so the check-in renderer stays one
thing; the export appends ``render_moments`` after the check-ins, and ``refleks
moments show`` and the journal browser show one moment with ``render_moment``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from refleks.content.names import shown_name
from refleks.journal.labels import Labels
from refleks.journal.markdown_text import block, emphasis, heading

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.journal.model import Answer
    from refleks.journal.moments import Moment

PARTS = ("what", "meaning", "now")  # as checkin.MOMENT_PARTS, in the order asked


def tags_line(moment: Moment, t: Strings, content: Content | None = None) -> str:
    """"Values: Trust, Presence · CHIME: Hope" as plain text, or "".

    Each tag the content knows is named as ``content`` (in ``t``'s language) names it
    now: a moment noted in Norwegian reads "Values: Availability" in English.
    """
    parts = []
    if moment.values:
        names = ", ".join(" ".join(shown_name(content, "value", v.value_id, v.value_name).split())
                          for v in moment.values)
        parts.append(t("moments.md.values", values=names))
    if moment.chime_id:
        parts.append(t("moments.md.chime", element=" ".join(
            shown_name(content, "chime", moment.chime_id, moment.chime_name).split())))
    return " · ".join(parts)


def render_moment(moment: Moment, t: Strings, *, level: int = 3,
                  labels: Labels | None = None, content: Content | None = None) -> str:
    """One moment: its date and time as a heading, its tags, what was written."""
    labels = labels or Labels(t, content)
    parts = [heading(level, t("moments.md.heading", when=labels.moment(moment.created_at)))]
    tags = tags_line(moment, t, labels.content)
    if tags:
        parts.append(emphasis(tags))
    parts.append(block(moment.text))
    return "\n\n".join(parts) + "\n"


def render_moments(moments: Iterable[Moment], t: Strings,
                   content: Content | None = None) -> Iterator[str]:
    """The moments section of an export (nothing at all when there are none)."""
    labels = Labels(t, content)
    first = True
    for moment in moments:
        if first:
            yield "\n" + heading(2, t("moments.md.section")) + "\n"
            first = False
        yield "\n" + render_moment(moment, t, labels=labels)


def render_moment_answers(answers: list[Answer], t: Strings, level: int) -> list[str]:
    """A check-in's reflections on moments, grouped: the moment once, then each
    question answered (What happened? · What did it mean · What now?).

    Each answer stores its question as shown, "What happened? – “the moment”". Where
    that still starts with one of today's questions the moment is taken from the rest
    and shown once; otherwise (another language, other words) the stored question
    is shown whole, so nothing written is ever hidden.
    """
    groups: dict[str, list[Answer]] = {}
    for answer in answers:
        uid = answer.question_id.split(".")[1] if answer.question_id.count(".") >= 2 else ""
        groups.setdefault(uid or answer.question_id, []).append(answer)
    parts: list[str] = []
    for group in groups.values():
        group.sort(key=lambda a: PARTS.index(a.question_id.rsplit(".", 1)[-1])
                   if a.question_id.rsplit(".", 1)[-1] in PARTS else len(PARTS))
        quoted: str | None = None
        lines: list[str] = []
        for answer in group:
            text = block(answer.text)
            if not text:
                continue
            part = answer.question_id.rsplit(".", 1)[-1]
            question = t(f"moments.step.{part}") if part in PARTS else ""
            shown = " ".join(answer.question_text.split())
            rest = shown[len(question):] if question and shown.startswith(question) else None
            if rest is not None and quoted in (None, rest):
                quoted = rest
                lines += (emphasis(question), text)
            else:
                lines += (emphasis(shown or answer.question_id), text)
        if lines:
            if quoted:
                parts.append(heading(level, quoted.lstrip(" –-:").strip()))
            parts += lines
    return parts
