"""Every earlier version of the journal opens in today's refleks, with nothing lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from journal_helpers import digest, make_checkin

from refleks.journal import codec, records, schema
from refleks.journal.errors import JournalError
from refleks.journal.json_io import iter_json
from refleks.journal.store import Journal

SNAPSHOT_V1 = Path(__file__).parent / "data" / "journal_v1.sql"


def build_version(path: Path, version: int) -> None:
    """A journal exactly as schema ``version`` made it, with two check-ins in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    schema.apply(conn, 0, version)
    if version >= 1:
        for n, checkin in enumerate([make_checkin("2026-11-02", answer="svar om så mye"),
                                     make_checkin("2026-11-09", status="draft")], start=1):
            conn.execute(
                "INSERT INTO checkins (id, uid, status, lang, started_at, started_utc, "
                "updated_at, completed_at, area_id, area_title, method_id, method_title, "
                "revision, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
                (n, checkin.uid, checkin.status, checkin.lang, records.iso(checkin.started_at),
                 records.utc_key(checkin.started_at), records.iso(checkin.started_at),
                 records.iso_or_none(checkin.completed_at), checkin.area_id,
                 checkin.area_title, checkin.method_id, checkin.method_title,
                 json.dumps(codec.body_dict(checkin), ensure_ascii=False)),
            )
            conn.executemany("INSERT INTO focus (checkin_id, position, value_id, value_name) "
                             "VALUES (?, ?, ?, ?)",
                             [(n, i, f.value_id, f.value_name)
                              for i, f in enumerate(checkin.focus)])
            if version >= 2:
                conn.execute("INSERT INTO search (rowid, text) VALUES (?, ?)",
                             (n, codec.search_text(checkin)))
    conn.execute("COMMIT")
    conn.close()


@pytest.mark.parametrize("version", range(1, schema.CURRENT_VERSION))
def test_every_earlier_version_is_upgraded_with_nothing_lost(tmp_path: Path,
                                                            version: int) -> None:
    path = tmp_path / "journal.sqlite3"
    build_version(path, version)
    with Journal.open(path) as journal:
        assert journal.version == schema.CURRENT_VERSION
        assert journal.count() == 2
        assert journal.latest().answers[0].text == "svar om så mye"
        assert len(journal.search("så")) == 1
        assert journal.integrity_problems() == []
        journal.save(make_checkin("2026-11-16"))  # and it takes new check-ins
    backups = list((tmp_path / "backups").iterdir())
    assert len(backups) == 1 and f"before-v{schema.CURRENT_VERSION}" in backups[0].name
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == version
    copy.close()


def test_the_frozen_version_1_snapshot_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(SNAPSHOT_V1.read_text(encoding="utf-8"))
    conn.close()
    with Journal.open(path) as journal:
        assert journal.version == schema.CURRENT_VERSION
        first = journal.get(1)
        assert first.answers[0].text.startswith("Jeg lyttet mer enn jeg snakket")
        assert first.focus[1].value_name == "Nærvær"
        assert first.follow_ups[0].keep is True
        assert first.later_notes[0].created_at.isoformat() == "2026-11-05T18:00:00+01:00"
        assert first.saved_revision == 3
        assert journal.current_draft().uid == "9a8b7c6d5e4f30211203f4e5d6c7b8a9"
        assert [s.id for s in journal.search("frø")] == [2]
        assert [s.id for s in journal.search("smil")] == [1]
        # The export of the upgraded journal is what the format says it is.
        objects = list(journal.iter_export_objects())
        assert objects == [json.dumps(codec.to_dict(c), ensure_ascii=False)
                           for c in journal.iter_checkins()]
        assert "".join(iter_json(journal.iter_checkins())).count('"uid"') == 2


def test_a_fresh_journal_is_the_current_version_with_our_mark(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    Journal.open(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_migrations_are_numbered_in_order() -> None:
    assert schema.CURRENT_VERSION == len(schema.MIGRATIONS) >= 2
    assert [m.__name__ for m in schema.MIGRATIONS] == [
        f"_migrate_{n}" for n in range(1, schema.CURRENT_VERSION + 1)]


def test_a_newer_journal_is_refused_without_a_change(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    build_version(path, schema.CURRENT_VERSION)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.CURRENT_VERSION + 5}")
    conn.close()
    before = digest(path)
    with pytest.raises(JournalError) as caught:
        Journal.open(path)
    assert caught.value.key == "errors.newer"
    assert caught.value.params["version"] == schema.CURRENT_VERSION + 5
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_a_journal_one_schema_back_is_read_as_it_is(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Version 5 only added indexes: the commands that read take a version-4 journal
    as it is — not a byte written, no copy in backups/, so read-only media keep
    working — and the app, which writes, upgrades it (after the copy)."""
    from refleks.cli import main

    path = tmp_path / "journal.sqlite3"
    build_version(path, schema.READABLE_FROM)
    before = digest(path)
    for argv in (["list"], ["show", "latest"], ["export"], ["status"], ["status", "--json"]):
        assert main(["--lang", "nb", "--journal", str(path), *argv]) in (0, 1), argv
    out, err = capsys.readouterr()
    assert "svar om så mye" in out and err == ""
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()
    with Journal.open(path) as journal:
        assert journal.version == schema.CURRENT_VERSION
    assert len(list((tmp_path / "backups").iterdir())) == 1


def test_an_older_journal_is_upgraded_even_to_be_read(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    build_version(path, schema.READABLE_FROM - 1)
    with Journal.open(path, read_only=True) as journal:
        assert journal.version == schema.CURRENT_VERSION
        assert journal.count() == 2
