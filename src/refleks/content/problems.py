"""What is wrong with a content folder, said with ``file:line:column`` in the reader's language.

Problems are values, collected rather than raised, so a content editor fixes a folder in
one pass instead of one error at a time. The wording comes from ``ui/content_check.yaml``
in the language of whoever runs the check (``speaking``), not the language being checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from refleks.content.ui import Strings, load_strings
from refleks.errors import RefleksError
from refleks.languages import locale_language
from refleks.safe_text import visible

_SPEAKER: ContextVar[Strings | None] = ContextVar("content_check_strings", default=None)


def say(problem: str, /, **values: object) -> str:
    """A problem described in the interface language of this check."""
    t = _SPEAKER.get()
    if t is None:
        t = load_strings(locale_language())
    return t(f"content_check.{problem}", **values)


@contextmanager
def speaking(t: Strings | None) -> Iterator[None]:
    """Word every problem found inside the block in ``t``'s language."""
    token = _SPEAKER.set(t)
    try:
        yield
    finally:
        _SPEAKER.reset(token)


Position = tuple[str, int, int]  # display path, line, column (1-based)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    # The whole file could not be read: said first, since what follows may stem from it.
    fatal: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        # The message may quote the file (an unknown key, a source id) and the path
        # may be a file's own name: both are the folder's text, shown, never obeyed.
        return visible(f"{self.path}:{self.line}:{self.column}: {self.message}")


class ContentError(RefleksError):
    """The content folder has problems; ``str()`` lists every one, a line each."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = in_order(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once; a file that could not be read at all before anything else."""
    return sorted(set(problems), key=lambda p: (not p.fatal, p))


def display(path: Path, base: Path) -> str:
    """``content/nb/areas.yaml``: short enough to read, precise enough to open."""
    try:
        return str(path.relative_to(base.parent))
    except ValueError:
        return str(path)
