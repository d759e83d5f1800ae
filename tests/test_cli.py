"""The command line outside the journal: help, version, content check, values, settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refleks import __version__
from refleks.cli import GlobalOptions, main, read_global_options
from refleks.paths import bundled_content_dir

REPO = Path(__file__).resolve().parents[1]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"refleks {__version__}"


@pytest.mark.parametrize(("lang", "phrase"), [("nb", "vis områdene"), ("en", "show the areas")])
def test_help_lists_every_subcommand_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str], lang: str, phrase: str
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", lang, "--help"])
    out = capsys.readouterr().out
    for command in ("tui", "content", "values", "list", "show", "export", "import", "backup",
                    "restore"):
        assert f"    {command}" in out
    assert phrase in out


def test_content_check_of_the_bundled_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "content", "check"]) == 0
    out = capsys.readouterr().out
    assert "4 areas, 40 values" in out and "5 CHIME elements, 10 methods" in out


def test_content_check_reports_every_problem(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "team"
    shutil.copytree(bundled_content_dir(), folder)
    areas = folder / "nb" / "areas.yaml"
    areas.write_text(areas.read_text(encoding="utf-8").replace("value_count: 10", "value_count: 8"),
                     encoding="utf-8")
    assert main(["--lang", "en", "content", "check", str(folder)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 4  # one per area, each with file:line:column
    assert all(line.startswith("team/nb/areas.yaml:") for line in lines)
    assert "4 problems in" in captured.err


def test_a_broken_team_folder_stops_the_app_with_the_same_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "team"
    shutil.copytree(bundled_content_dir(), folder)
    (folder / "en" / "chime.yaml").write_text("elements: [\n", encoding="utf-8")
    assert main(["--lang", "en", "--content", str(folder), "values"]) == 1
    err = capsys.readouterr().err
    assert "team/en/chime.yaml:2:1: malformed YAML" in err
    assert "Traceback" not in err


def test_content_that_is_not_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "--content", "/no/such/folder", "values"]) == 2
    assert capsys.readouterr().err.strip() == "refleks: --content: /no/such/folder is not a folder"


def test_values_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "nb", "values"]) == 0
    out = capsys.readouterr().out
    assert "Område 1: Relasjonelle verdier og holdninger" in out
    assert "Samtykkekompetanse" in out and "Læringsvilje" in out
    assert "Empati og nysgjerrighet" in out


def test_values_for_an_unknown_area(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "values", "--area", "nope"]) == 2
    assert "I don't know the area 'nope'" in capsys.readouterr().err


def test_an_unknown_option_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--frobnicate"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--frobnicate" in err[0]


def test_a_broken_config_file_is_named(isolated_home: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (isolated_home / "config.toml").write_text("lang = [\n", encoding="utf-8")
    assert main(["values"]) == 1
    assert "config.toml" in capsys.readouterr().err


def test_language_comes_from_option_then_config_then_locale(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    main(["values", "--area", "etikk"])
    assert "Area 3" in capsys.readouterr().out
    monkeypatch.setenv("LANG", "nn_NO.UTF-8")
    main(["values", "--area", "etikk"])
    assert "Område 3" in capsys.readouterr().out
    (isolated_home / "config.toml").write_text('lang = "en"\n', encoding="utf-8")
    main(["values", "--area", "etikk"])
    assert "Area 3" in capsys.readouterr().out
    main(["--lang", "nb", "values", "--area", "etikk"])
    assert "Område 3" in capsys.readouterr().out


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run([sys.executable, "-m", "refleks", "--lang", "en", "content", "check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "40 values" in result.stdout


def test_the_built_wheel_finds_its_content(tmp_path: Path) -> None:
    """Build the wheel, install it apart from the source tree, and check its content."""
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheel_dir), str(REPO)],
        capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stderr
    wheel = next(wheel_dir.glob("refleks-*.whl"))
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)],
        capture_output=True, text=True, check=False,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [sys.executable, "-c", "import refleks.paths as p; print(p.bundled_content_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )
    assert probe.stdout.strip() == str(site / "refleks" / "_content")
    check = subprocess.run(
        [sys.executable, "-m", "refleks", "--lang", "en", "content", "check"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=False,
    )
    assert check.returncode == 0, check.stderr
    assert "40 values" in check.stdout and str(site) in check.stdout


def test_checking_a_folder_that_does_not_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "nb", "content", "check", "/no/such/folder"]) == 2
    assert capsys.readouterr().err.strip() == "refleks: /no/such/folder er ikke en mappe"


def test_status_never_creates_a_journal(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nowhere" / "journal.sqlite3"
    assert main(["--lang", "en", "--journal", str(target), "status"]) == 1
    assert "No reflections yet" in capsys.readouterr().out
    assert not target.parent.exists()


@pytest.mark.parametrize(("text", "expected"), [
    ("foo = 1\n", "unknown setting 'foo'"),
    ('cadence_days = "x"\n', "cadence_days must be a whole number"),
    ("cadence_days = 0\n", "cadence_days must be a whole number"),
    ('lang = "de"\n', "lang must be one of nb, en"),
    ("welcomed = 3\n", "welcomed must be true or false"),
    ("theme = 3\n", "theme must be text in quotes"),
    ("lang = [\n", "not valid TOML"),
])
def test_every_bad_setting_is_one_clear_line(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    text: str, expected: str,
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    (isolated_home / "config.toml").write_text(text, encoding="utf-8")
    assert main(["status"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and expected in err[0] and "config.toml" in err[0]


@pytest.mark.parametrize(("argv", "expected"), [
    ([], GlobalOptions()),
    (["--lang", "en", "--journal=j.db"], GlobalOptions(lang="en", journal="j.db")),
    (["--content", "team", "--lang=nb"], GlobalOptions(lang="nb", content="team")),
    (["--lang", "de"], GlobalOptions(lang="de", only_global=False)),  # parser reports it
    (["--lang"], GlobalOptions(only_global=False)),
    (["--journal", "-x"], GlobalOptions(journal="-x", only_global=False)),
    (["--jour", "j.db"], GlobalOptions(only_global=False)),  # argparse's abbreviations
    (["list", "--lang", "en"], GlobalOptions(lang="en", only_global=False)),
])
def test_one_pre_pass_reads_the_global_options(argv: list[str],
                                               expected: GlobalOptions) -> None:
    assert read_global_options(argv) == expected


def test_a_link_out_of_the_data_folder_is_refused_and_a_given_path_followed(
        isolated_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        tmp_path: Path) -> None:
    """refleks' own journal is the one in its data folder: a symlink there that leads
    elsewhere is refused in words; a path the person gave is followed wherever it points."""
    from refleks.journal.store import Journal
    from refleks.paths import own_journal_path

    monkeypatch.delenv("REFLEKS_JOURNAL")
    elsewhere = tmp_path / "elsewhere.sqlite3"
    Journal.open(elsewhere).close()
    own = own_journal_path()
    own.parent.mkdir(parents=True, exist_ok=True)
    own.symlink_to(elsewhere)
    assert main(["--lang", "en", "list"]) == 1
    err = capsys.readouterr().err
    assert str(elsewhere) in err and "errors.link_outside" not in err
    monkeypatch.setenv("REFLEKS_JOURNAL", str(own))
    assert main(["--lang", "en", "list"]) == 0
