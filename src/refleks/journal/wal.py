"""Reading a journal's ``-wal`` file ourselves, before SQLite is allowed to recover it.

After a kill, the newest words of a journal can live only in its write-ahead log. When
SQLite opens the journal it replays that log up to the first frame that fails its
checksum and silently forgets everything after it — and when the log is damaged in its
first frames, the journal looks new and would be set up afresh over it. So before a
journal is opened, this module walks the log as SQLite's file format describes it
(https://www.sqlite.org/fileformat2.html#walformat) and tells whether recovery would
keep everything or stop early. Nothing here writes.

A log is a 32-byte header (magic, format, page size, checkpoint number, two salts, a
checksum of the first 24 bytes), then frames: a 24-byte frame header (page number,
the database size after a commit frame or 0, the two salts, two checksums) and one page.
The checksums are cumulative: each frame's covers its first 8 header bytes and its page,
continuing from the previous frame's. Frames with other salts are leftovers from before
the log was last restarted, which is normal and not damage.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from refleks.files import NotRegularFileError

WAL_MAGIC = 0x377F0682  # | 1: checksums in big-endian words
WAL_HEADER = 32
FRAME_HEADER = 24
MAX_PAGE_SIZE = 65536
SHM_VERSION = 3007000


@dataclass(frozen=True)
class WalState:
    """What a ``-wal`` file holds. ``damaged``: recovery would lose something in it."""

    size: int = 0
    frames: int = 0  # frames SQLite would replay (up to the last valid commit)
    damaged: bool = False

    @property
    def empty(self) -> bool:
        return self.size == 0


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def _checksum(data: bytes, big_endian: bool, s0: int, s1: int) -> tuple[int, int]:
    """SQLite's WAL checksum of ``data``, continuing from ``(s0, s1)``."""
    count = len(data) // 4
    words = struct.unpack(f"{'>' if big_endian else '<'}{count}I", data[:count * 4])
    for i in range(0, count - 1, 2):
        s0 = (s0 + words[i] + s1) & MASK
        s1 = (s1 + words[i + 1] + s0) & MASK
    return s0, s1


MASK = 0xFFFFFFFF


def read_wal(path: Path) -> WalState:
    """Walk the ``-wal`` beside the journal at ``path`` (``OSError`` if unreadable).

    A log whose header is not a valid log header but which is not empty is damaged
    (SQLite would ignore and then delete it); so is one where a frame of the current
    log generation follows one that fails its checksum. (A damaged very last frame
    cannot be told from a torn write of an unfinished transaction; SQLite drops both.)
    """
    try:
        with _open_regular(wal_path(path)) as handle:
            return _walk(handle)
    except FileNotFoundError:
        return WalState()


def _open_regular(path: Path) -> BinaryIO:
    """``path`` opened to read, without blocking; ``NotRegularFileError`` for a FIFO or
    a device put where SQLite keeps its log or index."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFileError(errno.EINVAL, "not a regular file", str(path))
    return os.fdopen(fd, "rb")


def _walk(handle: BinaryIO) -> WalState:
    header = handle.read(WAL_HEADER)
    size = len(header) + _rest_size(handle)
    if size == 0:
        return WalState()
    if len(header) < WAL_HEADER:
        return WalState(size, damaged=True)
    magic, _version, page_size, _ckpt, salt1, salt2, c1, c2 = struct.unpack(
        ">8I", header)
    if magic & 0xFFFFFFFE != WAL_MAGIC or not _valid_page_size(page_size):
        return WalState(size, damaged=True)
    big = bool(magic & 1)
    s0, s1 = _checksum(header[:24], big, 0, 0)
    if (s0, s1) != (c1, c2):
        return WalState(size, damaged=True)
    handle.seek(WAL_HEADER)
    frames = committed = 0
    failed = False
    while True:
        frame = handle.read(FRAME_HEADER + page_size)
        if len(frame) < FRAME_HEADER + page_size:
            # The end. Neither a torn last frame (a kill mid-write), nor frames failing
            # their checksum with nothing of this log after them (the same torn write),
            # nor an older generation's leftovers behind the current one (every restart
            # after a checkpoint leaves them) lose anything recovery would keep.
            return WalState(size, committed)
        _page, db_size, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(">6I", frame[:24])
        ours = (f_salt1, f_salt2) == (salt1, salt2)
        if failed:
            if ours:  # a frame of this log after a failing one: something was lost
                return WalState(size, committed, damaged=True)
            continue
        if not ours:
            failed = True  # leftovers from an older generation follow; keep looking
            continue
        n0, n1 = _checksum(frame[:8], big, s0, s1)
        n0, n1 = _checksum(frame[FRAME_HEADER:], big, n0, n1)
        if (n0, n1) != (f_c1, f_c2):
            # Damage, unless nothing of this log follows: a kill between writing a
            # frame's header and its page leaves exactly that, uncommitted.
            failed = True
            continue
        s0, s1 = n0, n1
        frames += 1
        if db_size:
            committed = frames


def _rest_size(handle: BinaryIO) -> int:
    return max(0, os.fstat(handle.fileno()).st_size - WAL_HEADER)


def _valid_page_size(size: int) -> bool:
    return 512 <= size <= MAX_PAGE_SIZE and size & (size - 1) == 0


def log_size(path: Path) -> int:
    """Bytes in the ``-wal`` beside the journal (0 if there is none)."""
    try:
        return os.stat(wal_path(path)).st_size
    except FileNotFoundError:
        return 0


def open_elsewhere(path: Path) -> bool:
    """Whether another process has the journal open now (Linux; elsewhere ``False``).

    Every SQLite connection holds a read lock on byte 128 of the ``-shm`` (its "DMS"
    lock) for as long as it is open, and only the first one recovers the ``-wal``.
    While another process holds it, its index of the log is what counts and nothing
    is recovered, so the log need not be walked (which costs ~0.3 ms a page).
    """
    if not sys.platform.startswith("linux"):
        return False
    import fcntl

    try:
        fd = os.open(shm_path(path), os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        query = struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, 128, 1, 0)
        answer = fcntl.fcntl(fd, fcntl.F_GETLK, query)
        return bool(struct.unpack("hhqqi", answer)[0] != fcntl.F_UNLCK)
    except OSError:
        return False
    finally:
        os.close(fd)


def foreign_shm(path: Path) -> bool:
    """A ``-shm`` beside the journal that is not a WAL index SQLite made (random bytes).

    SQLite would overwrite and then delete it; it is copied aside first instead.
    """
    try:
        with _open_regular(shm_path(path)) as handle:
            head = handle.read(4)
    except FileNotFoundError:
        return False
    if not head:
        return False
    return SHM_VERSION not in (struct.unpack("<I", head.ljust(4, b"\0"))[0],
                               struct.unpack(">I", head.ljust(4, b"\0"))[0])
