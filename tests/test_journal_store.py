"""The journal store: round trips, search, drafts that survive, files left alone."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from journal_helpers import OSLO_SUMMER, OtherProgram, digest, make_checkin, when

from refleks import files
from refleks.journal import schema, sql
from refleks.journal.backups import (
    KEEP_BACKUPS,
    check_backup,
    count_checkins,
    list_backups,
)
from refleks.journal.errors import ConflictError, JournalError, NotFoundError
from refleks.journal.model import Answer, CheckIn, LaterNote
from refleks.journal.queries import MATCH_END, MATCH_START, Filter, fts_query
from refleks.journal.restoring import restore
from refleks.journal.store import Journal

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def journal(journal_path: Path):
    with Journal.open(journal_path) as j:
        yield j


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- creating and permissions ----------------------------------------------------------------


def test_a_new_journal_is_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "data" / "refleks" / "journal.sqlite3"
        with Journal.open(path) as j:
            j.complete(make_checkin())
            assert mode(path.with_name("journal.sqlite3-wal")) == 0o600
        assert mode(path.parent) == 0o700
        assert mode(path) == 0o600
        assert mode(path.parent / "backups") == 0o700
        backups = list((path.parent / "backups").iterdir())
        assert backups and all(mode(b) == 0o600 for b in backups)
    finally:
        os.umask(old)


def test_opening_a_missing_journal_without_create_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "journal.sqlite3"
    with pytest.raises(NotFoundError):
        Journal.open(path, create=False)
    assert not path.parent.exists()


def test_a_folder_is_not_a_journal(tmp_path: Path) -> None:
    with pytest.raises(JournalError) as caught:
        Journal.open(tmp_path)
    assert caught.value.key == "errors.is_folder"


def test_an_empty_file_becomes_a_journal(tmp_path: Path) -> None:
    path = tmp_path / "made-by-mktemp"
    path.write_bytes(b"")
    with Journal.open(path) as j:
        assert j.version == schema.CURRENT_VERSION


# -- round trips -----------------------------------------------------------------------------


def test_save_and_get_give_back_every_field(journal: Journal) -> None:
    original = make_checkin()
    saved = journal.save(replace(original))
    assert saved.id == 1 and saved.updated_at is not None and saved.saved_revision == 1
    again = journal.get(saved.id)
    assert again == saved  # dataclass equality: every stored field
    assert again.started_at.utcoffset() == timedelta(hours=1)  # the offset it was written in
    assert again.later_notes == original.later_notes
    assert journal.get(saved.uid) == saved
    assert journal.get(saved.uid[:8]) == saved
    assert journal.get(str(saved.id)) == saved
    assert journal.get(99) is None and journal.get("nope") is None and journal.get("") is None


def test_saving_again_updates_the_same_check_in(journal: Journal) -> None:
    checkin = journal.save(make_checkin(status="draft"))
    checkin.answers[0].text = "Ny tekst."
    checkin.focus = checkin.focus[:1]
    journal.save(checkin)
    assert checkin.id == 1 and checkin.saved_revision == 2
    stored = journal.get(1)
    assert stored.answers[0].text == "Ny tekst."
    assert stored.focus_ids == ["tillit"]
    assert journal.summaries()[0].focus == [("tillit", "Tillit")]
    assert journal.count() == 1


def test_a_naive_datetime_is_taken_as_local_time(journal: Journal) -> None:
    checkin = make_checkin()
    checkin.started_at = checkin.started_at.replace(tzinfo=None)
    journal.save(checkin)
    assert journal.get(checkin.id).started_at.tzinfo is not None


def test_current_draft_and_latest(journal: Journal) -> None:
    assert journal.current_draft() is None and journal.latest() is None
    journal.save(make_checkin("2026-11-16"))
    journal.save(make_checkin("2026-11-23", area="etikk"))
    draft = journal.save(make_checkin("2026-11-30", status="draft"))
    assert journal.current_draft().uid == draft.uid
    assert journal.latest().area_id == "etikk"
    assert journal.latest(include_drafts=True).uid == draft.uid


def test_complete_sets_the_time_and_makes_a_backup(journal: Journal) -> None:
    draft = journal.save(make_checkin(status="draft"))
    journal.complete(draft)
    stored = journal.get(draft.id)
    assert stored.status == "complete" and stored.completed_at is not None
    backups = journal.list_backups()
    assert len(backups) == 1 and journal.last_backup_error is None
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_only_the_newest_backups_are_kept(journal: Journal) -> None:
    for n in range(KEEP_BACKUPS + 3):
        journal.complete(make_checkin(f"2026-01-{n + 1:02d}"))
    names = [p.name for p in journal.list_backups()]
    assert len(names) == KEEP_BACKUPS
    newest = Path(journal.list_backups()[0])
    with sqlite3.connect(newest) as copy:
        assert copy.execute("SELECT count(*) FROM checkins").fetchone()[0] == KEEP_BACKUPS + 3


def test_a_failed_backup_does_not_undo_the_completion(journal: Journal) -> None:
    journal.backups_dir.write_text("a file where the folder should be")
    checkin = journal.complete(make_checkin(status="draft"))
    assert journal.get(checkin.id).status == "complete"
    assert isinstance(journal.last_backup_error, JournalError)


def test_delete_removes_everything(journal: Journal) -> None:
    keep = journal.save(make_checkin("2026-11-23", answer="blåbærsyltetøy"))
    gone = journal.save(make_checkin("2026-11-30", answer="hemmelighetsfull"))
    journal.delete(gone.id)
    assert journal.get(gone.uid) is None
    assert journal.search("hemmelighetsfull") == []
    assert [s.uid for s in journal.search("blåbærsyltetøy")] == [keep.uid]
    with pytest.raises(NotFoundError):
        journal.delete(gone.id)


def test_a_deleted_answer_does_not_stay_in_the_file(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-23", answer="vanlig tekst"))
        gone = j.save(make_checkin("2026-11-30", answer="Xylofonhemmeligheten"))
        j.delete(gone.id)
    data = journal_path.read_bytes()
    assert b"Xylofonhemmeligheten" not in data
    assert b"xylofonhemmeligheten" not in data  # nor in the search index
    assert b"vanlig tekst" in journal_path.read_bytes()


def test_later_notes_are_added_without_touching_the_rest(journal: Journal) -> None:
    checkin = journal.save(make_checkin())
    updated = journal.add_later_note(checkin.id, "Tenkte mer på dette.")
    assert [n.text for n in updated.later_notes][-1] == "Tenkte mer på dette."
    assert updated.answers == checkin.answers
    assert journal.search("tenkte")[0].id == checkin.id
    with pytest.raises(NotFoundError):
        journal.add_later_note(42, "x")


def test_last_visit_per_area_counts_completed_check_ins_only(journal: Journal) -> None:
    journal.save(make_checkin("2026-11-02", area="etikk"))
    journal.save(make_checkin("2026-11-16", area="etikk"))
    journal.save(make_checkin("2026-11-09", area="relasjonell"))
    journal.save(make_checkin("2026-11-30", area="refleksiv", status="draft"))
    visits = journal.last_visit_per_area()
    assert set(visits) == {"etikk", "relasjonell"}
    assert visits["etikk"].date() == date(2026, 11, 16)


# -- listing and filters -----------------------------------------------------------------------


def test_summaries_are_newest_first_and_filter(journal: Journal) -> None:
    journal.save(make_checkin("2026-10-05", area="etikk", focus=("selvbestemmelse", "tillit")))
    journal.save(make_checkin("2026-11-02", area="relasjonell", focus=("empati", "varme")))
    journal.save(make_checkin("2026-11-30", area="relasjonell", status="draft"))
    assert [s.started_at.date().isoformat() for s in journal.summaries()] == [
        "2026-11-30", "2026-11-02", "2026-10-05"]
    first = journal.summaries()[0]
    assert first.is_draft and first.focus == [("tillit", "Tillit"), ("naervaer", "Naervaer")]
    assert first.method_id == "metode.refleksjonsgruppe" and first.snippet is None

    def days(flt: Filter) -> list[str]:
        return [s.started_at.date().isoformat() for s in journal.summaries(flt)]

    assert days(Filter(since=date(2026, 11, 1))) == ["2026-11-30", "2026-11-02"]
    assert days(Filter(until=date(2026, 11, 2))) == ["2026-11-02", "2026-10-05"]
    assert days(Filter(area_id="etikk")) == ["2026-10-05"]
    assert days(Filter(value_id="tillit")) == ["2026-11-30", "2026-10-05"]
    assert days(Filter(include_drafts=False)) == ["2026-11-02", "2026-10-05"]
    assert days(Filter(value_id="tillit", include_drafts=False, since=date(2026, 10, 6))) == []


def test_dates_filter_on_the_day_as_it_was_written(journal: Journal) -> None:
    # 23:30 in Oslo on 30 November is already 1 December in some places: it is the 30th.
    late = make_checkin()
    late.started_at = when("2026-11-30", 23, 30)
    journal.save(late)
    assert journal.summaries(Filter(until=date(2026, 11, 30)))
    assert not journal.summaries(Filter(since=date(2026, 12, 1)))


def test_order_follows_time_not_text_across_offsets(journal: Journal) -> None:
    a = make_checkin()
    a.started_at = when("2026-03-29", 1, 30)  # 00:30 UTC
    b = make_checkin()
    b.started_at = when("2026-03-29", 1, 45)  # 00:45 UTC
    c = make_checkin()
    c.started_at = when("2026-03-29", 1, 50, tz=OSLO_SUMMER)  # 23:50 UTC the day before
    for x in (c, a, b):
        journal.save(x)
    assert [s.uid for s in journal.summaries()] == [b.uid, a.uid, c.uid]
    assert [x.uid for x in journal.iter_checkins()] == [c.uid, a.uid, b.uid]


# -- search ----------------------------------------------------------------------------------


def test_search_understands_norwegian_letters(journal: Journal) -> None:
    def only(text: str) -> CheckIn:
        return journal.save(CheckIn(answers=[Answer("q", "Spørsmål?", text)]))

    so = only("Det var så fint å se ham igjen.")
    said = only("Hun sa at hun var redd.")
    year = only("Et helt år med ærlighet og tillitsbrudd.")

    def found(text: str) -> set[str]:
        return {s.uid for s in journal.search(text)}

    # Words match as prefixes ("sa" also finds "samme"), but never across å/a:
    assert so.uid in found("så") and said.uid not in found("så")
    assert said.uid in found("sa") and so.uid not in found("sa")
    assert found("år") == {year.uid} and year.uid not in found("ar")
    assert found("ÆRLIGHET") == {year.uid}  # case folds for æ too
    assert found("tillit") == {year.uid}  # a prefix: tillit → tillitsbrudd
    assert found("a\u030ar") == {year.uid}  # "år" typed with a combining ring
    assert found("ærlighet år") == {year.uid}  # all words must be there
    assert found("ærlighet redd") == set()


def test_search_marks_where_it_found_the_words(journal: Journal) -> None:
    journal.save(make_checkin(answer="Vi snakket om håp og framtid."))
    [hit] = journal.search("håp")
    assert f"{MATCH_START}håp{MATCH_END}" in hit.snippet


@pytest.mark.parametrize("text", ['"', "*", "AND", "NOT tillit", "tillit)", "a:b", "-x", "^"])
def test_any_search_text_is_safe(journal: Journal, text: str) -> None:
    journal.save(make_checkin())
    journal.search(text)  # no FTS syntax error, whatever was typed


def test_an_empty_search_finds_nothing(journal: Journal) -> None:
    journal.save(make_checkin())
    assert journal.search("") == [] and journal.search(" ,.!") == []
    assert fts_query("  ") is None


def test_search_covers_everything_written_but_not_the_questions(journal: Journal) -> None:
    checkin = make_checkin()
    checkin.answers[0].text = "svarord"
    checkin.chime[0].text = "chimeord"
    checkin.focus[0].action = "handlingsord"
    checkin.follow_ups[0].text = "oppfolgingsord"
    checkin.notes = "notatord"
    checkin.later_notes = [LaterNote(checkin.started_at, "senereord")]
    journal.save(checkin)
    for word in ("svarord", "chimeord", "handlingsord", "oppfolgingsord", "notatord",
                 "senereord"):
        assert len(journal.search(word)) == 1, word
    assert journal.search("empati") == []  # only in the question text


def test_search_respects_filters(journal: Journal) -> None:
    journal.save(make_checkin("2026-10-05", area="etikk", answer="felles ord"))
    journal.save(make_checkin("2026-11-02", area="relasjonell", answer="felles ord"))
    assert len(journal.search("felles")) == 2
    assert len(journal.search("felles", Filter(area_id="etikk"))) == 1
    assert len(journal.summaries(Filter(search="felles", since=date(2026, 11, 1)))) == 1


# -- two windows, two processes, a kill ----------------------------------------------------------


def test_a_second_window_cannot_silently_overwrite_the_first(journal_path: Path) -> None:
    with Journal.open(journal_path) as one, Journal.open(journal_path) as two:
        draft = one.save(make_checkin(status="draft"))
        mine = two.get(draft.id)
        draft.answers[0].text = "skrevet i vindu en"
        one.save(draft)
        mine.answers[0].text = "skrevet i vindu to"
        with pytest.raises(ConflictError):
            two.save(mine)
        assert one.get(draft.id).answers[0].text == "skrevet i vindu en"
        fresh = two.get(draft.id)
        fresh.answers[0].text = "skrevet i vindu to"
        two.save(fresh)
        assert one.get(draft.id).answers[0].text == "skrevet i vindu to"


WRITER = textwrap.dedent("""
    import sys
    from refleks.journal.model import Answer, CheckIn
    from refleks.journal.store import Journal

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Journal.open(path) as journal:
        for n in range(count):
            checkin = CheckIn(uid=f"{name}-{n}", status="complete", area_id=name,
                              answers=[Answer("q", "Spørsmål?", f"{name} svar {n}")])
            journal.save(checkin)
            checkin.answers[0].text += " (rettet)"
            journal.save(checkin)
