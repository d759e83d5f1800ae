"""Journal errors that carry an interface-text key, so they speak the reader's language.

The store has no interface text of its own (it is plain Python, used by the CLI and
the TUI alike). Each error names a key under ``journal.errors.*`` in
``content/<lang>/ui/journal.yaml`` plus the values to fill in; ``render(t)`` turns it
into the one line a person reads. ``str()`` renders it with the default language, so
even an error nobody caught reads as a sentence, not a key.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from refleks.errors import RefleksError

if TYPE_CHECKING:
    from refleks.content.ui import Strings


class KeyedError(RefleksError):
    """An error whose text lives in ``journal.yaml`` under ``journal.<key>``."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def render(self, t: Strings) -> str:
        return t(f"journal.{self.key}", **self.params)

    def __str__(self) -> str:
        try:
            return self.render(_default_strings())
        except Exception:  # an error message must never raise
            details = ", ".join(f"{k}={v}" for k, v in self.params.items())
            return f"{self.key} ({details})" if details else self.key


class JournalError(KeyedError):
    """The journal cannot be used as asked: damaged, foreign, newer, locked, conflicting.

    When this is raised the journal file has not been changed.
    """


class ConflictError(JournalError):
    """A check-in was changed by another refleks window since this copy was read."""


class NotFoundError(JournalError):
    """No check-in with that number or uid."""


class ImportFormatError(KeyedError):
    """A file given to ``import`` is not a valid refleks export. Nothing was written."""


def file_error(exc: OSError, path: Path) -> JournalError:
    """An ``OSError`` from writing ``path`` (see ``refleks.files``) → the message for it.

    ``files`` reports a missing folder, a folder in the way and a taken name with the
    standard exceptions; anything else (no permission, a full disk) could not create it.
    """
    from refleks.files import NotRegularFileError

    if isinstance(exc, NotRegularFileError):
        return JournalError("errors.not_regular", path=path)
    if isinstance(exc, FileNotFoundError):
        return JournalError("errors.no_folder", path=path.parent)
    if isinstance(exc, IsADirectoryError):
        return JournalError("errors.is_folder", path=path)
    if isinstance(exc, FileExistsError):
        return JournalError("errors.exists", path=path)
    return JournalError("errors.cannot_create", path=path, detail=exc.strerror or str(exc))


def _default_strings() -> Strings:
    from refleks.content.ui import load_strings
    from refleks.paths import config_path
    from refleks.settings import load_settings, resolve_language

    try:
        settings = load_settings(config_path())
    except RefleksError:
        from refleks.settings import Settings

        settings = Settings()
    return load_strings(resolve_language(None, settings))
