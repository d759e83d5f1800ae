"""Moments as Markdown: the same escaping and date style as the check-ins' export.

Kept beside ``markdown.py`` rather than in it so the check-in renderer stays one
thing; the export appends ``render_moments`` after the check-ins, and ``refleks
moments show`` and the journal browser show one moment with ``render_moment``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from refleks.journal.markdown import Labels, block, emphasis, heading

if TYPE_CHECKING:
    from refleks.content.ui import Strings
    from refleks.journal.moments import Moment


def tags_line(moment: Moment, t: Strings) -> str:
    """"Values: Trust, Presence · CHIME: Hope" as plain text, or ""."""
    parts = []
    if moment.values:
        names = ", ".join(" ".join((v.value_name or v.value_id).split()) for v in moment.values)
        parts.append(t("moments.md.values", values=names))
    if moment.chime_id:
        parts.append(t("moments.md.chime", element=" ".join(
            (moment.chime_name or moment.chime_id).split())))
    return " · ".join(parts)


def render_moment(moment: Moment, t: Strings, *, level: int = 3,
                  labels: Labels | None = None) -> str:
    """One moment: its date and time as a heading, its tags, what was written."""
    labels = labels or Labels(t)
    parts = [heading(level, t("moments.md.heading", when=labels.moment(moment.created_at)))]
    tags = tags_line(moment, t)
    if tags:
        parts.append(emphasis(tags))
    parts.append(block(moment.text))
    return "\n\n".join(parts) + "\n"


def render_moments(moments: Iterable[Moment], t: Strings) -> Iterator[str]:
    """The moments section of an export (nothing at all when there are none)."""
    labels = Labels(t)
    first = True
    for moment in moments:
        if first:
            yield "\n" + heading(2, t("moments.md.section")) + "\n"
            first = False
        yield "\n" + render_moment(moment, t, labels=labels)
