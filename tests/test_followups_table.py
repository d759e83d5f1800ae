"""Focus actions and follow-ups kept in tables by value (schema 3), so a value's thread
is two indexed queries: the tables must always say what decoding every body says."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

from journal_helpers import make_checkin

from refleks import insights
from refleks.journal import codec, records, schema, sql
from refleks.journal.model import CheckIn, Focus, FollowUp
from refleks.journal.queries import Filter
from refleks.journal.store import Journal

SNAPSHOT_V1 = Path(__file__).parent / "data" / "journal_v1.sql"
TZ = timezone(timedelta(hours=1))
VALUES = ("tillit", "naervaer", "respekt", "empati")


def week(n: int, *focus: str, status: str = "complete") -> CheckIn:
    """Check-in ``n`` of a run of weeks, its focus values with actions named for it."""
    started = datetime(2026, 1, 5, 18, tzinfo=TZ) + timedelta(weeks=n)
    return CheckIn(uid=f"uke{n:04d}", started_at=started, status=status,  # type: ignore[arg-type]
                   completed_at=started if status == "complete" else None,
                   focus=[Focus(v, v.capitalize(), f"{v} uke {n}") for v in focus])


def looking_back(checkin: CheckIn, on: CheckIn, value: str, text: str,
                 keep: bool = False) -> None:
    checkin.follow_ups.append(FollowUp(value, value.capitalize(), f"{value} før", text,
                                       keep, from_uid=on.uid))


def a_year_of_weeks() -> list[CheckIn]:
    """Weeks that follow up the week before, with the awkward cases: a week followed up
    twice (the later one counts), a follow-up without a source, a follow-up on a value
    that was not a focus, two weeks started at the same moment, and a draft."""
    weeks = [week(n, VALUES[n % 4], VALUES[(n + 1) % 4]) for n in range(12)]
    for before, after in pairwise(weeks):
        for focus in before.focus:
            looking_back(after, before, focus.value_id, f"etter {before.uid}", keep=True)
    looking_back(weeks[9], weeks[7], "tillit", "sent, men med")  # week 7 followed up twice
    weeks[5].follow_ups.append(FollowUp("tillit", "Tillit", "uten kilde", "løs", False))
    looking_back(weeks[6], weeks[5], "empati", "ikke en fokusverdi da")
    weeks[11].started_at = weeks[10].started_at  # same moment: the uid decides the order
    draft = week(12, "tillit")
    looking_back(draft, weeks[11], "tillit", "utkast")
    draft.status, draft.completed_at = "draft", None
    return [*weeks, draft]


def decoded_threads(journal: Journal) -> dict[str, list[insights.ThreadEntry]]:
    """What decoding every check-in gives (the way the thread was read before)."""
    return {v: insights.value_thread(journal.iter_checkins(Filter(include_drafts=False)), v)
            for v in VALUES}


def tables_match_bodies(path: Path) -> None:
    """Every focus action and follow-up in the tables is the body's, and nothing else."""
    conn = sql.connect(path)
    try:
        for cid, body_text in conn.execute("SELECT id, body FROM checkins"):
            body = json.loads(body_text)
            focus = conn.execute("SELECT value_id, action FROM focus WHERE checkin_id = ? "
                                 "ORDER BY position", (cid,)).fetchall()
            assert focus == [(f["value_id"], f["action"]) for f in body["focus"]]
            follow_ups = conn.execute(
                "SELECT value_id, from_uid, text, keep FROM follow_ups WHERE checkin_id = ? "
                "ORDER BY position", (cid,)).fetchall()
            assert follow_ups == [(f["value_id"], f["from_uid"], f["text"], int(f["keep"]))
                                  for f in body["follow_ups"]]
        orphans = conn.execute("SELECT count(*) FROM follow_ups WHERE checkin_id NOT IN "
                               "(SELECT id FROM checkins)").fetchone()[0]
        assert orphans == 0
    finally:
        conn.close()


