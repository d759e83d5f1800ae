"""Exports out of the journal and imports into it, for callers that want one import.

Markdown rendering lives in ``markdown``, the JSON format in ``json_io``; this module
writes either to a file (``write_atomic``) and names the lot, so the command line, the
app and team sharing ask one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from refleks import files
from refleks.journal.errors import file_error
from refleks.journal.json_io import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Counted,
    import_json,
    iter_json,
    iter_json_objects,
    read_export,
    write_json,
)
from refleks.journal.markdown import render_checkin, render_markdown

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Counted",
    "import_json",
    "iter_json",
    "iter_json_objects",
    "read_export",
    "render_checkin",
    "render_markdown",
    "write_atomic",
    "write_json",
]


def write_atomic(path: Path, chunks: Iterable[str], *, overwrite: bool = False) -> None:
    """Write an export (Markdown or JSON) to ``path``: owner-only, never half-written.

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
