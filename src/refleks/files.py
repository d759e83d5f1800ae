"""Writing private files safely: atomic, owner-only, never replacing what exists unasked.

Every file refleks writes holds a practitioner's reflections or settings, so all of them
go through here: written to a temporary file beside the target, flushed to disk, then
renamed into place, so a kill or a full disk never leaves a half-written file. The
temporary names carry ``TEMP_MARK`` so that stale ones can be recognised and removed.

Errors are the standard ``OSError`` family (``FileExistsError``, ``IsADirectoryError``,
``FileNotFoundError`` for a missing folder …); callers turn them into messages.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700
TEMP_MARK = "refleks-tmp"
# ``.<target>.<pid>.refleks-tmp``, and what SQLite adds beside a database it writes there.
_TEMP_NAME = re.compile(rf"^\..+\.(\d+)\.{TEMP_MARK}(-journal|-wal|-shm)?$")


class NotRegularFileError(OSError):
    """The path is a device, a FIFO or a socket: refleks only writes regular files."""


class HeldOpenError(PermissionError):
    """Replacing a file failed for ``REPLACE_WAITS`` with a permission error: another
    program (an antivirus scanner, a sync client, an editor) holds it or the new file
    open. A ``PermissionError``, so whoever catches that still does."""


def read_small_regular(path: Path, most: int = 16 * 1024 * 1024) -> bytes:
    """The bytes of a regular file of at most ``most`` bytes; else ``OSError``.

    For the caches refleks keeps for itself (the interface text, the content): opened
    without blocking and checked before reading, so a FIFO or a device put in the
    cache folder can neither hang the start nor fill the memory.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > most:
            raise OSError(f"{path}: not a cache file")
        data = handle.read(most + 1)
    if len(data) > most:
        raise OSError(f"{path}: not a cache file")
    return data


def restrict(path: Path, mode: int) -> None:
    """Take away from ``path`` every permission bit not in ``mode`` (0600 / 0700).

    Mode bits mean nothing on Windows (its ACLs already keep a user's profile
    private), so nothing is done there. A file that is not ours to change (another
    owner, read-only media) is left as it is.
    """
    if sys.platform == "win32":
        return
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & ~mode:
            os.chmod(path, current & mode)
    except OSError:
        pass


def temp_path(target: Path) -> Path:
    """``.journal.sqlite3.1234.refleks-tmp`` beside ``target``: recognisably ours."""
    return target.with_name(f".{target.name}.{os.getpid()}.{TEMP_MARK}")


def check_target(path: Path, *, overwrite: bool) -> None:
    """Refuse a missing folder, a folder, anything but a regular file (a device, a
    FIFO: ``--force`` must never replace ``/dev/null``), and (without ``overwrite``)
    an existing file."""
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:  # a symlink loop, no permission
        raise NotRegularFileError(exc.errno, exc.strerror, str(path)) from exc
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
    if not overwrite:
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


@contextlib.contextmanager
def atomic_file(path: Path, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary owner-only path; on success it becomes ``path`` atomically.

    Use it when something else writes the file (SQLite's backup API); for plain
    bytes and text, ``write_bytes`` and ``write_text`` below are simpler.
    """
    path = Path(path)
    check_target(path, overwrite=overwrite)
    remove_stale_temp_files(path.parent)  # what a killed refleks left here before
    tmp = temp_path(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        _put_in_place(tmp, path, overwrite=overwrite)
    finally:
        # OSError: on Windows a scanner may still hold the temporary file; the error
        # that matters is the one already on its way (the file is removed next time)
        with contextlib.suppress(OSError):
            tmp.unlink()


# Replacing a file that another program holds open fails on Windows (and on an SMB
# share reached from Linux) with a permission error that passes within a moment: an
# antivirus scanner reading the new file, OneDrive or Dropbox syncing it, a colleague's
# editor. So a replace is tried again after these waits (1.5 s in all) before it fails.
REPLACE_WAITS = (0.05, 0.1, 0.25, 0.5, 0.6)


def replace_patiently(tmp: Path, path: Path) -> None:
    """``os.replace``, tried again while another program holds ``path`` or ``tmp`` (see
    ``REPLACE_WAITS``); then the last ``PermissionError`` as a ``HeldOpenError``."""
    for pause in REPLACE_WAITS:
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            time.sleep(pause)
    try:
        os.replace(tmp, path)
    except PermissionError as exc:
        raise HeldOpenError(exc.errno, exc.strerror, str(path)) from exc


def _put_in_place(tmp: Path, path: Path, *, overwrite: bool) -> None:
    if overwrite:
        replace_patiently(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if the name was taken meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        replace_patiently(tmp, path)


def write_with(path: Path, write: Callable[[BinaryIO], None], *,
               overwrite: bool = False) -> None:
    """Let ``write`` fill an open binary handle; the result lands at ``path`` atomically."""
    with atomic_file(path, overwrite=overwrite) as tmp, open(tmp, "wb") as handle:
        write(handle)


def write_bytes(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    write_text(path, (), overwrite=overwrite) if not data else write_with(
        path, lambda handle: _write_all(handle, data), overwrite=overwrite)


def _write_all(handle: BinaryIO, data: bytes) -> None:
    handle.write(data)


def write_text(path: Path, chunks: Iterable[str] | str, *, overwrite: bool = False) -> None:
    """Text as UTF-8 with ``\\n`` line ends, from one string or a stream of chunks."""

    def write(handle: BinaryIO) -> None:
        if isinstance(chunks, str):
            handle.write(chunks.encode("utf-8"))
            return
        for chunk in chunks:
            handle.write(chunk.encode("utf-8"))

    write_with(path, write, overwrite=overwrite)


def first_free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix``, ``stem-3.suffix`` … whichever is free."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove temporary files of ours that a killed process left in ``folder``.

    Only names carrying ``TEMP_MARK`` whose process is gone are removed, so a write
    that is under way in another refleks is never disturbed.
    """
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(f".*.{TEMP_MARK}*"))
    except OSError:
        return removed
    for candidate in candidates:
        match = _TEMP_NAME.match(candidate.name)
        if match is None or not candidate.is_file() or candidate.is_symlink():
            continue
        if _process_alive(int(match.group(1)), candidate):
            continue
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed.append(candidate)
    return removed


STALE_AFTER_SECONDS = 3600


def _process_alive(pid: int, tmp: Path) -> bool:
    """Whether the process that named ``tmp`` may still be writing it.

    On Windows ``os.kill`` would end the process, so there a file untouched for an
    hour is taken as stale instead.
    """
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        try:
            return time.time() - tmp.stat().st_mtime < STALE_AFTER_SECONDS
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
