"""Team log errors carry an interface-text key (``team.errors.*``), like the journal's.

The store speaks no language of its own; ``refleks.errors.message`` gives the one line a person
reads, in the CLI and in the app alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.errors import KeyedError

if TYPE_CHECKING:
    from pathlib import Path

    from refleks.languages import Speaker


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


class TeamLogDamaged(TeamLogError):
    """The team log or its draft is not in the shape refleks wrote it: ``problem`` says
    what and where (its own keyed error), and its words go inside this one's."""

    def __init__(self, key: str, /, *, path: object, problem: KeyedError) -> None:
        super().__init__(key, path=path, problem=problem)
        self.problem = problem

    def render(self, t: Speaker) -> str:
        return t(f"{self.namespace}{self.key}", path=self.params["path"],
                 problem=self.problem.render(t))


def write_error(exc: OSError, path: Path, *, held_open: bool = False) -> TeamLogError:
    """An ``OSError`` writing into the shared folder → the words for it. A replace
    refused after ``files`` tried again for a while is another program holding the
    file open (an antivirus scanner, OneDrive, a colleague)."""
    reason = exc.strerror or str(exc)
    if held_open:
        return TeamLogError("held_open", path=path, reason=reason)
    return TeamLogError("unwritable", path=path, reason=reason)
