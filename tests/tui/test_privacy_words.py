"""The welcome and help say what is true of this journal (issue 20): unencrypted, who can
read it and how to encrypt it; encrypted, what that covers and what not; and when a cloud
client syncs the journal's folder, that a copy goes to the cloud."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import make_session, screen_text

from refleks.content.ui import load_strings
from refleks.tui.app import make_app
from refleks.tui.screens.help import HelpScreen
from refleks.tui.screens.welcome import WelcomeScreen, privacy_words

SIZE = (80, 24)


def encrypted_looking(path: Path) -> Path:
    """A file as SQLCipher writes one: random-looking from its first byte, whole pages
    (cipher.is_encrypted tells it by that header)."""
    path.write_bytes(bytes(range(256)) * 16)
    return path


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_words_for_a_plain_and_an_encrypted_journal(lang: str, journal_path: Path,
                                                        tmp_path: Path) -> None:
    from refleks.journal.store import Journal

    t = load_strings(lang)
    Journal.open(journal_path).close()
    plain = privacy_words(t, journal_path)
    secret = privacy_words(t, encrypted_looking(tmp_path / "secret.sqlite3"))
    assert plain == [t("welcome.private_plain")] and secret == [t("welcome.private_encrypted")]
    assert "refleks encrypt" in plain[0]
    if lang == "en":
        assert "not encrypted: anyone who can log in as you, and the computer's administrators" \
            in plain[0]
        assert "exports" in secret[0] and "the screen while refleks is open" in secret[0]
    else:
        assert "ikke kryptert: alle som kan logge inn som deg, og maskinens administratorer" \
            in plain[0]
        assert "eksportene" in secret[0] and "skjermen mens refleks er åpen" in secret[0]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_plain_backups_from_before_the_encryption_are_named_where_they_are(
        lang: str, journal_path: Path) -> None:
    """"Without the passphrase nobody can read the backups" is not true of the plain
    backups from before ``refleks encrypt``: while they are there, the words say so and
    where, and that a backup from before a new passphrase opens with the old one."""
    from refleks.journal import converting
    from refleks.journal.store import Journal

    t = load_strings(lang)
    with Journal.open(journal_path) as journal:
        journal.backup()
        journal.backup()
    converting.encrypt(journal_path, "grønn te før møtet")
    folder = journal_path.parent / "backups"
    plain = [p for p in folder.iterdir() if p.read_bytes().startswith(b"SQLite format 3")]
    assert plain  # what the test is about: plain backups beside an encrypted journal
    words = privacy_words(t, journal_path)
    assert words[:2] == [t("welcome.private_encrypted"),
                         t.count("welcome.private_plain_backups", len(plain), folder=folder)]
    said = {"en": [f"older backups in {folder} were made before the journal was encrypted",
                   "they are not encrypted", "opens with the passphrase it was made with"],
            "nb": [f"eldre sikkerhetskopier i {folder} ble laget før loggen ble kryptert",
                   "de er ikke kryptert", "åpnes med passordfrasen den ble laget med"]}
    assert all(part in " ".join(words) for part in said[lang]), words
    for path in plain:
        path.unlink()
    assert privacy_words(t, journal_path) == [t("welcome.private_encrypted")]


def test_a_journal_in_a_synced_folder_is_said_to_go_to_the_cloud(tmp_path: Path) -> None:
    folder = tmp_path / "iCloudDrive" / "refleks"
    folder.mkdir(parents=True)
    words = privacy_words(load_strings("en"), encrypted_looking(folder / "journal.sqlite3"))
    assert words[1] == (f"The journal's folder, {folder}, is synced with iCloud Drive: "
                        "a copy of the file goes to the cloud.")


async def test_the_first_welcome_says_the_journal_is_not_encrypted(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, welcomed=False))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = " ".join(screen_text(app).split())
        assert "bare du kan lese" not in text  # the promise that was not true here
        assert ("Den er ikke kryptert: alle som kan logge inn som deg, og maskinens "
                "administratorer, kan lese den.") in text
        assert "skriv refleks encrypt i en terminal" in text
        assert "Husk taushetsplikten" in text


async def test_help_says_the_same_and_where_a_synced_journal_goes(tmp_path: Path) -> None:
    folder = tmp_path / "Dropbox" / "[refleks]"  # a folder name that would be markup
    folder.mkdir(parents=True)
    app = make_app(make_session(folder / "journal.sqlite3", "en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(screen_text(app).split())
        assert "It is not encrypted: anyone who can log in as you" in text
        assert f"The journal's folder, {folder}, is synced with Dropbox" in text
        assert "Exports are ordinary, unencrypted files" in text
        assert "Google Drive syncs, when it can tell by the folder's name" in text
        assert "only you can read it" not in text


def test_the_welcome_and_encrypt_count_the_same_plain_files(journal_path: Path) -> None:
    """A damaged copy kept aside, and its log, are as readable as a backup: the welcome
    counts what ``encrypt`` offers to remove (one list), not only the backups."""
    from refleks.journal import converting
    from refleks.journal.backups import plain_backups
    from refleks.journal.store import Journal

    t = load_strings("en")
    with Journal.open(journal_path) as journal:
        backup = journal.backup()
    converting.encrypt(journal_path, "grønn te før møtet")
    aside = backup.with_name(f"{journal_path.stem}-damaged-20261130-100000.sqlite3-wal")
    aside.write_bytes(b"plain words from a damaged log")
    found = plain_backups(journal_path)
    assert sorted(found) == sorted([backup, aside])
    assert t.count("welcome.private_plain_backups", 2, folder=backup.parent) \
        in privacy_words(t, journal_path)
