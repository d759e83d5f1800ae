"""A journal on a network folder: told apart by the system, written with a rollback journal.

The detection is tested with each system's answer given as text or bytes: Linux's
``/proc/self/mountinfo`` in its real format, and — FAKED, standing for systems these tests
do not run on — macOS's ``struct statfs`` and Windows' ``GetDriveTypeW``. The rollback mode
is tested end to end on a local folder that the journal is told is a network one (the
kernel here has no cifs or nfs, so no share can be mounted: see the report of issue 27).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks import filesystems
from refleks.filesystems import (
    MNT_LOCAL,
    linux_network_type,
    macos_network_type,
    mount_type,
    windows_network_type,
)
from refleks.journal import sql
from refleks.journal.model import Answer, CheckIn
from refleks.journal.restoring import restore
from refleks.journal.store import Journal

SRC = Path(__file__).resolve().parents[1] / "src"

# A workplace PC's mounts, as /proc/self/mountinfo writes them (a space as \040).
MOUNTINFO = textwrap.dedent(r"""
    22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
    25 22 0:22 / /proc rw,nosuid shared:12 - proc proc rw
    41 22 8:3 / /home rw,relatime shared:30 - ext4 /dev/sda3 rw
    97 41 0:50 / /home/kari/H rw,relatime shared:60 - cifs //fil01/hjem$/kari rw,vers=3.1.1
    98 22 0:51 / /mnt/nfs rw,relatime shared:61 - nfs4 srv:/export rw,vers=4.2
    99 41 0:52 / /home/kari/ssh\040disk rw shared:62 - fuse.sshfs kari@host: rw
    100 97 8:4 / /home/kari/H/local rw shared:63 - ext4 /dev/sdb1 rw
    101 22 0:53 / /mnt/c rw,noatime - 9p drvfs rw,aname=drvfs
    102 22 0:54 / /mnt/over rw - nfs srv:/a rw
    103 22 0:55 / /mnt/over rw - tmpfs tmpfs rw
""").strip()


@pytest.mark.parametrize(("path", "expected"), [
    ("/home/kari/H", "cifs"),
    ("/home/kari/H/refleks/journal.sqlite3", "cifs"),
    ("/home/kari/Hjem/journal.sqlite3", None),  # a prefix of the name, not of the path
    ("/home/kari/journal.sqlite3", None),
    ("/mnt/nfs/x/journal.sqlite3", "nfs4"),
    ("/home/kari/ssh disk/journal.sqlite3", "fuse.sshfs"),
    ("/home/kari/H/local/journal.sqlite3", None),  # a local disk mounted inside the share
    ("/mnt/c/Users/kari/journal.sqlite3", "9p"),  # WSL 2's C: drive
    ("/mnt/over/journal.sqlite3", None),  # the later mount over the same point wins
])
def test_linux_reads_the_mount_that_holds_the_path(path: str, expected: str | None) -> None:
    assert linux_network_type(path, MOUNTINFO) == expected


def test_linux_names_the_type_of_any_mount() -> None:
    assert mount_type("/home/kari/journal.sqlite3", MOUNTINFO) == "ext4"
    assert mount_type("/x", "garbage\n\n1 2 3 - \n") is None


def test_this_machine_is_asked_for_real(tmp_path: Path) -> None:
    """On this Linux machine the temporary folder is a local disk (or tmpfs)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("reads /proc/self/mountinfo")
    assert filesystems.network_filesystem(tmp_path) is None


def _statfs(typename: bytes, flags: int) -> bytes:
    """FAKED: a macOS ``struct statfs`` (64-bit inodes) with the given type and flags."""
    raw = bytearray(2168)
    raw[68:72] = flags.to_bytes(4, sys.byteorder)
    raw[72:72 + len(typename)] = typename
    return bytes(raw)


@pytest.mark.parametrize(("typename", "flags", "expected"), [
    (b"apfs", MNT_LOCAL, None),
    (b"hfs", MNT_LOCAL | 0x1, None),
    (b"smbfs", 0, "smbfs"),
    (b"nfs", 0, "nfs"),
    (b"afpfs", 0, "afpfs"),
    (b"webdav", 0, "webdav"),
    (b"macfuse", 0, "macfuse"),  # sshfs through macFUSE: not local, so a network one
])
def test_macos_reads_the_type_name_and_the_local_flag_faked(
        typename: bytes, flags: int, expected: str | None) -> None:
    """FAKED: stands for macOS's statfs(2)."""
    assert macos_network_type("/Users/kari/x", lambda _: _statfs(typename, flags)) == expected
    assert macos_network_type("/Users/kari/x", lambda _: None) is None


