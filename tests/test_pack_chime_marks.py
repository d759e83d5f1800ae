"""Schema 8: each check-in's CHIME marks in a table of their own (``chime_marks``).

The supervision pack's title page and overview need every check-in's marks before the
first check-in is written; reading each body again for them was 0.34 s of the pack's
4.8 s at 50,000 check-ins. So they are copied out of the body, like the focus values,
wherever a check-in is written (saved, edited, imported, restored) and by the upgrade
from an older journal, plain or encrypted. The copy must always say what the body says:
the pack reads only the copy, and a mark it missed would drop out of the overview.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.journal import cipher, converting, schema, sql
from refleks.journal.model import CheckIn, ChimeReflection
from refleks.journal.pack_facts import PackFacts, facts_from_checkins, facts_from_journal
from refleks.journal.queries import Filter
from refleks.journal.restoring import restore
from refleks.journal.store import Journal

Mark = tuple[str, str, str]


def with_marks(day: str, marks: list[Mark], uid: str | None = None) -> CheckIn:
    checkin = make_checkin(day, uid=uid)
    checkin.chime = [ChimeReflection(element_id, name, mode, "Spørsmålet?", "Svaret.")  # type: ignore[arg-type]
                     for element_id, name, mode in marks]
    return checkin


HOPE = ("chime.hope", "Håp", "present")
MEANING = ("chime.meaning", "Mening", "missing")
ODD = ("chime.eget", 'Eget <b>"}', "present")  # a name the content does not have


def fill(journal: Journal) -> None:
    journal.save(with_marks("2026-11-02", [HOPE, MEANING]))
    journal.save(with_marks("2026-11-04", [ODD, ("chime.hope", "Håp", "missing")]))
    journal.save(with_marks("2026-11-09", []))
    draft = with_marks("2026-11-16", [MEANING])
    draft.status, draft.completed_at = "draft", None
    journal.save(draft)


def connect(path: Path, key: cipher.Key | None = None) -> sql.Connection:
    conn = sql.connect(path, isolation_level=None)  # the SQLite refleks uses
    if key is not None:
        sql.use_key(conn, key)
    return conn


def marks_in_table(path: Path, key: cipher.Key | None = None) -> dict[str, list[Mark]]:
    conn = connect(path, key)
    try:
        found: dict[str, list[Mark]] = {uid: [] for (uid,) in
                                        conn.execute("SELECT uid FROM checkins")}
        for uid, *mark in conn.execute(
                "SELECT c.uid, m.element_id, m.element_name, m.mode FROM chime_marks m "
                "JOIN checkins c ON c.id = m.checkin_id ORDER BY c.uid, m.position"):
            found[uid].append(tuple(mark))  # type: ignore[arg-type]
        return found
    finally:
        conn.close()


def marks_in_bodies(path: Path, key: cipher.Key | None = None) -> dict[str, list[Mark]]:
    """What each stored body says, read as JSON (not through refleks' codec)."""
    conn = connect(path, key)
    try:
        return {uid: [(x["element_id"], x["element_name"], x["mode"])
                      for x in json.loads(body)["chime"]]
                for uid, body in conn.execute("SELECT uid, body FROM checkins")}
    finally:
        conn.close()


def overview(facts: Any) -> tuple[int, list[tuple[Any, ...]]]:
    folded = PackFacts()
    for entry in facts:
        folded.add(entry)
    return folded.count, [(w.monday, w.present, w.missing, w.focus) for w in folded.weeks()]


def assert_marks_agree(path: Path, key: cipher.Key | None = None) -> None:
    """The table says what the bodies say, and so the pack's overview does too."""
    assert marks_in_table(path, key) == marks_in_bodies(path, key)
    with Journal.open(path, key, read_only=True) as journal:
        for flt in (Filter(), Filter(include_drafts=False)):
            assert overview(facts_from_journal(journal, flt)) == overview(
                facts_from_checkins(journal.iter_checkins(flt)))


def as_version_7(path: Path, key: cipher.Key | None = None) -> None:
    """The journal as schema 7 left it: no table of marks."""
    conn = connect(path, key)
    conn.execute("DROP TABLE chime_marks")
    conn.execute("PRAGMA user_version = 7")
    conn.close()


def pack(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    out.unlink(missing_ok=True)
    assert main(["--lang", "nb", "--journal", str(path), "export", "--format", "html",
                 "-o", str(out)]) == 0, capsys.readouterr().err
    return out.read_text(encoding="utf-8")


def test_an_older_journal_gets_its_marks_and_the_same_pack(
        journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Journal.open(journal_path) as journal:
        fill(journal)
    as_version_7(journal_path)
    before = pack(journal_path, tmp_path / "before.html", capsys)  # read as it is
    with Journal.open(journal_path, read_only=True) as journal:
        assert journal.version == 7
    with Journal.open(journal_path) as journal:  # the app upgrades it
        assert journal.version == schema.CURRENT_VERSION >= schema.CHIME_MARKS_SINCE
        assert journal.integrity_problems() == []
    assert sum(map(len, marks_in_table(journal_path).values())) == 5
    assert_marks_agree(journal_path)
    after = pack(journal_path, tmp_path / "after.html", capsys)
    assert after == before
    assert "Eget &lt;b&gt;&quot;}" in after  # the marks are in it, escaped


def test_an_encrypted_older_journal_gets_its_marks(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        fill(journal)
    key = converting.encrypt(journal_path, "frase")
    as_version_7(journal_path, key)
    with Journal.open(journal_path, key) as journal:
        assert journal.version == schema.CURRENT_VERSION
    assert cipher.is_encrypted(journal_path)
    assert sum(map(len, marks_in_table(journal_path, key).values())) == 5
    assert_marks_agree(journal_path, key)


def test_the_upgrade_takes_the_marks_as_the_pack_read_them_from_the_bodies(
        journal_path: Path) -> None:
    """Bodies refleks never wrote, as the upgrade meets them: the table holds what the
    pack's old reading (SQLite's JSON) made of them, and a body that is not JSON is
    left for reading it to report."""
    with Journal.open(journal_path) as journal:
        fill(journal)
    as_version_7(journal_path)
    odd = [{"element_id": "chime.hope", "element_name": 7, "mode": None},
           {"element_name": "Uten id", "mode": "present"},
           {"element_id": ["x"], "mode": "present"}]
    conn = connect(journal_path)
    conn.execute("UPDATE checkins SET body = json_set(body, '$.chime', json(?)) "
                 "WHERE started_at LIKE '2026-11-02%'", (json.dumps(odd),))
    with Journal.open(journal_path, read_only=True) as journal:
        old_reading = overview(facts_from_journal(journal, Filter()))
    conn.execute("UPDATE checkins SET body = 'ikke json' WHERE started_at LIKE '2026-11-09%'")
    conn.close()
    with Journal.open(journal_path) as journal:
        assert journal.version == schema.CURRENT_VERSION
        assert overview(facts_from_journal(journal, Filter())) == old_reading
    in_table = sorted(m for marks in marks_in_table(journal_path).values() for m in marks)
    assert in_table == sorted([("chime.hope", "", ""), ODD, ("chime.hope", "Håp", "missing"),
                               MEANING])


def test_every_writer_keeps_the_marks_right(journal_path: Path, tmp_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        fill(journal)  # saved
        assert_marks_agree(journal_path)
        edited = journal.latest()
        assert edited is not None
        edited.chime = [ChimeReflection("chime.meaning", "Mening", "present", "?"),
                        ChimeReflection("chime.empowerment", "Myndiggjøring", "missing", "?")]
        journal.save(edited)  # edited: another mark, the other mode, one gone
        assert_marks_agree(journal_path)
        assert [("chime.meaning", "Mening", "present"),
                ("chime.empowerment", "Myndiggjøring", "missing")] in marks_in_table(
                    journal_path).values()
        journal.add_later_note(edited.uid, "Og så.")  # written again, marks unchanged
        assert_marks_agree(journal_path)
        backup = journal.backup(tmp_path / "kopi.sqlite3")
        newer = journal.get(edited.uid)
        assert newer is not None
        newer.chime = [ChimeReflection("chime.hope", "Håp", "missing", "?")]
        newer.updated_at = newer.updated_at.replace(year=2027) if newer.updated_at else None
        result = journal.merge([newer, with_marks("2026-11-23", [HOPE], uid="importert")])
        assert (result.added, result.updated) == (1, 1)  # imported: one new, one newer
        assert_marks_agree(journal_path)
        assert marks_in_table(journal_path)["importert"] == [HOPE]
        gone = journal.search("lyttet")[0].id
        journal.delete(gone)  # deleted: its marks go with it
        assert_marks_agree(journal_path)
    conn = connect(journal_path)
    assert conn.execute("SELECT count(*) FROM chime_marks WHERE checkin_id NOT IN "
                        "(SELECT id FROM checkins)").fetchone()[0] == 0
    conn.close()
    as_version_7(backup)
    restore(journal_path, backup)  # restored from an older refleks' backup: upgraded
    assert_marks_agree(journal_path)
    assert sum(map(len, marks_in_table(journal_path).values())) == 7  # as backed up
