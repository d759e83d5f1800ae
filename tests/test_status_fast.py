"""``refleks status`` answers a shell prompt without the parser, the settings dataclass,
the interface-text cache or the store — and says exactly what the full path says."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from refleks import cli
from refleks.cli import quick_status as quick
from refleks.content.ui import load_strings
from refleks.journal import cipher, keychain, schema
from refleks.journal.model import CheckIn, Focus
from refleks.journal.store import Journal


def completed(days_ago: int, *values: str, lang: str = "nb") -> CheckIn:
    when = datetime.now().astimezone() - timedelta(days=days_ago, minutes=1)
    return CheckIn(started_at=when, completed_at=when, status="complete", lang=lang,
                   focus=[Focus(v, v.capitalize(), f"Øve på {v}") for v in values])


def both(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[tuple[int, str], ...]:
    """(exit code, output) of the quick path and of the full parser path."""
    options = cli.read_global_options(argv)
    code = quick.quick_status(options.lang, options.content, options.journal,
                              as_json=argv[-1] == "--json")
    assert code is not None, "the quick path should have answered"
    fast = (code, capsys.readouterr().out)
    slow = (cli._run_command(argv, options), capsys.readouterr().out)
    return fast, slow


@pytest.fixture
def no_full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> int:
        raise AssertionError("the full parser path ran")

    monkeypatch.setattr(cli, "_run_command", refuse)


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize(("days_ago", "values"), [
    (None, ()), (0, ("tillit",)), (6, ("tillit", "naervaer")), (2, ()), (8, ("respekt",)),
    (40, ("tillit",)),
])
@pytest.mark.parametrize("as_json", [False, True])
def test_the_quick_path_says_what_the_full_path_says(
        isolated_home: Path, capsys: pytest.CaptureFixture[str], lang: str,
        days_ago: int | None, values: tuple[str, ...], as_json: bool) -> None:
    path = isolated_home / "journal.sqlite3"
    if days_ago is not None:
        with Journal.open(path) as journal:
            journal.save(completed(days_ago + 14, "empati", lang=lang))
            journal.save(completed(days_ago, *values, lang=lang))
            journal.save(CheckIn(uid="utkast"))
    argv = ["--lang", lang, "status", *(["--json"] if as_json else [])]
    fast, slow = both(argv, capsys)
    assert fast == slow
    if as_json:
        assert json.loads(fast[1])["encrypted"] is False  # there on every journal


def test_status_in_a_prompt_takes_the_quick_path(isolated_home: Path, no_full_path: None,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with Journal.open(isolated_home / "journal.sqlite3") as journal:
        journal.save(completed(2, "tillit"))
    assert cli.main(["status"]) == 0
    assert "fokus: Tillit" in capsys.readouterr().out
    with Journal.open(isolated_home / "english.sqlite3") as journal:
        journal.save(completed(2, "tillit", lang="en"))
    assert cli.main(["--lang", "en", "--journal", str(isolated_home / "english.sqlite3"),
                     "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["days_until"] == 5
    assert cli.main(["--journal", str(isolated_home / "none.sqlite3"), "status"]) == 1


def test_focus_written_in_the_other_language_is_named_in_this_one(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A check-in written in Norwegian, status asked in English: the quick path, which
    reads no content, hands over, and the full path names the values in English, in
    the line and in the JSON (the id beside the name in the language in use). A value
    the content does not know keeps the name it was written under."""
    with Journal.open(isolated_home / "journal.sqlite3") as journal:
        checkin = completed(2, "tillit", "naervaer")
        checkin.focus.append(Focus("vaar-egen", "Vår egen verdi", "Spørre teamet"))
        journal.save(checkin)
    for as_json in (False, True):
        assert quick.quick_status("en", None, None, as_json=as_json) is None
    assert cli.main(["--lang", "en", "status"]) == 0
    assert "focus: Trust, Presence, Vår egen verdi" in capsys.readouterr().out
    assert cli.main(["--lang", "en", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["focus"] == [
        {"id": "tillit", "name": "Trust", "action": "Øve på tillit"},
        {"id": "naervaer", "name": "Presence", "action": "Øve på naervaer"},
        {"id": "vaar-egen", "name": "Vår egen verdi", "action": "Spørre teamet"}]
    assert cli.main(["--lang", "nb", "status"]) == 0  # its own language: as stored
    assert "fokus: Tillit, Naervaer, Vår egen verdi" in capsys.readouterr().out


def test_the_quick_path_imports_almost_nothing(isolated_home: Path) -> None:
    code = ("import sys\nfrom refleks.cli import main\ncode = main(['status'])\n"
            "heavy = {'argparse', 'dataclasses', 'typing', 'yaml', 'tomllib', 'platformdirs',"
            " 'pathlib', 'refleks.journal.store', 'refleks.insights', 'refleks.settings',"
            " 'jeepney', 'socket'}\n"
            "print(sorted(heavy & set(sys.modules)))\n")
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[2])}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert out.splitlines()[-1] == "[]"


@pytest.mark.parametrize("config", [
    'lang = "nb" # a comment after a value\n',  # tomllib reads it; the quick reader not
    "[table]\n", 'theme = "a\\"b"\n', "lang = 'de'\n", "cadence_days = 0\n",
    "welcomed = 1\n", "colour = true\n", 'content = "/team"\n', "lock_minutes = 1441\n",
])
def test_an_unusual_config_goes_the_full_way(isolated_home: Path, config: str) -> None:
    (isolated_home / "config.toml").write_text(config, encoding="utf-8")
    assert quick.quick_status(None, None, None, as_json=False) is None


