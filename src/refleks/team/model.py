"""A team session as plain data: what the team chose, agreed and followed up.

Only what the team agreed is kept: the theme as it was shown, the team's focus
values with their actions (and a role, never a name, to bring each up next time),
key points if the facilitator typed any, and the follow-up of last time's actions.
Nothing here names or describes a person.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from refleks.journal.records import Checker
from refleks.team.errors import TeamLogError

FORMAT_VERSION = 1


def new_uid() -> str:
    return uuid.uuid4().hex


@dataclass
class ThemeRef:
    """The theme as it was shown: its id (``kind:id``) and its title and text then."""

    id: str
    kind: str
    title: str
    text: str = ""


@dataclass
class TeamFocus:
    value_id: str
    value_name: str
    action: str = ""
    role: str = ""  # who brings it up next time: a role, never a name


@dataclass
class TeamFollowUp:
    value_id: str
    value_name: str
    action: str
    text: str = ""  # how it went, in the team's words
    from_uid: str = ""
    keep: bool = False  # the team goes on with it: it is a development area again


@dataclass
class TeamSession:
    uid: str = field(default_factory=new_uid)
    lang: str = "nb"
    started_at: datetime | None = None
    completed_at: datetime | None = None
    minutes: int = 30
    theme: ThemeRef | None = None
    key_points: str = ""
    focus: list[TeamFocus] = field(default_factory=list)
    follow_ups: list[TeamFollowUp] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def has_content(self) -> bool:
        """Anything chosen or written: a draft without it is not worth resuming."""
        return bool(self.theme is not None or self.key_points.strip() or self.focus
                    or any(f.text.strip() or f.keep for f in self.follow_ups))

    @property
    def when(self) -> datetime | None:
        return self.completed_at or self.started_at

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("started_at", "completed_at"):
            moment = getattr(self, key)
            data[key] = moment.isoformat() if moment is not None else None
        return data

    @classmethod
    def from_dict(cls, data: object, where: str = "session") -> TeamSession:
        """Read one stored session, strictly: a value of the wrong kind raises a
        ``KeyedError`` whose ``where`` names it (``sessions[3].started_at``).

        A shared file may have been edited by anyone, so it is checked as an import is:
        a missing or ``null`` field takes its default, a field this refleks does not
        know (from a newer one) is left out, and every text comes back through
        ``visible`` (control characters as visible symbols, never terminal codes).
        """
        given = _Given.of(data, where)
        theme = None
        if given.has("theme"):
            in_theme = _Given.of(given.node["theme"], f"{where}.theme")
            theme = ThemeRef(in_theme.text("id"), in_theme.text("kind"),
                             in_theme.text("title"), in_theme.text("text"))
        minutes = given.node.get("minutes")
        if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int)):
            raise TeamLogError("problems.not_whole_number", where=f"{where}.minutes")
        return cls(
            uid=given.text("uid") or new_uid(),
            lang=given.text("lang") or "nb",
            started_at=given.moment("started_at"),
            completed_at=given.moment("completed_at"),
            minutes=minutes if minutes is not None else 30,
            theme=theme,
            key_points=given.text("key_points"),
            focus=given.items("focus", _focus),
            follow_ups=given.items("follow_ups", _follow_up),
        )


class _Given:
    """The fields present in one stored object, checked as they are read."""

    def __init__(self, ck: Checker, node: Mapping[str, Any], where: str) -> None:
        self.ck, self.node, self.where = ck, node, where

    @classmethod
    def of(cls, data: object, where: str) -> _Given:
        """``data`` as an object, any keys allowed (unknown ones are left out)."""
        ck = Checker()
        if not isinstance(data, dict):
            raise ck.fail("not_object", where)
        return cls(ck, data, where)

    def has(self, key: str) -> bool:
        return self.node.get(key) is not None

    def text(self, key: str) -> str:
        return str(self.ck.text(self.node, key, self.where)) if self.has(key) else ""

    def moment(self, key: str) -> datetime | None:
        return self.ck.when(self.node, key, self.where) if self.has(key) else None

    def items(self, key: str, build: Callable[[Any, str], Any]) -> list[Any]:
        return self.ck.items(self.node, key, self.where, build) if self.has(key) else []


def _focus(data: object, where: str) -> TeamFocus:
    given = _Given.of(data, where)
    return TeamFocus(given.text("value_id"), given.text("value_name"), given.text("action"),
                     given.text("role"))


def _follow_up(data: object, where: str) -> TeamFollowUp:
    given = _Given.of(data, where)
    keep = given.ck.boolean(given.node, "keep", where) if given.has("keep") else False
    return TeamFollowUp(given.text("value_id"), given.text("value_name"), given.text("action"),
                        given.text("text"), given.text("from_uid"), keep)
