"""Writing an export (Markdown, JSON or HTML) to a file: owner-only, never half-written.

What is written is made elsewhere — Markdown in ``markdown``, JSON in ``json_io``, the
supervision pack in ``html``; this module only puts it on disk, for the command line,
the app and team sharing alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from refleks import files
from refleks.journal.errors import file_error


def write_atomic(path: Path, chunks: Iterable[str], *, overwrite: bool = False) -> None:
    """Write an export to ``path``: owner-only, never half-written.

    It holds private reflections, so it goes through ``refleks.files``. Without
    ``overwrite`` an existing file is never replaced, even one that appears while
    writing. A missing folder, a folder in the way or a taken name raise the
    ``JournalError`` that says so.
    """
    path = Path(path)
    try:
        files.write_text(path, chunks, overwrite=overwrite)
    except OSError as exc:
        raise file_error(exc, path) from exc
