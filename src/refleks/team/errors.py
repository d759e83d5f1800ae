"""Team log errors carry an interface-text key (``team.errors.*``), like the journal's.

The store speaks no language of its own; ``render(t)`` gives the one line a person
reads, in the CLI and in the app alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.errors import RefleksError

if TYPE_CHECKING:
    from refleks.content.ui import Strings


class TeamLogError(RefleksError):
    """The team log cannot be used as asked. When raised, no file has been changed."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def render(self, t: Strings) -> str:
        return t(f"team.errors.{self.key}", **self.params)

    def __str__(self) -> str:
        try:
            from refleks.content.ui import load_strings
            from refleks.settings import locale_language

            return self.render(load_strings(locale_language()))
        except Exception:  # an error message must never raise
            return self.key


class TeamLogBusy(TeamLogError):
    """Someone else is running a team session on this log right now."""


class TeamLogConflict(TeamLogError):
    """The log changed since this copy was read: nothing was written."""

    def __init__(self, key: str, /, *, revision: int, **params: object) -> None:
        super().__init__(key, **params)
        self.revision = revision
