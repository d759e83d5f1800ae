"""Text is data and every problem is one line, at the shell (issue 21, items 9–12):
text that is not UTF-8, one limit at every door, output that cannot be written, odd
numbers and names, empty options, duplicate keys and a damaged ``-wal`` met by a
command that only reads."""

from __future__ import annotations

import io
import json
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
    assert code == 2 and out == ""  # a number that is not there was typed
    assert "99999999999999999999" in err and "no" in err.casefold() and err.count("\n") == 1


# -- 9 and 10: text that is not UTF-8, and one limit at every door ------------------------------

LATIN1 = "Møte med brukar på kafé\n".encode("latin-1")


class Stdin(io.TextIOWrapper):
    """Standard input holding ``data``, counting the bytes refleks takes from it."""

    def __init__(self, data: bytes | None = None, *, endless: bytes = b"") -> None:
        self.taken = 0
        raw = _Endless(endless) if endless else io.BytesIO(data or b"")
        super().__init__(io.BufferedReader(raw), encoding="utf-8")  # type: ignore[arg-type]

    def isatty(self) -> bool:
        return False


class _Endless(io.RawIOBase):
    """A pipe of 8 MB (``yes x | head -c 8M | refleks note -``), counting what was read."""

    def __init__(self, byte: bytes, size: int = 8 << 20) -> None:
        self.byte = byte
        self.size = size
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        size = min(len(buffer), self.size - self.given)
        buffer[:size] = self.byte * size
        self.given += size
        return size


