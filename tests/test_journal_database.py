"""The journal file's connections: read-only means read-only, on every platform.

Windows can't be run here, so its paths are checked by pretending to be Windows
(``sys.platform``) and by asking this machine's SQLite how it parses the URI forms.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.journal import sql
from refleks.journal.database import connect_ro, read_only_uri
from refleks.journal.store import Journal


def test_a_read_only_connection_cannot_write(journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin())
    conn = connect_ro(journal_path)
    try:
        assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
        with pytest.raises(sql.OperationalError):
            conn.execute("DELETE FROM checkins")
    finally:
        conn.close()


def test_a_read_only_connection_never_creates_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    with pytest.raises(sql.OperationalError):
        connect_ro(missing)
    assert not missing.exists()


def test_names_with_uri_characters_open(tmp_path: Path) -> None:
    folder = tmp_path / "min mappe 100% #1?"
    folder.mkdir()
    path = folder / "dagbok æøå.sqlite3"
    with Journal.open(path) as j:
        j.save(make_checkin())
    uri = read_only_uri(str(path))
    assert "%25" in uri and "%23" in uri and "%3F" in uri and uri.endswith("?mode=ro")
    conn = connect_ro(path)
    try:
        assert conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1
    finally:
        conn.close()


def test_on_posix_the_uri_is_the_plain_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert read_only_uri("/home/kari/journal.sqlite3") == (
        "file:///home/kari/journal.sqlite3?mode=ro")


@pytest.mark.parametrize(("resolved", "uri"), [
    (r"C:\Users\Kari\refleks\journal.sqlite3",
     "file:///C:/Users/Kari/refleks/journal.sqlite3?mode=ro"),
    (r"\\server\share\refleks\journal.sqlite3",
     "file:////server/share/refleks/journal.sqlite3?mode=ro"),
    (r"\\?\UNC\server\share\refleks\journal.sqlite3",
     "file:////server/share/refleks/journal.sqlite3?mode=ro"),
    (r"\\?\C:\Users\Kari\journal.sqlite3", "file:///C:/Users/Kari/journal.sqlite3?mode=ro"),
    (r"\\server\share\Kari Nordmann\dagbok.sqlite3",
     "file:////server/share/Kari%20Nordmann/dagbok.sqlite3?mode=ro"),
])
def test_on_windows_a_network_path_has_no_authority(monkeypatch: pytest.MonkeyPatch,
                                                    resolved: str, uri: str) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    assert read_only_uri(resolved) == uri


def test_sqlite_takes_four_slashes_as_an_empty_authority(tmp_path: Path) -> None:
    """What the Windows form relies on, checked with this SQLite: ``file:////x/y`` opens
    the path ``//x/y`` (here the same file as ``/x/y``), while ``file://server/…`` — what
    ``Path.as_uri()`` gives for a network path — is refused."""
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path):
        pass
    conn = sqlite3.connect(f"file:///{path.as_posix()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] > 0
    finally:
        conn.close()
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(f"file://server{path.as_posix()}?mode=ro", uri=True)
