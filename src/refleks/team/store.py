"""The team log: one JSON document, written atomically, guarded by a lock file and a revision.

Why not SQLite (see docs/team-log.md): a team log lives in a shared folder, often an
SMB share opened from Windows. SQLite's WAL mode does not work there at all, and its
rollback-journal mode leans on byte-range locks that network file systems are known
to get wrong, which is how databases on shares get damaged. What every share does do
reliably is create a file exclusively (``O_EXCL``) and rename a file over another. So:

- the log is ``team-log.json`` with a ``revision`` that every write increases;
- a write takes ``team-log.json.lock`` (created exclusively, removed after; one older
  than ``LOCK_STALE_SECONDS`` was left by a crash and is broken), reads the document
  again, refuses with ``TeamLogConflict`` if its revision is not the one the writer
  read, and otherwise replaces the file atomically (``refleks.files``);
- a session under way keeps a draft beside it (``team-log.draft.json``) that names its
  owner (a random token, the process id and a hash of the machine's name, never the
  name itself) and a heartbeat; a second session on the same log is refused with
  ``TeamLogBusy`` while that owner is alive, and a killed session is resumed from it.

Nothing here imports a terminal library; the CLI and the app both use it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from refleks.files import write_text
from refleks.team.errors import TeamLogBusy, TeamLogConflict, TeamLogError
from refleks.team.model import FORMAT_VERSION, TeamSession, new_uid

FORMAT_NAME = "refleks-team-log"
LOCK_WAIT_SECONDS = 5.0
LOCK_STALE_SECONDS = 60.0
DRAFT_STALE = timedelta(minutes=10)  # a heartbeat older than this: the session was left
HEARTBEAT_SECONDS = 60.0


def machine() -> str:
    """This machine, recognisable again without storing its name."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:12]


def _pid_alive(pid: int) -> bool | None:
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
class LogState:
    """The log as read: its revision (0: no file yet) and its sessions, oldest first."""

    revision: int = 0
    sessions: list[TeamSession] = field(default_factory=list)

    @property
    def latest(self) -> TeamSession | None:
        return self.sessions[-1] if self.sessions else None


@dataclass
class Draft:
    """A session under way: the session, the step it is at, and the log it started from."""

    session: TeamSession
    step: str = ""
    log_revision: int = 0
    owner: dict[str, Any] = field(default_factory=dict)
    heartbeat: datetime | None = None


@dataclass
class Owner:
    """Who is running a session: a token per app, this process, this machine."""

    token: str = field(default_factory=new_uid)
    pid: int = field(default_factory=os.getpid)
    machine: str = field(default_factory=machine)

    def as_dict(self) -> dict[str, Any]:
        return {"token": self.token, "pid": self.pid, "machine": self.machine}


