"""Errors that reach the person at the keyboard as one clear line, never a traceback.

An error raised below the command line and the screens carries the key of its words
and the values to fill in (``KeyedError``); the words are chosen at the edge, in the
reader's language, with ``message(exc, t)``. Nothing here reads a file: an error's
``str()`` is for a log or a traceback, and never decides a language.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: ``refleks status`` imports this on every prompt
if TYPE_CHECKING:
    from refleks.languages import Speaker


class RefleksError(Exception):
    """A problem the user can act on. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(RefleksError):
    """A bad option or argument: exit 2, like argparse."""

    exit_code = 2


class KeyedError(RefleksError):
    """An error whose words are the interface text ``namespace + key``, filled in with
    ``params``. Subclasses name their namespace (``journal.``, ``team.errors.``)."""

    namespace = ""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def render(self, t: Speaker) -> str:
        return t(f"{self.namespace}{self.key}", **self.params)

    def __str__(self) -> str:
        details = ", ".join(f"{name}={value}" for name, value in self.params.items())
        return f"{self.namespace}{self.key} ({details})" if details else self.namespace + self.key


class ConfigError(KeyedError):
    """The config file cannot be used. It decides the language, so the edge words this
    in the locale's language (``cli.config_*``), after the file's path."""

    namespace = "cli.config_"

    def __init__(self, key: str, /, *, path: object, **params: object) -> None:
        super().__init__(key, **params)
        self.path = path

    def render(self, t: Speaker) -> str:
        return f"{self.path}: {super().render(t)}"


def message(exc: BaseException, t: Speaker) -> str:
    """The one line a person reads for ``exc``, in ``t``'s language."""
    return exc.render(t) if isinstance(exc, KeyedError) else str(exc)
