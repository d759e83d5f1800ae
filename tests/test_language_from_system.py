"""The language from the system on every system, REFLEKS_LANG above the locale, and the
languages refleks does not have yet (Nynorsk, Northern Sámi) answered in bokmål, said once.

The macOS and Windows cases run here with ``sys.platform`` and the system's answer faked
(``faked_platform``): the preferences file macOS writes, and the LCID Windows returns.
"""

from __future__ import annotations

import ctypes
import plistlib
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from tui_helpers import eventually

from refleks import cli
from refleks.cli import quick_status as quick
from refleks.environment import Environment
from refleks.journal.model import CheckIn
from refleks.journal.store import Journal
from refleks.languages import asked_code, locale_language, macos_languages, stand_in
from refleks.settings import Settings, resolve_language
from refleks.tui.app import make_app
from refleks.tui.app import open_session as open_app_session


@pytest.fixture
def no_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """No variable names a language: the system's own setting decides."""
    for variable in ("REFLEKS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)


def mac_with(home: Path, languages: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Mac whose System Settings list ``languages`` (written as macOS writes it:
    a binary property list)."""
    preferences = home / "Library" / "Preferences"
    preferences.mkdir(parents=True, exist_ok=True)
    data = {"AppleLanguages": languages, "AppleLocale": "nb_NO"}
    (preferences / ".GlobalPreferences.plist").write_bytes(
        plistlib.dumps(data, fmt=plistlib.FMT_BINARY))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr("locale.getlocale", lambda *_: (None, None))  # as with no LANG


@pytest.mark.faked_platform("darwin")
@pytest.mark.parametrize(("languages", "asked", "expected"), [
    (["nb-NO", "en-NO"], "nb", "nb"),
    (["en-NO", "nb-NO"], "en", "en"),
    (["de-DE", "nb-NO"], "nb", "nb"),  # the first that refleks has, not English
    (["nn-NO", "en"], "nn", "nb"),
    (["se-NO"], "se", "nb"),
    (["de-DE", "fr-FR"], "de", "en"),  # none refleks has: English
    ([], None, "en"),
])
def test_macos_preferred_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   no_locale: None, languages: list[str],
                                   asked: str | None, expected: str) -> None:
    mac_with(tmp_path, languages, monkeypatch)
    assert asked_code() == asked
    assert locale_language() == expected


@pytest.mark.faked_platform("darwin")
@pytest.mark.parametrize("content", [b"", b"not a plist", None])
def test_macos_without_a_usable_preferences_file(tmp_path: Path, no_locale: None,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 content: bytes | None) -> None:
    if content is not None:
        (tmp_path / "prefs.plist").write_bytes(content)
    assert macos_languages(str(tmp_path / "prefs.plist")) == []
    mac_with(tmp_path, "nb-NO", monkeypatch)  # not a list: passed over
    monkeypatch.setattr("locale.getlocale", lambda *_: ("nb_NO", "UTF-8"))
    assert locale_language() == "nb"  # the C library's locale, as before


@pytest.mark.faked_platform("darwin")
def test_on_a_mac_a_lang_variable_still_comes_first(tmp_path: Path, no_locale: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    mac_with(tmp_path, ["nb-NO"], monkeypatch)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert locale_language() == "en"


@pytest.mark.faked_platform("win32")
@pytest.mark.parametrize(("langid", "asked", "expected"), [
    (0x0414, "nb", "nb"),  # Norwegian (Bokmål)
    (0x0814, "nn", "nb"),  # Norwegian (Nynorsk): bokmål, said once
    (0x043B, "se", "nb"),  # Sámi, Northern (Norway)
    (0x083B, "se", "nb"),  # Sámi, Northern (Sweden)
    (0x0014, "nb", "nb"),  # Norwegian, neutral: no name of its own in windows_locale
    (0x0809, "en", "en"),
    (0x041D, "sv", "en"),  # Swedish
])
def test_the_windows_display_language(monkeypatch: pytest.MonkeyPatch, no_locale: None,
                                      langid: int, asked: str, expected: str) -> None:
    kernel32 = SimpleNamespace(GetUserDefaultUILanguage=lambda: langid)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
    assert asked_code() == asked
    assert locale_language() == expected


@pytest.mark.parametrize(("environ", "expected"), [
    ({"REFLEKS_LANG": "en", "LC_ALL": "nb_NO.UTF-8"}, "en"),
    ({"REFLEKS_LANG": "nb", "LANG": "en_GB.UTF-8", "LANGUAGE": "en"}, "nb"),
    ({"REFLEKS_LANG": "nb_NO.UTF-8", "LANG": "en_GB.UTF-8"}, "nb"),
    ({"REFLEKS_LANG": "nn", "LANG": "en_GB.UTF-8"}, "nb"),
    ({"REFLEKS_LANG": "", "LANG": "en_GB.UTF-8"}, "en"),  # empty: not set
])
def test_refleks_lang_is_above_the_locale(environ: dict[str, str], expected: str) -> None:
    assert locale_language(environ) == expected


def test_option_and_config_are_above_refleks_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLEKS_LANG", "en")
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert resolve_language(None, Settings()) == "en"
    assert resolve_language(None, Settings(lang="nb")) == "nb"  # chosen in Settings
    assert resolve_language("nb", Settings(lang="en")) == "nb"  # --lang


def test_an_unknown_refleks_lang_is_one_line_naming_it(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REFLEKS_LANG", "bokmål")
    assert cli.main(["values"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ("refleks: REFLEKS_LANG: må være et språk refleks har: nb, en "
                            "(eller en språkkode som nb_NO.UTF-8)\n")  # LANG is nb_NO
    assert cli.main(["--lang", "en", "values"]) == 0  # not used, so not in the way
    assert "Trust" in capsys.readouterr().out


@pytest.mark.parametrize(("variable", "says"), [("en", "Last:"),
                                                ("nb", "Sist:"),
                                                ("nn", "Sist:")])
def test_status_in_a_prompt_follows_refleks_lang(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], variable: str, says: str) -> None:
    """The quick path reads REFLEKS_LANG as the full path does, and says the same."""
    with Journal.open(isolated_home / "journal.sqlite3") as journal:
        journal.save(CheckIn(status="complete", lang="nb"))
    monkeypatch.setenv("REFLEKS_LANG", variable)
    monkeypatch.setenv("LANG", "en_GB.UTF-8" if variable != "en" else "nb_NO.UTF-8")
    fast = quick.quick_status(None, None, None, as_json=False)
    assert fast is not None, "the quick path should have answered"
    fast_out = capsys.readouterr().out
    assert cli._run_command(["status"], cli.read_global_options(["status"])) == fast
    assert capsys.readouterr().out == fast_out
    assert fast_out.startswith(says)


def test_a_bad_refleks_lang_leaves_status_to_the_full_path(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFLEKS_LANG", "de")
    assert quick.quick_status(None, None, None, as_json=False) is None


# -- a language refleks does not have yet, said once -------------------------------------


def test_the_stand_ins() -> None:
    assert stand_in("nn") == ("nn", "nb")
    assert stand_in("se") == ("se", "nb")
    assert stand_in("nb") is None
    assert stand_in("de") is None


@pytest.mark.parametrize(("given", "expected"), [
    ({"LANG": "nn_NO.UTF-8"}, ("nn", "nb")),
    ({"REFLEKS_LANG": "se"}, ("se", "nb")),
    ({"LANG": "nb_NO.UTF-8"}, None),
    ({"LANG": "nn_NO.UTF-8", "REFLEKS_LANG": "en"}, None),
])
def test_said_once_on_this_computer(isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
                                    given: dict[str, str],
                                    expected: tuple[str, str] | None) -> None:
    for variable, value in given.items():
        monkeypatch.setenv(variable, value)
    env = Environment()
    assert env.stand_in_to_say() == expected
    if expected is not None:
        env.stand_in_said(expected[0])
        assert env.stand_in_to_say() is None
        assert Environment().stand_in_to_say() is None  # the next start too


def test_chosen_nynorsk_in_the_config_is_said_too(isolated_home: Path) -> None:
    (isolated_home / "config.toml").write_text('lang = "nn"\n', encoding="utf-8")
    env = Environment()
    assert env.lang == "nb"
    assert env.stand_in_to_say() == ("nn", "nb")
    assert Environment(lang_option="en").stand_in_to_say() is None


async def test_the_app_says_it_once(isolated_home: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "nn_NO.UTF-8")
    (isolated_home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    said = "refleks finnes ikke på nynorsk ennå, så teksten er på bokmål."
    for times in (1, 0):  # the first start says it; the next does not
        env = Environment()
        app = make_app(open_app_session(env))
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                if times:
                    await eventually(pilot, lambda app=app: app._notifications)
                else:
                    await pilot.pause()
                messages = [str(n.message) for n in app._notifications]
                assert sum(m.startswith(said) for m in messages) == times
        finally:
            env.close()
