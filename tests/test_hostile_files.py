"""Hostile files around the journal (issue 9, items 1, 8–12): a damaged ``-wal``, a kill
mid-write, a FIFO, a symlink, a device, read-only media. Nothing typed is lost, nothing
refleks did not make is changed, and every refusal is one line naming the file."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks import files
from refleks.cli import main
from refleks.journal import database
from refleks.journal.errors import JournalError
from refleks.journal.store import Journal
from refleks.journal.wal import FRAME_HEADER, WAL_HEADER, read_wal

SRC = Path(__file__).resolve().parents[1] / "src"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def killed_after_drafts(path: Path, texts: list[str], *, checkpoint: bool = True) -> None:
    """A refleks that saved a draft once per text, then died without closing (kill -9).

    ``checkpoint=False`` is a journal made by a refleks that never checkpointed: then
    everything, the schema too, is only in the ``-wal``.
    """
    script = textwrap.dedent(f"""
        import os, sys
        from datetime import datetime, timezone
        from refleks.journal.model import Answer, CheckIn
        from refleks.journal.store import Journal
        if not {checkpoint!r}:
            Journal.checkpoint = lambda self: None
        journal = Journal.open(sys.argv[1])
        checkin = CheckIn(lang="nb", started_at=datetime(2026, 11, 30, 9, tzinfo=timezone.utc))
        for text in sys.argv[2:]:
            checkin.answers = [Answer("relasjonell.q1", "Hva?", text)]
            journal.save(checkin)
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script, str(path), *texts], check=True,
                   env={**os.environ, "PYTHONPATH": str(SRC)})


def damage_frame(path: Path, index: int) -> None:
    """Flip a byte in the page of frame ``index`` of the journal's ``-wal``."""
    log = wal(path)
    data = bytearray(log.read_bytes())
    page_size = int.from_bytes(data[8:12], "big")
    data[WAL_HEADER + index * (FRAME_HEADER + page_size) + FRAME_HEADER + 50] ^= 0xFF
    log.write_bytes(bytes(data))


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- 1. a damaged -wal -------------------------------------------------------------------------


def test_a_damaged_wal_beside_a_new_looking_journal_stops_and_changes_nothing(
        capsys, journal_path: Path) -> None:
    killed_after_drafts(journal_path, ["Første tanker."], checkpoint=False)
    assert read_wal(journal_path).frames > 0
    damage_frame(journal_path, 1)
    before = (sha(journal_path), sha(wal(journal_path)))
    code, out, err = run(capsys, "list")
    assert code == 1
    assert "er tom" not in out
    assert str(wal(journal_path)) in err and "refleks restore" in err
    assert (sha(journal_path), sha(wal(journal_path))) == before
    with pytest.raises(JournalError) as caught:
        Journal.open(journal_path)
    assert caught.value.key == "errors.log_only"
    assert (sha(journal_path), sha(wal(journal_path))) == before


def test_a_first_session_only_in_a_damaged_wal_stops_and_changes_nothing(
        capsys, journal_path: Path) -> None:
    """The issue's own attack, with the journal as refleks makes it now: the schema is
    in the main file (checkpointed at creation), the first session's words only in the
    ``-wal``. A journal with no entries in its main file still looks empty: damage in
    that log must stop refleks, not give "your journal is empty" and a copy aside."""
    killed_after_drafts(journal_path, [f"Første tanker {n}." for n in range(4)])
    assert not database.main_file_empty(journal_path)  # the schema is in the main file
    damage_frame(journal_path, 1)
    assert read_wal(journal_path).damaged
    before = (sha(journal_path), sha(wal(journal_path)))
    for argv in (["list"], ["status"], ["show", "latest"]):
        code, out, err = run(capsys, *argv)
        assert code == (3 if argv == ["status"] else 1), (argv, out, err)  # 3: can't tell
        assert "er tom" not in out + err
        assert str(wal(journal_path)) in err and "refleks restore" in err
    with pytest.raises(JournalError) as caught:
        Journal.open(journal_path)
    assert caught.value.key == "errors.log_only"
    assert (sha(journal_path), sha(wal(journal_path))) == before
    assert not (journal_path.parent / "backups").exists()


