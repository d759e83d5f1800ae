"""Issue 21.1: sessions kept when three facilitators save to one team log at once, two of
them on machines whose clocks differ (libfaketime offsets), as many as they can.

Each writer saves ``--sessions`` sessions as the team screen does (``TeamScreen.complete``:
the revision read when the session opened, then ``TeamLog.save_session``). Printed per pair
of offsets: sessions reported saved, sessions in the log, and the wall time. The test
(tests/test_team_share.py) does the same with 60 each; the issue's figure is 200 each.

An older checkout (before ``save_session``) is run as its team screen saved: ``add_session``,
and on a conflict once more on the newer revision. A writer that stops with an error has
saved only what it printed before.

    .venv/bin/python bench/team_log_bench.py                      # 3 x 200, +-5m and +-1d
    PYTHONPATH=/tmp/before/src .venv/bin/python bench/team_log_bench.py
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime
    from pathlib import Path
    from refleks.team.errors import TeamLogConflict
    from refleks.team.model import TeamSession, new_uid
    from refleks.team.store import TeamLog
    log = TeamLog(Path(sys.argv[1]))
    tag, count = sys.argv[2], int(sys.argv[3])

    def save(session, revision):
        if hasattr(log, "save_session"):
            log.save_session(session, revision)
            return
        try:  # the team screen before save_session
            log.add_session(session, revision)
        except TeamLogConflict as exc:
            if any(s.uid == session.uid for s in log.read().sessions):
                session.uid = new_uid()
            log.add_session(session, exc.revision)

    print("ready", flush=True)
    sys.stdin.readline()
    saved = 0
    try:
        for i in range(count):
            now = datetime.now().astimezone()
            save(TeamSession(started_at=now, completed_at=now, key_points=f"{tag} {i}"),
                 log.read().revision)
            saved += 1
    finally:
        print(saved, flush=True)
""")


def run(sessions: int, ahead: str, behind: str) -> tuple[int, int, float]:
    from refleks.team.store import TeamLog

    folder = Path(tempfile.mkdtemp(prefix="team-log-bench-"))
    path = folder / "team-log.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = []
    for tag, offset in (("same", None), ("ahead", ahead), ("behind", behind)):
        command = [sys.executable, "-c", WRITER, str(path), tag, str(sessions)]
        if offset is not None:
            command = ["faketime", "-f", offset, *command]
        writers.append(subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, env=env))
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    started = time.monotonic()
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("\n")
        writer.stdin.flush()
    saved = sum(int(writer.communicate(timeout=600)[0].strip() or 0) for writer in writers)
    wall = time.monotonic() - started
    kept = len(TeamLog(path).read().sessions)
    shutil.rmtree(folder)
    return saved, kept, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200, help="sessions per writer")
    args = parser.parse_args()
    if shutil.which("faketime") is None:
        sys.exit("faketime is not installed (Debian: apt-get install faketime)")
    print(f"load average {Path('/proc/loadavg').read_text().split()[0]}")
    for ahead, behind in (("+0s", "-0s"), ("+5m", "-5m"), ("+1d", "-1d")):
        saved, kept, wall = run(args.sessions, ahead, behind)
        print(f"clocks {ahead}/{behind}: {saved} of {3 * args.sessions} reported saved, "
              f"{kept} in the log, {wall:.1f} s")


if __name__ == "__main__":
    main()