""")


def test_two_processes_writing_at_once_lose_nothing(journal_path: Path) -> None:
    Journal.open(journal_path).close()
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(journal_path), name, "150"],
                              env=env, stderr=subprocess.PIPE)
             for name in ("alfa", "beta")]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with Journal.open(journal_path) as j:
        assert j.integrity_problems() == []
        assert j.count() == 300
        assert len(j.summaries(Filter(area_id="alfa"))) == 150
        assert all(c.answers[0].text.endswith("(rettet)") for c in j.iter_checkins())
        assert len(j.search("rettet")) == 300


AUTOSAVER = textwrap.dedent("""
    import sys
    from refleks.journal.model import Answer, CheckIn
    from refleks.journal.store import Journal

    journal = Journal.open(sys.argv[1])
    draft = CheckIn(uid="the-draft", answers=[Answer("q", "Spørsmål?", "")])
    n = 0
    while True:
        n += 1
        draft.answers[0].text = f"skrevet {n} " + "ord " * 500
        journal.save(draft)
        print(n, flush=True)
""")


def test_a_draft_survives_the_process_being_killed_mid_write(journal_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    proc = subprocess.Popen([sys.executable, "-c", AUTOSAVER, str(journal_path)], env=env,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    last = 0
    try:
        while last < 200:  # let it save a few hundred times, then kill it mid-stream
            line = proc.stdout.readline()
            assert line, "the autosaver stopped"
            last = int(line)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    with Journal.open(journal_path) as j:
        draft = j.current_draft()
        assert draft is not None and draft.uid == "the-draft"
        saved = int(draft.answers[0].text.split()[1])
        assert saved >= last  # every save it reported is there (and maybe one more)
        assert j.integrity_problems() == []


# -- files that are not ours, damaged or newer --------------------------------------------------


def _assert_refused(path: Path, key: str) -> None:
    before = digest(path)
    siblings = set(path.parent.iterdir())
    with pytest.raises(JournalError) as caught:
        Journal.open(path)
    assert caught.value.key == key
    assert digest(path) == before
    assert not (set(path.parent.iterdir()) - siblings - {
        path.with_name(path.name + "-shm"), path.with_name(path.name + "-wal")})


def test_a_text_file_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Mine notater, ikke en database.\n" * 100)
    _assert_refused(path, "errors.foreign")


def test_someone_elses_sqlite_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
        other.execute("INSERT INTO recipes VALUES ('lapskaus')")
    other.close()
    _assert_refused(path, "errors.foreign")


def test_a_journal_from_a_newer_refleks_is_left_untouched(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin())
    with sqlite3.connect(journal_path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 1}")
    conn.close()
    _assert_refused(journal_path, "errors.newer")


def test_a_truncated_journal_is_left_untouched(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        for n in range(30):
            j.save(make_checkin(f"2026-01-{n % 28 + 1:02d}", answer="tekst " * 400))
    data = journal_path.read_bytes()
    journal_path.write_bytes(data[:50])
    _assert_refused(journal_path, "errors.damaged")


def test_a_journal_with_garbage_inside_is_reported_and_left_untouched(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        for n in range(40):
            j.save(make_checkin(f"2026-01-{n % 28 + 1:02d}", answer="tekst " * 400))
    data = bytearray(journal_path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page):  # every page after the schema
        data[offset:offset + 100] = b"\xff" * 100
    journal_path.write_bytes(bytes(data))
    before = digest(journal_path)
    with pytest.raises(JournalError) as caught, Journal.open(journal_path) as j:
        j.summaries()
        list(j.iter_checkins())
    assert caught.value.key == "errors.damaged"
    assert digest(journal_path) == before


def test_a_stored_body_that_does_not_decode_is_reported(journal: Journal) -> None:
    checkin = journal.save(make_checkin())
    with sqlite3.connect(journal.path) as conn:
        conn.execute("UPDATE checkins SET body = '{broken' WHERE id = ?", (checkin.id,))
    conn.close()
    with pytest.raises(JournalError) as caught:
        journal.get(checkin.id)
    assert caught.value.key == "errors.damaged"
    with pytest.raises(JournalError):
        list(journal.iter_checkins())


def test_a_uid_that_starts_with_digits_is_found_by_its_start(journal: Journal) -> None:
    """One uid in forty starts with eight digits: ``show 83618631`` must still find it,
    and a number that is a check-in's own still names that check-in."""
    first = journal.save(make_checkin(uid="83618631d6d54935b5e71219f7f8e821"))
    assert journal.get("83618631") == first
    assert journal.get("1") == first and journal.get(1) == first
    assert journal.get("99999999999999999999") is None


