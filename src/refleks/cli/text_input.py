"""Text a person hands refleks at the shell — an argument, standard input, a file — read
within the journal's one limit and decoded on purpose.

What reaches the journal must fit it: text of at most ``records.MAX_TEXT`` characters
(what an import of the export accepts again, so a journal can always be moved), and
real Unicode. Bytes that are not UTF-8 would otherwise arrive as surrogate escapes and
stop SQLite, the terminal or the export with a traceback. So:

- standard input and a file are read as bytes, and never more than the limit can
  need (four bytes a character): 50 MB piped in is refused after 4 MB, not read;
- only a regular file is read (a device such as ``/dev/zero`` never ends, a FIFO
  may never answer), opened without waiting;
- bytes are decoded as UTF-8 unless the person names another encoding
  (``--encoding cp1252`` for a file written on Windows, ``latin-1``); bytes that do not
  decode are refused in one line that names both options;
- an argument that the terminal's encoding could not decode is its bytes again
  (``os.fsencode``), decoded the same way.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from refleks.errors import KeyedError
from refleks.journal.records import MAX_TEXT

if TYPE_CHECKING:
    from refleks.languages import Speaker

# The encodings ``--encoding`` takes: UTF-8 (the default), Windows' Western European
# code page, and ISO 8859-1 — what a text written in Norway and not in UTF-8 is in.
ENCODINGS = ("utf-8", "cp1252", "latin-1")
BYTES_PER_CHARACTER = 4  # the most UTF-8 spends on one character
_CHUNK = 1 << 16


class TextInputError(KeyedError):
    """Text that cannot be taken as it was given; ``source`` is ``stdin``, ``argument``
    or a file's name, and is said in the reader's words."""

    namespace = "cli.text_"
    exit_code = 2

    def __init__(self, key: str, /, *, source: str, **params: object) -> None:
        super().__init__(key, **params)
        self.source = source

    def render(self, t: Speaker) -> str:
        source = (t(f"cli.text_{self.source}") if self.source in ("stdin", "argument")
                  else self.source)
        return t(f"{self.namespace}{self.key}", source=source, **self.params)


def has_undecoded(text: str) -> bool:
    """Whether ``text`` holds a surrogate: a byte the terminal's encoding could not
    decode (a surrogate escape), or a lone surrogate from a JSON ``\\ud800``."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def decoded(data: bytes, encoding: str | None, source: str) -> str:
    """``data`` as text in ``encoding`` (UTF-8, with or without a byte order mark, when
    none is named); ``TextInputError`` naming the encoding options when it is not."""
    try:
        return data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError:
        raise TextInputError("not_utf8" if encoding in (None, "utf-8") else "not_encoding",
                             source=source, encoding=encoding) from None


def limited(text: str, source: str, limit: int = MAX_TEXT) -> str:
    """``text`` if it holds at most ``limit`` characters; ``TextInputError`` otherwise."""
    if len(text) > limit:
        raise TextInputError("too_long", source=source, limit=f"{limit:,}".replace(",", " "))
    return text


def argument_text(words: list[str], encoding: str | None) -> str:
    """Words typed as arguments, joined, as the text they were: an argument the
    terminal's encoding could not decode is decoded from its own bytes (``--encoding``)."""
    text = " ".join(words)
    if has_undecoded(text) or encoding not in (None, "utf-8"):
        text = decoded(os.fsencode(text), encoding, "argument")
    return limited(text, "argument")


def stdin_text(encoding: str | None, limit: int = MAX_TEXT) -> str:
    """Standard input as text, at most ``limit`` characters (reading no more bytes than
    those can take)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a stream of text already (a test's), read within the bound
        return limited(sys.stdin.read(limit + 1), "stdin", limit)
    return _bytes_to_text(_read_bounded(buffer.read, limit), encoding, "stdin", limit)


def file_text(name: str, encoding: str | None, limit: int = MAX_TEXT) -> str:
    """A regular file's text, at most ``limit`` characters. Anything else (a device, a
    FIFO, a folder, a file that cannot be opened) is ``TextInputError`` naming it."""
    path = Path(name).expanduser()
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise TextInputError("not_regular", source=name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise TextInputError("unreadable", source=name, reason=exc.strerror or exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between the stat and the open
            raise TextInputError("not_regular", source=name)
        data = _read_bounded(lambda size: os.read(fd, size), limit)
    except OSError as exc:
        raise TextInputError("unreadable", source=name, reason=exc.strerror or exc) from None
    finally:
        os.close(fd)
    return _bytes_to_text(data, encoding, name, limit)


def _read_bounded(read: object, limit: int) -> bytes:
    """At most one byte more than ``limit`` characters can take, from ``read(size)``."""
    assert callable(read)
    most = limit * BYTES_PER_CHARACTER + 1
    chunks: list[bytes] = []
    size = 0
    while size < most:
        chunk = read(min(_CHUNK, most - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _bytes_to_text(data: bytes, encoding: str | None, source: str, limit: int) -> str:
    if len(data) > limit * BYTES_PER_CHARACTER:  # too long in any encoding: not decoded
        raise TextInputError("too_long", source=source,
                             limit=f"{limit:,}".replace(",", " "))
    return limited(decoded(data, encoding, source), source, limit)
