"""``refleks encrypt``, ``decrypt`` and ``passphrase`` at the shell, and the passphrase
asked by every command on an encrypted journal: typed (getpass) or ``--passphrase-stdin``."""

from __future__ import annotations

import hashlib
import io
import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.journal import cipher, converting
from refleks.journal.moments import Moment
from refleks.journal.store import Journal

MARKER = "QZVMERKEORD"


@pytest.fixture
def journal(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        j.complete(make_checkin("2026-11-23", answer=f"Uka gikk {MARKER}."))
        j.complete(make_checkin("2026-11-30"))
        j.moments.add(Moment(text=f"Et øyeblikk {MARKER}."))
    return journal_path


@pytest.fixture(autouse=True)
def terminal_is_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process, the terminal to ask at is the (fake) standard input's: a developer's
    own /dev/tty must not be asked during a test run. A subprocess test gives it one."""
    from refleks.cli import encryption_commands

    monkeypatch.setattr(encryption_commands, "terminal_at_hand", lambda: sys.stdin.isatty())


def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str,
        stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class Terminal:
    """A person at a terminal: ``getpass`` answers in turn, ``input`` likewise."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, typed: list[str],
                 answers: list[str] = ()) -> None:  # type: ignore[assignment]
        self.typed, self.prompts = iter(typed), []  # type: ignore[var-annotated]
        self.answers = iter(answers)
        stdin = io.StringIO("")
        stdin.isatty = lambda: True  # type: ignore[method-assign]
        monkeypatch.setattr(sys, "stdin", stdin)
        monkeypatch.setattr("getpass.getpass", self._getpass)
        monkeypatch.setattr("builtins.input", self._input)

    def _getpass(self, prompt: str = "") -> str:
        self.prompts.append(prompt)
        return next(self.typed)

    def _input(self, prompt: str = "") -> str:
        self.prompts.append(prompt)
        return next(self.answers)


def files_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def exported(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
             stdin: str = "") -> object:
    code, out, err = run(capsys, monkeypatch, "--passphrase-stdin", "export", "--format",
                         "json", stdin=stdin)
    assert code == 0, err
    document = json.loads(out)
    document.pop("exported_at", None)
    return document


def test_encrypt_then_every_command_asks_and_decrypt_gives_the_same_export(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = exported(capsys, monkeypatch)
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "encrypt", stdin="god natt\n")
    assert code == 0, err
    assert "nobody can open the journal again" in err  # said once, before
    assert err.count("nobody can open") == 1
    assert f"Your journal {journal} is encrypted now." in out
    assert cipher.is_encrypted(journal)
    assert MARKER.encode() not in journal.read_bytes()
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin", "list",
                         stdin="god natt\n")
    assert (code, err) == (0, "")
    assert out.count(MARKER) == 0 and "2026" in out  # the list, not the text
    assert exported(capsys, monkeypatch, "god natt\n") == before
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "decrypt", stdin="god natt\n")
    assert code == 0, err
    assert "plain file again" in out
    assert not cipher.is_encrypted(journal)
    assert exported(capsys, monkeypatch) == before


def test_a_wrong_passphrase_exits_2_and_changes_no_byte(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="riktig\n")
    folder = journal.parent
    before = files_digest(folder)
    for argv in (("list",), ("show", "latest"), ("status",), ("backup",), ("note", "Hei"),
                 ("decrypt",), ("passphrase",), ("export", "--format", "json")):
        code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                             *argv, stdin="feil\nny frase\n")
        assert code == 2, (argv, out, err)
        assert err.strip().splitlines() == [
            f"refleks: That passphrase does not open the journal {journal}. "
            "The file has not been changed."], argv
        assert files_digest(folder) == before, argv