def moments_text(capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, _ = run(capsys, "moments", "--json")
    assert code == 0
    return [m["text"] for m in json.loads(out)]


@pytest.mark.parametrize("data", [b"x \xff\xfe", LATIN1, "Møte".encode("cp1252")])
def test_a_note_from_stdin_that_is_not_utf8_is_refused_naming_the_encodings(
        journal_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(data))
    code, out, err = run(capsys, "--lang", "en", "note", "-")
    assert code == 2 and out == ""
    assert err.startswith("refleks: Standard input is not UTF-8 text.")
    assert "--encoding cp1252" in err and "--encoding latin-1" in err and err.count("\n") == 1
    assert moments_text(capsys) == []


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_note_from_stdin_is_read_in_the_encoding_named(
        journal_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, encoding: str) -> None:
    monkeypatch.setattr(sys, "stdin", Stdin(LATIN1))
    assert run(capsys, "note", "--encoding", encoding, "-")[0] == 0
    assert moments_text(capsys) == ["Møte med brukar på kafé"]


def test_a_note_argument_the_terminal_could_not_decode_is_refused_or_read_as_asked(
        journal_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    typed = os.fsdecode(b"x\xff")  # what Python makes of the bytes in argv
    code, _, err = run(capsys, "--lang", "en", "note", typed)
    assert code == 2 and "Traceback" not in err
    assert err.startswith("refleks: The text you typed is not UTF-8 text.")
    assert run(capsys, "note", "--encoding", "latin-1", typed)[0] == 0
    assert moments_text(capsys) == ["xÿ"]


def test_check_text_reads_a_file_in_the_encoding_named(
        journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    minutes = tmp_path / "referat.txt"
    minutes.write_bytes("Ring Kari på 912 34 567 fra kaféen.\n".encode("cp1252"))
    code, _, err = run(capsys, "--lang", "en", "check-text", str(minutes))
    assert code == 2 and "is not UTF-8 text" in err and "--encoding cp1252" in err
    code, out, _ = run(capsys, "--lang", "en", "check-text", "--encoding", "cp1252",
                       str(minutes))
    assert code == 1 and "912 34 567" in out


def test_a_note_over_the_limit_is_refused_naming_it_after_reading_only_what_it_can_hold(
        journal_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    endless = Stdin(endless=b"x")
    monkeypatch.setattr(sys, "stdin", endless)
    code, _, err = run(capsys, "--lang", "en", "note", "-")
    assert code == 2
    assert err == ("refleks: Standard input holds more than 1 000 000 characters, more than "
                   "refleks keeps in one text. Split it in parts.\n")
    raw = endless.buffer.raw  # type: ignore[attr-defined]
    assert raw.given <= 4 * 1_000_000 + 1 + (1 << 16)  # not 50 MB to refuse it
    code, _, err = run(capsys, "--lang", "en", "note", "x" * 1_000_001)
    assert code == 2 and "more than 1 000 000 characters" in err
    assert moments_text(capsys) == []


def test_the_longest_note_refleks_takes_moves_to_another_journal(
        journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    longest = "ø" * 1_000_000  # two bytes each in UTF-8
    monkeypatch.setattr(sys, "stdin", Stdin(longest.encode()))
    assert run(capsys, "note", "-")[0] == 0
    export = tmp_path / "journal.json"
    assert run(capsys, "export", "--format", "json", "-o", str(export))[0] == 0
    code, _, err = run(capsys, "--journal", str(tmp_path / "other.sqlite3"), "import",
                       str(export))
    assert code == 0, err
    code, out, _ = run(capsys, "--journal", str(tmp_path / "other.sqlite3"), "moments",
                       "--json")
    assert json.loads(out)[0]["text"] == longest


@pytest.mark.parametrize(("name", "says"), [
    ("/dev/zero", "not a regular file"),
    ("{folder}", "not a regular file"),
    ("", "Give the name of a file, or - for standard input."),
    ("{missing}", "cannot read it (No such file or directory)"),
])
def test_check_text_reads_only_a_regular_file(
        journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        name: str, says: str) -> None:
    name = name.format(folder=tmp_path, missing=tmp_path / "none.txt")
    code, out, err = run(capsys, "--lang", "en", "check-text", name)
    assert code == 2 and out == ""
    assert says in err and "directory" not in err.replace("No such file or directory", "")
    assert err.count("\n") == 1


# -- 12: empty options; 9: arguments the terminal could not decode ------------------------------


@pytest.mark.parametrize("argv", [
    ["note", "x", "--chime", ""], ["values", "--area", ""], ["values", "--area="],
    ["list", "--value", " "], ["moments", "--search", ""], ["export", "-o", ""],
    ["team", "export", "--format", ""],
], ids=" ".join)
def test_an_empty_option_is_refused_with_exit_2(
        journal_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, "--lang", "en", *argv)
    assert code == 2 and out == ""
    assert err.endswith(": needs a value, and it can't be empty.\n") and err.count("\n") == 1
    assert moments_text(capsys) == []


@pytest.mark.parametrize("argv", [["show"], ["moments", "show"], ["moments", "delete", "--yes"],
                                  ["delete", "--yes"], ["list", "--search"],
                                  ["moments", "--value"]], ids=" ".join)
def test_an_argument_the_terminal_could_not_decode_is_one_line(
        journal_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert run(capsys, "note", "A moment.")[0] == 0
    code, out, err = run(capsys, "--lang", "en", *argv, os.fsdecode(b"x\xff"))
    assert code == 2 and out == ""
    assert err == ("refleks: The argument 'x\ufffd' is not UTF-8 text: check the character "
                   "encoding of the terminal.\n")


# -- 9 and 12: an import with a lone surrogate, or a key twice ----------------------------------


@pytest.fixture
def exported(journal_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The JSON export of a journal with one check-in and one moment."""
    from journal_helpers import make_checkin

    from refleks.journal.store import Journal

    with Journal.open(journal_path) as journal:
        journal.save(make_checkin("2026-11-16", answer="Svar."))
    assert run(capsys, "note", "A moment.")[0] == 0
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and '"Svar."' in out and '"A moment."' in out
    return out


@pytest.mark.parametrize(("old", "new", "says"), [
    ('"A moment."', '"A \\ud800 moment."', "moments[0].text: holds a lone surrogate"),
    ('"Svar."', '"Sv\\udfffar."', "checkins[0].answers[0].text: holds a lone surrogate"),
    ('"text": "A moment."', '"text": "x", "text": "A moment."',
     "the key 'text' appears twice in one object (line "),
    ('"text": "Svar."', '"text": "x", "text": "Svar."',
     "the key 'text' appears twice in one object (line "),
    ('"version": 2,', '"version": 2, "version": 2,',
     "the key 'version' appears twice in one object (line 3)"),
], ids=["surrogate in a moment", "surrogate in an answer", "key twice in a moment",
        "key twice in a check-in", "key twice in the envelope"])
def test_an_import_with_a_lone_surrogate_or_a_key_twice_is_refused_naming_it(
        exported: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        old: str, new: str, says: str) -> None:
    assert old in exported
    hostile = tmp_path / "hostile.json"
    hostile.write_text(exported.replace(old, new, 1), encoding="utf-8")
    other = str(tmp_path / "other.sqlite3")
    code, out, err = run(capsys, "--lang", "en", "--journal", other, "import", str(hostile))
    assert code == 1 and out == ""
    assert says in err and err.endswith("Nothing was added.\n") and err.count("\n") == 1
    assert not Path(other).exists() or run(capsys, "--journal", other, "list", "--json")[1] \
        in ("[]\n", "[\n]\n")
