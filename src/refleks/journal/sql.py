"""The one door to SQLite: SQLCipher's build of it (``sqlcipher3``), for every journal.

SQLCipher without a key is plain SQLite, so a plain journal reads and writes through it
exactly as before, and an encrypted one needs only ``use_key`` as the first statement
on a connection. Everything in refleks that talks to SQLite imports it from here, so
one ``Error`` class is caught everywhere (``sqlcipher3``'s errors are not
``sqlite3.Error``s) and no second SQLite library is ever loaded beside it.

For the type checker the names are the standard library's (``sqlcipher3`` has no
stubs; its API is ``sqlite3``'s).
"""

from __future__ import annotations

import re
import sys
from urllib.parse import quote

TYPE_CHECKING = False  # not typing's: ``refleks status`` imports this on every prompt
if TYPE_CHECKING:
    from sqlite3 import (
        SQLITE_BUSY,
        SQLITE_CORRUPT,
        SQLITE_FULL,
        SQLITE_LOCKED,
        SQLITE_NOTADB,
        SQLITE_READONLY,
        Connection,
        Cursor,
        DatabaseError,
        Error,
        IntegrityError,
        OperationalError,
        ProgrammingError,
        connect,
    )
else:
    from sqlcipher3.dbapi2 import (
        SQLITE_BUSY,
        SQLITE_CORRUPT,
        SQLITE_FULL,
        SQLITE_LOCKED,
        SQLITE_NOTADB,
        SQLITE_READONLY,
        Connection,
        Cursor,
        DatabaseError,
        Error,
        IntegrityError,
        OperationalError,
        ProgrammingError,
        connect,
    )

__all__ = ["SQLITE_BUSY", "SQLITE_CORRUPT", "SQLITE_FULL", "SQLITE_LOCKED", "SQLITE_NOTADB",
           "SQLITE_READONLY", "Connection", "Cursor", "DatabaseError", "Error",
           "IntegrityError", "OperationalError", "ProgrammingError", "connect", "read_only_uri",
           "use_key"]

# A raw key as SQLCipher takes it: x'<64 hex: the key>' or x'<64 hex: key><32 hex: salt>'.
_RAW_KEY = re.compile(r"x'[0-9a-f]{64}([0-9a-f]{32})?'")


def use_key(conn: Connection, key: str | None) -> Connection:
    """Give ``conn`` the journal's raw key (nothing for a plain journal); returns it.

    Must come before anything else reads the file. Only a well-formed raw key is
    accepted, so nothing but hex digits ever reaches the statement.
    """
    if key is not None:
        if not _RAW_KEY.fullmatch(key):
            raise ValueError("not a raw SQLCipher key")
        conn.execute(f"PRAGMA key = \"{key}\"")
    return conn


def read_only_uri(resolved: str) -> str:
    """A ``file:`` URI that SQLite opens read-only, for an absolute path as the OS gives it.

    SQLite accepts only an empty (or ``localhost``) authority, so ``Path.as_uri()`` —
    ``file://server/share/journal.sqlite3`` for a journal on a Windows network share —
    is refused. Here the path always follows an empty authority: ``file:///home/…``,
    ``file:///C:/…`` (SQLite drops the ``/`` before a drive letter) and
    ``file:////server/share/…``, which SQLite hands to Windows as ``//server/share/…``,
    a UNC path. The ``\\\\?\\`` long-path prefixes that ``resolve()`` can return are taken
    off first. ``%``, ``?`` and ``#`` in a name are percent-encoded, as SQLite expects.
    """
    text = resolved
    if sys.platform == "win32":
        text = text.replace("\\", "/")
        if text.startswith("//?/UNC/"):
            text = "//" + text[len("//?/UNC/"):]
        elif text.startswith("//?/"):
            text = text[len("//?/"):]
        if not text.startswith("/"):
            text = "/" + text  # C:/… → /C:/…
    return f"file://{quote(text, safe='/:')}?mode=ro"


def _quiet() -> None:
    """SQLCipher writes every failed decryption (a wrong passphrase) to stderr itself;
    refleks says it in one line of its own, so the library's log is turned off."""
    conn = connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
    finally:
        conn.close()


_quiet()
