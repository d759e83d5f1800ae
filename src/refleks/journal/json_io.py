"""The journal as versioned JSON, out and in (the format: ``docs/journal-format.md``).

Written as a stream, one check-in per line inside a small envelope, so the same
journal always gives the same bytes and a line-based diff shows which check-ins
changed. Read back a check-in at a time and checked before anything is written: an
import is all of the file or nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from refleks.journal import codec
from refleks.journal.errors import ImportFormatError, JournalError, NotFoundError
from refleks.journal.json_reader import DuplicateKeyError, JsonSyntaxError, Reader, decoder
from refleks.journal.model import CheckIn
from refleks.safe_text import visible

if TYPE_CHECKING:
    from refleks.journal.moments import Moment
    from refleks.journal.store import ImportResult, Journal

T = TypeVar("T")

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "Counted",
    "import_json",
    "iter_json",
    "iter_json_objects",
    "read_export",
    "read_export_all",
    "write_json",
]

FORMAT_NAME = "refleks-journal"
FORMAT_VERSION = 2  # 2: moments (``journal/moments.py``); version 1 files still import


def iter_json(checkins: Iterable[CheckIn], moments: Iterable[Moment] = ()) -> Iterator[str]:
    """The export document, streamed: one check-in per line inside a small envelope.

    Keys and layout are fixed, so the same journal always gives the same bytes (a round
    trip through ``import`` is identical) and a line-based diff shows which check-ins
    changed.
    """
    from refleks.journal.moments import to_dict as moment_dict

    encode = json.JSONEncoder(ensure_ascii=False).encode
    return iter_json_objects((encode(codec.to_dict(checkin)) for checkin in checkins),
                             (encode(moment_dict(moment)) for moment in moments))


# JSON escapes C0 controls itself; DEL and the C1 controls (``\x9b`` is a whole
# "ESC [") it would write raw, and a terminal could obey them on ``export`` to stdout.
_RAW_CONTROLS = re.compile("[\x7f-\x9f]")


def _escape_control(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def iter_json_objects(objects: Iterable[str], moments: Iterable[str] = ()) -> Iterator[str]:
    """The export envelope around check-in and moment objects already encoded as JSON
    text (``Journal.iter_export_objects`` and ``journal.moments.iter_export_objects``
    give them straight from the store). DEL and C1 controls are written as ``\\u``
    escapes: the same data, harmless on a terminal."""
    yield f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n'
    yield from _json_list("checkins", objects)
    yield ",\n"
    yield from _json_list("moments", moments)
    yield "\n}\n"


def _json_list(key: str, objects: Iterable[str]) -> Iterator[str]:
    yield f'  "{key}": ['
    first = True
    for text in objects:
        if _RAW_CONTROLS.search(text) is not None:
            text = _RAW_CONTROLS.sub(_escape_control, text)
        yield ("\n    " if first else ",\n    ") + text
        first = False
    yield "]" if first else "\n  ]"


class Counted(Iterator[T]):
    """Passes items through and counts them, so a streamed export can say how many."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self.count = 0

    def __iter__(self) -> Counted[T]:
        return self

    def __next__(self) -> T:
        item = next(self._items)
        self.count += 1
        return item


def write_json(checkins: Iterable[CheckIn], out: IO[str]) -> int:
    """Write the export document to ``out``; returns the number of check-ins."""
    counted = Counted(checkins)
    for chunk in iter_json(counted):
        out.write(chunk)
    return counted.count


def read_export(path: Path) -> list[CheckIn]:
    """The check-ins of a whole export file, checked (see ``read_export_all``)."""
    return read_export_all(path)[0]


