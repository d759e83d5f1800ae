"""The config file round trip, and the language when no option or setting names one."""

from __future__ import annotations

import ctypes
import locale
import os
import stat
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from refleks.languages import locale_language, system_language
from refleks.settings import Settings, load_settings, save_settings, updated


@pytest.mark.parametrize("content", [
    "/team/line one\nline two",
    "C:\\Users\\kari\\refleks\\new",  # \U, \k, \r, \n: escapes if written by hand
    'the "good" folder',
    "Håndbok/æøå — 日本語 🌱",
    "trailing backslash\\",
    "'single' and \"double\" and \\\"both\\\"",
])
def test_any_content_path_reads_back_as_written(tmp_path: Path, content: str) -> None:
    path = tmp_path / "config.toml"
    settings = Settings(lang="nb", content=content, theme="nord", welcomed=True)
    save_settings(path, settings)
    assert load_settings(path) == settings


def test_a_theme_change_keeps_what_the_person_wrote(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        "# Our team's refleks\n"
        "lang = \"nb\"  # bokmål, please\n"
        "\n"
        "# shared folder on the team drive\n"
        "content = 'C:\\Team\\refleks'\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    save_settings(path, updated(settings, theme="nord"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Our team's refleks\nlang = \"nb\"  # bokmål, please\n")
    assert "# shared folder on the team drive\ncontent = 'C:\\Team\\refleks'\n" in text
    assert load_settings(path) == updated(settings, theme="nord")


def test_unset_values_are_left_out_and_an_unset_theme_goes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_settings(path, Settings(theme="nord"))
    assert path.read_text(encoding="utf-8") == (
        'cadence_days = 7\ntheme = "nord"\nwelcomed = false\nlock_minutes = 10\n'
    )
    save_settings(path, Settings())
    assert "theme" not in path.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="mode bits are POSIX")
def test_the_config_is_owner_only_and_its_folder_is_made(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    save_settings(path, Settings())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]  # no temp file left


def test_a_broken_file_is_replaced_rather_than_kept(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("lang = [\n", encoding="utf-8")
    save_settings(path, Settings(lang="en"))
    assert load_settings(path) == Settings(lang="en")


def test_the_app_locks_after_ten_minutes_unless_told_otherwise(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    assert load_settings(path).lock_minutes == 10  # no file: the default
    path.write_text("lock_minutes = 0\n", encoding="utf-8")
    assert load_settings(path).lock_minutes == 0  # never
    save_settings(path, updated(load_settings(path), lock_minutes=3))
    assert load_settings(path) == Settings(lock_minutes=3)


@pytest.mark.parametrize("value", ["-1", "1441", "true", '"10"', "2.5"])
def test_lock_minutes_are_whole_minutes_from_0_to_a_day(tmp_path: Path, value: str) -> None:
    from refleks.content.ui import load_strings
    from refleks.errors import ConfigError, message

    path = tmp_path / "config.toml"
    path.write_text(f"lock_minutes = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert message(caught.value, load_strings("en")) == (
        f"{path}: lock_minutes must be a whole number of minutes from 0 (never lock) to 1440")


# -- the language from the locale -------------------------------------------------------------


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "nb_NO.UTF-8"}, "nb"),
    ({"LANG": "nn_NO.UTF-8"}, "nb"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "nb_NO.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8", "LANGUAGE": "no:en"}, "nb"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_a_lang_variable_decides(environ: dict[str, str], expected: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("refleks.languages.system_locale", lambda: "never asked")
    assert locale_language(environ) == expected


def test_without_variables_the_system_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("refleks.languages.system_locale", lambda: "nb_NO")
    assert locale_language({}) == "nb"
    assert locale_language({"LANG": "C", "LC_ALL": "POSIX"}) == "nb"


@pytest.mark.parametrize(("name", "expected"), [
    (("nb_NO", "UTF-8"), "nb"),
    (("no_NO", "ISO8859-1"), "nb"),
    (("nn_NO", "UTF-8"), "nb"),
    (("en_US", "UTF-8"), "en"),
    (("sv_SE", "UTF-8"), "en"),
    ((None, None), "en"),
    (("C", "UTF-8"), "en"),
])
def test_the_system_locale_on_linux_and_macos(monkeypatch: pytest.MonkeyPatch,
                                              name: tuple[str | None, str | None],
                                              expected: str) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(locale, "getlocale", lambda *_: name)
    assert system_language() == expected


def test_an_unparseable_system_locale_means_english(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> tuple[str, str]:
        raise ValueError("unknown locale: UTF-8")

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(locale, "getlocale", broken)
    assert system_language() == "en"


@pytest.mark.parametrize(("langid", "expected"), [
    (0x0414, "nb"),  # Norwegian (Bokmål)
    (0x0814, "nb"),  # Norwegian (Nynorsk)
    (0x0014, "nb"),  # Norwegian
    (0x0409, "en"),  # English (United States)
    (0x041D, "en"),  # Swedish
])
def test_the_windows_display_language(monkeypatch: pytest.MonkeyPatch, langid: int,
                                      expected: str) -> None:
    kernel32 = SimpleNamespace(GetUserDefaultUILanguage=lambda: langid)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(locale, "getlocale", lambda *_: ("Norwegian Bokmål_Norway", "1252"))
    assert system_language() == expected


def test_windows_without_the_call_means_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(), raising=False)
    assert system_language() == "en"
