"""The team log on a real shared folder: machines whose clocks differ, a link into the
share, damaged and special files, a full disk, a file another program holds open.

These are the promises of docs/team-log.md ("What is guaranteed"), one test each.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from refleks.content.ui import load_strings
from refleks.team import lock, store
from refleks.team.errors import TeamLogDamaged, TeamLogError
from refleks.team.model import TeamFocus, TeamSession, ThemeRef
from refleks.team.store import Draft, Owner, TeamLog

TZ = timezone(timedelta(hours=1))
DAY = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)


def done_session(key_points: str = "") -> TeamSession:
    return TeamSession(started_at=DAY, completed_at=DAY, minutes=30, key_points=key_points,
                       theme=ThemeRef("area:relasjonell", "area", "Tema", "tekst"),
                       focus=[TeamFocus("tillit", "Tillit", "Si hva vi gjør", "møteleder")])


def words(exc: TeamLogError, lang: str = "en") -> str:
    return exc.render(load_strings(lang))


# -- 1. machines whose clocks differ ---------------------------------------------------

# A facilitator's machine saving sessions as the team screen does (TeamScreen.complete:
# the revision read when the session opened, then TeamLog.save_session), as fast as it can.
WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime
    from pathlib import Path
    from refleks.team.model import TeamSession
    from refleks.team.store import TeamLog
    log = TeamLog(Path(sys.argv[1]))
    tag, count = sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # all three start at once
    for i in range(count):
        revision = log.read().revision
        now = datetime.now().astimezone()
        log.save_session(TeamSession(started_at=now, completed_at=now,
                                     key_points=f"{tag} {i}"), revision)
    print("saved", count, flush=True)
""")

# Sessions each writer saves. The figure is 200 each (600 in all, measured by
# hand: see docs/team-log.md); 60 each keeps the suite's time (about 2 s a run here).
SESSIONS_EACH = 60


@pytest.mark.skipif(shutil.which("faketime") is None,
                    reason="faketime is not installed (Debian: apt-get install faketime)")
@pytest.mark.parametrize("ahead, behind", [("+5m", "-5m"), ("+1d", "-1d")])
def test_three_machines_whose_clocks_differ_keep_every_session(
        tmp_path: Path, ahead: str, behind: str) -> None:
    """Three facilitators saving at once, two of them on clocks minutes or a day away
    from the third's (and from the files' times): every session reported saved is kept.
    Before, a machine whose clock ran ahead took every live lock for one left by a crash."""
    path = tmp_path / "team-log.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = []
    for tag, offset in (("same", None), ("ahead", ahead), ("behind", behind)):
        command = [sys.executable, "-c", WRITER, str(path), tag, str(SESSIONS_EACH)]
        if offset is not None:
            command = ["faketime", "-f", offset, *command]
        writers.append(subprocess.Popen(command, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, env=env))
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120)[0].strip() for writer in writers]
    assert outputs == [f"saved {SESSIONS_EACH}"] * 3
    state = TeamLog(path).read()
    kept = sorted(s.key_points for s in state.sessions)
    assert len(kept) == 3 * SESSIONS_EACH
    assert kept == sorted(f"{tag} {i}" for tag in ("same", "ahead", "behind")
                          for i in range(SESSIONS_EACH))
    assert state.revision == 3 * SESSIONS_EACH


def test_a_live_lock_is_not_broken_by_its_age(tmp_path: Path) -> None:
    """A lock whose file time is a day old (another machine's clock) is waited for, not
    broken: only a lock seen unchanged for LOCK_STALE_SECONDS on this machine's own
    clock is."""
    log = TeamLog(tmp_path / "team-log.json")
    log.lock_path.write_text(json.dumps({"token": "theirs", "machine": "another"}))
    os.utime(log.lock_path, (0, 0))
    assert not log.lock.is_stale()  # first seen now
    assert not log.lock.is_stale()


