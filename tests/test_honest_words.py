"""Honest words about where text goes, at the shell (issue 20): an export into a folder a
cloud client syncs is said and asked about before anything is written, an export says it
is plaintext, and a note typed as an argument that may identify someone says that the
shell's history keeps it, and how to remove it; rewriting shows what was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.cli.moment_commands import history_hint, history_shell
from refleks.content.ui import load_strings
from refleks.journal.store import Journal


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def one_checkin(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02", focus=("empati", "varme"), answer="Om møtet."))
    return journal_path


@pytest.fixture
def onedrive(isolated_home: Path) -> Path:
    folder = isolated_home / "OneDrive - Helse Vest" / "Dokumenter"
    folder.mkdir(parents=True)
    return folder


def at_a_terminal(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """stdin and stderr are a terminal, and ``input`` answers in turn; the prompts
    asked are returned as they come."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    given = iter(answers)
    asked: list[str] = []

    def answer(prompt: str = "") -> str:
        asked.append(prompt)
        return next(given)

    monkeypatch.setattr("builtins.input", answer)
    return asked


# -- export into a synced folder --------------------------------------------------------------

def test_an_export_into_onedrive_without_a_terminal_writes_nothing_and_says_why(
        capsys: pytest.CaptureFixture[str], one_checkin: Path, onedrive: Path) -> None:
    target = onedrive / "veiledning.md"
    code, out, err = run(capsys, "--lang", "en", "export", "-o", str(target))
    assert code == 1 and out == "" and not target.exists()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err
    assert lines[0] == (f"refleks: {onedrive} is synced with OneDrive, so the export would be "
                        "copied to the cloud, unencrypted. Nothing was written: add --yes to "
                        "save it there anyway, or choose another folder with -o.")


def test_yes_writes_into_the_synced_folder_and_the_export_says_it_is_plaintext(
        capsys: pytest.CaptureFixture[str], one_checkin: Path, onedrive: Path) -> None:
    target = onedrive / "veiledning.html"
    code, out, err = run(capsys, "--lang", "en", "export", "-o", str(target), "--yes")
    assert code == 0 and err == "" and target.read_text(encoding="utf-8").startswith("<!")
    lines = out.splitlines()
    assert lines[:2] == [f"Wrote 1 reflection to {target}.",
                         "The file is not encrypted: anyone who can open it can read it."]
    assert len(lines) == 3 and "Headers and footers" in lines[2]  # how to print it (25.7)


def test_at_a_terminal_the_synced_folder_is_said_and_asked_no_writes_nothing(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        one_checkin: Path, onedrive: Path) -> None:
    target = onedrive / "veiledning.md"
    asked = at_a_terminal(monkeypatch, "")  # Enter: the default, no
    code, out, err = run(capsys, "export", "-o", str(target))
    assert code == 1 and out == "" and not target.exists()
    assert asked == ["Vil du lagre den der likevel? [j/N] "]
    assert err.splitlines() == [
        f"{onedrive} blir synkronisert med OneDrive: eksporten ville blitt kopiert til "
        "skyen, ukryptert.",
        "Ingenting ble skrevet. Velg en mappe som ikke synkroniseres, med -o."]


def test_at_a_terminal_yes_writes_into_the_synced_folder(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        one_checkin: Path, isolated_home: Path) -> None:
    dropbox = isolated_home / "Dropbox"
    dropbox.mkdir()
    target = dropbox / "alt.json"
    at_a_terminal(monkeypatch, "ja")
    code, out, err = run(capsys, "export", "-o", str(target))
    assert code == 0 and "synkronisert med Dropbox" in err
    assert '"refleks-journal"' in target.read_text(encoding="utf-8")
    assert "Filen er ikke kryptert" in out


def test_a_link_into_a_synced_folder_counts_as_the_synced_folder(
        capsys: pytest.CaptureFixture[str], one_checkin: Path, onedrive: Path,
        isolated_home: Path) -> None:
    link = isolated_home / "Skrivebord"
    link.symlink_to(onedrive, target_is_directory=True)
    code, _, err = run(capsys, "--lang", "en", "export", "-o", str(link / "x.md"))
    assert code == 1 and "synced with OneDrive" in err
    assert list(onedrive.iterdir()) == []


def test_an_export_into_a_folder_of_ones_own_asks_nothing(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        one_checkin: Path, isolated_home: Path) -> None:
    asked = at_a_terminal(monkeypatch)  # any question would end the test (StopIteration)
    target = isolated_home / "Documents" / "veiledning.md"
    target.parent.mkdir()
    code, out, err = run(capsys, "export", "-o", str(target))
    assert code == 0 and asked == [] and err == "" and target.exists()
    assert out.splitlines()[-1] == "Filen er ikke kryptert: alle som kan åpne den, kan lese den."


