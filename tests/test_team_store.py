"""The team log without a terminal: sessions, minutes, revisions, drafts, two processes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from refleks.content.loader import load_content
from refleks.content.ui import load_strings
from refleks.paths import bundled_content_dir
from refleks.team.errors import TeamLogBusy, TeamLogConflict, TeamLogError
from refleks.team.flow import FocusProblem, ReflectTimer, TeamFlow, TeamStep, clock_text
from refleks.team.minutes import render_minutes
from refleks.team.model import TeamFocus, TeamSession, ThemeRef
from refleks.team.store import Owner, TeamLog
from refleks.team.themes import build_themes, suggest

TZ = timezone(timedelta(hours=1))
DAY = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)


@pytest.fixture(scope="module")
def content():  # type: ignore[no-untyped-def]
    return load_content(bundled_content_dir(), "nb")


def done_session(when: datetime, theme_id: str = "area:relasjonell") -> TeamSession:
    return TeamSession(started_at=when, completed_at=when, minutes=30,
                       theme=ThemeRef(theme_id, theme_id.split(":")[0], "Tema", "tekst"),
                       focus=[TeamFocus("tillit", "Tillit", "Si hva vi gjør", "møteleder")])


def test_every_kind_of_theme_is_offered(content) -> None:  # type: ignore[no-untyped-def]
    themes = build_themes(content)
    kinds = {t.kind for t in themes}
    assert kinds == {"area", "dilemma", "card", "dialogue", "practice", "method"}
    assert sum(t.kind == "dilemma" for t in themes) == 3
    assert sum(t.kind == "method" for t in themes) == 10
    dialogue = next(t for t in themes if t.kind == "dialogue")
    assert len(dialogue.questions) == 3


def test_the_least_recently_taken_up_theme_is_suggested(content) -> None:  # type: ignore[no-untyped-def]
    themes = build_themes(content)
    assert suggest(themes, {}).id == "area:relasjonell"
    last = {t.id: DAY - timedelta(days=i) for i, t in enumerate(themes)}
    assert suggest(themes, last).id == themes[-1].id
    del last[themes[5].id]
    assert suggest(themes, last).id == themes[5].id


def test_a_session_runs_through_the_flow(content) -> None:  # type: ignore[no-untyped-def]
    flow = TeamFlow(content, TeamSession(started_at=DAY))
    assert flow.steps[0] is TeamStep.CHOOSE  # no follow-up the first time
    assert flow.next()  # the suggestion is taken
    assert flow.session.theme is not None and flow.session.theme.id == "area:relasjonell"
    flow.go_to(TeamStep.FOCUS)
    assert not flow.next()
    assert flow.focus_problem() is FocusProblem.TOO_FEW
    for value in ("tillit", "empati", "respekt"):
        assert flow.toggle_focus(value) is None
    assert flow.toggle_focus("naervaer") is FocusProblem.TOO_MANY
    flow.set_action("tillit", "Si hva vi gjør før vi gjør det")
    flow.set_role("tillit", "møteleder")
    assert flow.next() and flow.step is TeamStep.SUMMARY


def test_the_next_session_follows_up_the_last(content) -> None:  # type: ignore[no-untyped-def]
    previous = done_session(DAY - timedelta(days=30))
    flow = TeamFlow(content, TeamSession(started_at=DAY), previous, [previous])
    assert flow.step is TeamStep.FOLLOW_UP
    assert [f.action for f in flow.session.follow_ups] == ["Si hva vi gjør"]
    flow.set_follow_up(0, "Gikk fint")
    assert flow.session.follow_ups[0].text == "Gikk fint"
    assert flow.suggested().id != "area:relasjonell"  # taken up last time


def test_the_timer_pauses_grows_and_skips() -> None:
    now = [100.0]
    timer = ReflectTimer(180, lambda: now[0])
    assert clock_text(timer.remaining()) == "3:00"
    timer.start()
    now[0] += 13
    assert clock_text(timer.remaining()) == "2:47"
    timer.pause()
    now[0] += 100
    assert clock_text(timer.remaining()) == "2:47"
    timer.add_minute()
    assert clock_text(timer.remaining()) == "3:47"
    timer.start()
    now[0] += 300
    assert timer.done and clock_text(timer.remaining()) == "0:00"
    timer.skip()
    assert timer.done


def test_sessions_are_kept_and_written_as_minutes(tmp_path: Path) -> None:
    log = TeamLog(tmp_path / "team-log.json")
    assert log.read().revision == 0
    session = done_session(DAY)
    session.key_points = "# ikke en overskrift\n*stjerner*"
    assert log.add_session(session, 0) == 1
    state = log.read()
    assert state.revision == 1 and state.sessions[0].focus[0].role == "møteleder"
    text = render_minutes(state.sessions, load_strings("nb"))
    assert "Tillit" in text and "Si hva vi gjør" in text and "møteleder" in text
    assert "\\# ikke en overskrift" in text and "\\*stjerner\\*" in text
    assert "Si hva vi gjør\\\n  *Tas opp neste gang av: møteleder*" in text  # own line


def test_a_second_writer_is_told_and_nothing_is_overwritten(tmp_path: Path) -> None:
    log = TeamLog(tmp_path / "team-log.json")
    log.add_session(done_session(DAY - timedelta(days=1)), 0)
    first, second = done_session(DAY), done_session(DAY)
    assert log.add_session(first, 1) == 2
    with pytest.raises(TeamLogConflict) as caught:
        log.add_session(second, 1)  # read revision 1, but the log is at 2 now
    assert caught.value.revision == 2
    assert [s.uid for s in log.read().sessions][-1] == first.uid
    assert log.add_session(second, caught.value.revision) == 3  # added beside, on purpose
    assert len(log.read().sessions) == 3


def test_a_file_that_is_not_a_team_log_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "team-log.json"
    path.write_text('{"something": "else"}')
    with pytest.raises(TeamLogError):
        TeamLog(path).read()
    with pytest.raises(TeamLogError):
        TeamLog(path).add_session(done_session(DAY), 0)
    assert path.read_text() == '{"something": "else"}'


def test_nothing_about_individuals_is_stored(tmp_path: Path) -> None:
    log = TeamLog(tmp_path / "team-log.json")
    log.add_session(done_session(DAY), 0)
    log.claim(Owner())
    stored = (tmp_path / "team-log.json").read_text()
    import socket

    assert socket.gethostname() not in stored
    data = json.loads(stored)
    assert set(data["sessions"][0]) == {"uid", "lang", "started_at", "completed_at", "minutes",
                                        "theme", "key_points", "focus", "follow_ups"}


HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from refleks.team.model import TeamSession
    from refleks.team.store import Draft, Owner, TeamLog
    log = TeamLog(Path(sys.argv[1]))
    owner = Owner()
    log.claim(owner)
    log.save_draft(owner, Draft(TeamSession(), step="read"))
    print("holding", flush=True)
    sys.stdin.readline()
""")


