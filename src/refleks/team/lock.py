"""The lock beside a team log: one writer at a time, on a shared folder, across machines.

A share does two things reliably: it creates a file exclusively (``O_EXCL``) and it
renames a file over another. The lock is ``team-log.json.lock``, created exclusively
and removed after the write. No clock decides that a lock was left by a crash: the
machines sharing a folder may disagree by minutes or days, and a file's time on a share
is the server's. The holder counts a heartbeat up in its lock at every step
(``LogLock.beat``); a waiter breaks a lock only when it has watched it stay the same
for ``LOCK_STALE_SECONDS`` on its own monotonic clock, or when it names a process on
this machine that is gone.

Kept apart from ``store`` (the log's document, its draft and its sessions) because it
is a concept of its own with its own rules; ``store.TeamLog`` holds one and asks it
whether it still holds the lock just before it replaces the log.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from refleks.team.errors import TeamLogBusy, TeamLogError, write_error
from refleks.team.model import new_uid

LOCK_WAIT_SECONDS = 5.0
# A lock seen unchanged this long, on the waiter's own clock, was left by a crash. A
# holder counts its heartbeat up between steps that each take milliseconds.
LOCK_STALE_SECONDS = 15.0


def machine() -> str:
    """This machine, recognisable again without storing its name."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:12]


def pid_alive(pid: int) -> bool | None:
    """Whether process ``pid`` on this machine runs; ``None`` where that cannot be asked
    safely (on Windows ``os.kill`` would end the process: the heartbeat decides there)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@dataclass
class _HeldLock:
    """The lock this process holds: its open file, its token, its heartbeat count."""

    fd: int
    token: str
    beats: int = 0


class LogLock:
    """The lock file at ``path``, guarding the log at ``log_path`` (named in errors)."""

    def __init__(self, path: Path, log_path: Path) -> None:
        self.path = path
        self.log_path = log_path
        self._held: _HeldLock | None = None
        self._seen: tuple[object, float] | None = None  # a waiter's watch on a lock

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock file while reading, checking and writing; one writer at a time."""
        held = self._take()
        self._held = held
        try:
            yield
        finally:
            self._held = None
            with contextlib.suppress(OSError):
                os.close(held.fd)
            if self._token() == held.token:  # a broken and retaken lock is theirs
                with contextlib.suppress(OSError):
                    self.path.unlink()

    def is_ours(self) -> bool:
        """Whether this process holds the lock and its file is still the one it made
        (a waiter elsewhere may have broken it, wrongly, while this write went on)."""
        held = self._held
        return held is not None and self._token() == held.token

    def beat(self) -> None:
        """Show the waiters that this write is moving: the lock's record changes."""
        held = self._held
        if held is None:
            return
        held.beats += 1
        with contextlib.suppress(OSError):  # a waiter then waits a little longer
            self._write_record(held)

    def _take(self) -> _HeldLock:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        while True:
            try:
                fd = os.open(self.path, flags, 0o600)
            except FileExistsError:
                if self.is_stale():
                    with contextlib.suppress(OSError):
                        self.path.unlink()
                    self._seen = None
                    continue
                if time.monotonic() > deadline:
                    raise TeamLogBusy("locked", path=self.path) from None
                time.sleep(0.05)
                continue
            except FileNotFoundError as exc:
                raise TeamLogError("no_folder", path=self.log_path.parent) from exc
            except PermissionError as exc:
                # Windows refuses to create a name whose old file is still being removed
                if sys.platform == "win32" and time.monotonic() <= deadline:
                    time.sleep(0.05)
                    continue
                raise write_error(exc, self.log_path) from exc
            except OSError as exc:
                raise write_error(exc, self.log_path) from exc
            held = _HeldLock(fd, new_uid())
            try:
                self._write_record(held)
            except OSError as exc:  # a full disk: nothing of it is left, not even the fd
                os.close(fd)
                with contextlib.suppress(OSError):
                    self.path.unlink()
                raise write_error(exc, self.log_path) from exc
            return held

    def _write_record(self, held: _HeldLock) -> None:
        """Who holds the lock, and a count that goes up at every step (``beat``)."""
        record = json.dumps({"token": held.token, "pid": os.getpid(), "machine": machine(),
                             "beat": held.beats}).encode()
        os.lseek(held.fd, 0, os.SEEK_SET)
        os.write(held.fd, record)
        os.ftruncate(held.fd, len(record))

    def _peek(self) -> tuple[object, dict[str, Any]] | None:
        """The lock as a waiter sees it: something that changes whenever its holder
        beats (never a time: only whether it changed), and its record; ``None``: gone."""
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            raw = os.read(fd, 4096)
        except OSError:
            return None
        finally:
            os.close(fd)
        try:
            record = json.loads(raw)
        except ValueError:
            record = {}
        seen = (info.st_ino, info.st_size, info.st_mtime_ns, raw)
        return seen, record if isinstance(record, dict) else {}

    def _token(self) -> object:
        peeked = self._peek()
        return peeked[1].get("token") if peeked is not None else None

    def is_stale(self) -> bool:
        """Whether the lock was left by a crash: its process on this machine is gone, or
        it has not changed for ``LOCK_STALE_SECONDS`` while this waiter watched (counted
        on this machine's monotonic clock, across calls: another machine's clock and the
        file's time on the share never decide)."""
        peeked = self._peek()
        if peeked is None:
            return False  # gone meanwhile: simply try again
        seen, record = peeked
        pid = record.get("pid")
        if (record.get("machine") == machine() and isinstance(pid, int)
                and pid != os.getpid() and pid_alive(pid) is False):
            return True
        now = time.monotonic()
        if self._seen is None or self._seen[0] != seen:
            self._seen = (seen, now)
            return False
        return now - self._seen[1] > LOCK_STALE_SECONDS