def test_errors_read_as_sentences_in_the_readers_language() -> None:
    from refleks.content.ui import load_strings
    from refleks.errors import message

    error = JournalError("errors.foreign", path="/tmp/x")
    for lang in ("nb", "en"):
        words = message(error, load_strings(lang))
        assert "/tmp/x" in words and "errors.foreign" not in words
    assert message(error, load_strings("nb")) != message(error, load_strings("en"))


def test_an_errors_own_text_reads_no_file(isolated_home: Path) -> None:
    """``str()`` of an error is for a log: it names the key and never opens the config
    to choose a language (a broken config would make the error itself fail)."""
    (isolated_home / "config.toml").write_text("lang = [broken", encoding="utf-8")
    assert str(JournalError("errors.foreign", path="/tmp/x")) == (
        "journal.errors.foreign (path=/tmp/x)")


# -- backups and restore -----------------------------------------------------------------------


def test_backup_to_a_folder_or_file(journal: Journal, tmp_path: Path) -> None:
    journal.save(make_checkin())
    folder = tmp_path / "usb"
    folder.mkdir()
    into_folder = journal.backup(folder)
    assert into_folder.parent == folder and check_backup(into_folder) == schema.CURRENT_VERSION
    target = folder / "kopi.sqlite3"
    assert journal.backup(target) == target
    with pytest.raises(JournalError) as caught:
        journal.backup(target)
    assert caught.value.key == "errors.exists"
    journal.backup(target, overwrite=True)
    with pytest.raises(JournalError) as caught:
        journal.backup(tmp_path / "missing" / "kopi.sqlite3")
    assert caught.value.key == "errors.no_folder"
    assert not [p for p in folder.iterdir() if files.TEMP_MARK in p.name]


