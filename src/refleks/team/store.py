"""The team log: one JSON document, written atomically, guarded by a lock file and a revision.

Why not SQLite (see docs/team-log.md): a team log lives in a shared folder, often an
SMB share opened from Windows. SQLite's WAL mode does not work there at all, and its
rollback-journal mode leans on byte-range locks that network file systems are known
to get wrong, which is how databases on shares get damaged. What every share does do
reliably is create a file exclusively (``O_EXCL``) and rename a file over another. So:

- the log is ``team-log.json`` with a ``revision`` that every write increases; a link
  to it is followed, and everything is written (and locked) beside the file it leads to;
- a write takes ``team-log.json.lock`` (``refleks.team.lock``: created exclusively,
  removed after, never judged stale by a clock), reads the document, refuses with
  ``TeamLogConflict`` if its revision is not the one the writer read, and replaces the
  file atomically (``refleks.files``);
- and in case a lock was broken all the same (a laptop shut in the middle of a write),
  the writer checks just before the replace that the lock is still its own and the
  file is still the one it read, and after it that its session is in the file; if
  not, it reads again and adds its session to the newer log;
- a session under way keeps a draft beside it (``team-log.draft.json``) that names its
  owner (a random token, the process id and a hash of the machine's name, never the
  name itself) and a heartbeat; a second session on the same log is refused with
  ``TeamLogBusy`` while that owner is alive, and a killed session is resumed from it.
  When the shared folder cannot be written (a full disk), the draft is kept in a
  folder on this computer meanwhile (``local``) and resumed from there.

Every file here is read as the content folder is (``content.bounded``): regular files
only, and at most ``MAX_LOG_BYTES``. A log or draft of the wrong shape is refused with
``TeamLogDamaged``, naming the file and the place, and nothing is changed.

Nothing here imports a terminal library; the CLI and the app both use it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from refleks.content import bounded
from refleks.errors import KeyedError
from refleks.files import atomic_file, write_text
from refleks.journal.errors import ImportFormatError
from refleks.journal.records import Checker
from refleks.team.errors import (
    TeamLogBusy,
    TeamLogConflict,
    TeamLogDamaged,
    TeamLogError,
    write_error,
)
from refleks.team.lock import LogLock, machine, pid_alive
from refleks.team.model import FORMAT_VERSION, TeamSession, new_uid

# The folder, in this computer's own refleks data folder, where a session is kept while
# the team's folder cannot be written (``TeamLog(local=…)``).
TEAM_DRAFTS_HERE = "team-drafts"

FORMAT_NAME = "refleks-team-log"
DRAFT_STALE = timedelta(minutes=10)  # a heartbeat older than this: the session was left
HEARTBEAT_SECONDS = 60.0
# A session is a few hundred bytes: ten years of weekly sessions is about a megabyte.
MAX_LOG_BYTES = 16 * 1024 * 1024
SAVE_TRIES = 20  # a save that keeps finding the log changed under it gives up as busy


class _Moved(Exception):
    """The log changed under a write that held the lock (the lock was broken)."""


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
    """The team log at ``path`` (a link followed to its file) and its lock and draft
    beside it. ``local``: a folder on this computer where the draft is kept while the
    shared folder cannot be written."""

    def __init__(self, path: Path, *, now: Callable[[], datetime] | None = None,
                 local: Path | None = None) -> None:
        self.path = _followed(Path(path))
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.draft_path = self.path.with_name(f"{self.path.stem}.draft.json")
        self.local_draft_path: Path | None = None
        if local is not None:  # one file for each log, known by its place
            digest = hashlib.sha256(str(self.path).encode()).hexdigest()[:12]
            self.local_draft_path = local / f"{self.path.stem}-{digest}.draft.json"
        self._now = now or (lambda: datetime.now().astimezone())
        self.lock = LogLock(self.lock_path, self.path)

    # -- reading --------------------------------------------------------------------------

    def read(self) -> LogState:
        """The log as it is now; a missing file is an empty log (in a folder that is
        there), a foreign or damaged one an error."""
        return self._parse_log(self._read_shared(self.path))

    def _read_shared(self, path: Path) -> str | None:
        """The text of ``path``, or ``None`` if there is no such file: a regular file of
        at most ``MAX_LOG_BYTES``, read without waiting on a FIFO or a device."""
        try:
            return bounded.read_text(path, limit=MAX_LOG_BYTES)
        except FileNotFoundError:
            if not path.parent.is_dir():
                raise TeamLogError("no_folder", path=path.parent) from None
            return None
        except bounded.Refused as exc:
            if exc.key in ("not_regular", "too_big"):
                raise TeamLogError(exc.key, path=path, **exc.values) from None
            raise TeamLogError("unreadable", path=path,
                               reason=exc.values.get("reason", "")) from None

    def _parse_log(self, text: str | None) -> LogState:
        if text is None:
            return LogState()
        data = self._json(text, self.path, "damaged")
        if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
            raise TeamLogError("not_a_log", path=self.path)
        version = data.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise TeamLogError("newer", path=self.path)
        revision = data.get("revision", 0)
        if isinstance(revision, bool) or not isinstance(revision, int):
            raise TeamLogDamaged("damaged", path=self.path, problem=TeamLogError(
                "problems.not_whole_number", where="revision"))
        stored = data.get("sessions")
        if stored is None:
            stored = []
        if not isinstance(stored, list):
            raise TeamLogDamaged("damaged", path=self.path,
                                 problem=Checker().fail("not_list", "sessions"))
        try:
            sessions = [TeamSession.from_dict(s, f"sessions[{i}]") for i, s in enumerate(stored)]
        except KeyedError as exc:
            raise TeamLogDamaged("damaged", path=self.path, problem=exc) from None
        sessions.sort(key=lambda s: s.when.timestamp() if s.when else 0.0)
        return LogState(revision, sessions)

    @staticmethod
    def _json(text: str, path: Path, key: str) -> object:
        """The JSON in ``text``, or ``TeamLogDamaged(key)`` saying why not."""
        problem: KeyedError
        try:
            return json.loads(text)
        except RecursionError:  # 200,000 brackets deep
            problem = TeamLogError("problems.too_deep")
        except json.JSONDecodeError as exc:
            problem = ImportFormatError("import.not_json", line=exc.lineno, column=exc.colno)
        except ValueError:  # an integer of more digits than Python will read
            problem = ImportFormatError("import.huge_number")
        raise TeamLogDamaged(key, path=path, problem=problem)

    # -- the lock ---------------------------------------------------------------------

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the lock beside the log while reading, checking and writing."""
        return self.lock.held()

    # -- writing --------------------------------------------------------------------------

    def add_session(self, session: TeamSession, expected_revision: int) -> int:
        """Add (or replace, by uid) a completed session; returns the new revision.

        ``expected_revision`` is the revision the caller read: if the log has changed
        since, ``TeamLogConflict`` says so and nothing is written. The caller may read
        again and add the session to the newer log: it replaces nobody's work.
        """
        return self._save(session, expected_revision, beside_others=False)[0]

    def save_session(self, session: TeamSession, read_revision: int) -> bool:
        """Save a completed session, whatever was saved meanwhile: the facilitator's
        save (``TeamScreen.complete``). Returns whether others had saved since
        ``read_revision`` (ours is then beside theirs, nothing replaced — under an id of
        its own if theirs is this very session, taken over and finished elsewhere)."""
        return self._save(session, read_revision, beside_others=True)[1]

    def _save(self, session: TeamSession, expected: int, *,
              beside_others: bool) -> tuple[int, bool]:
        moved = False
        for _ in range(SAVE_TRIES):
            with self.locked():
                before = self._read_shared(self.path)
                state = self._parse_log(before)
                if state.revision != expected:
                    if not beside_others:
                        raise TeamLogConflict("conflict", revision=state.revision)
                    moved = True
                    if any(s.uid == session.uid for s in state.sessions):
                        session.uid = new_uid()
                sessions = [s for s in state.sessions if s.uid != session.uid] + [session]
                revision = state.revision + 1
                try:
                    self._replace(self.path, self._document(revision, sessions), before)
                    if any(s.uid == session.uid for s in self.read().sessions):
                        return revision, moved
                except _Moved:
                    pass
            # another write went in while this one held the lock (it was broken)
            if not beside_others:
                raise TeamLogConflict("conflict", revision=self.read().revision)
            moved = True
        raise TeamLogBusy("locked", path=self.lock_path)

    def _document(self, revision: int, sessions: list[TeamSession]) -> str:
        document = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "revision": revision,
            "saved_at": self._now().isoformat(timespec="seconds"),
            "sessions": [s.to_dict() for s in sessions],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def _replace(self, path: Path, text: str, before: str | _Unchecked | None) -> None:
        """Write ``text`` to ``path`` atomically. Under the lock, ``before`` is what the
        file held when read: just before the replace the lock must still be ours and
        the file unchanged, or ``_Moved`` is raised and nothing is written."""
        written = False
        try:
            with atomic_file(path, overwrite=True) as tmp:
                with open(tmp, "wb") as handle:
                    handle.write(text.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
                if not isinstance(before, _Unchecked):
                    self.lock.beat()
                    if not self.lock.is_ours():
                        raise _Moved
                    if self._read_shared(path) != before:
                        raise _Moved
                written = True
            self._share_like_folder(path)
        except PermissionError as exc:
            raise write_error(exc, path, held_open=written) from exc
        except OSError as exc:
            raise write_error(exc, path) from exc

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
        """The session under way on the shared folder, if any (``TeamLogDamaged`` if its
        file is not in the shape refleks writes)."""
        return self._parse_draft(self._read_shared(self.draft_path), self.draft_path)

    def _parse_draft(self, text: str | None, path: Path) -> Draft | None:
        if text is None:
            return None
        data = self._json(text, path, "draft_damaged")
        try:
            ck = Checker()
            if not isinstance(data, dict):
                raise ck.fail("not_object", "draft")
            session = TeamSession.from_dict(data.get("session"), "session")
            heartbeat = (ck.when(data, "heartbeat", "draft")
                         if data.get("heartbeat") is not None else None)
            step = ck.text(data, "step", "draft") if data.get("step") is not None else ""
            revision = data.get("log_revision", 0)
            if isinstance(revision, bool) or not isinstance(revision, int):
                raise TeamLogError("problems.not_whole_number", where="draft.log_revision")
            owner = data.get("owner")
            if owner is not None and not isinstance(owner, dict):
                raise ck.fail("not_object", "draft.owner")
        except KeyedError as exc:
            raise TeamLogDamaged("draft_damaged", path=path, problem=exc) from None
        return Draft(session=session, step=str(step), log_revision=revision,
                     owner=owner or {}, heartbeat=heartbeat)

    def current_draft(self) -> Draft | None:
        """The freshest state of the session under way: the copy kept on this computer
        while the shared folder could not be written, if it is of the same session (or
        the folder holds none), else the shared draft. What the team start screen offers
        to go on with, as the session screen resumes it."""
        shared = self.read_draft()
        here = self._read_local_draft()
        if here is not None and (shared is None or shared.session.uid == here.session.uid):
            if shared is not None:
                here.owner = shared.owner
            return here
        return shared

    def _read_local_draft(self) -> Draft | None:
        """Our own copy; one that cannot be read is as good as none (it is only a copy)."""
        if self.local_draft_path is None:
            return None
        try:
            return self._parse_draft(self._read_shared(self.local_draft_path),
                                     self.local_draft_path)
        except TeamLogError:
            return None

    def _held_by_another(self, draft: Draft, owner: Owner) -> bool:
        """Whether ``draft`` belongs to a session that is still running elsewhere."""
        theirs = draft.owner
        if not theirs or theirs.get("token") == owner.token:  # left, or ours
            return False
        if theirs.get("machine") == owner.machine:
            pid = theirs.get("pid")
            if not isinstance(pid, int) or pid == owner.pid:
                return False  # this process: an app closed without saying goodbye
            alive = pid_alive(pid)
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
            shared = self.read_draft()
            if shared is not None and not take_over and self._held_by_another(shared, owner):
                since = shared.session.started_at or shared.heartbeat
                raise TeamLogBusy("busy", since=since.strftime("%H:%M") if since else "?")
            draft = self.current_draft()
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
        """The draft to the shared folder; when that fails, to this computer meanwhile
        (said in the error: ``unwritable_kept_here``), and from there again on the next
        save that reaches the folder."""
        draft.heartbeat = self._now()
        data = {
            "format": FORMAT_NAME + "-draft",
            "owner": draft.owner,
            "heartbeat": draft.heartbeat.isoformat(),
            "step": draft.step,
            "log_revision": draft.log_revision,
            "session": draft.session.to_dict(),
        }
        text = json.dumps(data, ensure_ascii=False, indent=1)
        try:
            self._replace(self.draft_path, text, _UNCHECKED)
        except TeamLogError as exc:
            kept = self._keep_here(text)
            if kept is None:
                raise
            raise TeamLogError("unwritable_kept_here", path=self.draft_path, copy=kept,
                               reason=exc.params.get("reason", "")) from exc
        self._forget_here()

    def _keep_here(self, text: str) -> Path | None:
        """The draft in the folder on this computer; ``None`` if that fails too."""
        path = self.local_draft_path
        if path is None:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_text(path, text, overwrite=True)
        except OSError:
            return None
        return path

    def _forget_here(self) -> None:
        if self.local_draft_path is not None:
            with contextlib.suppress(OSError):
                self.local_draft_path.unlink()

    def release(self, owner: Owner, *, discard: bool) -> None:
        """Done with the session: ``discard`` removes our draft (completed or dropped)."""
        current = self.current_draft()
        if current is None or current.owner.get("token") not in (None, owner.token):
            return
        if discard:
            with contextlib.suppress(FileNotFoundError):
                self.draft_path.unlink()
            self._forget_here()
        else:  # left on purpose: anyone may resume it, on any machine, at once
            current.owner = {}
            self._write_draft(current)


class _Unchecked:
    """``_replace`` without the lock's checks (a draft is not guarded by the lock)."""


_UNCHECKED = _Unchecked()


def _followed(path: Path) -> Path:
    """A link to the log (a shortcut into the team's share) is followed: the log, its
    lock and its draft are written beside the file it leads to, and the link stays."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def ensure_folder(path: Path) -> None:
    """The log's folder must exist; refleks creates only its own default folder."""
    if not path.parent.is_dir():
        raise TeamLogError("no_folder", path=path.parent) from FileNotFoundError(
            errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
