"""A team session as plain data: what the team chose, agreed and followed up.

Only what the team agreed is kept: the theme as it was shown, the team's focus
values with their actions (and a role, never a name, to bring each up next time),
key points if the facilitator typed any, and the follow-up of last time's actions.
Nothing here names or describes a person.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from refleks.safe_text import visible

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
    def from_dict(cls, data: dict[str, Any]) -> TeamSession:
        """Read one stored session; unknown keys (from a newer refleks) are left out."""

        def moment(value: object) -> datetime | None:
            return datetime.fromisoformat(value) if isinstance(value, str) else None

        def text(key: str, source: dict[str, Any] = data) -> str:
            """A stored text as data: a shared file may have been edited by anyone, so
            control characters come back as visible symbols, never as terminal codes."""
            value = source.get(key, "")
            return visible(value) if isinstance(value, str) else ""

        theme_data = data.get("theme")
        theme = None
        if isinstance(theme_data, dict):
            theme = ThemeRef(text("id", theme_data), text("kind", theme_data),
                             text("title", theme_data), text("text", theme_data))
        minutes = data.get("minutes", 30)
        return cls(
            uid=text("uid") or new_uid(),
            lang=text("lang") or "nb",
            started_at=moment(data.get("started_at")),
            completed_at=moment(data.get("completed_at")),
            minutes=minutes if isinstance(minutes, int) else 30,
            theme=theme,
            key_points=text("key_points"),
            focus=[TeamFocus(text("value_id", f), text("value_name", f), text("action", f),
                             text("role", f))
                   for f in data.get("focus", []) if isinstance(f, dict)],
            follow_ups=[TeamFollowUp(text("value_id", f), text("value_name", f),
                                     text("action", f), text("text", f), text("from_uid", f),
                                     f.get("keep") is True)
                        for f in data.get("follow_ups", []) if isinstance(f, dict)],
        )