def test_a_backup_clears_temp_files_a_killed_refleks_left(journal: Journal) -> None:
    journal.backups_dir.mkdir(mode=0o700)
    stale = journal.backups_dir / f".journal-20261130-090000.sqlite3.999999999.{files.TEMP_MARK}"
    stale.write_bytes(b"half a backup")
    journal.complete(make_checkin())
    assert not stale.exists() and len(journal.list_backups()) == 1


def test_a_backup_listing_says_how_many_check_ins_each_holds(journal: Journal,
                                                             tmp_path: Path) -> None:
    journal.save(make_checkin("2026-11-23"))
    journal.save(make_checkin("2026-11-30"))
    made = journal.backup()
    assert list_backups(journal.path) == [made]
    assert count_checkins(made) == 2
    text = tmp_path / "notes.txt"
    text.write_text("ikke en kopi")
    assert count_checkins(text) is None


def test_restore_puts_a_backup_back_and_keeps_the_current_journal(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02", answer="før kopien"))
        backup = j.backup()
        j.save(make_checkin("2026-11-09", answer="etter kopien"))
    with Journal.open(journal_path) as watcher:  # another open window
        result = restore(journal_path, backup)
        assert [s.started_at.day for s in watcher.summaries()] == [2]
    assert result.previous is not None and "before-restore" in result.previous.name
    with Journal.open(result.previous) as previous:
        assert previous.count() == 2
    with Journal.open(journal_path) as j:
        assert j.count() == 1 and j.search("etter") == [] and len(j.search("før")) == 1


def test_restore_replaces_a_damaged_journal_after_copying_it_aside(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin())
        backup = j.backup()
    journal_path.write_bytes(journal_path.read_bytes()[:60])
    damaged = digest(journal_path)
    result = restore(journal_path, backup)
    assert result.previous is not None and digest(result.previous) == damaged
    with Journal.open(journal_path) as j:
        assert j.count() == 1
    assert mode(journal_path) == 0o600


def test_restore_into_a_missing_journal(journal_path: Path, tmp_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin())
        backup = j.backup(tmp_path)
    elsewhere = tmp_path / "new" / "journal.sqlite3"
    result = restore(elsewhere, backup)
    assert result.previous is None
    with Journal.open(elsewhere) as j:
        assert j.count() == 1


def test_restore_refuses_what_is_not_a_backup(journal_path: Path, tmp_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin())
    before = digest(journal_path)
    text = tmp_path / "notes.txt"
    text.write_text("ikke en kopi")
    with pytest.raises(JournalError) as caught:
        restore(journal_path, text)
    assert caught.value.key == "errors.foreign"
    with pytest.raises(NotFoundError):
        restore(journal_path, tmp_path / "missing.sqlite3")
    with pytest.raises(JournalError) as caught:
        restore(journal_path, journal_path)
    assert caught.value.key == "errors.same_file"
    assert digest(journal_path) == before


def test_restore_never_replaces_someone_elses_file(tmp_path: Path, journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin())
        backup = j.backup(tmp_path)
    foreign = tmp_path / "notes.txt"
    foreign.write_text("mine notater")
    with pytest.raises(JournalError) as caught:
        restore(foreign, backup)
    assert caught.value.key == "errors.foreign"
    assert foreign.read_text() == "mine notater"


def test_iter_checkins_streams_oldest_first(journal: Journal) -> None:
    for day in ("2026-11-16", "2026-11-02", "2026-11-30"):
        journal.save(make_checkin(day))
    stream = journal.iter_checkins()
    first = next(stream)
    assert isinstance(first, CheckIn) and first.started_at.day == 2
    assert [c.started_at.day for c in stream] == [16, 30]
    assert [c.started_at.day for c in journal.iter_checkins(oldest_first=False)] == [30, 16, 2]


def test_a_check_in_with_no_answers_yet_is_fine(journal: Journal) -> None:
    empty = journal.save(CheckIn())
    assert journal.get(empty.id) == empty
    assert journal.summaries()[0].area_title == "" and journal.search("x") == []
    empty.answers.append(Answer("q", "Spørsmål?", "første ord"))
    journal.save(empty)
    assert len(journal.search("første")) == 1


def test_several_processes_creating_the_same_new_journal_at_once(tmp_path: Path) -> None:
    path = tmp_path / "ny" / "journal.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"p{n}", "10"],
                              env=env, stderr=subprocess.PIPE)
             for n in range(4)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    with Journal.open(path) as j:
        assert j.count() == 40 and j.integrity_problems() == []


