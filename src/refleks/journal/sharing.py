"""Exports for the team: only the parts of a check-in the practitioner chose to share.

001's step "share in the team" asks for concrete examples, not private notes: a
practitioner ticks what goes out (say, focus values and actions) and everything else
stays in the journal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from refleks.journal.model import CheckIn

if TYPE_CHECKING:
    from refleks.content.ui import Strings
    from refleks.journal.moments import Moment

# In the order they are offered; the first two are ticked by default.
PARTS = ("focus", "method", "follow_ups", "chime", "answers", "notes")
DEFAULT_PARTS = frozenset({"focus", "method"})


def redact(checkin: CheckIn, parts: Iterable[str]) -> CheckIn:
    """A copy of ``checkin`` holding only ``parts`` (plus its date and area)."""
    keep = set(parts)
    unknown = keep - set(PARTS)
    if unknown:
        raise ValueError(f"unknown parts: {', '.join(sorted(unknown))}")
    return replace(
        checkin,
        focus=list(checkin.focus) if "focus" in keep else [],
        method_id=checkin.method_id if "method" in keep else None,
        method_title=checkin.method_title if "method" in keep else "",
        follow_ups=list(checkin.follow_ups) if "follow_ups" in keep else [],
        chime=list(checkin.chime) if "chime" in keep else [],
        answers=list(checkin.answers) if "answers" in keep else [],
        notes=checkin.notes if "notes" in keep else "",
        later_notes=[],
    )


def redact_all(checkins: Iterable[CheckIn], parts: Iterable[str]) -> Iterator[CheckIn]:
    chosen = frozenset(parts)
    for checkin in checkins:
        yield redact(checkin, chosen)


def export_checkins(path: Path, checkins: Iterable[CheckIn], fmt: str, t: Strings, lang: str,
                    *, parts: Iterable[str] | None = None, overwrite: bool = False,
                    moments: Iterable[Moment] = ()) -> int:
    """Write ``checkins`` to ``path`` (atomically, owner-only); returns how many went out.

    With ``parts`` only those parts of each check-in are written (an export for the
    team); JSON is always the whole record, since it is for moving a journal, not
    for showing it.
    """
    from refleks.journal.export import write_atomic
    from refleks.journal.json_io import Counted, iter_json
    from refleks.journal.markdown import render_markdown

    source = Counted(checkins)
    if parts is not None:
        moments = ()
    if fmt == "json":
        chunks = iter_json(source, moments)
    elif fmt == "html":
        from refleks.journal.html import render_html

        chosen = redact_all(source, parts) if parts is not None else source
        chunks = render_html(chosen, t, lang, moments=moments)
    else:
        from itertools import chain

        from refleks.journal.moments_text import render_moments

        chosen = redact_all(source, parts) if parts is not None else source
        chunks = chain(render_markdown(chosen, t, lang), render_moments(moments, t))
    write_atomic(path, chunks, overwrite=overwrite)
    return source.count


def export_moments(path: Path, moments: list[Moment], fmt: str, t: Strings, lang: str,
                   *, overwrite: bool = False) -> int:
    """Write only ``moments`` (chosen in the moments list) to ``path``; returns how many.

    For the hour before supervision: the telling moments of a month, without the
    weekly check-ins around them, in the same Markdown, HTML or JSON as a full export.
    """
    from refleks.journal.export import write_atomic
    from refleks.journal.json_io import iter_json

    chunks: Iterable[str]
    if fmt == "json":
        chunks = iter_json([], moments)
    elif fmt == "html":
        from refleks.journal.html import render_html

        chunks = render_html([], t, lang, moments=moments)
    else:
        from itertools import chain

        from refleks.journal.markdown_text import heading
        from refleks.journal.moments_text import render_moments

        chunks = chain([heading(1, t("journal.md.title")) + "\n"], render_moments(moments, t))
    write_atomic(path, chunks, overwrite=overwrite)
    return len(moments)
