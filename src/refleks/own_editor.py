"""A long answer written in the person's own editor: ``$VISUAL``, else ``$EDITOR``.

Some write best in the editor they know (with its spelling, its keys, a screen reader
they have set up for it), as jrnl lets them. The text goes out in a file and comes back
from it, and the file holds a reflection: it is made owner-only (0600) in a folder of
its own that only the owner can open (0700), in ``$XDG_RUNTIME_DIR`` where there is one
(memory, not disk, on most Linux systems), and it is removed as soon as the editor
closes, whatever happened. An encrypted journal's text is plain in that file while the
editor has it: the app and the plain dialogue say so before they open it.

Used by the app's answer fields (``tui/widgets/editor.py``) and by ``refleks --plain``;
nothing here knows of a terminal: the app gives the terminal away around ``edit``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from refleks.errors import KeyedError
from refleks.files import OWNER_ONLY

EDITOR_VARIABLES = ("VISUAL", "EDITOR")
FILE_NAME = "refleks-answer.txt"  # an editor that knows .txt wraps and spells as for prose


class EditorError(KeyedError):
    """The own editor could not be used: none set, not found, or it failed."""

    namespace = "editor."


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor's command as its words (``code --wait`` is two), from ``$VISUAL`` or
    ``$EDITOR``; ``EditorError("not_set")``, naming the variables, when neither is set."""
    environ = os.environ if environ is None else environ
    for name in EDITOR_VARIABLES:
        value = environ.get(name, "").strip()
        if value:
            words = shlex.split(value, posix=sys.platform != "win32")
            if words:
                return words
    raise EditorError("not_set", variables=" / ".join(f"${name}" for name in EDITOR_VARIABLES))


def _private_folder() -> Path:
    """A new folder only the owner can open: in ``$XDG_RUNTIME_DIR`` if there is one
    (``mkdtemp`` makes it 0700 in either place)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    base = runtime if runtime and os.path.isdir(runtime) else None
    return Path(tempfile.mkdtemp(prefix="refleks-", dir=base))


def edit(text: str, *, environ: Mapping[str, str] | None = None,
         run: Callable[[Sequence[str]], int] | None = None) -> str:
    """``text`` as it is after the person's editor has had it.

    ``run`` runs the command and gives its exit code (the app passes one that runs it
    with the terminal given away; the default runs it as it is). The file and its
    folder are removed afterwards, also when the editor fails. A line break the editor
    added at the very end (most do) is taken away again, so an unchanged answer comes
    back unchanged.
    """
    command = editor_command(environ)
    folder = _private_folder()
    path = folder / FILE_NAME
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
        with open(descriptor, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        try:
            code = (run or _run)([*command, str(path)])
        except OSError as exc:  # not found, not executable
            raise EditorError("not_found", editor=command[0]) from exc
        if code != 0:
            raise EditorError("failed", editor=command[0], code=code)
        try:
            edited = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:  # the editor removed or renamed it
            raise EditorError("gone", editor=command[0]) from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for ending in ("\r\n", "\n"):
        if edited.endswith(ending) and not text.endswith(ending):
            return edited[: -len(ending)]
    return edited


def _run(command: Sequence[str]) -> int:
    return subprocess.run(list(command), check=False).returncode