@pytest.mark.parametrize(("path", "remote", "expected"), [
    (r"\\fil01\hjem$\kari\refleks\journal.sqlite3", False, "smb"),
    (r"\\?\UNC\fil01\hjem$\kari\journal.sqlite3", False, "smb"),  # what realpath may give
    (r"H:\refleks\journal.sqlite3", True, "remote drive"),
    (r"C:\Users\kari\AppData\Local\refleks\journal.sqlite3", False, None),
    (r"\\?\C:\Users\kari\journal.sqlite3", False, None),
])
def test_windows_reads_unc_paths_and_the_drive_type_faked(
        path: str, remote: bool, expected: str | None) -> None:
    """FAKED: stands for Windows' GetDriveTypeW (4: DRIVE_REMOTE, 3: DRIVE_FIXED)."""
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return 4 if remote else 3

    assert windows_network_type(path, drive_type) == expected
    if expected == "remote drive":
        assert asked == ["H:\\"]


# -- the rollback journal, end to end ------------------------------------------------------------


@pytest.fixture
def on_a_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal's folder is taken for a CIFS share (the machine has none to mount)."""
    monkeypatch.setattr(filesystems, "network_filesystem", lambda path: "cifs")


def _mode(path: Path) -> str:
    conn = sql.connect(str(path))
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_a_journal_on_a_share_is_written_with_a_rollback_journal(
        journal_path: Path, on_a_share: None) -> None:
    with Journal.open(journal_path) as journal:
        assert journal.network == "cifs"
        journal.complete(make_checkin(status="draft"))
        assert journal._conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert journal._conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert not journal_path.with_name(journal_path.name + "-wal").exists()
        assert len(journal.list_backups()) == 1  # the backup after completing
    assert _mode(journal_path) == "delete"
    with Journal.open(journal_path, read_only=True) as reader:
        assert reader.count() == 1


def test_a_local_journal_stays_in_wal_and_one_moved_changes_mode(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(journal_path) as journal:
        assert journal.network is None
        journal.save(make_checkin())
    assert _mode(journal_path) == "wal"
    monkeypatch.setattr(filesystems, "network_filesystem", lambda path: "nfs4")
    Journal.open(journal_path).close()  # moved onto a share: rollback from now on
    assert _mode(journal_path) == "delete"
    monkeypatch.setattr(filesystems, "network_filesystem", lambda path: None)
    with Journal.open(journal_path) as journal:  # and back on a local disk: WAL again
        assert journal.count() == 1
    assert _mode(journal_path) == "wal"


def test_two_windows_on_a_share_write_in_turn_and_see_each_other(
        journal_path: Path, on_a_share: None) -> None:
    with Journal.open(journal_path) as one, Journal.open(journal_path) as two:
        draft = one.save(make_checkin(status="draft"))
        for n in range(20):
            writer, other = (one, two) if n % 2 == 0 else (two, one)
            mine = writer.get(draft.id)
            mine.answers[0].text = f"skrevet {n}"
            writer.save(mine)
            assert other.get(draft.id).answers[0].text == f"skrevet {n}"
        assert one.integrity_problems() == [] and two.count() == 1


WRITER = textwrap.dedent("""
    import sys
    from refleks import filesystems
    from refleks.journal.model import Answer, CheckIn
    from refleks.journal.store import Journal

    filesystems.network_filesystem = lambda path: "cifs"  # as in the test: a share
    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Journal.open(path) as journal:
        for n in range(count):
            checkin = CheckIn(uid=f"{name}-{n}", status="complete", area_id=name,
                              answers=[Answer("q", "Spørsmål?", f"{name} svar {n}")])
            journal.save(checkin)
            checkin.answers[0].text += " (rettet)"
            journal.save(checkin)
""")


def test_two_processes_on_a_share_lose_nothing(journal_path: Path, on_a_share: None) -> None:
    Journal.open(journal_path).close()
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(journal_path), name, "40"],
                              env=env, stderr=subprocess.PIPE)
             for name in ("alfa", "beta")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    assert _mode(journal_path) == "delete"
    with Journal.open(journal_path) as journal:
        assert journal.integrity_problems() == []
        assert journal.count() == 80
        assert all(c.answers[0].text.endswith("(rettet)") for c in journal.iter_checkins())


