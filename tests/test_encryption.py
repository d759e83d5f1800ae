"""The encrypted journal: recognising it, its key, converting it, and what reaches disk."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.journal import cipher, converting, sql
from refleks.journal.cipher import EncryptedJournal, WrongPassphrase
from refleks.journal.errors import JournalError
from refleks.journal.moments import Moment
from refleks.journal.restoring import restore
from refleks.journal.store import Journal

MARKER = "ZQXMARKERWORD"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(path: Path, key: cipher.Key | None = None, *, marker: str = MARKER) -> None:
    with Journal.open(path, key) as journal:
        journal.save(make_checkin("2026-11-23", answer=f"Første uke {marker} skrevet."))
        journal.complete(make_checkin("2026-11-30"))
        journal.moments.add(Moment(text=f"Et øyeblikk {marker} i gangen."))


def export(path: Path, key: cipher.Key | None = None) -> list[object]:
    with Journal.open(path, key, read_only=True) as journal:
        texts = [*journal.iter_export_objects(), *journal.moments.iter_export_objects()]
    return [json.loads(text) for text in texts]


def every_file(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


# -- the key -----------------------------------------------------------------------------------


def test_a_journal_sqlcipher_encrypted_with_the_passphrase_unlocks(tmp_path: Path) -> None:
    """SQLCipher itself encrypts with the passphrase (its own key derivation); the key
    refleks derives from the passphrase opens that file."""
    path = tmp_path / "j.sqlite3"
    conn = sql.connect(path)
    conn.execute("PRAGMA key = 'hemmelig frase'")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('innhold')")
    conn.commit()
    conn.close()
    assert cipher.is_encrypted(path)
    key = cipher.unlock(path, "hemmelig frase")
    conn = sql.use_key(sql.connect(path), key)
    assert conn.execute("SELECT x FROM t").fetchall() == [("innhold",)]
    conn.close()
    with pytest.raises(WrongPassphrase):
        cipher.unlock(path, "hemmelig Frase")


def test_what_is_encrypted_is_told_by_the_header(tmp_path: Path) -> None:
    plain = tmp_path / "plain.sqlite3"
    fill(plain)
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    text = tmp_path / "notes.txt"
    text.write_text("Bare noen notater, ikke en journal.\n")
    assert not cipher.is_encrypted(plain)
    assert not cipher.is_encrypted(empty)
    assert not cipher.is_encrypted(tmp_path / "missing.sqlite3")
    assert not cipher.is_encrypted(text)  # not whole pages: "not a journal", as before
    converting.encrypt(plain, "frase")
    assert cipher.is_encrypted(plain)


def test_a_wrong_passphrase_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    converting.encrypt(path, "riktig")
    before = {p.name: digest(p) for p in every_file(tmp_path)}
    with pytest.raises(WrongPassphrase) as caught:
        cipher.unlock(path, "feil")
    assert caught.value.exit_code == 2
    assert {p.name: digest(p) for p in every_file(tmp_path)} == before


def test_an_encrypted_journal_without_its_key_is_said_to_be_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    key = converting.encrypt(path, "riktig")
    before = digest(path)
    for read_only in (False, True):
        with pytest.raises(EncryptedJournal):
            Journal.open(path, read_only=read_only)
    other = cipher.derive("feil", cipher.salt_of(path))
    with pytest.raises(WrongPassphrase):
        Journal.open(path, other)
    assert digest(path) == before
    with Journal.open(path, key) as journal:
        assert journal.count() == 2


# -- converting --------------------------------------------------------------------------------


def test_encrypting_and_decrypting_gives_back_the_same_export(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    before = export(path)
    key = converting.encrypt(path, "første frase")
    assert export(path, key) == before
    with Journal.open(path, key) as journal:  # the search index came along
        assert len(journal.search(MARKER)) == 1
        assert [m.text for m in journal.moments.select()] == [f"Et øyeblikk {MARKER} i gangen."]
    new = converting.change_passphrase(path, key, "andre frase")
    with pytest.raises(WrongPassphrase):
        cipher.unlock(path, "første frase")
    assert cipher.unlock(path, "andre frase") == new
    converting.decrypt(path, new)
    assert not cipher.is_encrypted(path)
    assert export(path) == before


def test_nothing_on_disk_holds_the_text_after_encrypting_and_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "journal.sqlite3"
    fill(path)
    plain_backups = list((folder / "backups").iterdir())
    assert plain_backups  # complete() made one: plain, from before
    for old in plain_backups:
        old.unlink()  # what the command offers to remove
    key = converting.encrypt(path, "frase")
    with Journal.open(path, key) as journal:
        journal.save(make_checkin("2026-12-07", answer=f"Ny uke {MARKER}.", status="draft"))
        journal.add_later_note(journal.latest().uid,  # type: ignore[union-attr]
                               f"Lest igjen {MARKER} i mars.")
        backup = journal.backup()
        journal.backup(tmp_path / "elsewhere.sqlite3")
    assert cipher.is_encrypted(backup)
    assert cipher.unlock(backup, "frase")  # the journal's passphrase opens its backups
    found = [p for p in every_file(tmp_path) if MARKER.encode() in p.read_bytes()]
    assert found == []
    assert len(every_file(folder)) >= 2  # the journal and its backup were looked through


def test_a_journal_reached_by_a_link_is_encrypted_behind_the_link(tmp_path: Path) -> None:
    """``--journal link``: the target is converted, the link stays a link to it, and
    no file anywhere keeps the plaintext."""
    real = tmp_path / "elsewhere" / "journal.sqlite3"
    real.parent.mkdir()
    fill(real)
    for old in (real.parent / "backups").iterdir():
        old.unlink()  # plain backups from before: the command offers to remove them
    link = tmp_path / "link.sqlite3"
    link.symlink_to(real)
    key = converting.encrypt(link, "frase")
    assert link.is_symlink() and link.readlink() == real
    assert cipher.is_encrypted(real)
    assert [p for p in every_file(tmp_path) if MARKER.encode() in p.read_bytes()] == []
    assert [p.name for p in tmp_path.rglob("*refleks-tmp*")] == []
    with Journal.open(link, key) as journal:
        assert journal.count() == 2
    new = converting.change_passphrase(link, key, "ny frase")
    converting.decrypt(link, new)
    assert link.is_symlink() and link.readlink() == real
    assert not cipher.is_encrypted(real)


def test_an_encrypted_backup_is_restored_with_the_key(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    key = converting.encrypt(path, "frase")
    with Journal.open(path, key) as journal:
        backup = journal.backup()
        journal.delete(journal.latest().uid)  # type: ignore[union-attr]
        assert journal.count() == 1
    restore(path, backup, key)
    with Journal.open(path, key) as journal:
        assert journal.count() == 2


def test_a_plain_backup_is_not_put_into_an_encrypted_journal(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    with Journal.open(path) as journal:
        plain = journal.backup(tmp_path / "plain-copy.sqlite3")
    key = converting.encrypt(path, "frase")
    before = digest(path)
    with pytest.raises(JournalError) as caught:
        restore(path, plain, key)
    assert caught.value.key == "errors.restore_mixed"
    assert digest(path) == before


def test_an_encrypted_source_is_not_copied_into_a_plain_journal(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    encrypted = tmp_path / "encrypted.sqlite3"
    fill(encrypted, marker="ANNEN")
    converting.encrypt(encrypted, "frase")
    with Journal.open(path) as journal, pytest.raises(JournalError) as caught:
        journal.replace_with(encrypted)
    assert caught.value.key == "errors.restore_mixed"
    assert MARKER in json.dumps(export(path), ensure_ascii=False)


def test_a_backup_from_before_the_passphrase_changed_keeps_the_new_passphrase(
        tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    old = converting.encrypt(path, "gammel")
    with Journal.open(path, old) as journal:
        backup = journal.backup()
        journal.delete(journal.latest().uid)  # type: ignore[union-attr]
    new = converting.change_passphrase(path, old, "ny")
    with pytest.raises(WrongPassphrase):
        cipher.unlock(backup, "ny")
    restore(path, backup, new, cipher.unlock(backup, "gammel"))
    assert cipher.unlock(path, "ny") == new  # the journal's own passphrase, as before
    with Journal.open(path, new) as journal:
        assert journal.count() == 2


def test_a_damaged_journal_restored_from_an_older_backup_keeps_its_own_passphrase(
        tmp_path: Path) -> None:
    """In place of a damaged encrypted journal, the backup comes back under the journal's
    own passphrase, not the one the backup was made with (else the passphrase the
    person knows, and a remembered key, would stop opening it)."""
    import shutil

    source = tmp_path / "j.sqlite3"
    fill(source)
    old = converting.encrypt(source, "gammel")
    with Journal.open(source, old) as journal:
        backup = journal.backup(tmp_path / "older.sqlite3")
    new = converting.change_passphrase(source, old, "ny")
    path = tmp_path / "now" / "j.sqlite3"
    path.parent.mkdir()
    with Journal.open(source, new) as journal:  # open: the new page 1 is only in the log
        journal.save(make_checkin("2026-12-07", answer="Mer tekst " * 2000, status="draft"))
        shutil.copyfile(source, path)
        shutil.copyfile(source.with_name(source.name + "-wal"),
                        path.with_name(path.name + "-wal"))
    _damage_a_logged_page(path.with_name(path.name + "-wal"), 1)
    result = restore(path, backup, new, cipher.unlock(backup, "gammel"))
    assert "damaged" in result.previous.name  # type: ignore[union-attr]
    assert cipher.unlock(path, "ny") == new
    with pytest.raises(WrongPassphrase):
        cipher.unlock(path, "gammel")
    with Journal.open(path, new) as journal:
        assert journal.count() == 2


@pytest.mark.parametrize("journal_is", ["missing", "plain"])
def test_an_encrypted_backup_comes_back_into_a_missing_or_plain_journal(
        tmp_path: Path, journal_is: str) -> None:
    source = tmp_path / "before" / "j.sqlite3"
    source.parent.mkdir()
    fill(source)
    key = converting.encrypt(source, "frase")
    with Journal.open(source, key) as journal:
        backup = journal.backup(tmp_path / "saved.sqlite3")
    path = tmp_path / "now" / "j.sqlite3"
    if journal_is == "plain":
        path.parent.mkdir()
        with Journal.open(path) as journal:
            journal.complete(make_checkin("2026-12-07", answer="Den vanlige journalen."))
    result = restore(path, backup, None, key)
    assert cipher.is_encrypted(path)
    assert cipher.unlock(path, "frase") == key  # the backup's passphrase opens it
    with Journal.open(path, key) as journal:
        assert journal.count() == 2
    if journal_is == "plain":  # copied aside first, as before every restore
        assert result.previous is not None
        assert "Den vanlige journalen." in json.dumps(export(result.previous),
                                                      ensure_ascii=False)
    else:
        assert result.previous is None
    assert [p for p in every_file(path.parent) if MARKER.encode() in p.read_bytes()] == []


def test_a_check_that_fails_leaves_the_old_journal(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    before = export(path)  # the same journal after (its header says it left WAL mode)

    real = converting.inventory
    calls: list[int] = []

    def counting(conn: sql.Connection, schema_name: str = "main") -> converting.Inventory:
        calls.append(1)
        found = real(conn, schema_name)
        if len(calls) == 2:  # the new file's: one moment short
            return converting.Inventory(found.checkins, found.moments[1:])
        return found

    monkeypatch.setattr(converting, "inventory", counting)
    with pytest.raises(JournalError) as caught:
        converting.encrypt(path, "frase")
    assert caught.value.key == "errors.check_failed"
    assert not cipher.is_encrypted(path)
    assert export(path) == before
    assert [p.name for p in tmp_path.iterdir() if "refleks-tmp" in p.name] == []


def test_encrypting_twice_or_decrypting_a_plain_journal_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    with pytest.raises(JournalError) as caught:
        converting.decrypt(path, cipher.derive("x", b"0" * 16))
    assert caught.value.key == "errors.not_encrypted"
    converting.encrypt(path, "frase")
    with pytest.raises(JournalError) as caught:
        converting.encrypt(path, "frase")
    assert caught.value.key == "errors.already_encrypted"


def _damage_a_logged_page(wal: Path, page_number: int) -> None:
    """Change bytes in the logged copy of ``page_number`` and make the log's checksums
    right again: SQLite replays the frame, and SQLCipher finds the page fails its check."""
    import struct

    from refleks.journal.wal import FRAME_HEADER, WAL_HEADER, _checksum

    data = bytearray(wal.read_bytes())
    big = bool(struct.unpack(">I", data[:4])[0] & 1)
    page_size = struct.unpack(">I", data[8:12])[0]
    s0, s1 = _checksum(bytes(data[:24]), big, 0, 0)
    damaged = False
    offset = WAL_HEADER
    while offset + FRAME_HEADER + page_size <= len(data):
        page = offset + FRAME_HEADER
        if not damaged and struct.unpack(">I", data[offset:offset + 4])[0] == page_number:
            data[page + 100:page + 140] = bytes(40)
            damaged = True
        s0, s1 = _checksum(bytes(data[offset:offset + 8]), big, s0, s1)
        s0, s1 = _checksum(bytes(data[page:page + page_size]), big, s0, s1)
        data[offset + 16:offset + 24] = struct.pack(">II", s0, s1)
        offset = page + page_size
    assert damaged, "the page was not in the log"
    wal.write_bytes(bytes(data))


def test_a_damaged_page_with_the_right_key_is_damage_not_a_wrong_passphrase(
        tmp_path: Path) -> None:
    import shutil

    from refleks.journal.database import inspect_file

    path = tmp_path / "j.sqlite3"
    fill(path)
    key = converting.encrypt(path, "frase")
    copy = tmp_path / "copy" / "j.sqlite3"
    copy.parent.mkdir()
    with Journal.open(path, key) as journal:  # open: the new page 1 is only in the log
        journal.save(make_checkin("2026-12-07", answer="Mer tekst " * 2000, status="draft"))
        shutil.copyfile(path, copy)
        shutil.copyfile(path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal"))
    _damage_a_logged_page(copy.with_name(copy.name + "-wal"), 1)
    with pytest.raises(JournalError) as caught:
        inspect_file(copy, key)
    assert caught.value.key == "errors.damaged"
    with pytest.raises(WrongPassphrase):
        inspect_file(copy, cipher.derive("feil", cipher.salt_of(copy)))


@pytest.mark.parametrize("step", ["created", "exported", "checked"])
def test_nothing_written_meanwhile_is_lost_by_a_conversion(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    """Another refleks writes a moment while the journal is being encrypted: it is refused
    (the journal is held), never written into the old file and then replaced."""
    from refleks.journal import database

    path = tmp_path / "j.sqlite3"
    fill(path)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.2)
    written: list[bool] = []

    def another_refleks(name: str) -> None:
        if name != step:
            return
        try:
            with Journal.open(path) as other:
                other.moments.add(Moment(text="Skrevet midt i krypteringen."))
            written.append(True)
        except JournalError as exc:
            assert exc.key == "errors.locked", exc.key
            written.append(False)

    monkeypatch.setattr(converting, "_step", another_refleks)
    key = converting.encrypt(path, "frase")
    assert written == [False]
    texts = [m.text for m in Journal.open(path, key, read_only=True).moments.select()]
    assert "Skrevet midt i krypteringen." not in texts and len(texts) == 1


def test_a_journal_open_elsewhere_is_not_converted(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    fill(path)
    before = digest(path)
    other = sql.connect(path)
    try:
        other.execute("SELECT count(*) FROM checkins").fetchall()
        with pytest.raises(JournalError) as caught:
            converting.encrypt(path, "frase")
    finally:
        other.close()
    assert caught.value.key == "errors.open_elsewhere"
    assert digest(path) == before and not cipher.is_encrypted(path)
