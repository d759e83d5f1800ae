"""``refleks encrypt``, ``decrypt`` and ``passphrase``, and asking for a passphrase.

A passphrase is typed at the terminal without echo (``getpass``), or read as one line
from standard input with the global ``--passphrase-stdin`` (for scripts and tests; the
journal's passphrase first, then a new one). The journal's passphrase is asked up to
three times; after the last wrong one the command exits 2 and nothing has changed. A
new passphrase is asked twice, after saying once that nobody can recover a forgotten
one. The conversion itself is ``refleks.journal.converting``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from refleks.cli.journal_commands import speaks
from refleks.errors import UsageError

if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Callable
    from pathlib import Path

    from refleks.content.ui import Strings
    from refleks.environment import Environment
    from refleks.journal.cipher import Key

TRIES = 3


def terminal_at_hand() -> bool:
    """Whether ``getpass`` has a terminal to ask at: the one refleks was started from
    (``/dev/tty``; on Windows the console), even when standard input is a pipe."""
    import os

    if sys.stdin is not None and sys.stdin.isatty():
        return True
    try:
        if os.name == "nt":
            with open("CONIN$"):
                return True
        fd = os.open("/dev/tty", os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    os.close(fd)
    return True


class Passphrases:
    """Where passphrases come from for one command: the terminal, or standard input."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def _line(self) -> str | None:
        """One line of standard input; None at its end. Bytes that are not UTF-8 are
        kept as they are (surrogate escapes), so any passphrase a file holds works."""
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is not None:
            raw = buffer.readline()
            line = raw.decode("utf-8", "surrogateescape") if raw else ""
        else:
            line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r") if line else None

    def _typed(self, prompt: str) -> str | None:
        """What was typed without echo; None for ctrl+d (the end of input)."""
        import getpass

        try:
            return getpass.getpass(prompt)
        except EOFError:
            print(file=sys.stderr)  # the prompt's line ends where ctrl+d left it
            return None

    def _check_terminal(self, env: Environment) -> None:
        if not self.from_stdin and not terminal_at_hand():
            from refleks.journal.cipher import CipherError

            raise CipherError("errors.no_terminal", path=env.journal_path)

    def __call__(self, env: Environment, /) -> None:
        """Unlock ``env``'s encrypted journal (``Environment.ask_passphrase``), or raise
        ``WrongPassphrase`` (exit 2) after the last try. Nothing is written meanwhile."""
        self._ask(env, "encryption.prompt.passphrase", env.unlock, env.journal_path)

    def backup_key(self, env: Environment, backup: Path) -> Key:
        """The key of the encrypted ``backup``, from its own passphrase (asked as the
        journal's is; on standard input, the next line)."""
        from refleks.journal.cipher import WrongPassphrase, unlock

        found: list[Key] = []

        def opens(typed: str) -> bool:
            try:
                found.append(unlock(backup, typed))
            except WrongPassphrase:
                return False
            return True

        self._ask(env, "encryption.prompt.backup", opens, backup)
        return found[0]

    def _ask(self, env: Environment, prompt: str, opens: Callable[[str], bool],
             path: Path) -> None:
        """Ask until ``opens`` takes what was typed, or raise ``WrongPassphrase`` after
        the last try; ``NoPassphrase`` at the end of input (ctrl+d), or when nothing but
        empty lines was given."""
        from refleks.journal.cipher import NoPassphrase, WrongPassphrase

        self._check_terminal(env)
        t = env.t
        wrong = any_wrong = False  # the last try, and any try
        for _attempt in range(1 if self.from_stdin else TRIES):
            if wrong:
                print(t("encryption.prompt.wrong_again"), file=sys.stderr)
            typed = self._line() if self.from_stdin else self._typed(t(prompt))
            if typed is None:
                if any_wrong:
                    raise WrongPassphrase(path)
                raise NoPassphrase(path)
            if typed and opens(typed):
                return
            wrong = bool(typed)
            any_wrong = any_wrong or wrong
        if not any_wrong:
            raise NoPassphrase(path)
        raise WrongPassphrase(path)

    def new(self, env: Environment) -> str:
        """A new passphrase: said once that it cannot be recovered, then asked twice."""
        self._check_terminal(env)
        t = env.t
        print(t("encryption.prompt.warning"), file=sys.stderr)
        if self.from_stdin:
            line = self._line()
            if not line or not line.strip():  # only spaces protect nothing either
                raise UsageError(t("encryption.errors.no_new_passphrase"))
            if not _is_text(line):  # bytes no keyboard types: it could never be typed again
                raise UsageError(t("encryption.errors.new_passphrase_not_text"))
            return line
        for _attempt in range(TRIES):
            first = self._typed(t("encryption.prompt.new"))
            if first is None:
                break
            if not first.strip():
                print(t("encryption.prompt.empty"), file=sys.stderr)
                continue
            again = self._typed(t("encryption.prompt.again"))
            if again is None:
                break
            if again == first:
                return first
            print(t("encryption.prompt.mismatch"), file=sys.stderr)
        raise UsageError(t("encryption.errors.no_new_passphrase"))


