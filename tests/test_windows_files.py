"""Windows file details: a file held open by a scanner or a sync client, and paths as
Windows writes them.

FAKED: Windows refuses ``os.replace`` with a permission error while another program has
the file open; here ``os.replace`` is made to refuse the same way (as in
``test_team_share``), and file systems without hard links (FAT, some shares) are
stood for by an ``os.link`` that fails. The waits are recorded instead of slept.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path, PureWindowsPath

import pytest
from journal_helpers import make_checkin

from refleks import files
from refleks.content.ui import load_strings
from refleks.errors import message
from refleks.journal import converting
from refleks.journal.errors import JournalError
from refleks.journal.store import Journal


def refused(monkeypatch: pytest.MonkeyPatch, times: int) -> list[float]:
    """``os.replace`` refused ``times`` times as Windows refuses it; the waits, recorded."""
    real = os.replace
    left = [times]

    def replace(src: object, dst: object) -> None:
        if left[0] > 0:
            left[0] -= 1
            raise PermissionError(13, "Access is denied", str(dst))
        real(src, dst)  # type: ignore[arg-type]

    waits: list[float] = []
    monkeypatch.setattr(files.os, "replace", replace)
    monkeypatch.setattr(files.time, "sleep", waits.append)
    return waits


def no_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """FAKED: a FAT drive or a share that makes no hard links."""

    def link(src: object, dst: object) -> None:
        raise OSError(errno.ENOTSUP, "Operation not supported", str(dst))

    monkeypatch.setattr(files.os, "link", link)


def test_a_backup_to_a_drive_without_links_waits_for_a_scanner(
        journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin())
        no_hard_links(monkeypatch)
        waits = refused(monkeypatch, 2)
        target = journal.backup(tmp_path / "usb")
    assert waits == list(files.REPLACE_WAITS[:2])
    assert target.is_file() and not list(tmp_path.glob(f".*{files.TEMP_MARK}"))


def test_an_export_held_open_too_long_says_who_may_hold_it(
        journal_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "refleks.md"
    target.write_text("the earlier export")
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin())
    waits = refused(monkeypatch, 1000)
    from refleks.journal.export import write_atomic

    with pytest.raises(JournalError) as caught:
        write_atomic(target, "new text", overwrite=True)
    assert len(waits) == len(files.REPLACE_WAITS)
    assert caught.value.key == "errors.held_open"
    english = message(caught.value, load_strings("en"))
    norwegian = message(caught.value, load_strings("nb"))
    assert str(target) in english and "antivirus" in english and "OneDrive" in english
    assert "antivirusprogram" in norwegian and "Access is denied" in norwegian
    assert target.read_text() == "the earlier export"
    assert [p.name for p in tmp_path.iterdir() if files.TEMP_MARK in p.name] == []


def test_settings_wait_for_a_sync_client(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from refleks.settings import Settings, load_settings, save_settings

    path = tmp_path / "config.toml"
    save_settings(path, Settings(cadence_days=7))
    waits = refused(monkeypatch, 3)
    save_settings(path, Settings(cadence_days=14))
    assert len(waits) == 3 and load_settings(path).cadence_days == 14


def test_encrypting_waits_for_a_scanner_reading_the_new_file(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin(uid="kept"))
    waits = refused(monkeypatch, 2)
    key = converting.encrypt(journal_path, "frase")
    assert len(waits) == 2
    with Journal.open(journal_path, key) as journal:
        assert [c.uid for c in journal.iter_checkins()] == ["kept"]


def test_a_windows_path_is_shown_as_windows_writes_it() -> None:
    """FAKED: a Windows path (str of a Path is the system's own form on each system)."""
    path = PureWindowsPath(r"H:\refleks\backups\journal-20261130-090000.sqlite3")
    error = JournalError("errors.held_open", path=path, detail="Access is denied")
    said = message(error, load_strings("nb"))
    assert r"H:\refleks\backups\journal-20261130-090000.sqlite3" in said
    assert "/" not in said