def test_a_plain_config_is_read(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (isolated_home / "config.toml").write_text(
        '# mine\nlang = "en"\ncadence_days = 14\nwelcomed = true\ntheme = \'dark\'\n'
        'lock_minutes = 0\n',
        encoding="utf-8")
    with Journal.open(isolated_home / "journal.sqlite3") as journal:
        journal.save(completed(9))
    fast, slow = both(["status"], capsys)
    assert fast == slow and "next in 5 days" in fast[1]


def test_a_team_leaders_config_is_read_too(isolated_home: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (isolated_home / "config.toml").write_text(
        'lang = "en"\nteam_log = "/srv/team/log.json"\n', encoding="utf-8")
    assert quick.quick_status(None, None, None, as_json=False) == 1  # none yet: it is time


def test_a_journal_it_does_not_know_goes_the_full_way(isolated_home: Path) -> None:
    path = isolated_home / "journal.sqlite3"
    conn = sqlite3.connect(path)
    schema.apply(conn, 0, 2)  # an older journal: the full path upgrades it
    conn.commit()
    conn.close()
    assert quick.quick_status(None, None, None, as_json=False) is None
    path.unlink()
    path.write_text("not a journal", encoding="utf-8")
    assert quick.quick_status(None, None, None, as_json=False) is None
    path.unlink()
    path.mkdir()
    assert quick.quick_status(None, None, None, as_json=False) is None
    assert quick.quick_status(None, "team", None, as_json=False) is None  # its own words


def test_options_after_the_command_are_the_parsers_to_refuse(
        isolated_home: Path, no_full_path: None) -> None:
    with pytest.raises(AssertionError, match="full parser"):
        cli.main(["status", "--lang", "en"])
    with pytest.raises(AssertionError, match="full parser"):
        cli.main(["--lang", "status"])


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_words_read_directly_are_the_interface_text(lang: str) -> None:
    t = load_strings(lang)
    folder = Path(quick.bundled_content_dir(), lang, "ui")
    for namespace, keys in quick.WORDS.items():
        found = quick.read_words(str(folder / f"{namespace}.yaml"), keys)
        assert found is not None
        assert found == {key: t(f"{namespace}.{key}") for key in keys}


def test_what_it_copies_stays_in_step() -> None:
    from dataclasses import fields

    from refleks import paths, settings

    assert set(quick.SETTINGS) == {f.name for f in fields(settings.Settings)}
    assert quick.LOCK_MINUTES_MAX == settings.LOCK_MINUTES_MAX
    assert quick.JOURNAL_VERSION == schema.CURRENT_VERSION
    assert quick.OLDEST_READABLE == schema.READABLE_FROM
    assert quick.APPLICATION_ID == schema.APPLICATION_ID
    assert quick.KEYCHAIN_SERVICE == keychain.SERVICE
    assert quick.SALT_BYTES == cipher.SALT_BYTES and quick.MIN_PAGE == cipher.MIN_PAGE
    assert quick.PLAIN_MAGIC == cipher.PLAIN_MAGIC
    assert Path(quick.bundled_content_dir()) == paths.bundled_content_dir()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux folders")
@pytest.mark.parametrize("xdg", [None, "/srv/xdg"])
def test_the_folders_are_platformdirs_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                          xdg: str | None) -> None:
    """``xdg.linux_folder`` stands in for ``platformdirs`` (status and every command)."""
    from platformdirs import user_cache_dir, user_config_dir, user_data_dir

    from refleks import paths
    from refleks.xdg import linux_folder

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("REFLEKS_CONFIG", raising=False)
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        if xdg is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, f"{xdg}/{variable}")
    config = user_config_dir("refleks", appauthor=False)
    assert linux_folder("XDG_CONFIG_HOME", ".config") == config
    assert linux_folder("XDG_DATA_HOME", ".local/share") == user_data_dir("refleks",
                                                                          appauthor=False)
    assert str(paths.config_path()) == f"{config}/config.toml"
    assert str(paths.data_dir()) == user_data_dir("refleks", appauthor=False)
    assert str(paths.cache_dir()) == user_cache_dir("refleks", appauthor=False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux folders")
def test_a_relative_folder_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_data_dir

    from refleks import paths
    from refleks.xdg import linux_folder

    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    assert linux_folder("XDG_DATA_HOME", ".local/share") is None
    assert str(paths.data_dir()) == user_data_dir("refleks", appauthor=False)


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_status_as_text_mentions_a_reflection_in_progress(
        isolated_home: Path, capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """--json has had "draft"; the line says it too, on both paths."""
    path = isolated_home / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.save(completed(2, "tillit", lang=lang))
    fast, slow = both(["--lang", lang, "status"], capsys)
    assert fast == slow and "venter på deg" not in fast[1] and "waiting for" not in fast[1]
    with Journal.open(path) as journal:
        journal.save(CheckIn(uid="utkast", lang=lang))
    fast, slow = both(["--lang", lang, "status"], capsys)
    assert fast == slow
    assert fast[1].rstrip().endswith({"nb": " · en refleksjon du begynte på, venter på deg",
                                      "en": " · a reflection you began is waiting for you"}[lang])


def test_status_on_a_damaged_journal_exits_3_not_1(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """1 means "a reflection is due" to a shell prompt; a journal it could not read is
    another answer, with its own code."""
    path = isolated_home / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.save(completed(2, "tillit"))
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of the tables overwritten
    path.write_bytes(bytes(data))
    code = cli.main(["--lang", "en", "status"])
    out, err = capsys.readouterr()
    assert code == 3 and out == "" and len(err.splitlines()) == 1
    assert cli.main(["--lang", "en", "status", "--json"]) == 3
    assert cli.main(["--lang", "en", "--journal", str(isolated_home / "none"), "status"]) == 1
