"""An encrypted journal: recognising one, and turning a passphrase into its key.

The journal is encrypted by SQLCipher 4 at its default settings. The key is derived
here exactly as SQLCipher would derive it from the passphrase (PBKDF2-HMAC-SHA512,
256,000 iterations, 32 bytes, the salt being the file's first 16 bytes), and SQLCipher
is given that raw key. So SQLCipher's defaults are kept (a file encrypted by any
SQLCipher 4 with the passphrase opens here, and the other way round), and a key that
is already known — remembered on this computer, or typed once at the start — opens the
journal without the third of a second that derivation costs.

A ``Key`` is opaque to the rest of refleks: the raw key as SQLCipher takes it,
``x'<key><salt>'`` in hex. It carries the salt, so that a backup made with it is
written with the journal's own salt, and the journal's passphrase opens the backup.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NewType

from refleks.journal import sql
from refleks.journal.errors import JournalError

Key = NewType("Key", str)

PLAIN_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16
KDF_ITERATIONS = 256_000  # SQLCipher 4's default (``PRAGMA kdf_iter``); never lowered
KEY_BYTES = 32
MIN_PAGE = 512  # SQLCipher's smallest page: every encrypted file is whole pages


class CipherError(JournalError):
    """A journal error about encryption; its words are under ``encryption.`` in
    ``content/<lang>/ui/encryption.yaml``."""

    namespace = "encryption."


class WrongPassphrase(CipherError):
    """The passphrase does not open the journal. Nothing was changed."""

    exit_code = 2  # what was typed cannot be used, as for a bad option

    def __init__(self, path: Path) -> None:
        super().__init__("errors.wrong_passphrase", path=path)


class NoPassphrase(CipherError):
    """No passphrase was given (the end of input, or only empty lines). Nothing was
    changed."""

    exit_code = 2

    def __init__(self, path: Path) -> None:
        super().__init__("errors.no_passphrase", path=path)


class EncryptedJournal(CipherError):
    """The journal is encrypted and no key was given to open it. Nothing was changed."""

    def __init__(self, path: Path) -> None:
        super().__init__("errors.encrypted", path=path)


def _header(path: Path) -> bytes:
    """The first 16 bytes of a regular file; nothing for anything else. Opened without
    blocking: a FIFO in the journal's place must not hang the question."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, SALT_BYTES)
    except OSError:
        return b""
    finally:
        os.close(fd)


def is_encrypted(path: Path) -> bool:
    """Whether the file at ``path`` is an encrypted journal, by its header: neither
    empty (nor missing) nor beginning as every plain SQLite file does — and, since
    encrypted bytes look like any others, whole pages long (a text file put in the
    journal's place is "not a journal", not "encrypted")."""
    header = _header(path)
    if not header or header.startswith(PLAIN_MAGIC[:len(header)]):
        return False
    try:
        size = os.stat(path).st_size
    except OSError:
        return False
    return size >= MIN_PAGE and size % MIN_PAGE == 0


def salt_of(path: Path) -> bytes:
    """The salt SQLCipher keeps in an encrypted file's first 16 bytes."""
    header = _header(path)
    if len(header) < SALT_BYTES:
        raise JournalError("errors.damaged", path=path)
    return header


def derive(passphrase: str, salt: bytes) -> Key:
    """The raw key SQLCipher 4 derives from ``passphrase`` with ``salt`` (by default)."""
    # Here, not at the top: hashlib loads the system's OpenSSL beside the one SQLCipher
    # is built with, ~3.7 MiB of every start and every command, and a plain journal
    # never derives a key.
    import hashlib

    # surrogateescape: a passphrase read from bytes that are not UTF-8 is those bytes
    raw = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8", "surrogateescape"), salt,
                              KDF_ITERATIONS, KEY_BYTES)
    return Key(f"x'{raw.hex()}{salt.hex()}'")


def new_key(passphrase: str) -> Key:
    """A key for a new encrypted file: a fresh random salt, the passphrase's key."""
    return derive(passphrase, os.urandom(SALT_BYTES))


def opens(path: Path, key: Key) -> bool:
    """Whether ``key`` opens the encrypted file at ``path``: its first page (the main
    file alone, opened immutable) is decrypted and checked. Never writes a byte."""
    uri = sql.read_only_uri(str(Path(path).resolve())) + "&immutable=1"
    try:
        conn = sql.use_key(sql.connect(uri, uri=True), key)
    except sql.Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sql.Error:
        return False
    finally:
        conn.close()


def unlock(path: Path, passphrase: str) -> Key:
    """The key of the encrypted journal at ``path`` if ``passphrase`` opens it.

    Raises ``WrongPassphrase`` otherwise. Changes nothing on disk.
    """
    path = Path(path)
    key = derive(passphrase, salt_of(path))
    if not opens(path, key):
        raise WrongPassphrase(path)
    return key


def key_fits(path: Path, key: Key) -> bool:
    """Whether a key known from before (remembered) still belongs to this file: its
    salt is the file's, and it opens it."""
    salt = _header(path)
    return key.endswith(f"{salt.hex()}'") and opens(path, key)
