"""Exports for the team: only the parts of a check-in the practitioner chose to share.

001's step "share in the team" asks for concrete examples, not private notes: a
practitioner ticks what goes out (say, focus values and actions) and everything else
stays in the journal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from refleks.journal.codec import CHECKIN
from refleks.journal.model import CheckIn
from refleks.journal.records import ALWAYS

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.journal.moments import Moment

# In the order they are offered; the first two are ticked by default.
PARTS = ("focus", "method", "follow_ups", "chime", "answers", "notes")
DEFAULT_PARTS = frozenset({"focus", "method"})

# What a team export may hold of a stored check-in, field by field: ALWAYS, NEVER, or
# the part (of PARTS) that must be ticked; decided in the one declaration of a check-in
# (``codec.CHECKIN``). An allow-list: ``redact`` builds a new check-in from these fields
# alone, so a field added to ``CheckIn`` later goes to no team until someone decides
# there (``tests/test_sharing.py`` fails until then).
TEAM_MAY_SEE: dict[str, str] = {f.name: f.team for f in CHECKIN.fields if f.team is not None}


def redact(checkin: CheckIn, parts: Iterable[str]) -> CheckIn:
    """A new check-in holding only ``parts`` (plus what says which check-in it is).

    Built from the allowed fields alone (``TEAM_MAY_SEE``); every other field keeps the
    default of a new check-in. Lists are copied, so the original stays untouched.
    """
    keep = set(parts)
    unknown = keep - set(PARTS)
    if unknown:
        raise ValueError(f"unknown parts: {', '.join(sorted(unknown))}")
    allowed = {name for name, decision in TEAM_MAY_SEE.items()
               if decision == ALWAYS or decision in keep}
    values: dict[str, Any] = {}
    for name in allowed:
        value = getattr(checkin, name)
        values[name] = list(value) if isinstance(value, list) else value
    return CheckIn(**values)


def redact_all(checkins: Iterable[CheckIn], parts: Iterable[str]) -> Iterator[CheckIn]:
    chosen = frozenset(parts)
    for checkin in checkins:
        yield redact(checkin, chosen)


def export_checkins(path: Path, checkins: Iterable[CheckIn], fmt: str, t: Strings, lang: str,
                    *, parts: Iterable[str] | None = None, overwrite: bool = False,
                    moments: Iterable[Moment] = (), content: Content | None = None) -> int:
    """Write ``checkins`` to ``path`` (atomically, owner-only); returns how many went out.

    With ``parts`` only those parts of each check-in are written (an export for the
    team), and no moments; a format that is not ``readable`` (JSON) is always the whole
    record, since it is for moving a journal, not for showing it.
    """
    from refleks.journal.export import write_atomic
    from refleks.journal.formats import named
    from refleks.journal.json_io import Counted

    export_format = named(fmt)
    source = Counted(checkins)
    chosen: Iterable[CheckIn] = source
    if parts is not None:
        moments = ()
        if export_format.readable:
            chosen = redact_all(source, parts)
    write_atomic(path, export_format.from_checkins(chosen, t, lang, moments, content),
                 overwrite=overwrite)
    return source.count


def export_moments(path: Path, moments: list[Moment], fmt: str, t: Strings, lang: str,
                   *, overwrite: bool = False, content: Content | None = None) -> int:
    """Write only ``moments`` (chosen in the moments list) to ``path``; returns how many.

    For the hour before supervision: the telling moments of a month, without the
    weekly check-ins around them, in the same Markdown, HTML or JSON as a full export.
    """
    from refleks.journal.export import write_atomic
    from refleks.journal.formats import named

    export_format = named(fmt)
    write_atomic(path, export_format.from_moments(moments, t, lang, content),
                 overwrite=overwrite)
    return len(moments)
