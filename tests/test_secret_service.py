"""A remembered key read straight from the Secret Service (``journal.secret_service``),
against a real one: a private D-Bus session bus with ``gnome-keyring-daemon``, started
for these tests and stopped after them (skipped where the two programs are missing;
``.ci/run`` installs them). Nothing here reaches the keyring of whoever runs the tests."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks import cli
from refleks.cli import quick_status as quick
from refleks.journal import cipher, converting, keychain, secret_service
from refleks.journal.store import Journal

PASSPHRASE = "en frase bare for testen"


@pytest.fixture(scope="module")
def secret_service_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a session bus with an unlocked Secret Service on it."""
    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-daemon and gnome-keyring-daemon (apt-get install gnome-keyring)")
    home = tmp_path_factory.mktemp("keyring-home")
    (home / "run").mkdir(mode=0o700)
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_RUNTIME_DIR": str(home / "run"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    bus = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                          "--print-pid=1"], env=env, capture_output=True, text=True, check=True)
    address, bus_pid = bus.stdout.split()[:2]
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    daemon = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets",
                             "--daemonize"], input="test\n", env=env, capture_output=True,
                            text=True, check=True)
    daemon_pid = dict(line.partition("=")[::2] for line in daemon.stdout.splitlines())
    try:
        yield address
    finally:
        for pid in (daemon_pid.get("GNOME_KEYRING_PID", ""), bus_pid):
            if pid.isdigit():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(int(pid), signal.SIGTERM)


@pytest.fixture
def on_the_bus(secret_service_bus: str, isolated_home: Path,
               monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's process on the private bus, with keyring free to find its backend."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service_bus)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    return isolated_home


def keep(path: Path, secret: str) -> None:
    """What ``keyring.set_password`` on Linux writes: the same backend, asked directly."""
    from keyring.backends import SecretService

    SecretService.Keyring().set_password(keychain.SERVICE, os.path.realpath(path), secret)


@pytest.fixture
def encrypted(on_the_bus: Path) -> tuple[Path, cipher.Key]:
    path = on_the_bus / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.complete(make_checkin("2026-11-27", focus=("tillit",)))
    return path, converting.encrypt(path, PASSPHRASE)


def test_a_key_kept_through_keyring_is_read_straight_back(on_the_bus: Path) -> None:
    keep(on_the_bus / "a.sqlite3", "x'00ff'")
    assert secret_service.lookup(keychain.SERVICE, os.path.realpath(on_the_bus / "a.sqlite3")) \
        == "x'00ff'"
    assert secret_service.lookup(keychain.SERVICE, os.path.realpath(on_the_bus / "b.sqlite3")) \
        is None


def test_a_remembered_key_opens_the_journal_without_keyring(
        encrypted: tuple[Path, cipher.Key]) -> None:
    path, key = encrypted
    keep(path, key)
    code = ("import sys\nfrom refleks.journal import keychain\nfrom pathlib import Path\n"
            f"assert keychain.recall(Path({str(path)!r})) == {key!r}\n"
            "print('keyring' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[2])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"  # keyring's backend search (~200 ms) never ran


def test_the_quick_path_reads_the_key_without_jeepney_or_typing(
        encrypted: tuple[Path, cipher.Key]) -> None:
    """``status`` before every prompt stays within 1.3× a plain journal's CPU (issue 20):
    importing ``jeepney`` (and with it ``typing``) alone took it to 1.40×."""
    path, key = encrypted
    keep(path, key)
    code = ("import sys\nfrom refleks.cli import main\ncode = main(['--lang', 'nb', 'status'])\n"
            "heavy = {'jeepney', 'typing', 'socket', 'keyring', 'argparse', 'dataclasses',"
            " 'refleks.journal.store', 'refleks.settings'}\n"
            "print(sorted(heavy & set(sys.modules)))\n")
    env = {**os.environ, "PYTHONPATH": str(Path(cli.__file__).parents[2])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Tillit" in done.stdout  # the journal was opened with the remembered key
    assert done.stdout.splitlines()[-1] == "[]"


def test_status_on_an_encrypted_journal_takes_the_quick_path(
        encrypted: tuple[Path, cipher.Key], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path, key = encrypted
    keep(path, key)
    # the check-in's own language: in the other one the quick path hands over to the
    # full one, which names the values from the content (issue 22.9)
    for argv in (["--lang", "nb", "status"], ["--lang", "nb", "status", "--json"]):
        code = quick.quick_status(argv[1], None, None, as_json=argv[-1] == "--json")
        fast = (code, capsys.readouterr().out)
        slow = (cli._run_command(argv, cli.read_global_options(argv)), capsys.readouterr().out)
        assert fast == slow
        assert "Tillit" in fast[1]
    assert json.loads(fast[1])["encrypted"] is True


def test_without_the_key_status_goes_the_full_way_and_never_asks(
        encrypted: tuple[Path, cipher.Key], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path, _key = encrypted
    assert quick.quick_status("en", None, None, as_json=False) is None  # nothing kept
    other = cipher.new_key(PASSPHRASE)  # another journal's key: another salt
    keep(path, other)
    assert quick.quick_status("en", None, None, as_json=False) is None
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["--lang", "en", "status"]) in (0, 1)
    assert "Tillit" not in capsys.readouterr().out  # the neutral line: the journal stays shut


def test_a_backend_chosen_for_keyring_is_respected(on_the_bus: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    keep(on_the_bus / "a.sqlite3", "x'00ff'")
    account = os.path.realpath(on_the_bus / "a.sqlite3")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    assert secret_service.lookup(keychain.SERVICE, account) is None
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "python_keyring" / "keyringrc.cfg"
    config.parent.mkdir(parents=True)
    config.write_text("[backend]\ndefault-keyring=keyrings.alt.file.PlaintextKeyring\n")
    assert secret_service.lookup(keychain.SERVICE, account) is None
    config.unlink()
    assert secret_service.lookup(keychain.SERVICE, account) == "x'00ff'"


def test_no_bus_where_the_variable_points_is_no_answer(isolated_home: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={isolated_home}/no-bus")
    assert secret_service.lookup(keychain.SERVICE, "/any/journal.sqlite3") is None
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS")
    assert secret_service.lookup(keychain.SERVICE, "/any/journal.sqlite3") is None