class TeamLog:
    """The team log at ``path`` and its lock and draft beside it."""

    def __init__(self, path: Path, *, now: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.draft_path = self.path.with_name(f"{self.path.stem}.draft.json")
        self._now = now or (lambda: datetime.now().astimezone())

    # -- reading --------------------------------------------------------------------------

    def read(self) -> LogState:
        """The log as it is now; a missing file is an empty log, a foreign one an error."""
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return LogState()
        except (OSError, UnicodeDecodeError) as exc:
            raise TeamLogError("unreadable", path=self.path, reason=exc) from exc
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise TeamLogError("not_a_log", path=self.path) from exc
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise TeamLogError("not_a_log", path=self.path)
        version = data.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise TeamLogError("newer", path=self.path)
        revision = data.get("revision", 0)
        sessions = [TeamSession.from_dict(s) for s in data.get("sessions", [])
                    if isinstance(s, dict)]
        sessions.sort(key=lambda s: s.when.timestamp() if s.when else 0.0)
        return LogState(revision if isinstance(revision, int) else 0, sessions)

    # -- writing --------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the lock file while reading, checking and writing; one writer at a time."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                self._break_stale_lock()
                if time.monotonic() > deadline:
                    raise TeamLogBusy("locked", path=self.lock_path) from None
                time.sleep(0.05)
                continue
            except FileNotFoundError as exc:
                raise TeamLogError("no_folder", path=self.path.parent) from exc
            except OSError as exc:
                raise TeamLogError("unwritable", path=self.path, reason=exc.strerror) from exc
            break
        try:
            os.write(fd, json.dumps({"pid": os.getpid(), "machine": machine(),
                                     "at": time.time()}).encode())
            os.close(fd)
            yield
        finally:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()

    def _break_stale_lock(self) -> None:
        """A lock left by a crash (older than the stale limit) is removed."""
        try:
            age = time.time() - self.lock_path.stat().st_mtime
        except OSError:
            return
        if age > LOCK_STALE_SECONDS:
            with contextlib.suppress(OSError):
                self.lock_path.unlink()

    def add_session(self, session: TeamSession, expected_revision: int) -> int:
        """Add (or replace, by uid) a completed session; returns the new revision.

        ``expected_revision`` is the revision the caller read: if the log has changed
        since, ``TeamLogConflict`` says so and nothing is written. The caller may read
        again and add the session to the newer log: it replaces nobody's work.
        """
        with self.locked():
            state = self.read()
            if state.revision != expected_revision:
                raise TeamLogConflict("conflict", revision=state.revision)
            sessions = [s for s in state.sessions if s.uid != session.uid] + [session]
            revision = state.revision + 1
            self._write(revision, sessions)
        return revision

    def _write(self, revision: int, sessions: list[TeamSession]) -> None:
        document = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "revision": revision,
            "saved_at": self._now().isoformat(timespec="seconds"),
            "sessions": [s.to_dict() for s in sessions],
        }
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        try:
            write_text(self.path, text, overwrite=True)
            self._share_like_folder(self.path)
        except OSError as exc:
            raise TeamLogError("unwritable", path=self.path, reason=exc.strerror) from exc

    def _share_like_folder(self, path: Path) -> None:
        """A team log is as shared as its folder: ``files`` writes owner-only (right for a
        personal journal), so the folder's read and write bits are given to the file. In
        the person's own data folder (0700) that stays 0600; in a group folder colleagues
        can read and write it. On Windows and SMB the folder's ACLs decide anyway."""
        if os.name != "posix":
            return
        folder_mode = path.parent.stat().st_mode & 0o666
        with contextlib.suppress(OSError):
            os.chmod(path, folder_mode | 0o600)

    # -- the session under way ------------------------------------------------------------

    def read_draft(self) -> Draft | None:
        try:
            data = json.loads(self.draft_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("session"), dict):
            return None
        heartbeat = data.get("heartbeat")
        owner = data.get("owner")
        revision = data.get("log_revision", 0)
        return Draft(
            session=TeamSession.from_dict(data["session"]),
            step=str(data.get("step", "")),
            log_revision=revision if isinstance(revision, int) else 0,
            owner=owner if isinstance(owner, dict) else {},
            heartbeat=datetime.fromisoformat(heartbeat) if isinstance(heartbeat, str) else None,
        )

    def _held_by_another(self, draft: Draft, owner: Owner) -> bool:
        """Whether ``draft`` belongs to a session that is still running elsewhere."""
        theirs = draft.owner
        if not theirs or theirs.get("token") == owner.token:  # left, or ours
            return False
        if theirs.get("machine") == owner.machine:
            pid = theirs.get("pid")
            if not isinstance(pid, int) or pid == owner.pid:
                return False  # this process: an app closed without saying goodbye
            alive = _pid_alive(pid)
            if alive is not None:
                return alive  # a dead process left it
        if draft.heartbeat is None:
            return False
        return self._now() - draft.heartbeat < DRAFT_STALE

    def claim(self, owner: Owner, *, take_over: bool = False,
              fresh: Draft | None = None) -> Draft | None:
        """Start working on this log: a left draft to resume, or ``None`` to begin anew
        (then ``fresh``, if given, is written at once, so a second facilitator is told
        from the first second, not only once this one has chosen something).

        Refused with ``TeamLogBusy`` while another session on it is alive, unless
        ``take_over`` (the team knows the other laptop was simply closed).
        """
        with self.locked():
            draft = self.read_draft()
            if draft is not None and not take_over and self._held_by_another(draft, owner):
                since = draft.session.started_at or draft.heartbeat
                raise TeamLogBusy("busy", since=since.strftime("%H:%M") if since else "?")
            if draft is not None:
                draft.owner = owner.as_dict()
                self._write_draft(draft)
            elif fresh is not None:
                fresh.owner = owner.as_dict()
                self._write_draft(fresh)
            return draft

    def save_draft(self, owner: Owner, draft: Draft) -> None:
        """Save the session under way (and its heartbeat), unless another took it over."""
        current = self.read_draft()
        if current is not None and current.owner.get("token") not in (None, owner.token):
            raise TeamLogBusy("taken_over")
        draft.owner = owner.as_dict()
        self._write_draft(draft)

    def _write_draft(self, draft: Draft) -> None:
        draft.heartbeat = self._now()
        data = {
            "format": FORMAT_NAME + "-draft",
            "owner": draft.owner,
            "heartbeat": draft.heartbeat.isoformat(),
            "step": draft.step,
            "log_revision": draft.log_revision,
            "session": draft.session.to_dict(),
        }
        try:
            write_text(self.draft_path, json.dumps(data, ensure_ascii=False, indent=1),
                       overwrite=True)
            self._share_like_folder(self.draft_path)
        except OSError as exc:
            raise TeamLogError("unwritable", path=self.draft_path, reason=exc.strerror) from exc

    def release(self, owner: Owner, *, discard: bool) -> None:
        """Done with the session: ``discard`` removes our draft (completed or dropped)."""
        current = self.read_draft()
        if current is None or current.owner.get("token") not in (None, owner.token):
            return
        if discard:
            with contextlib.suppress(FileNotFoundError):
                self.draft_path.unlink()
        else:  # left on purpose: anyone may resume it, on any machine, at once
            current.owner = {}
            self._write_draft(current)


def ensure_folder(path: Path) -> None:
    """The log's folder must exist; refleks creates only its own default folder."""
    if not path.parent.is_dir():
        raise TeamLogError("no_folder", path=path.parent) from FileNotFoundError(
            errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
