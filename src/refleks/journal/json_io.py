"""The journal as versioned JSON, out and in (the format: ``docs/journal-format.md``).

Written as a stream, one check-in per line inside a small envelope, so the same
journal always gives the same bytes and a line-based diff shows which check-ins
changed. Read back whole and checked before anything is written: an import is all
of the file or nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar

from refleks.journal import codec
from refleks.journal.errors import ImportFormatError, JournalError, NotFoundError
from refleks.journal.model import CheckIn

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


def iter_json_objects(objects: Iterable[str], moments: Iterable[str] = ()) -> Iterator[str]:
    """The export envelope around check-in and moment objects already encoded as JSON
    text (``Journal.iter_export_objects`` and ``journal.moments.iter_export_objects``
    give them straight from the store)."""
    yield f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n'
    yield from _json_list("checkins", objects)
    yield ",\n"
    yield from _json_list("moments", moments)
    yield "\n}\n"


def _json_list(key: str, objects: Iterable[str]) -> Iterator[str]:
    yield f'  "{key}": ['
    first = True
    for text in objects:
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
    may leave out when it has none).
    """
    from refleks.journal.moments import read_moments

    path = Path(path).expanduser()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError("errors.file_missing", path=path) from None
    except IsADirectoryError:
        raise NotFoundError("errors.is_folder", path=path) from None
    except OSError as exc:
        raise JournalError("errors.unreadable", path=path, detail=exc.strerror) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError("import.not_utf8", path=path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError("import.not_json", path=path, line=exc.lineno,
                                column=exc.colno) from None
    except RecursionError:
        raise ImportFormatError("import.not_export", path=path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ImportFormatError("import.not_export", path=path)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFormatError("import.bad_version", path=path, version=version)
    if version > FORMAT_VERSION:
        raise ImportFormatError("import.newer_version", path=path, version=version,
                                supported=FORMAT_VERSION)
    known = ("format", "version", "checkins") + (("moments",) if version >= 2 else ())
    for key in data:
        if key not in known:
            raise ImportFormatError("import.unknown_field", where=path.name, field=key)
    if "checkins" not in data:
        raise ImportFormatError("import.missing_field", where=path.name, field="checkins")
    if not isinstance(data["checkins"], list):
        raise ImportFormatError("import.not_list", where="checkins")
    checkins: list[CheckIn] = []
    seen: set[str] = set()
    for index, node in enumerate(data["checkins"]):
        where = f"checkins[{index}]"
        checkin = codec.from_dict(node, where)
        if checkin.uid in seen:
            raise ImportFormatError("import.duplicate_uid", where=f"{where}.uid",
                                    uid=checkin.uid)
        seen.add(checkin.uid)
        checkins.append(checkin)
    moments = read_moments(data["moments"], path) if "moments" in data else []
    return checkins, moments


def import_json(journal: Journal, path: Path) -> ImportResult:
    """Merge an export into the journal: all of it in one transaction, or nothing.

    A check-in is matched by uid: new ones are added, one with a newer ``updated_at``
    replaces the stored one, the rest are left alone, so importing twice adds nothing.
    """
    checkins, moments = read_export_all(path)
    return journal.merge(checkins, moments)

