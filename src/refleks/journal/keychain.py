"""Remembering an encrypted journal's key on this computer, in the OS keyring.

``refleks passphrase --remember`` keeps the journal's derived key (never the
passphrase) through ``keyring``: Windows Credential Manager, the macOS Keychain, the
Secret Service on Linux. Then the journal opens without asking, and without the key
derivation. Anyone who can log in as you can then open the journal too: that is the
trade, and the README says so. Where no keyring backend exists, ``NoKeyring`` says so
and refleks goes on asking.

``keyring`` is imported only here, and only when an encrypted journal is opened or a
key is remembered or forgotten: it costs a plain journal nothing. Reading a key asks
the Secret Service directly first where it can (``secret_service``), which spares the
200 ms ``keyring`` takes to find its backend on Linux.
"""

from __future__ import annotations

import os
from pathlib import Path

from refleks.journal import secret_service
from refleks.journal.cipher import CipherError, Key, key_fits

SERVICE = "refleks"


class NoKeyring(CipherError):
    """No keyring backend on this computer to keep the key in."""

    def __init__(self) -> None:
        super().__init__("errors.no_keyring")


def _account(path: Path) -> str:
    """The journal's name in the keyring: its full path, so two journals never mix."""
    return os.path.realpath(path)


def _backend() -> object | None:
    """``keyring``'s module, or None when there is no usable backend (or no ``keyring``)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        if isinstance(keyring.get_keyring(), fail.Keyring):
            return None
    except Exception:  # a backend that fails to load is no backend
        return None
    return keyring


def remember(path: Path, key: Key) -> None:
    """Keep ``key`` for the journal at ``path``; ``NoKeyring`` where there is none."""
    keyring = _backend()
    if keyring is None:
        raise NoKeyring
    try:
        keyring.set_password(SERVICE, _account(path), key)  # type: ignore[attr-defined]
    except Exception as exc:  # keyring's own errors (locked, refused) all mean: not kept
        raise NoKeyring from exc


def forget(path: Path) -> bool:
    """Remove the key kept for the journal at ``path``; whether there was one."""
    keyring = _backend()
    if keyring is None:
        return False
    try:
        keyring.delete_password(SERVICE, _account(path))  # type: ignore[attr-defined]
    except Exception:  # not there (PasswordDeleteError), or the keyring refused
        return False
    return True


def recall(path: Path) -> Key | None:
    """The key kept for the journal at ``path`` if it still opens it, else None (no
    keyring, nothing kept, or a key from before the passphrase was changed)."""
    kept = secret_service.lookup(SERVICE, _account(path))
    if kept is None:
        keyring = _backend()
        if keyring is None:
            return None
        try:
            kept = keyring.get_password(SERVICE, _account(path))  # type: ignore[attr-defined]
        except Exception:
            return None
    if not isinstance(kept, str):
        return None
    key = Key(kept)
    try:
        return key if key_fits(path, key) else None
    except ValueError:  # not a key's shape: someone else's entry
        return None