def test_restore_puts_a_backup_back_over_a_journal_only_in_a_damaged_wal(
        capsys, journal_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "journal.sqlite3"
    with Journal.open(other) as journal:
        journal.save(make_checkin("2026-11-02", answer="Fra sikkerhetskopien."))
        backup = journal.backup()
    killed_after_drafts(journal_path, ["Første tanker."], checkpoint=False)
    damage_frame(journal_path, 1)
    log_bytes = wal(journal_path).read_bytes()
    code, _, err = run(capsys, "restore", str(backup))
    assert code == 0, err
    with Journal.open(journal_path) as journal:
        assert journal.count() == 1
    kept = list((journal_path.parent / "backups").glob("*damaged*-wal"))
    assert [k.read_bytes() for k in kept] == [log_bytes]


def test_an_intact_wal_after_a_kill_keeps_every_draft(capsys, journal_path: Path) -> None:
    killed_after_drafts(journal_path, ["Første.", "Andre."], checkpoint=False)
    with Journal.open(journal_path) as journal:
        assert journal.notices == []
        draft = journal.current_draft()
    assert draft is not None and draft.answers[0].text == "Andre."


def test_leftover_frames_of_an_older_log_generation_are_no_damage(journal_path: Path) -> None:
    """After a checkpoint SQLite writes the log again from its start with new salts;
    the older, longer generation's frames stay behind the new ones. Recovery ignores
    them, so they are no damage: no copy aside, no notice, and nothing refused."""
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin("2026-11-02", answer="Første."))
        journal.checkpoint()
        journal.save(make_checkin("2026-11-09", answer="Andre."))
        log = read_wal(journal_path)
        assert log.frames > 0 and not log.damaged, log
        with Journal.open(journal_path, read_only=True) as reader:
            assert reader.notices == [] and reader.count() == 2
    assert not (journal_path.parent / "backups").exists()


def test_a_wal_that_recovery_would_cut_short_is_copied_aside_first(
        capsys, journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin("2026-11-02"))
        journal.backup()
    killed_after_drafts(journal_path, [f"Utkast {n}." for n in range(6)])
    assert not read_wal(journal_path).damaged
    damage_frame(journal_path, 2)
    assert read_wal(journal_path).damaged
    log_bytes = wal(journal_path).read_bytes()
    main_bytes = journal_path.read_bytes()
    backups = sorted((journal_path.parent / "backups").iterdir())
    code, _, err = run(capsys, "list")  # reading: says what it found, copies nothing
    assert code == 0
    assert "Å lese endrer ingenting" in err and str(wal(journal_path)) in err
    assert sorted((journal_path.parent / "backups").iterdir()) == backups
    assert wal(journal_path).read_bytes() == log_bytes  # the log as it was, for the writer
    with Journal.open(journal_path) as journal:  # the first writer keeps the copy
        assert [n.key for n in journal.notices] == ["errors.log_kept_backup"]
    copies = sorted((journal_path.parent / "backups").glob("*damaged-log*"))
    main_copy = next(p for p in copies if p.suffix == ".sqlite3")
    assert main_copy.read_bytes() == main_bytes
    assert wal(main_copy).read_bytes() == log_bytes


