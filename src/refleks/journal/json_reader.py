"""Reading an export file a check-in at a time, so an import needs little more memory
than the check-ins it brings in.

``json.load`` of a whole file holds the file's text, every parsed dict and list, and
then the check-ins built from them: over four times the file's size (743 MB for a
201 MB file). Here the text is read in pieces and each check-in object is parsed and
turned into a ``CheckIn`` at once, its dicts dropped before the next is read. Only the
envelope (``format``, ``version``, ``checkins``) is parsed by hand; every value inside
it goes through the standard decoder, so what counts as valid JSON is unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, Any

_CHUNK = 1 << 20  # characters read at a time (at least; more for a long object)
_SPACE = " \t\n\r"


class JsonSyntaxError(Exception):
    """The text is not valid JSON at ``line``, ``column`` (1-based, in the whole file)."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__(f"line {line}, column {column}")
        self.line = line
        self.column = column


class DuplicateKeyError(Exception):
    """An object in the file names ``key`` twice. JSON leaves the meaning open and the
    standard decoder keeps the last; an export never repeats a key, so a file that does
    was edited by hand or made by something else, and which value was meant is a guess
    refleks does not make. ``line`` is that of the value that holds the object."""

    def __init__(self, key: str, line: int = 0) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return found


class Reader:
    """A JSON text read from ``stream`` in pieces: whitespace, single characters and
    whole values, with positions counted across the pieces already let go of."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._gone_lines = 0  # line breaks in the text already dropped
        self._gone_column = 0  # characters after the last of them

    def _more(self) -> bool:
        """Read more text, dropping what has been parsed; False at the end of the file."""
        if self._eof:
            return False
        rest = self._buf[self._pos:]
        piece = self._stream.read(max(_CHUNK, len(rest)))  # doubling: linear overall
        if not piece:
            self._eof = True
            return False
        gone = self._buf[: self._pos]
        breaks = gone.count("\n")
        if breaks:
            self._gone_lines += breaks
            self._gone_column = len(gone) - gone.rfind("\n") - 1
        else:
            self._gone_column += len(gone)
        self._buf, self._pos = rest + piece, 0
        return True

    def error(self, at: int | None = None) -> JsonSyntaxError:
        at = self._pos if at is None else at
        before = self._buf.rfind("\n", 0, at)
        line = self._gone_lines + self._buf.count("\n", 0, at) + 1
        column = at - before if before >= 0 else self._gone_column + at + 1
        return JsonSyntaxError(line, column)

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end), not consumed."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in _SPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def take(self, expected: str) -> None:
        if self.peek() != expected:
            raise self.error()
        self._pos += 1

    def value(self, decode: Callable[[str, int], tuple[Any, int]]) -> Any:
        """The next whole JSON value. A value cut off at the end of what has been read
        (or a number that might go on) is read again with more text."""
        self.peek()
        while True:
            try:
                found, end = decode(self._buf, self._pos)
            except DuplicateKeyError as exc:
                raise DuplicateKeyError(exc.key, self.error().line) from None
            except json.JSONDecodeError as exc:
                if self._more():
                    continue
                raise self.error(exc.pos) from None
            if end < len(self._buf) or not self._more():
                self._pos = end
                return found


def decoder() -> Callable[[str, int], tuple[Any, int]]:
    """The standard decoder's ``raw_decode``: ValueError for a number too long to
    convert, RecursionError for nesting too deep, ``DuplicateKeyError`` for a key an
    object names twice (the caller names them all)."""
    return json.JSONDecoder(object_pairs_hook=_unique_keys).raw_decode