def test_a_journal_held_by_someone_else_too_long_says_so(journal_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import refleks.journal.database as database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.2)
    with Journal.open(journal_path) as j:
        holder = sql.connect(journal_path, isolation_level=None)  # refleks' driver: its locks
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(JournalError) as caught:
                j.save(make_checkin())
            assert caught.value.key == "errors.locked"
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        j.save(make_checkin())  # and once it is free, all is well
        assert j.count() == 1


def test_a_brief_wait_gives_up_while_the_journal_is_still_held(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``save(wait=)`` gives up before the other program lets go (after 30 s here, with
    a usual wait of an hour: a save that ignored ``wait`` would succeed instead), and
    the connection's usual wait is back afterwards, after a failure and a success."""
    import refleks.journal.database as database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 3600)
    with Journal.open(journal_path) as j:
        with OtherProgram(journal_path) as other:
            with pytest.raises(JournalError) as caught:
                j.save(make_checkin(), wait=0.05)
            assert caught.value.key == "errors.locked"
            assert not other.gone.is_set()
            assert j._read("PRAGMA busy_timeout") == [(3_600_000,)]
        j.save(make_checkin(), wait=0.05)
        assert j.count() == 1
        assert j._read("PRAGMA busy_timeout") == [(3_600_000,)]


def test_opening_a_current_journal_waits_for_no_writer(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second window starting while the first saves a draft: opening takes no write
    lock when there is nothing to set up, so it neither waits nor fails."""
    from refleks.journal import database

    Journal.open(journal_path).close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.05)
    holder = sql.connect(journal_path, isolation_level=None)  # refleks' driver: its locks
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        with Journal.open(journal_path) as journal:
            assert journal.count() == 0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
