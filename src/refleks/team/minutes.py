"""The team log as meeting minutes in Markdown: date, theme, what was agreed.

Reuses the journal export's escaping (``refleks.journal.markdown_text``), so whatever a
facilitator typed as key points reads as typed and never becomes Markdown structure;
key points, one a line, are a list (the team's own ``- `` becomes the list's marker).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from refleks.dates import format_date
from refleks.journal.markdown_text import (
    block,
    emphasis,
    escape_inline,
    heading,
    points,
    written_as_points,
)
from refleks.team.model import TeamSession

if TYPE_CHECKING:
    from refleks.content.ui import Strings


def render_session(session: TeamSession, t: Strings, level: int = 2) -> str:
    """One session as a minutes section."""
    lines: list[str] = []
    when = session.when
    title = format_date(when, t) if when is not None else t("team.minutes.undated")
    if session.theme is not None:
        title = f"{title} · {session.theme.title}"
    lines += [heading(level, title), ""]
    if session.theme is not None:
        kind = t(f"team.kinds.{session.theme.kind}")
        lines += [emphasis(t("team.minutes.theme_line", kind=kind,
                             minutes=session.minutes)), ""]
    if session.follow_ups:
        lines += [heading(level + 1, t("team.minutes.follow_up")), ""]
        for follow_up in session.follow_ups:
            done = f" – {escape_inline(follow_up.action)}" if follow_up.action else ""
            item = [f"- **{escape_inline(follow_up.value_name)}**{done}"]
            if follow_up.keep:
                item.append(f"  {emphasis(t('team.minutes.kept'))}")
            lines.append("\\\n".join(item))  # a hard break, not one run-on paragraph
            if follow_up.text.strip():
                text = (points(follow_up.text, indent="  ")
                        if written_as_points(follow_up.text)
                        else block(follow_up.text, indent="  "))
                lines += ["", text, ""]
        lines.append("")
    if session.key_points.strip():
        lines += [heading(level + 1, t("team.minutes.key_points")), "",
                  points(session.key_points), ""]
    if session.focus:
        lines += [heading(level + 1, t("team.minutes.focus")), ""]
        for f in session.focus:
            action = escape_inline(f.action) if f.action.strip() else t("team.minutes.no_action")
            item = [f"- **{escape_inline(f.value_name)}** – {action}"]
            if f.role.strip():
                item.append(f"  {emphasis(t('team.minutes.role', role=f.role))}")
            lines.append("\\\n".join(item))
        lines.append("")
    return "\n".join(lines)


def render_minutes(sessions: Iterable[TeamSession], t: Strings) -> str:
    """The whole log, newest session first, under one title."""
    parts = [heading(1, t("team.minutes.title")), "",
             emphasis(t("team.minutes.about")), ""]
    ordered = sorted(sessions, key=lambda s: s.when.timestamp() if s.when else 0.0,
                     reverse=True)
    if not ordered:
        parts += [t("team.minutes.empty"), ""]
    parts += [render_session(s, t) for s in ordered]
    return "\n".join(parts).rstrip("\n") + "\n"