def read_export_all(path: Path) -> tuple[list[CheckIn], list[Moment]]:
    """Read and check a whole export file; ``ImportFormatError`` names what is wrong.

    Version 1 has check-ins only; version 2 adds ``moments`` (which a hand-made file
    may leave out when it has none). Read a check-in at a time (``json_reader``), so
    the peak memory stays close to the check-ins themselves rather than four times the
    file. Every text field comes back through ``visible`` (see ``records.Checker``):
    control characters are stored as visible symbols, never as terminal codes.
    """
    path = Path(path).expanduser()
    if path.exists() and not path.is_file():  # a device or a pipe: never read it
        raise ImportFormatError("import.not_export", path=path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return _read(Reader(stream), path)
    except FileNotFoundError:
        raise NotFoundError("errors.file_missing", path=path) from None
    except IsADirectoryError:
        raise NotFoundError("errors.is_folder", path=path) from None
    except UnicodeDecodeError:
        raise ImportFormatError("import.not_utf8", path=path) from None
    except DuplicateKeyError as exc:
        raise ImportFormatError("import.duplicate_key", path=path, key=_shown(exc.key),
                                line=exc.line) from None
    except JsonSyntaxError as exc:
        raise ImportFormatError("import.not_json", path=path, line=exc.line,
                                column=exc.column) from None
    except RecursionError:
        raise ImportFormatError("import.too_deep", path=path) from None
    except ValueError:  # a number of thousands of digits (int's conversion limit)
        raise ImportFormatError("import.huge_number", path=path) from None
    except OSError as exc:
        raise JournalError("errors.unreadable", path=path, detail=exc.strerror) from exc


def _shown(value: object) -> str:
    """A value from the file as a message may quote it: short, one line."""
    text = visible(str(value)).replace("\n", " ")
    return text if len(text) <= 24 else text[:23] + "…"


def _check_head(data: dict[str, Any], path: Path) -> None:
    if data.get("format") != FORMAT_NAME:
        raise ImportFormatError("import.not_export", path=path)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError("import.bad_version", path=path, version=_shown(version))
    if version > FORMAT_VERSION:
        raise ImportFormatError("import.newer_version", path=path, version=_shown(version),
                                supported=FORMAT_VERSION)


def _read(reader: Reader, path: Path) -> tuple[list[CheckIn], list[Moment]]:
    from refleks.journal.moments import read_moments

    decode = decoder()
    if reader.peek() != "{":
        reader.value(decode)  # not JSON at all is reported as such
        raise ImportFormatError("import.not_export", path=path)
    reader.take("{")
    data: dict[str, Any] = {}
    checkins: list[CheckIn] | None = None
    while reader.peek() != "}":
        if data or checkins is not None:
            reader.take(",")
        if reader.peek() != '"':
            raise reader.error()
        line = reader.error().line
        key = reader.value(decode)
        if key in data or (key == "checkins" and checkins is not None):
            raise DuplicateKeyError(key, line)
        reader.take(":")
        if key == "checkins" and "format" in data and "version" in data:
            _check_head(data, path)
            checkins = _stream_checkins(reader, decode)
        else:
            data[key] = reader.value(decode)
    reader.take("}")
    if reader.peek() != "":
        raise reader.error()
    _check_head(data, path)
    known = ("format", "version", "checkins") + (("moments",) if data["version"] >= 2 else ())
    for key in data:
        if key not in known:
            raise ImportFormatError("import.unknown_field", where=path.name, field=_shown(key))
    if "checkins" in data:  # came before the format and version: checked now
        if not isinstance(data["checkins"], list):
            raise ImportFormatError("import.not_list", where="checkins")
        checkins = _unique([codec.from_dict(node, f"checkins[{i}]")
                            for i, node in enumerate(data.pop("checkins"))])
    if checkins is None:
        raise ImportFormatError("import.missing_field", where=path.name, field="checkins")
    moments = read_moments(data["moments"], path) if "moments" in data else []
    return checkins, moments


def _stream_checkins(reader: Reader, decode: Any) -> list[CheckIn]:
    """The ``checkins`` list, each object checked and built as soon as it is read."""
    if reader.peek() != "[":
        reader.value(decode)
        raise ImportFormatError("import.not_list", where="checkins")
    reader.take("[")
    checkins: list[CheckIn] = []
    while reader.peek() != "]":
        if checkins:
            reader.take(",")
        checkins.append(codec.from_dict(reader.value(decode), f"checkins[{len(checkins)}]"))
    reader.take("]")
    return _unique(checkins)


def _unique(checkins: list[CheckIn]) -> list[CheckIn]:
    seen: set[str] = set()
    for index, checkin in enumerate(checkins):
        if checkin.uid in seen:
            raise ImportFormatError("import.duplicate_uid", where=f"checkins[{index}].uid",
                                    uid=_shown(checkin.uid))
        seen.add(checkin.uid)
    return checkins


def import_json(journal: Journal, path: Path) -> ImportResult:
    """Merge an export into the journal: all of it in one transaction, or nothing.

    A check-in is matched by uid: new ones are added, one with a newer ``updated_at``
    replaces the stored one, the rest are left alone, so importing twice adds nothing.
    """
    checkins, moments = read_export_all(path)
    return journal.merge(checkins, moments)