def test_a_lock_seen_unchanged_for_long_enough_is_broken(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted on the waiter's monotonic clock; a holder that beats meanwhile keeps it."""
    seconds = [1000.0]
    monkeypatch.setattr(lock.time, "monotonic", lambda: seconds[0])
    log = TeamLog(tmp_path / "team-log.json")
    log.lock_path.write_text(json.dumps({"token": "theirs", "beat": 0}))
    assert not log.lock.is_stale()
    seconds[0] += lock.LOCK_STALE_SECONDS - 1
    log.lock_path.write_text(json.dumps({"token": "theirs", "beat": 1}))  # it moved
    assert not log.lock.is_stale()
    seconds[0] += lock.LOCK_STALE_SECONDS - 1
    assert not log.lock.is_stale()
    seconds[0] += 2
    assert log.lock.is_stale()


def test_a_wrongly_broken_lock_loses_no_session(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The worst case the lock cannot rule out: while one facilitator writes, another
    machine breaks the lock and saves. The first one sees it before it replaces the file,
    and adds its session to the newer log: both are kept."""
    path = tmp_path / "team-log.json"
    first, second = TeamLog(path), TeamLog(path)
    theirs = done_session("theirs")
    document = TeamLog._document
    interrupted = []

    def meanwhile(self: TeamLog, revision: int, sessions: list[TeamSession]) -> str:
        text = document(self, revision, sessions)
        if self is first and not interrupted:
            interrupted.append(True)
            first.lock_path.unlink()  # broken by the other machine…
            second.save_session(theirs, 0)  # …which saves its own
        return text

    monkeypatch.setattr(TeamLog, "_document", meanwhile)
    assert first.save_session(done_session("ours"), 0) is True  # saved beside theirs
    state = TeamLog(path).read()
    assert sorted(s.key_points for s in state.sessions) == ["ours", "theirs"]
    assert state.revision == 2 and not first.lock_path.exists()


# -- 2. a link into the share ----------------------------------------------------------


def test_a_linked_log_is_written_beside_its_target(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    target = share / "team-log.json"
    TeamLog(target).save_session(done_session("first"), 0)
    link = tmp_path / "team-log.json"
    link.symlink_to(target)
    log = TeamLog(link)
    assert log.lock_path == share / "team-log.json.lock"
    assert log.save_session(done_session("second"), 1) is False
    assert link.is_symlink() and link.resolve() == target
    assert [s.key_points for s in TeamLog(target).read().sessions] == ["first", "second"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "share", "team-log.json"]
    log.claim(Owner(), fresh=Draft(TeamSession(started_at=DAY)))
    assert log.draft_path.parent == share and log.draft_path.exists()


# -- 3. a damaged log or draft ---------------------------------------------------------


def damaged(path: Path, change: object) -> str:
    TeamLog(path).save_session(done_session("kept"), 0)
    data = json.loads(path.read_text())
    if callable(change):
        change(data)
        text = json.dumps(data)
    else:
        text = str(change)
    path.write_text(text)
    return text


SHAPES = {
    "started_at garbage": (lambda d: d["sessions"][0].update(started_at="garbage"),
                           "sessions[0].started_at"),
    "sessions a number": (lambda d: d.update(sessions=5), "sessions"),
    "focus a number": (lambda d: d["sessions"][0].update(focus=5), "sessions[0].focus"),
    "a focus that is no object": (lambda d: d["sessions"][0].update(focus=[5]),
                                  "sessions[0].focus[0]"),
    "minutes a text": (lambda d: d["sessions"][0].update(minutes="30"), "sessions[0].minutes"),
    "revision a text": (lambda d: d.update(revision="7"), "revision"),
    "nested 200,000 deep": ('{"format": "refleks-team-log", "version": 1, "sessions": '
                            + "[" * 200_000 + "]" * 200_000 + "}", "too deeply"),
    "not JSON": ("{\"format\": ", "JSON"),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_a_damaged_log_is_named_and_left_as_it_is(tmp_path: Path, shape: str) -> None:
    change, where = SHAPES[shape]
    path = tmp_path / "team-log.json"
    text = damaged(path, change)
    log = TeamLog(path)
    with pytest.raises(TeamLogDamaged) as caught:
        log.read()
    said = words(caught.value)
    assert str(path) in said and where in said and "\n" not in said
    with pytest.raises(TeamLogDamaged):
        log.save_session(done_session("new"), 1)
    assert path.read_text() == text and not log.lock_path.exists()


def test_sessions_null_is_an_empty_log(tmp_path: Path) -> None:
    """``null`` where a list belongs is read as an import reads it: nothing there."""
    path = tmp_path / "team-log.json"
    damaged(path, lambda d: d.update(sessions=None))
    assert TeamLog(path).read().sessions == []


@pytest.mark.parametrize("change, where", [
    (lambda d: d.update(heartbeat="2026-11-30T09:00:00"), "draft.heartbeat"),  # no offset
    (lambda d: d.update(session=5), "session"),
    (lambda d: d["session"].update(started_at="garbage"), "session.started_at"),
], ids=["heartbeat without offset", "session a number", "started_at garbage"])
def test_a_damaged_draft_is_named_and_left_as_it_is(tmp_path: Path, change, where) -> None:  # type: ignore[no-untyped-def]
    log = TeamLog(tmp_path / "team-log.json", now=lambda: DAY)
    owner = Owner(machine="another")
    log.claim(owner, fresh=Draft(TeamSession(started_at=DAY)))
    data = json.loads(log.draft_path.read_text())
    change(data)
    log.draft_path.write_text(json.dumps(data))
    before = log.draft_path.read_text()
    with pytest.raises(TeamLogDamaged) as caught:
        log.claim(Owner())
    said = words(caught.value)
    assert str(log.draft_path) in said and where in said
    assert log.draft_path.read_text() == before
    assert log.read().sessions == []  # the log itself still reads


# -- 4. a full disk on the share -------------------------------------------------------


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /proc")
def test_a_full_disk_is_said_and_leaks_nothing(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "team-log.json"
    log = TeamLog(path)

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    before = open_fds()
    monkeypatch.setattr(store.os, "write", full)
    for _ in range(20):
        with pytest.raises(TeamLogError) as caught:
            log.save_session(done_session("full"), 0)
    assert caught.value.key == "unwritable"
    assert os.strerror(errno.ENOSPC) in words(caught.value)
    assert open_fds() == before  # the lock's file is closed every time
    assert not log.lock_path.exists() and not path.exists()
    monkeypatch.undo()
    assert log.save_session(done_session("room again"), 0) is False


def test_a_draft_the_share_cannot_take_is_kept_on_this_computer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """And resumed from there, and written to the share on the next save that works."""
    share, local = tmp_path / "share", tmp_path / "local"
    share.mkdir()
    log = TeamLog(share / "team-log.json", now=lambda: DAY, local=local)
    owner = Owner()
    log.claim(owner)
    real_replace = store.atomic_file

    def full(path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
        if path.parent == share:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "atomic_file", full)
    draft = Draft(TeamSession(started_at=DAY, key_points="skrevet mens disken var full"))
    with pytest.raises(TeamLogError) as caught:
        log.save_draft(owner, draft)
    assert caught.value.key == "unwritable_kept_here"
    copy = log.local_draft_path
    assert copy is not None and str(copy) in words(caught.value)
    monkeypatch.undo()  # room on the share again; the app started anew
    again = TeamLog(share / "team-log.json", now=lambda: DAY, local=local).claim(Owner())
    assert again is not None and again.session.key_points == "skrevet mens disken var full"
    assert not copy.exists()  # written to the share at once, the copy here gone
    shared = log.read_draft()
    assert shared is not None and shared.session.key_points == again.session.key_points


# -- 5. special files ------------------------------------------------------------------


def test_only_an_ordinary_file_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for path, key in ((Path("/dev/zero"), "not_regular"), (fifo, "not_regular"),
                      (tmp_path, "not_regular")):
        started = time.monotonic()
        with pytest.raises(TeamLogError) as caught:
            TeamLog(path).read()
        assert caught.value.key == key and time.monotonic() - started < 5
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(store.MAX_LOG_BYTES + 1)
    with pytest.raises(TeamLogError) as caught:
        TeamLog(big).read()
    assert caught.value.key == "too_big"
    with pytest.raises(TeamLogError) as caught:
        TeamLog(tmp_path / "nowhere" / "t.json").read()
    assert caught.value.key == "no_folder"


# -- 6. another program holds the file open (Windows) ------------------------------------


def failing_replace(monkeypatch: pytest.MonkeyPatch, times: int) -> list[float]:
    """``os.replace`` refused ``times`` times as Windows refuses it; the waits, recorded."""
    from refleks import files

    real = os.replace
    left = [times]

    def replace(src: object, dst: object) -> None:
        if left[0] > 0:
            left[0] -= 1
            raise PermissionError(13, "Access is denied", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    waits: list[float] = []
    monkeypatch.setattr(files.os, "replace", replace)
    monkeypatch.setattr(files.time, "sleep", waits.append)
    return waits


def test_a_replace_refused_for_a_moment_is_tried_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refleks import files

    waits = failing_replace(monkeypatch, len(files.REPLACE_WAITS))
    log = TeamLog(tmp_path / "team-log.json")
    assert log.save_session(done_session("antivirus let go"), 0) is False
    assert waits == list(files.REPLACE_WAITS)
    assert [s.key_points for s in log.read().sessions] == ["antivirus let go"]


def test_a_replace_refused_for_long_says_who_may_hold_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from refleks import files

    path = tmp_path / "team-log.json"
    TeamLog(path).save_session(done_session("before"), 0)
    before = path.read_text()
    waits = failing_replace(monkeypatch, 1000)
    with pytest.raises(TeamLogError) as caught:
        TeamLog(path).save_session(done_session("after"), 1)
    assert caught.value.key == "held_open" and len(waits) == len(files.REPLACE_WAITS)
    said = words(caught.value)
    assert "antivirus" in said and "OneDrive" in said and "colleague" in said
    assert "antivirus" in words(caught.value, "nb")
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