def test_at_a_terminal_three_tries_then_exit_2(journal: Path,
                                             capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="riktig\n")
    before = files_digest(journal.parent)
    person = Terminal(monkeypatch, ["feil", "Riktig", "riktig "])
    assert main(["--lang", "en", "list"]) == 2
    _out, err = capsys.readouterr()
    assert person.prompts == ["Passphrase for your journal: "] * 3
    assert err.count("does not open the journal. Try again.") == 2
    assert files_digest(journal.parent) == before
    person = Terminal(monkeypatch, ["feil", "riktig"])
    assert main(["--lang", "nb", "show", "latest"]) == 0
    _out, err = capsys.readouterr()
    assert person.prompts == ["Passordfrasen til loggen din: "] * 2
    assert "Den passordfrasen åpner ikke loggen. Prøv igjen." in err


def test_a_new_passphrase_is_asked_twice_without_echo(journal: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    person = Terminal(monkeypatch, ["", "første", "forste", "første", "første"],
                      answers=["n"])
    assert main(["--lang", "nb", "encrypt"]) == 0
    out, err = capsys.readouterr()
    assert person.prompts[:5] == ["Ny passordfrase: ", "Ny passordfrase: ",
                                  "Den samme passordfrasen en gang til: ",
                                  "Ny passordfrase: ",
                                  "Den samme passordfrasen en gang til: "]
    assert "En tom passordfrase beskytter ingenting" in err
    assert "De to var ikke like" in err
    assert err.count("kan ingen åpne loggen igjen") == 1
    assert cipher.unlock(journal, "første")
    person = Terminal(monkeypatch, ["første", "andre", "andre"])
    assert main(["--lang", "nb", "passphrase"]) == 0
    out, err = capsys.readouterr()
    assert person.prompts == ["Passordfrasen til loggen din: ", "Ny passordfrase: ",
                              "Den samme passordfrasen en gang til: "]
    assert "Passordfrasen til loggen din" in out  # "… er byttet"
    assert cipher.unlock(journal, "andre")


def test_plain_backups_from_before_are_named_and_removed_when_asked(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    backups = journal.parent / "backups"
    plain = sorted(backups.iterdir())
    assert len(plain) == 2  # one after each completed check-in
    person = Terminal(monkeypatch, ["frase", "frase"], answers=["j"])
    assert main(["--lang", "nb", "encrypt"]) == 0
    out, err = capsys.readouterr()
    assert f"2 eldre sikkerhetskopier i {backups} ble laget før krypteringen" in out
    assert person.prompts[-1] == "Vil du slette dem nå? [j/N] "
    assert "Slettet 2 eldre sikkerhetskopier" in out
    assert not any(p.exists() for p in plain)
    code, out, err = run(capsys, monkeypatch, "--passphrase-stdin", "backup", stdin="frase\n")
    assert code == 0, err
    for path in backups.iterdir():
        assert cipher.is_encrypted(path)
        assert MARKER.encode() not in path.read_bytes()


def test_a_script_keeps_plain_backups_unless_told_to_remove_them(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    backups = journal.parent / "backups"
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "encrypt", stdin="frase\n")
    assert code == 0
    assert "They were kept." in out
    assert len(list(backups.iterdir())) == 2
    run(capsys, monkeypatch, "--passphrase-stdin", "decrypt", stdin="frase\n")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "encrypt", "--remove-plain-backups", stdin="frase\n")
    assert code == 0, err
    assert "Removed 2 older backups that were not encrypted." in out
    assert list(backups.iterdir()) == []


def test_the_commands_are_refused_where_they_make_no_sense(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "decrypt", stdin="x\n")
    assert (code, err.strip()) == (1, f"refleks: The journal {journal} is not encrypted. "
                                      "To encrypt it: refleks encrypt.")
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "encrypt", stdin="\n")
    assert code == 2
    assert "No new passphrase was given" in err
    assert not cipher.is_encrypted(journal)
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "encrypt")
    assert code == 1
    assert "no terminal to ask for its passphrase in" in err
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "--journal",
                         str(journal.with_name("none.sqlite3")), "--passphrase-stdin",
                         "encrypt", stdin="x\n")
    assert code == 1
    assert "There is no journal at" in err


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_help_names_the_commands(lang: str, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", lang, "--help"])
    out = capsys.readouterr().out
    for command in ("encrypt", "decrypt", "passphrase", "--passphrase-stdin"):
        assert command in out
    with pytest.raises(SystemExit):
        main(["--lang", lang, "encrypt", "--help"])
    out = capsys.readouterr().out
    assert ("passordfrase" if lang == "nb" else "passphrase") in out


# -- a kill at any point ---------------------------------------------------------------------

CONVERT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from refleks.journal import cipher, converting
    path, command, old, new, step = Path(sys.argv[1]), *sys.argv[2:6]
    if step:
        def stop(name):
            if name == step:
                os.kill(os.getpid(), signal.SIGKILL)
        converting._step = stop
    if command == "encrypt":
        converting.encrypt(path, new)
    elif command == "passphrase":
        converting.change_passphrase(path, cipher.unlock(path, old), new)
    else:
        converting.decrypt(path, cipher.unlock(path, old))
""")
CYCLE = [("encrypt", "", "en"), ("passphrase", "en", "to"), ("decrypt", "to", "")]


def convert(journal: Path, command: str, old: str, new: str,
            step: str = "") -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", CONVERT, str(journal), command, old, new,
                             step], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def uids_of(path: Path, key: cipher.Key | None = None) -> set[str]:
    with Journal.open(path, key) as j:
        assert j.integrity_problems() == []
        return {c.uid for c in j.iter_checkins()} | {m.uid for m in j.moments.select()}


def opened_by(path: Path, uids: set[str], *passphrases: str) -> str:
    """Which of ``passphrases`` opens the journal ("" for a plain one), after checking
    that it holds every check-in and moment in ``uids``."""
    key = None
    for name in passphrases:
        if not name and not cipher.is_encrypted(path):
            break
        if name and cipher.is_encrypted(path):
            try:
                key = cipher.unlock(path, name)
                break
            except cipher.WrongPassphrase:
                continue
    else:
        raise AssertionError(f"none of {passphrases} opens the journal")
    assert uids_of(path, key) == uids
    return name


@pytest.mark.parametrize(("command", "old", "new"), CYCLE)
def test_a_kill_between_any_two_steps_leaves_a_whole_journal(
        journal: Path, command: str, old: str, new: str) -> None:
    uids = uids_of(journal)
    if old:
        converting.encrypt(journal, old)
    for step in ("created", "exported", "checked", "replaced"):
        process = convert(journal, command, old, new, step)
        process.wait(60)
        assert process.returncode == -signal.SIGKILL, process.stderr
        assert opened_by(journal, uids, old, new) == (new if step == "replaced" else old)
        if step == "replaced":
            break
    Journal.open(journal, cipher.unlock(journal, new) if new else None).close()
    assert [p.name for p in journal.parent.iterdir() if "refleks-tmp" in p.name] == []


def test_kill_9_at_random_moments_always_leaves_a_whole_journal(journal: Path) -> None:
    """Ten kills at random moments of encrypt, passphrase and decrypt: each time the
    journal opens, with every check-in and moment, with the old passphrase or the new."""
    uids = uids_of(journal)
    rng = random.Random(20)
    kills = position = 0
    while kills < 10:
        command, old, new = CYCLE[position % 3]
        process = convert(journal, command, old, new)
        time.sleep(rng.uniform(0.1, 0.9))  # start ~0.2 s, then ~0.3 s a key derivation
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(60)
        if opened_by(journal, uids, old, new) == new:
            position += 1  # done (before the kill, or the kill came after the rename)


# -- remembered on this computer -------------------------------------------------------------


class MemoryKeyring:
    """A keyring backend in memory: what the OS keyring would keep, for one test."""

    priority = 1

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, user: str) -> str | None:
        return self.kept.get((service, user))

    def set_password(self, service: str, user: str, password: str) -> None:
        self.kept[(service, user)] = password

    def delete_password(self, service: str, user: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.kept.pop((service, user), None) is None:
            raise PasswordDeleteError(user)


@pytest.fixture
def keyring_here(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    import keyring

    memory = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: memory)
    for name in ("get_password", "set_password", "delete_password"):
        monkeypatch.setattr(keyring, name, getattr(memory, name))
    return memory


def test_a_remembered_key_opens_without_asking_until_forgotten(
        journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        keyring_here: MemoryKeyring) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "passphrase", "--remember", stdin="frase\n")
    assert code == 0, err
    assert "remembered on this computer" in out
    assert "frase" not in str(keyring_here.kept)  # the key, never the passphrase
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "list")  # no stdin, no tty
    assert (code, err) == (0, "")
    # A new passphrase: the key kept follows it
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "passphrase", stdin="frase\nny frase\n")
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "show", "latest")
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "passphrase", "--forget")
    assert code == 0
    assert "is forgotten" in out
    assert keyring_here.kept == {}
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "list")
    assert code == 1
    assert "no terminal to ask for its passphrase in" in err


def test_a_key_remembered_from_an_old_passphrase_is_not_used(
        journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        keyring_here: MemoryKeyring) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    run(capsys, monkeypatch, "--passphrase-stdin", "passphrase", "--remember", stdin="frase\n")
    old = dict(keyring_here.kept)
    run(capsys, monkeypatch, "--passphrase-stdin", "passphrase", stdin="frase\nny\n")
    keyring_here.kept.update(old)  # as if the keyring still held the old one
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "list")
    assert code == 1
    assert "no terminal to ask" in err


def test_without_a_keyring_it_says_so_and_goes_on_asking(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "passphrase", "--remember", stdin="frase\n")
    assert code == 1
    assert err.strip() == ("refleks: There is no keyring on this computer to remember the "
                           "key in, so refleks will go on asking for the passphrase.")
    code, _out, err = run(capsys, monkeypatch, "--passphrase-stdin", "list", stdin="frase\n")
    assert (code, err) == (0, "")


# -- status never asks -----------------------------------------------------------------------


def test_status_at_a_terminal_never_waits_for_the_passphrase(journal: Path) -> None:
    """A shell prompt runs ``refleks status`` with the terminal as its input: on an
    encrypted journal without a remembered key it says so in one line, at once, exit 0."""
    import os
    import pty

    converting.encrypt(journal, "frase")
    before = files_digest(journal.parent)
    primary, secondary = pty.openpty()
    try:
        for lang, line in (("en", "Your journal is encrypted: without its passphrase refleks "
                                  "cannot tell whether a new reflection is due."),
                           ("nb", "Loggen din er kryptert: uten passordfrasen kan ikke "
                                  "refleks se om det er tid for en ny refleksjon.")):
            # its own session: no terminal but the pty to ask in (getpass would read it)
            process = subprocess.Popen(
                [sys.executable, "-m", "refleks", "--lang", lang, "status"],
                stdin=secondary, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                start_new_session=True, env=os.environ.copy())
            try:
                out, err = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise AssertionError("status waited for a passphrase") from None
            assert (process.returncode, out.strip(), err) == (0, line, "")
    finally:
        os.close(primary)
        os.close(secondary)
    assert files_digest(journal.parent) == before


def test_status_with_a_remembered_key_or_a_passphrase_given_says_what_is_due(
        journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        keyring_here: MemoryKeyring) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "status", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["encrypted"] is True and json.loads(out)["last"] is None
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin", "status",
                         stdin="frase\n")
    assert err == ""
    assert out.startswith("Last: ") and "encrypted" not in out
    run(capsys, monkeypatch, "--passphrase-stdin", "passphrase", "--remember", stdin="frase\n")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "status")
    assert err == ""
    assert out.startswith("Last: ")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "status", "--json")
    assert err == "" and json.loads(out)["encrypted"] is True  # opened, and still said
    run(capsys, monkeypatch, "--passphrase-stdin", "decrypt", stdin="frase\n")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "status", "--json")
    assert err == "" and json.loads(out)["encrypted"] is False


# -- restoring an encrypted backup -----------------------------------------------------------


def test_a_backup_from_an_old_passphrase_is_restored_with_its_own(
        journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        keyring_here: MemoryKeyring) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", "--remove-plain-backups",
        stdin="gammel\n")
    code, out, err = run(capsys, monkeypatch, "--passphrase-stdin", "backup",
                         stdin="gammel\n")
    assert code == 0, err
    [backup] = (journal.parent / "backups").glob("*.sqlite3")
    assert cipher.is_encrypted(backup)
    run(capsys, monkeypatch, "--passphrase-stdin", "passphrase", stdin="gammel\nny\n")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "restore")
    assert f"  {backup.name}  (" in out and "encrypted)" in out
    assert "not readable" not in out
    person = Terminal(monkeypatch, ["ny", "feil", "gammel"])
    assert main(["--lang", "en", "restore", str(backup)]) == 0
    out, err = capsys.readouterr()
    assert person.prompts == ["Passphrase for your journal: ", "Passphrase for the backup: ",
                              "Passphrase for the backup: "]
    assert "does not open the journal. Try again." in err
    assert cipher.unlock(journal, "ny")  # the journal keeps its own passphrase
    run(capsys, monkeypatch, "--passphrase-stdin", "passphrase", "--remember", stdin="ny\n")
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "restore")
    lines = out.splitlines()
    assert next(line for line in lines if backup.name in line).endswith(", encrypted)")
    # the copy made before restoring has the journal's key: counted with the one remembered
    assert next(line for line in lines if "before-restore" in line).endswith(
        ", 2 reflections)")


def test_an_encrypted_backup_comes_back_where_the_journal_is_missing(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", "--remove-plain-backups",
        stdin="frase\n")
    backup = journal.parent.parent / "saved.sqlite3"
    code, _out, err = run(capsys, monkeypatch, "--passphrase-stdin", "backup", str(backup),
                          stdin="frase\n")
    assert code == 0, err
    moved = journal.with_name("away.sqlite3")
    journal.rename(moved)
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "restore", str(backup), stdin="feil\n")
    assert (code, not journal.exists()) == (2, True), err
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "restore", str(backup), stdin="frase\n")
    assert code == 0, err
    assert cipher.is_encrypted(journal)
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin", "list",
                         stdin="frase\n")
    assert (code, err) == (0, "")
    assert "2 reflections" in out


def test_an_encrypted_backup_restored_into_a_plain_journal_says_it_is_encrypted_now(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", "--remove-plain-backups",
        stdin="frase\n")
    backup = journal.parent.parent / "saved.sqlite3"
    run(capsys, monkeypatch, "--passphrase-stdin", "backup", str(backup), stdin="frase\n")
    run(capsys, monkeypatch, "--passphrase-stdin", "decrypt", stdin="frase\n")
    assert not cipher.is_encrypted(journal)
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                         "restore", str(backup), stdin="frase\n")
    assert code == 0, err
    assert cipher.is_encrypted(journal)
    assert out.splitlines()[-1] == (
        "The backup was encrypted, so your journal is encrypted now: it opens with the "
        "passphrase the backup was made with. \"refleks decrypt\" makes it a plain file again.")
    # a plain backup into a plain journal says nothing of the kind
    run(capsys, monkeypatch, "--passphrase-stdin", "decrypt", stdin="frase\n")
    plain = journal.parent.parent / "plain.sqlite3"
    run(capsys, monkeypatch, "backup", str(plain))
    code, out, err = run(capsys, monkeypatch, "--lang", "en", "restore", str(plain))
    assert code == 0, err
    assert "is encrypted now" not in out


# -- a note into an encrypted journal --------------------------------------------------------


def moment_texts(path: Path, passphrase: str) -> list[str]:
    with Journal.open(path, cipher.unlock(path, passphrase), read_only=True) as j:
        return [m.text for m in j.moments.select()]


def test_note_from_stdin_takes_the_passphrase_first_then_the_text(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin", "note",
                         "-", stdin="frase\nStod i stillheten\nog ventet.\n")
    assert code == 0, err
    assert "Stod i stillheten\nog ventet." in moment_texts(journal, "frase")
    assert "frase" not in "".join(moment_texts(journal, "frase"))


def test_note_at_a_terminal_asks_the_passphrase_before_the_text(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    before = files_digest(journal.parent)
    person = Terminal(monkeypatch, ["feil", "feil", "feil"], answers=["Aldri skrevet"])
    assert main(["--lang", "en", "note"]) == 2
    # three wrong tries, and no note was asked for, so none is lost
    assert person.prompts == ["Passphrase for your journal: "] * 3
    assert files_digest(journal.parent) == before
    person = Terminal(monkeypatch, ["frase"], answers=["Lyttet mer enn jeg snakket."])
    assert main(["--lang", "en", "note"]) == 0
    assert person.prompts[0] == "Passphrase for your journal: "
    assert person.prompts[1] != person.prompts[0]  # then the note's own prompt
    assert "Lyttet mer enn jeg snakket." in moment_texts(journal, "frase")


def test_note_from_a_pipe_asks_the_passphrase_at_the_terminal(journal: Path) -> None:
    """``echo … | refleks note -`` in a terminal: the text comes from the pipe, the
    passphrase is typed at the terminal (getpass reads /dev/tty), not refused."""
    import os
    import pty
    import select

    converting.encrypt(journal, "frase")
    primary, secondary = pty.openpty()
    name = os.ttyname(secondary)

    def own_terminal() -> None:  # a session whose controlling terminal is the pty
        os.setsid()
        os.close(os.open(name, os.O_RDWR))

    process = subprocess.Popen(
        [sys.executable, "-m", "refleks", "--lang", "en", "note", "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=own_terminal, env=os.environ.copy())
    try:
        assert process.stdin is not None
        process.stdin.write("Sa det høyt på teammøtet.\n".encode())
        process.stdin.close()
        seen = b""
        deadline = time.monotonic() + 30
        while b"Passphrase for your journal" not in seen:
            assert time.monotonic() < deadline, (seen, process.poll())
            if select.select([primary], [], [], 0.5)[0]:
                seen += os.read(primary, 1024)
            elif process.poll() is not None:
                raise AssertionError(process.stderr.read() if process.stderr else "")
        os.write(primary, b"frase\n")
        process.wait(30)
        err = process.stderr.read().decode() if process.stderr else ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(primary)
        os.close(secondary)
    assert process.returncode == 0, err
    assert "Sa det høyt på teammøtet." in moment_texts(journal, "frase")


# -- what is typed, and what is not ----------------------------------------------------------


def test_a_passphrase_that_is_not_utf8_is_taken_as_its_bytes(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def stdin_bytes(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), "utf-8"))

    before = journal.read_bytes()
    stdin_bytes(b"hemmelig \xff\xfe frase\n")
    # a new passphrase no keyboard could type again is refused, nothing changed ...
    assert main(["--lang", "en", "--passphrase-stdin", "encrypt"]) != 0
    assert "not UTF-8 text" in capsys.readouterr().err
    assert journal.read_bytes() == before
    # ... but a journal already keyed with such bytes (another program's) still opens
    from refleks.journal import converting

    converting.encrypt(journal, "hemmelig \udcff\udcfe frase")  # the bytes, as read
    assert cipher.is_encrypted(journal)
    stdin_bytes(b"hemmelig \xff\xfe frase\n")
    assert main(["--lang", "en", "--passphrase-stdin", "list"]) == 0
    assert "2 reflections" in capsys.readouterr().out
    stdin_bytes(b"hemmelig \xff frase\n")  # one byte short: wrong, not a crash
    assert main(["--lang", "en", "--passphrase-stdin", "list"]) == 2
    assert "does not open the journal" in capsys.readouterr().err


@pytest.mark.parametrize("given", ["", "\n"])
def test_no_passphrase_on_stdin_is_said_as_such(
        journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        given: str) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    before = files_digest(journal.parent)
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin", "list",
                          stdin=given)
    assert (code, err.strip()) == (2, f"refleks: No passphrase was given, so the journal "
                                      f"{journal} was not opened. The file has not been "
                                      "changed.")
    assert files_digest(journal.parent) == before


def test_ctrl_d_at_the_prompt_stops_asking(journal: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    Terminal(monkeypatch, [])
    prompts: list[str] = []

    def ctrl_d(prompt: str = "") -> str:
        prompts.append(prompt)
        raise EOFError

    monkeypatch.setattr("getpass.getpass", ctrl_d)
    assert main(["--lang", "nb", "list"]) == 2
    err = capsys.readouterr().err
    assert prompts == ["Passordfrasen til loggen din: "]  # asked once, not three times
    assert "Du ga ingen passordfrase" in err
    assert "åpner ikke" not in err


def test_a_wrong_try_then_nothing_is_still_called_wrong(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong passphrase, then an empty Enter and ctrl+d: what was typed was wrong, and
    the person is told so, not that none was given."""
    run(capsys, monkeypatch, "--passphrase-stdin", "encrypt", stdin="frase\n")
    Terminal(monkeypatch, ["feil", ""])
    asked = iter(["feil", ""])

    def typed(prompt: str = "") -> str:
        try:
            return next(asked)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("getpass.getpass", typed)
    assert main(["--lang", "nb", "list"]) == 2
    err = capsys.readouterr().err
    assert "åpner ikke" in err and "Du ga ingen passordfrase" not in err


def test_a_new_passphrase_of_only_spaces_is_refused(
        journal: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = run(capsys, monkeypatch, "--lang", "en", "--passphrase-stdin",
                          "encrypt", stdin="   \n")
    assert code == 2
    assert "No new passphrase was given" in err
    assert not cipher.is_encrypted(journal)
    person = Terminal(monkeypatch, ["  ", "ekte frase", "ekte frase"], answers=["n"])
    assert main(["--lang", "en", "encrypt"]) == 0
    assert "An empty passphrase protects nothing" in capsys.readouterr().err
    assert person.prompts[:2] == ["New passphrase: ", "New passphrase: "]
    assert cipher.unlock(journal, "ekte frase")


# -- a journal open elsewhere ----------------------------------------------------------------

HOLD_OPEN = textwrap.dedent("""
    import sys
    from refleks.journal.store import Journal
    journal = Journal.open(sys.argv[1], sys.argv[2] or None)
    journal.latest()
    print("open", flush=True)
    sys.stdin.read()  # until the test closes the pipe
    journal.close()
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="another process's hold on the journal is seen on Linux")
@pytest.mark.parametrize("command", ["encrypt", "decrypt", "passphrase"])
def test_a_journal_open_elsewhere_is_refused_before_a_passphrase_is_asked(
        journal: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        command: str) -> None:
    """Another refleks has the journal open: the command says so before it asks for
    any passphrase (one typed would be for nothing), and changes nothing."""
    key = "" if command == "encrypt" else converting.encrypt(journal, "frase")
    other = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(journal), key],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout is not None and other.stdout.readline() == "open\n"
        before = files_digest(journal.parent)
        person = Terminal(monkeypatch, [])  # would run out at the first prompt
        code = main(["--lang", "en", command])
        err = capsys.readouterr().err
        assert files_digest(journal.parent) == before
    finally:
        other.communicate("")
    assert person.prompts == []
    assert code != 0 and "open in another refleks window" in err
