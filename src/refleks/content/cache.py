"""The bundled content kept as JSON, so that a start reads no YAML.

Composing the six content files from YAML cost every start ~4 MiB of peak memory (the
YAML library's modules, node trees, tokens) and most of the content's load time; the
app's start-up is held to 1.3x a bare Textual app (bench/startup.py). The built
``Content`` is therefore written once to the cache folder as JSON, named by language and
a fingerprint of the content files and of this package's code, and read back on later
starts. The YAML files stay the only source of truth: ``refleks content check`` and a
team's own folder (checked in full, as it may change at any time) always read them.

The JSON form is derived from the dataclasses of ``content.model`` (their fields and
type hints), so it cannot drift from the model. Reading is strict: a cache that is not
exactly what the model declares, field for field and type for type, is not trusted in
part; the content is built from YAML again and the cache written afresh.
"""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import orjson

from refleks.content import model as m
from refleks.files import read_small_regular
from refleks.safe_text import first_control

# Raise when the JSON form changes in a way the fingerprint cannot see, so old caches
# are rebuilt. (A change to the model's or the builders' code changes the fingerprint.)
CONTENT_CACHE_FORMAT = 1
# The bundled content's cache is ~0.3 MB; anything far larger is not ours to read.
MOST_BYTES = 16 * 1024 * 1024


class Undecodable(ValueError):
    """The cache does not hold what the model declares: it is rebuilt, never used."""


def cached_content(base: Path, lang: str) -> m.Content:
    """The content of ``base`` in ``lang``, or ``ContentError`` with every problem.

    The bundled content comes from its JSON cache when the cache is fresh and whole;
    a team's own folder is read from YAML and checked in full, both languages, as
    ``load_content`` does.
    """
    from refleks.paths import bundled_content_dir

    if base.resolve() != bundled_content_dir().resolve():
        from refleks.content.loader import load_content

        return load_content(base, lang, check_all=True)
    return content_through_cache(base, lang)


def content_through_cache(base: Path, lang: str) -> m.Content:
    """``base``'s content in ``lang`` from the cache, else from YAML (then cached).

    ``base`` is taken as valid, as the bundled content is (the test suite proves it):
    only ``lang`` is read from YAML, as ``load_content(check_all=False)`` does.
    """
    from refleks.paths import cache_dir

    cache = cache_dir() / f"content-{lang}-{content_fingerprint(base / lang)}.json"
    try:
        return from_json(read_small_regular(cache, MOST_BYTES), lang)
    except (OSError, Undecodable):
        pass
    from refleks.content.loader import load_content

    content = load_content(base, lang, check_all=False)
    _write_cache(cache, lang, content)
    return content


def content_fingerprint(folder: Path) -> str:
    """Changes with any of the language folder's YAML files, the code that builds the
    content from them (this package's modules) and ``CONTENT_CACHE_FORMAT``."""
    from refleks.content.ui import fingerprint

    return fingerprint((folder,), f"content format {CONTENT_CACHE_FORMAT}") + fingerprint(
        (Path(__file__).parent,), "code", suffix=".py")[:8]


def _write_cache(cache: Path, lang: str, content: m.Content) -> None:
    """Write the cache, removing this language's older ones; a folder that cannot be
    written only costs the next start its speed."""
    from refleks.files import write_bytes

    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        for old in cache.parent.glob(f"content-{lang}-*.json"):
            old.unlink(missing_ok=True)
        write_bytes(cache, to_json(content), overwrite=True)
    except OSError:
        pass


def to_json(content: m.Content) -> bytes:
    return orjson.dumps({"format": CONTENT_CACHE_FORMAT, "content": encode(content)})


def from_json(data: bytes, lang: str) -> m.Content:
    """The ``Content`` a cache holds; ``Undecodable`` unless it is whole and in ``lang``."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as exc:  # also too deep a nesting: never a RecursionError
        raise Undecodable(str(exc)) from None
    if type(document) is not dict or document.keys() != {"format", "content"}:
        raise Undecodable("not a content cache")
    if document["format"] != CONTENT_CACHE_FORMAT or type(document["format"]) is not int:
        raise Undecodable("another format")
    content = decode(m.Content, document["content"])
    if content.lang != lang:
        raise Undecodable("another language")
    return typing.cast(m.Content, content)


def encode(value: Any) -> Any:
    """A model object as JSON values: a dataclass as an object of its fields, a tuple
    or frozenset as an array (a frozenset sorted, so the file is the same each time)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: encode(getattr(value, field.name))
                for field in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(encode(item) for item in value)
    if isinstance(value, (str, int)):  # bool is an int
        return value
    raise TypeError(f"no JSON form for {type(value).__name__}")


_FIELDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _fields(kind: type) -> tuple[tuple[str, Any], ...]:
    """A dataclass's fields with their types, resolved once."""
    known = _FIELDS.get(kind)
    if known is None:
        hints = typing.get_type_hints(kind)
        fields = dataclasses.fields(kind)
        if not all(field.init for field in fields):
            raise TypeError(f"{kind.__name__}: a field it is not made with")
        known = _FIELDS[kind] = tuple((field.name, hints[field.name]) for field in fields)
    return known


def decode(kind: Any, data: Any) -> Any:
    """``data`` (parsed JSON) as a value of type ``kind``, or ``Undecodable``.

    Strict: an object must have exactly the dataclass's fields, a number must be an
    int (not a bool, not a float), text must be text without a control character (as
    the YAML reader holds content text), and an array is read into the tuple or
    frozenset the model declares. A type the model may one day use and this does not
    know is a ``TypeError``: the test that reads the bundled content back finds it.
    """
    origin = typing.get_origin(kind)
    if origin is tuple or origin is frozenset:
        args = typing.get_args(kind)
        if origin is tuple and (len(args) != 2 or args[1] is not Ellipsis):
            raise TypeError(f"no JSON form for {kind!r}")
        if type(data) is not list:
            raise Undecodable(f"not a list: {type(data).__name__}")
        return origin(decode(args[0], item) for item in data)
    if kind is str:
        if type(data) is not str or first_control(data) is not None:
            raise Undecodable("not text")
        return data
    if kind is bool or kind is int:
        if type(data) is not kind:
            raise Undecodable(f"not {kind.__name__}")
        return data
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        fields = _fields(kind)
        if type(data) is not dict or len(data) != len(fields):
            raise Undecodable(f"not a {kind.__name__}")
        try:
            return kind(**{name: decode(hint, data[name]) for name, hint in fields})
        except KeyError:
            raise Undecodable(f"not a {kind.__name__}") from None
    raise TypeError(f"no JSON form for {kind!r}")