def _is_text(line: str) -> bool:
    """Whether ``line`` is UTF-8 text, as typed at a terminal or on the passphrase
    screen (standard input hands other bytes over as surrogates)."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def asker(env: Environment, args: Namespace) -> Passphrases:
    """The passphrase source for this run, also set as ``env.ask_passphrase``."""
    source = env.ask_passphrase
    if not isinstance(source, Passphrases):
        source = Passphrases(bool(getattr(args, "passphrase_stdin", False)))
        env.ask_passphrase = source
    return source


def _journal_there(env: Environment) -> Path:
    from refleks.journal.cipher import CipherError

    path = env.journal_path
    if not path.is_file():
        raise CipherError("errors.missing", path=path)
    return path


def _current_key(env: Environment, source: Passphrases, *, typed: bool = False,
                 converting: bool = False) -> str:
    """The journal's key: remembered, or asked for (``typed``: always asked for). Before
    ``converting`` it, a journal open elsewhere is refused first, before any asking."""
    from refleks.journal.cipher import CipherError
    from refleks.journal.converting import refuse_if_open_elsewhere

    if not env.journal_encrypted:
        raise CipherError("errors.not_encrypted", path=env.journal_path)
    if converting:
        refuse_if_open_elsewhere(env.journal_path)
    if env.key is None and (typed or not env.recall()):
        source(env)
    assert env.key is not None  # source(env) unlocked it, or raised
    return env.key


@speaks
def encrypt_command(env: Environment, args: Namespace) -> int:
    from refleks.journal import converting
    from refleks.journal.cipher import CipherError

    t = env.t
    source = asker(env, args)
    path = _journal_there(env)
    if env.journal_encrypted:
        raise CipherError("errors.already_encrypted", path=path)
    converting.refuse_if_open_elsewhere(path)  # before a passphrase is typed for nothing
    passphrase = source.new(env)
    env.key = converting.encrypt(path, passphrase)
    print(t("encryption.done.encrypted", path=path))
    _offer_to_remove_plain_backups(env, t, source, remove=args.remove_plain_backups)
    return 0


@speaks
def decrypt_command(env: Environment, args: Namespace) -> int:
    from refleks.journal import converting
    from refleks.journal.cipher import Key

    t = env.t
    source = asker(env, args)
    path = _journal_there(env)
    converting.decrypt(path, Key(_current_key(env, source, typed=True, converting=True)))
    env.key = None
    from refleks.journal.keychain import forget

    if forget(path):  # a plain journal has no key to keep
        print(t("encryption.done.forgotten"))
    print(t("encryption.done.decrypted", path=path))
    return 0


@speaks
def passphrase_command(env: Environment, args: Namespace) -> int:
    from refleks.journal import converting, keychain
    from refleks.journal.cipher import Key

    t = env.t
    source = asker(env, args)
    path = _journal_there(env)
    if args.forget:
        print(t("encryption.done.forgotten" if keychain.forget(path)
                else "encryption.done.none_kept"))
        return 0
    # The passphrase is typed even with a key remembered: whoever only sits at your
    # logged-in session must not be able to change it, or to copy the key elsewhere.
    key = Key(_current_key(env, source, typed=True, converting=not args.remember))
    if args.remember:
        keychain.remember(path, key)
        print(t("encryption.done.remembered", path=path))
        return 0
    passphrase = source.new(env)
    env.key = converting.change_passphrase(path, key, passphrase)
    print(t("encryption.done.passphrase", path=path))
    if keychain.forget(path):  # the key kept was the old passphrase's: keep the new one
        keychain.remember(path, env.key)
        print(t("encryption.done.remembered", path=path))
    return 0


def _offer_to_remove_plain_backups(env: Environment, t: Strings, source: Passphrases, *,
                                   remove: bool) -> None:
    from refleks.journal.backups import backups_dir, plain_backups

    found = plain_backups(env.journal_path)
    if not found:
        return
    print(t.count("encryption.plain_backups.found", len(found),
                  folder=backups_dir(env.journal_path)))
    if source.from_stdin or not sys.stdin.isatty():
        agreed = remove
    else:
        try:
            answer = input(t("encryption.plain_backups.ask")).strip().casefold()
        except EOFError:
            answer = ""
        agreed = answer[:1] in ("y", "j")  # yes / ja
    if not agreed:
        print(t("encryption.plain_backups.kept"))
        return
    removed = 0
    for path in found:
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:
            pass
    print(t.count("encryption.plain_backups.removed", removed))