def test_a_session_open_in_another_process_is_refused(tmp_path: Path) -> None:
    """Two processes, and the second reaches the folder by another path (as a share
    mounted twice would): the second is told, and takes nothing over unasked."""
    folder = tmp_path / "share"
    folder.mkdir()
    other_path = tmp_path / "mounted-again"
    other_path.symlink_to(folder, target_is_directory=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(folder / "team-log.json")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        second = TeamLog(other_path / "team-log.json")
        with pytest.raises(TeamLogBusy):
            second.claim(Owner())
        draft = second.claim(Owner(), take_over=True)  # the team says the other was left
        assert draft is not None and draft.step == "read"
    finally:
        holder.communicate("\n", timeout=20)


WRITE = textwrap.dedent("""
    import sys
    from datetime import datetime
    from pathlib import Path
    from refleks.team.errors import TeamLogConflict
    from refleks.team.model import TeamSession
    from refleks.team.store import TeamLog
    log = TeamLog(Path(sys.argv[1]))
    revision = log.read().revision
    print("read", revision, flush=True)
    sys.stdin.readline()  # both have read; now each writes
    try:
        log.add_session(TeamSession(started_at=datetime.now().astimezone()), revision)
        print("saved", flush=True)
    except TeamLogConflict as exc:
        print("conflict", exc.revision, flush=True)
""")


def test_two_processes_writing_at_once_never_lose_an_update(tmp_path: Path) -> None:
    path = tmp_path / "team-log.json"
    procs = [subprocess.Popen([sys.executable, "-c", WRITE, str(path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().startswith("read 0")
    outputs = [proc.communicate("\n", timeout=30)[0].strip() for proc in procs]
    assert sorted(o.split()[0] for o in outputs) == ["conflict", "saved"]
    assert len(TeamLog(path).read().sessions) == 1


def test_a_left_draft_is_resumed_and_a_stale_lock_broken(tmp_path: Path) -> None:
    log = TeamLog(tmp_path / "team-log.json")
    first = Owner()
    assert log.claim(first) is None
    session = TeamSession(started_at=DAY, key_points="stikkord")
    from refleks.team.store import Draft

    log.save_draft(first, Draft(session, step="share"))
    again = log.claim(Owner())  # this process, a new app: the old one was killed
    assert again is not None and again.session.key_points == "stikkord"
    # a lock left by a refleks on this machine that is gone: broken at once
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    from refleks.team.lock import machine

    log.lock_path.write_text(json.dumps({"pid": int(gone.stdout), "machine": machine()}))
    assert log.add_session(done_session(DAY), 0) == 1
    assert not log.lock_path.exists()


def test_the_log_is_as_shared_as_its_folder(tmp_path: Path) -> None:
    import os
    import stat

    private, shared = tmp_path / "private", tmp_path / "shared"
    private.mkdir(mode=0o700)
    shared.mkdir()
    os.chmod(shared, 0o2770)
    for folder, mode in ((private, 0o600), (shared, 0o660)):
        TeamLog(folder / "team-log.json").add_session(done_session(DAY), 0)
        assert stat.S_IMODE((folder / "team-log.json").stat().st_mode) == mode


def test_on_windows_no_process_is_signalled(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.kill`` ends a process on Windows: there the heartbeat alone decides."""
    import os
    import sys

    from refleks.team import store

    log = TeamLog(tmp_path / "team-log.json", now=lambda: DAY)
    other = Owner(pid=os.getpid() + 1)
    log.claim(other)
    from refleks.team.store import Draft

    log.save_draft(other, Draft(TeamSession(started_at=DAY), step="read"))
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "kill", lambda *a: pytest.fail("signalled a process"))
    with pytest.raises(TeamLogBusy):  # same machine, fresh heartbeat
        log.claim(Owner())
    later = TeamLog(tmp_path / "team-log.json", now=lambda: DAY + store.DRAFT_STALE * 2)
    assert later.claim(Owner()) is not None  # the heartbeat is old: it was left


def test_a_session_is_claimed_before_anything_is_chosen(tmp_path: Path) -> None:
    from refleks.team.store import Draft

    log = TeamLog(tmp_path / "team-log.json", now=lambda: DAY)
    other = Owner(machine="another-machine")
    assert log.claim(other, fresh=Draft(TeamSession(started_at=DAY))) is None
    with pytest.raises(TeamLogBusy):
        log.claim(Owner())
    log.release(other, discard=True)  # left with nothing chosen: the claim goes
    assert not log.draft_path.exists() and log.claim(Owner()) is None


def test_text_from_the_shared_file_is_data(tmp_path: Path) -> None:
    """Anyone with the share can edit the file: escape codes come back as symbols."""
    path = tmp_path / "team-log.json"
    TeamLog(path).add_session(done_session(DAY), 0)
    data = json.loads(path.read_text())
    data["sessions"][0]["key_points"] = "\x1b]0;pwned\x07 [b]fet[/b]"
    path.write_text(json.dumps(data))
    (session,) = TeamLog(path).read().sessions
    assert "\x1b" not in session.key_points and "␛" in session.key_points
    text = render_minutes([session], load_strings("nb"))
    assert "\x1b" not in text and "\\[b\\]" in text
