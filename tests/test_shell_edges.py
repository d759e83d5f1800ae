"""Text is data and every problem is one line, at the shell (issue 21, items 9–12):
text that is not UTF-8, one limit at every door, output that cannot be written, odd
numbers and names, empty options, duplicate keys and a damaged ``-wal`` met by a
command that only reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from refleks.cli import main

SRC = Path(__file__).resolve().parents[1] / "src"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def child(*argv: str, stdin: bytes | None = None, stdout: object = subprocess.PIPE,
          ) -> subprocess.CompletedProcess[bytes]:
    """refleks in a process of its own (the environment is the test's isolated home)."""
    return subprocess.run([sys.executable, "-m", "refleks", "--lang", "en", *argv],
                          input=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(SRC)}, check=False)


def one_line(err: bytes) -> str:
    """stderr as text, checked to be the one line a person reads, with no traceback."""
    text = err.decode("utf-8")
    assert "Traceback" not in text
    assert text.startswith("refleks: ") and text.count("\n") == 1, text
    return text


# -- 11 and 12: output that cannot be written ---------------------------------------------------


FULL = [["list"], ["values"], ["status"], ["content", "path"], ["team", "log"],
        ["team", "export"], ["moments"], ["moments", "--json"], ["note", "A moment."],
        ["--help"], ["check-text", "{finding}"]]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", FULL, ids=" ".join)
def test_output_to_a_full_disk_is_one_line_naming_the_output(
        journal_path: Path, tmp_path: Path, argv: list[str]) -> None:
    finding = tmp_path / "minutes.txt"
    finding.write_text("Ring Kari Nordmann på 912 34 567.\n", encoding="utf-8")
    assert child("note", "Seeded.").returncode == 0
    with open("/dev/full", "wb") as full:
        done = child(*[a.format(finding=finding) for a in argv], stdout=full)
    line = one_line(done.stderr)
    assert done.returncode == 1
    assert "Could not write the output (No space left on device)" in line, line
    assert "journal" not in line


def test_a_content_folder_name_too_long_for_the_file_system_is_one_line(
        journal_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", "--content", "x" * 300, "values")
    assert code == 1
    assert err.startswith("refleks: Could not use xxx") and "File name too long" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("argv", [["list", "--value"], ["note", "x", "--chime"],
                                  ["values", "--area"]], ids=" ".join)
def test_an_argument_echoed_in_an_error_shows_its_escapes_as_symbols(
        journal_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, "--lang", "en", *argv, "\x1b]0;T\x07")
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err
    assert "\u241b]0;T\u2407" in err


# -- 11: numbers beyond SQLite's ---------------------------------------------------------------


@pytest.mark.parametrize("argv", [["moments", "show"], ["moments", "delete", "--yes"],
                                  ["show"], ["delete", "--yes"]], ids=" ".join)
def test_a_number_beyond_sqlites_integers_is_not_found(
        journal_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert run(capsys, "note", "A moment.")[0] == 0
    code, out, err = run(capsys, "--lang", "en", *argv, "99999999999999999999")
    assert code in (1, 2) and out == ""
    assert "99999999999999999999" in err and "no" in err.casefold() and err.count("\n") == 1