def build_version_2(path: Path, checkins: list[CheckIn]) -> None:
    """A journal as schema version 2 wrote it."""
    conn = sql.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    schema.apply(conn, 0, 2)
    for n, c in enumerate(checkins, start=1):
        conn.execute(
            "INSERT INTO checkins (id, uid, status, lang, started_at, started_utc, updated_at, "
            "completed_at, area_id, area_title, method_id, method_title, revision, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
            (n, c.uid, c.status, c.lang, records.iso(c.started_at), records.utc_key(c.started_at),
             records.iso(c.started_at), records.iso_or_none(c.completed_at), c.area_id,
             c.area_title, c.method_id, c.method_title,
             json.dumps(codec.body_dict(c), ensure_ascii=False)))
        conn.executemany("INSERT INTO focus VALUES (?, ?, ?, ?)",
                         [(n, i, f.value_id, f.value_name) for i, f in enumerate(c.focus)])
        conn.execute("INSERT INTO search (rowid, text) VALUES (?, ?)", (n, codec.search_text(c)))
    conn.execute("COMMIT")
    conn.close()


def test_the_backfill_matches_what_decoding_gives(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    build_version_2(path, a_year_of_weeks())
    with Journal.open(path) as journal:
        assert journal.version == schema.CURRENT_VERSION
        tables_match_bodies(path)
        decoded = decoded_threads(journal)
        assert any(e.follow_up for e in decoded["tillit"])  # the case is really there
        for value in VALUES:
            assert insights.journal_thread(journal, value) == decoded[value], value


def test_the_awkward_cases_read_as_before(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        journal.merge(a_year_of_weeks())
        thread = insights.journal_thread(journal, "tillit")
        by_uid = {journal.get(e.checkin_id).uid: e for e in thread}  # type: ignore[union-attr]
        assert by_uid["uke0007"].follow_up == "sent, men med"  # the later follow-up wins
        assert "uke0012" not in by_uid  # a draft's focus is not a week of the thread
        assert [e.day for e in thread] == sorted(e.day for e in thread)
        assert thread == decoded_threads(journal)["tillit"]


def test_the_frozen_version_1_snapshot_fills_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    conn = sql.connect(path)
    conn.executescript(SNAPSHOT_V1.read_text(encoding="utf-8"))
    conn.close()
    with Journal.open(path) as journal:
        tables_match_bodies(path)
        [entry] = insights.journal_thread(journal, "tillit")
        assert (entry.day, entry.action) == (date(2026, 11, 2), "Ringe tilbake samme dag.")
        for value in ("tillit", "naervaer", "respekt"):
            assert insights.journal_thread(journal, value) == decoded_threads_of(journal, value)
    conn = sql.connect(path)
    assert conn.execute("SELECT value_id, from_uid, text, keep FROM follow_ups").fetchall() == [
        ("respekt", "0f0e0d0c0b0a09080706050403020100", "Gikk bedre enn jeg trodde.", 1)]
    conn.close()


def decoded_threads_of(journal: Journal, value: str) -> list[insights.ThreadEntry]:
    return insights.value_thread(journal.iter_checkins(Filter(include_drafts=False)), value)


def test_the_store_keeps_the_tables_in_step(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        weeks = a_year_of_weeks()
        for checkin in weeks:
            journal.save(checkin)
        tables_match_bodies(journal_path)
        # A follow-up rewritten, one removed, a focus action changed, a week deleted,
        # a draft completed, an import replacing a week with a newer copy.
        weeks[3].follow_ups[0].text = "skrevet om"
        weeks[3].follow_ups[0].keep = False
        weeks[4].follow_ups.pop()
        weeks[4].focus[0].action = "ny handling"
        journal.save(weeks[3])
        journal.save(weeks[4])
        journal.delete(weeks[8].uid)
        journal.complete(weeks[12])
        newer = make_checkin("2026-03-02", uid=weeks[2].uid, focus=("tillit",))
        newer.updated_at = datetime.now(TZ)
        journal.merge([newer])
        tables_match_bodies(journal_path)
        for value in (*VALUES, "respekt"):
            assert insights.journal_thread(journal, value) == decoded_threads_of(journal, value)
