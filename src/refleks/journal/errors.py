"""Journal errors that carry an interface-text key, so they speak the reader's language.

The store has no interface text of its own (it is plain Python, used by the CLI and
the TUI alike). Each error names a key under ``journal.errors.*`` in
``content/<lang>/ui/journal.yaml`` plus the values to fill in; the edge (the CLI, the
app) turns it into the one line a person reads with ``refleks.errors.message``.
"""

from __future__ import annotations

from pathlib import Path

from refleks.errors import KeyedError as _Keyed


class KeyedError(_Keyed):
    """An error whose text lives in ``journal.yaml`` under ``journal.<key>``."""

    namespace = "journal."


class JournalError(KeyedError):
    """The journal cannot be used as asked: damaged, foreign, newer, locked, conflicting.

    When this is raised the journal file has not been changed.
    """


class ConflictError(JournalError):
    """A check-in was changed by another refleks window since this copy was read."""


class NotFoundError(JournalError):
    """No check-in with that number or uid."""


class AmbiguousKeyError(KeyedError):
    """Digits typed to name a check-in are both its number and the start of another
    check-in's uid: which one was meant can't be known, so neither is taken."""

    exit_code = 2  # what was typed can't be used, as a usage error


class ImportFormatError(KeyedError):
    """A file given to ``import`` is not a valid refleks export. Nothing was written."""


def file_error(exc: OSError, path: Path) -> JournalError:
    """An ``OSError`` from writing ``path`` (see ``refleks.files``) → the message for it.

    ``files`` reports a missing folder, a folder in the way and a taken name with the
    standard exceptions; anything else (no permission, a full disk) could not create it.
    """
    from refleks.files import HeldOpenError, NotRegularFileError

    if isinstance(exc, NotRegularFileError):
        return JournalError("errors.not_regular", path=path)
    if isinstance(exc, HeldOpenError):
        return JournalError("errors.held_open", path=path, detail=exc.strerror or str(exc))
    if isinstance(exc, FileNotFoundError):
        return JournalError("errors.no_folder", path=path.parent)
    if isinstance(exc, IsADirectoryError):
        return JournalError("errors.is_folder", path=path)
    if isinstance(exc, FileExistsError):
        return JournalError("errors.exists", path=path)
    return JournalError("errors.cannot_create", path=path, detail=exc.strerror or str(exc))