def test_the_copy_of_a_damaged_wal_is_never_named_as_the_newest_backup(
        capsys, journal_path: Path) -> None:
    """The message points to the newest *backup* to restore; the copy kept aside holds
    the same damaged log, and restoring it would cut the journal short again."""
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin("2026-11-02", status="draft"))
    killed_after_drafts(journal_path, [f"Utkast {n}." for n in range(6)])
    damage_frame(journal_path, 2)
    for _ in range(2):  # reading: no copy yet, so nothing to name
        code, _, err = run(capsys, "list")
        assert code == 0 and "damaged-log" not in err and "Å lese endrer ingenting" in err
    code, _, err = run(capsys, "note", "En tanke")  # the first writer keeps the copy …
    assert code == 0
    assert err.count("damaged-log") == 1, err  # … named as the copy, not as a backup too
    assert "den nyeste er" not in err
    with Journal.open(journal_path) as journal:
        assert journal.notices == []  # recovered by the writer; nothing left to keep
        backup = journal.backup()
    with Journal.open(journal_path) as journal:
        assert journal.notices == []  # recovered once; nothing left to keep
    assert "damaged-log" not in backup.name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lock is read on Linux")
def test_the_wal_is_not_walked_while_another_process_has_the_journal_open(
        filled: Path, monkeypatch) -> None:
    from refleks.journal import opening

    script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
              "c.execute('SELECT count(*) FROM checkins').fetchall(); "
              "print('open', flush=True); sys.stdin.read()")
    child = subprocess.Popen([sys.executable, "-c", script, str(filled)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "open\n"

        def walked(path: Path) -> None:
            raise AssertionError("walked the -wal of a journal open elsewhere")

        monkeypatch.setattr(opening, "read_wal", walked)
        Journal.open(filled, read_only=True).close()
    finally:
        child.communicate("")


def test_a_new_journal_and_a_completed_checkin_are_in_the_main_file(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    try:
        assert not database.main_file_empty(journal_path)  # the schema left the -wal
        checkin = journal.save(make_checkin(status="draft"))
        journal.complete(checkin)
        conn = database.connect_main_only(journal_path)
        try:
            count = conn.execute("SELECT count(*) FROM checkins WHERE status = 'complete'")
            assert count.fetchone()[0] == 1
        finally:
            conn.close()
    finally:
        journal.close()


# -- 8. owner-only, and symlinks ---------------------------------------------------------------


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_journal_made_through_a_dangling_symlink_is_owner_only(
        umask_022, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "elsewhere" / "real.sqlite3"
    target.parent.mkdir()
    link = tmp_path / "link.sqlite3"
    link.symlink_to(target)
    monkeypatch.setenv("REFLEKS_JOURNAL", str(link))  # asked for explicitly: followed
    with Journal.open(link) as journal:
        journal.save(make_checkin(status="draft"))
        assert mode(target) == 0o600
        assert mode(wal(target)) == 0o600
        assert mode(shm(target)) == 0o600
    assert link.is_symlink()


def test_a_readable_data_folder_and_journal_are_tightened_when_refleks_writes(
        umask_022, isolated_home: Path, monkeypatch) -> None:
    from refleks.environment import Environment
    from refleks.paths import data_dir

    monkeypatch.delenv("REFLEKS_JOURNAL")
    folder = data_dir()
    folder.mkdir(parents=True, mode=0o755)
    os.chmod(folder, 0o755)
    path = folder / "journal.sqlite3"
    Journal.open(path).close()
    os.chmod(path, 0o644)
    env = Environment()
    try:
        env.journal.save(make_checkin(status="draft"))
        assert mode(folder) == 0o700
        assert mode(path) == 0o600
        assert mode(wal(path)) == 0o600
    finally:
        env.close()


def test_the_backups_folder_is_tightened_too(umask_022, journal_path: Path) -> None:
    folder = journal_path.parent / "backups"
    folder.mkdir(mode=0o755)
    with Journal.open(journal_path) as journal:
        journal.backup()
    assert mode(folder) == 0o700


def test_a_symlink_out_of_the_data_folder_is_not_followed_unasked(
        capsys, isolated_home: Path, tmp_path: Path, monkeypatch) -> None:
    from refleks.paths import data_dir

    monkeypatch.delenv("REFLEKS_JOURNAL")
    outside = tmp_path / "shared" / "journal.sqlite3"
    outside.parent.mkdir()
    Journal.open(outside).close()
    before = sha(outside)
    data_dir().mkdir(parents=True)
    (data_dir() / "journal.sqlite3").symlink_to(outside)
    code, _, err = run(capsys, "list")
    assert code == 1
    assert str(outside) in err and "--journal" in err
    assert sha(outside) == before
    code, _, _ = run(capsys, "--journal", str(data_dir() / "journal.sqlite3"), "list")
    assert code == 0  # asked for by name: followed


def test_no_mode_bits_are_touched_on_windows(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "journal.sqlite3"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    monkeypatch.setattr(sys, "platform", "win32")

    def refuse(*args: object) -> None:
        raise AssertionError("chmod on Windows")

    monkeypatch.setattr(os, "chmod", refuse)
    files.restrict(path, files.OWNER_ONLY)
    database.tighten(path, own_folder=tmp_path)
    assert mode(path) == 0o644


# -- 9. stale partial copies -------------------------------------------------------------------


def test_stale_temp_files_are_removed_when_the_journal_is_opened_to_write(
        journal_path: Path) -> None:
    Journal.open(journal_path).close()
    pid = dead_pid()
    stale = journal_path.parent / f".journal.sqlite3.{pid}.{files.TEMP_MARK}"
    stale_journal = journal_path.parent / f".backup.sqlite3.{pid}.{files.TEMP_MARK}-journal"
    live = journal_path.parent / f".journal.sqlite3.{os.getpid()}.{files.TEMP_MARK}"
    other = journal_path.parent / f".notes.{pid}.tmp"
    for path in (stale, stale_journal, live, other):
        path.write_bytes(b"journal text")
    Journal.open(journal_path, read_only=True).close()
    assert stale.exists()  # reading writes nothing, removes nothing
    Journal.open(journal_path).close()
    assert not stale.exists() and not stale_journal.exists()
    assert live.exists() and other.exists()


def test_a_stale_partial_backup_is_removed_at_the_next_start(journal_path: Path) -> None:
    """A kill just after completing leaves a partial backup (journal text) in backups/;
    the next start removes it, not only the next backup (which may be weeks away)."""
    Journal.open(journal_path).close()
    folder = journal_path.parent / "backups"
    folder.mkdir()
    pid = dead_pid()
    stale = folder / f".journal-20261130-090000.sqlite3.{pid}.{files.TEMP_MARK}"
    stale_journal = stale.with_name(stale.name + "-journal")
    for path in (stale, stale_journal):
        path.write_bytes(b"journal text")
    Journal.open(journal_path, read_only=True).close()
    assert stale.exists()  # reading removes nothing
    Journal.open(journal_path).close()
    assert not stale.exists() and not stale_journal.exists()


def test_a_stale_sqlite_temp_journal_is_removed_at_backup(journal_path: Path) -> None:
    folder = journal_path.parent / "backups"
    folder.mkdir()
    stale = folder / f".journal-20261130-090000.sqlite3.{dead_pid()}.{files.TEMP_MARK}-journal"
    stale.write_bytes(b"journal text")
    with Journal.open(journal_path) as journal:
        journal.backup()
    assert not stale.exists()


def test_a_stale_export_temp_file_is_removed_from_the_target_folder(
        capsys, journal_path: Path, isolated_home: Path) -> None:
    Journal.open(journal_path).close()
    documents = isolated_home / "Documents"
    documents.mkdir()
    stale = documents / f".journal.md.{dead_pid()}.{files.TEMP_MARK}"
    stale.write_bytes(b"journal text")
    assert files.temp_path(documents / "x.md").name.endswith(files.TEMP_MARK)
    code, _, _ = run(capsys, "export", "-o", str(documents / "journal.md"))
    assert code == 0
    assert not stale.exists()


# -- 10. --force never replaces a device or a FIFO ---------------------------------------------


def test_check_target_refuses_a_device() -> None:
    with pytest.raises(files.NotRegularFileError):
        files.check_target(Path("/dev/null"), overwrite=True)


@pytest.mark.parametrize("command", ["export", "backup"])
def test_force_to_a_fifo_is_refused(capsys, journal_path: Path, tmp_path: Path,
                                    command: str) -> None:
    Journal.open(journal_path).close()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    argv = (["export", "-o", str(fifo), "--force"] if command == "export"
            else ["backup", str(fifo), "--force"])
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert str(fifo) in err and "Traceback" not in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", ["export", "backup"])
def test_without_force_a_fifo_is_named_as_no_file_rather_than_offered_force(
        capsys, journal_path: Path, tmp_path: Path, command: str) -> None:
    """"Already exists. Use --force" sent the person to --force, which then refused."""
    Journal.open(journal_path).close()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    argv = ["export", "-o", str(fifo)] if command == "export" else ["backup", str(fifo)]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert str(fifo) in err and "--force" not in err, err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- 11. reading needs no write lock -----------------------------------------------------------


@pytest.fixture
def filled(journal_path: Path) -> Path:
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin("2026-11-02", answer="Jeg lyttet."))
    return journal_path


@pytest.mark.parametrize("argv", [["list"], ["show", "latest"], ["export"], ["status"]])
def test_reading_works_while_another_process_holds_the_write_lock(
        capsys, filled: Path, monkeypatch, argv: list[str]) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.2)
    writer = sqlite3.connect(filled, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE checkins SET area_title = area_title")
        code, out, err = run(capsys, *argv)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert code in (0, 1) and "refleks:" not in err, err
    if argv[0] != "status":
        assert "lyttet" in out or "2026" in out


@pytest.mark.parametrize("argv", [["list"], ["show", "latest"], ["export"], ["status"]])
def test_reading_from_read_only_media_writes_nothing(capsys, filled: Path, monkeypatch,
                                                    argv: list[str]) -> None:
    monkeypatch.setattr(database, "writable_folder", lambda folder: False)
    before = (sha(filled), os.stat(filled).st_mtime_ns)
    _, _, err = run(capsys, *argv)
    assert "refleks:" not in err, err
    assert (sha(filled), os.stat(filled).st_mtime_ns) == before
    assert not wal(filled).exists() and not shm(filled).exists()


def test_writing_on_read_only_media_says_so(capsys, filled: Path, monkeypatch) -> None:
    """It said "Could not use the journal … (unable to open database file)"."""
    monkeypatch.setattr(database, "writable_folder", lambda folder: False)
    before = sha(filled)
    code, _, err = run(capsys, "note", "Et øyeblikk.")
    assert code == 1
    assert err.strip() == f"refleks: Loggen {filled} kan bare leses, ikke skrives til."
    assert sha(filled) == before


def test_a_read_only_journal_cannot_write(filled: Path) -> None:
    before = sha(filled)
    with Journal.open(filled, read_only=True) as journal, pytest.raises(JournalError) as caught:
        journal.save(make_checkin("2026-11-30"))
    assert caught.value.key == "errors.read_only"
    assert sha(filled) == before


# -- 12. FIFOs, loops and stray files at the journal path --------------------------------------


def run_in_child(journal: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """A command in a process of its own, so a hang fails the test instead of the suite."""
    return subprocess.run([sys.executable, "-m", "refleks", "--journal", str(journal), *argv],
                          capture_output=True, text=True, timeout=30,
                          env={**os.environ, "PYTHONPATH": str(SRC)})


@pytest.mark.parametrize("argv", [["list"], ["status"], ["import", "x.json"]])
def test_a_fifo_at_the_journal_path_is_refused_without_hanging(tmp_path: Path,
                                                             argv: list[str]) -> None:
    fifo = tmp_path / "journal.sqlite3"
    os.mkfifo(fifo)
    (tmp_path / "x.json").write_text('{"format": "refleks-journal", "version": 1, '
                                     '"checkins": []}')
    argv = [str(tmp_path / "x.json") if a == "x.json" else a for a in argv]
    done = run_in_child(fifo, *argv)
    assert done.returncode in {"status": (3,)}.get(argv[0], (1, 2)), done.stderr
    assert str(fifo) in done.stderr and "Traceback" not in done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_loop_at_the_journal_path_is_refused(capsys, journal_path: Path) -> None:
    other = journal_path.with_name("other.sqlite3")
    journal_path.symlink_to(other)
    other.symlink_to(journal_path)
    for argv in (["list"], ["status"]):
        code, out, err = run(capsys, *argv)
        assert code == (3 if argv == ["status"] else 1)  # status: 3, it can't tell
        assert str(journal_path) in err and "er tom" not in out
    with pytest.raises(JournalError) as caught:
        Journal.open(journal_path)
    assert caught.value.key == "errors.link_loop"


@pytest.mark.parametrize("which", ["-wal", "-shm"])
def test_a_fifo_in_place_of_the_wal_or_shm_is_refused_without_hanging(filled: Path,
                                                                    which: str) -> None:
    fifo = filled.with_name(filled.name + which)
    os.mkfifo(fifo)
    script = ("import sys; from refleks.journal.store import Journal\n"
              "try:\n    Journal.open(sys.argv[1]).close()\n"
              "except Exception as exc:\n    print(exc)")
    done = subprocess.run([sys.executable, "-c", script, str(filled)], capture_output=True,
                          text=True, timeout=30, env={**os.environ, "PYTHONPATH": str(SRC)})
    assert str(fifo) in done.stdout
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_reading_through_a_dangling_symlink_finds_an_empty_journal(
        capsys, journal_path: Path) -> None:
    journal_path.symlink_to(journal_path.with_name("not-yet.sqlite3"))
    code, out, _ = run(capsys, "list")
    assert code == 0 and "er tom" in out
    assert not journal_path.exists()


@pytest.mark.parametrize("which", ["-wal", "-shm"])
def test_a_stray_wal_or_shm_beside_a_good_journal_is_not_deleted_silently(
        filled: Path, which: str) -> None:
    stray = filled.with_name(filled.name + which)
    stray.write_bytes(os.urandom(5000))
    kept = stray.read_bytes()
    with Journal.open(filled) as journal:
        assert [n.key for n in journal.notices] == ["errors.log_kept"]
        assert journal.count() == 1
    copies = list((filled.parent / "backups").glob(f"*damaged-log*{which}"))
    assert [c.read_bytes() for c in copies] == [kept]


def test_a_damaged_file_gets_no_stray_wal_or_shm(capsys, filled: Path) -> None:
    data = bytearray(filled.read_bytes())
    data[100:4096] = os.urandom(3996)  # page 1 after its header: the schema is gone
    filled.write_bytes(bytes(data))
    before = sha(filled)
    for argv in (["list"], ["status"], ["import", str(filled)]):
        code, _, err = run(capsys, *argv)
        assert code in ((3,) if argv == ["status"] else (1, 2)) and "Traceback" not in err
    assert sha(filled) == before
    assert not wal(filled).exists() and not shm(filled).exists()


@pytest.mark.parametrize("argv", [["list"], ["moments"], ["note", "En tanke"],
                                  ["delete", "1", "--yes"], ["status"]], ids=" ".join)
def test_every_command_says_a_damaged_log_was_found_and_a_writer_keeps_it_aside(
        capsys, filled: Path, argv: list[str]) -> None:
    """Whichever command opens the journal first after the damage says so. One that
    only reads changes nothing (no backups/ folder, no copy); one that writes keeps a
    copy of both files first, and names it."""
    stray = filled.with_name(filled.name + "-wal")
    stray.write_bytes(os.urandom(5000))
    code, _, err = run(capsys, *argv)
    assert code in (0, 1), err
    copies = list((filled.parent / "backups").glob("*damaged-log*-wal"))
    if argv[0] in ("list", "moments", "status"):
        assert copies == [] and not (filled.parent / "backups").exists()
        assert str(stray) in err and "Å lese endrer ingenting" in err
    else:
        assert len(copies) == 1 and copies[0].name.removesuffix("-wal") in err