KILLED_MID_WRITE = textwrap.dedent("""
    import sys, time
    from refleks import filesystems
    from refleks.journal.store import Journal

    filesystems.network_filesystem = lambda path: "cifs"
    journal = Journal.open(sys.argv[1])
    with journal._write() as db:
        db.execute("PRAGMA cache_size = 2")  # changed pages spill into the file at once
        db.execute("UPDATE checkins SET body = replace(body, 'lyttet', 'LYTTET')")
        db.execute("DELETE FROM checkins WHERE id % 2 = 0")
        print("mid-write", flush=True)
        time.sleep(120)
""")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_kill_mid_write_on_a_share_leaves_the_last_commit(
        journal_path: Path, on_a_share: None) -> None:
    with Journal.open(journal_path) as journal:
        for n in range(60):
            journal.save(make_checkin(uid=f"uke-{n}", answer="Jeg lyttet. " + "ord " * 400))
    before = _digest(journal_path)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, str(journal_path)],
                            env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "mid-write\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    hot = journal_path.with_name(journal_path.name + "-journal")
    assert hot.stat().st_size > 0  # the write's rollback journal, left behind
    assert _digest(journal_path) != before  # and half of the write in the file itself
    # A command that only reads (list, show, export) finds the last commit
    with Journal.open(journal_path, create=False, read_only=True) as reader:
        assert reader.count() == 60
        assert all("LYTTET" not in c.answers[0].text for c in reader.iter_checkins())
    assert not hot.exists()
    with Journal.open(journal_path) as journal:
        assert journal.integrity_problems() == []
        assert journal.count() == 60


def test_restore_on_a_share_after_a_kill_puts_the_backup_in_whole(
        journal_path: Path, on_a_share: None) -> None:
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin(uid="kept"))
        backup = journal.backup()
        for n in range(30):
            journal.save(make_checkin(uid=f"later-{n}", answer="ord " * 400))
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, str(journal_path)],
                            env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "mid-write\n"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    restore(journal_path, backup)
    with Journal.open(journal_path) as journal:
        assert [c.uid for c in journal.iter_checkins()] == ["kept"]
        assert journal.integrity_problems() == []


def test_a_journal_in_progress_is_left_to_the_full_status(
        journal_path: Path, on_a_share: None) -> None:
    """``status`` for the prompt reads the main file as it is: not while a -journal is
    beside it (a write under way, or a killed one)."""
    from refleks.cli.quick_status import quick_status

    with Journal.open(journal_path) as journal:
        journal.save(CheckIn(uid="a", status="complete", answers=[Answer("q", "?", "svar")]))
    assert quick_status(journal=str(journal_path), lang=None, content=None,
                        as_json=False) is not None
    journal_path.with_name(journal_path.name + "-journal").write_bytes(b"")
    assert quick_status(journal=str(journal_path), lang=None, content=None,
                        as_json=False) is None


# -- a folder a cloud client syncs: said once ---------------------------------------------------


def test_a_journal_in_a_synced_folder_is_told_about_once(isolated_home: Path) -> None:
    folder = isolated_home / "OneDrive - Helse Vest" / "refleks"
    folder.mkdir(parents=True)
    path = folder / "journal.sqlite3"
    with Journal.open(path) as journal:
        [notice] = journal.notices
    assert notice.key == "errors.synced_folder"
    assert notice.params["service"] == "OneDrive"
    assert notice.params["better"] == isolated_home / ".local/share/refleks/journal.sqlite3"
    with Journal.open(path) as journal, Journal.open(path, read_only=True) as reader:
        assert journal.notices == [] and reader.notices == []
    other = isolated_home / "Dropbox" / "journal.sqlite3"
    other.parent.mkdir()
    with Journal.open(other) as journal:
        assert [n.params["service"] for n in journal.notices] == ["Dropbox"]
    with Journal.open(isolated_home / "journal.sqlite3") as journal:
        assert journal.notices == []


def test_the_command_line_says_it_once_in_words(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from refleks.cli import main

    path = isolated_home / "Dropbox" / "journal.sqlite3"
    path.parent.mkdir()
    Journal.open(path, create=True).close()  # made elsewhere: this window has not told
    (isolated_home / ".local/share/refleks/told-synced.txt").unlink()
    assert main(["--lang", "en", "--journal", str(path), "list"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"The journal {path} is in a folder that Dropbox copies to the cloud" in err
    assert main(["--lang", "nb", "--journal", str(path), "list"]) == 0
    assert capsys.readouterr().err == ""
