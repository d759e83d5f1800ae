"""Where the journal lives, and what is said about it once: a folder a cloud client syncs.

OneDrive, Dropbox, iCloud Drive and Google Drive copy a file whenever it changes. A
journal there can be copied in the middle of a write (the copy, or the ``-wal`` beside
it, then belongs to no consistent moment), two computers' copies end in a "conflicted
copy" that neither refleks sees, and the reflections leave the computer. refleks still
opens it (it is the person's choice, and the workplace may have redirected the folder),
but says so once for each journal path, naming the service and a better place: the
paths already told about are kept in a small file in refleks' own data folder
(``TOLD_FILE``), not in the config, which a person edits.

``synced.synced_by`` tells the service from the path alone (the real path, so a link
into a synced folder counts too).
"""

from __future__ import annotations

import os
from pathlib import Path

from refleks import files, paths
from refleks.journal.errors import JournalError
from refleks.synced import synced_by

TOLD_FILE = "told-synced.txt"  # one real journal path a line


def synced_notice(journal_path: Path) -> list[JournalError]:
    """The notice for a journal in a synced folder, the first time this path is opened;
    otherwise nothing. Remembering is best effort: if it cannot be written, the notice
    comes again next time rather than never."""
    real = Path(os.path.realpath(journal_path))
    service = synced_by(real.parent)
    if service is None:
        return []
    told_file = paths.data_dir() / TOLD_FILE
    told = _read_lines(told_file)
    if str(real) in told:
        return []
    better = paths.own_journal_path()
    if synced_by(Path(os.path.realpath(better)).parent) is not None:
        better = Path.home() / "refleks" / "journal.sqlite3"
    try:
        told_file.parent.mkdir(parents=True, exist_ok=True, mode=files.OWNER_ONLY_FOLDER)
        files.write_text(told_file, "".join(f"{line}\n" for line in [*told, str(real)]),
                         overwrite=True)
    except OSError:
        pass
    return [JournalError("errors.synced_folder", path=journal_path, service=service,
                         better=better)]


def _read_lines(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    except (OSError, UnicodeDecodeError):
        return []