def test_team_minutes_into_a_synced_folder_are_asked_about_too(
        capsys: pytest.CaptureFixture[str], journal_path: Path, isolated_home: Path) -> None:
    drive = isolated_home / "Google Drive" / "Team"
    drive.mkdir(parents=True)
    target = drive / "referat.md"
    code, out, err = run(capsys, "--lang", "en", "team", "export", "-o", str(target))
    assert code == 1 and not target.exists()
    assert "is synced with Google Drive" in err and "--yes" in err
    code, out, err = run(capsys, "--lang", "en", "team", "export", "-o", str(target), "--yes")
    assert code == 0 and target.exists()
    assert out.splitlines() == [f"Wrote the minutes to {target}.",
                                "The file is not encrypted: anyone who can open it can read it."]


# -- a note typed on the command line ---------------------------------------------------------

@pytest.mark.parametrize(("os_name", "shell", "expected"), [
    ("posix", "/bin/bash", "bash"),
    ("posix", "/usr/local/bin/bash", "bash"),
    ("posix", "/bin/zsh", "zsh"),
    ("posix", "/usr/bin/fish", "other"),
    ("posix", "", "other"),
    ("nt", "", "windows"),
    ("nt", "C:\\Program Files\\Git\\usr\\bin\\bash.exe", "windows"),
])
def test_the_history_advice_fits_the_shell(os_name: str, shell: str, expected: str) -> None:
    assert history_shell(os_name, {"SHELL": shell} if shell else {}) == expected


def test_each_shells_advice_is_there_in_both_languages() -> None:
    for lang in ("nb", "en"):
        t = load_strings(lang)
        for shell in ("bash", "zsh", "windows", "other"):
            hint = history_hint(t, shell)
            assert len(hint) == 3 and all(line and "{" not in line for line in hint)
        assert "history -d $((HISTCMD-1))" in history_hint(t, "bash")[1]
        assert "(Get-PSReadLineOption).HistorySavePath" in history_hint(t, "windows")[1]
        assert "Clear-History" in history_hint(t, "windows")[1]
        assert "~/.zsh_history" in history_hint(t, "zsh")[1]


def test_a_note_typed_as_an_argument_says_the_history_keeps_it(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        journal_path: Path) -> None:
    monkeypatch.setenv("SHELL", "/bin/bash")
    code, _, err = run(capsys, "--lang", "en", "note", "Kari rang from 412 34 567")
    assert code == 0
    assert "phone number: 412 34 567" in err
    assert "Your shell's history keeps this command, note and all" in err
    assert "history -d $((HISTCMD-1))" in err
    assert "Next time, type just refleks note: it asks for the text" in err


def test_a_note_from_the_prompt_or_stdin_says_nothing_of_history(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        journal_path: Path) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt="": "Kari rang from 412 34 567")
    code, _, err = run(capsys, "--lang", "en", "note")
    assert code == 0 and "phone number" in err and "history" not in err
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("Kari rang from 412 34 567\n"))
    code, _, err = run(capsys, "--lang", "en", "note", "-")
    assert code == 0 and "phone number" in err and "history" not in err


def test_a_clean_note_typed_as_an_argument_says_nothing_of_history(
        capsys: pytest.CaptureFixture[str], journal_path: Path) -> None:
    code, _, err = run(capsys, "--lang", "en", "note", "Stood in the silence")
    assert code == 0 and err == ""


def test_rewrite_shows_the_original_as_data_before_asking_for_the_new_text(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        journal_path: Path) -> None:
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    original = "Ringte Kari på 41234567 \x1b]0;tittel\x07[bold]"
    asked = at_a_terminal(monkeypatch, "s", "Ringte en pårørende i dag.")
    printed_before: list[str] = []
    real_input = __import__("builtins").input

    def watching(prompt: str = "") -> str:
        printed_before.append(capsys.readouterr().err)
        return real_input(prompt)

    monkeypatch.setattr("builtins.input", watching)
    assert run(capsys, "note", original)[0] == 0
    assert asked == ["Beholde det slik det står (b), eller skrive om (s)? [b/s] ",
                     "Skriv det på nytt: "]
    before_ask, before_rewrite = printed_before
    assert "Terminalen husker denne kommandoen" in before_ask and "zsh" in before_ask
    # the original, as it was written, just before "write it again" – control characters
    # as symbols, the square brackets as typed
    assert before_rewrite.splitlines() == [
        "Du skrev:", "Ringte Kari på 41234567 \u241b]0;tittel\u2407[bold]"]
    assert "\x1b" not in before_rewrite
    with Journal.open(journal_path) as j:
        assert j.moments.get(1).text == "Ringte en pårørende i dag."
