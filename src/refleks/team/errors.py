"""Team log errors carry an interface-text key (``team.errors.*``), like the journal's.

The store speaks no language of its own; ``refleks.errors.message`` gives the one line a person
reads, in the CLI and in the app alike.
"""

from __future__ import annotations

from refleks.errors import KeyedError


class TeamLogError(KeyedError):
    """The team log cannot be used as asked. When raised, no file has been changed."""

    namespace = "team.errors."


class TeamLogBusy(TeamLogError):
    """Someone else is running a team session on this log right now."""


class TeamLogConflict(TeamLogError):
    """The log changed since this copy was read: nothing was written."""

    def __init__(self, key: str, /, *, revision: int, **params: object) -> None:
        super().__init__(key, **params)
        self.revision = revision
