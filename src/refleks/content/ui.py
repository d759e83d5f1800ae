"""Interface text: every word the program says comes from ``content/<lang>/ui/*.yaml``.

Each file is a namespace (``ui/home.yaml`` holds ``home.*``). A team's own content
folder may leave ``ui/`` out, or miss keys: the bundled text fills the gaps, so a
team variant can never make the interface go blank.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from refleks.languages import by_code

STR_TAG = "tag:yaml.org,2002:str"
CACHE_FORMAT = 3  # raise when ``read_ui_file`` reads differently, so old caches are rebuilt


def ui_leaves(stem: str, root: Any) -> Iterator[tuple[str, Any, bool]]:
    """Each leaf of a composed ui file: dotted key, node, and whether it is text.

    ``content check`` reports every leaf that is not text; the app leaves out exactly
    those, so the two can never disagree about a file. Iterative, so no nesting depth
    a file can hold makes it fail.
    """
    from yaml.nodes import MappingNode, ScalarNode

    stack: list[tuple[str, Any]] = [(stem, root)]
    while stack:
        prefix, node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend((f"{prefix}.{key.value}", value)
                         for key, value in reversed(node.value))
        else:
            yield prefix, node, isinstance(node, ScalarNode) and node.tag == STR_TAG


def flatten(prefix: str, node: Any) -> Iterator[tuple[str, Any]]:
    """Nested mappings → dotted keys (``home.actions.start``)."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from flatten(f"{prefix}.{key}" if prefix else str(key), value)
    else:
        yield prefix, node


def read_ui_file(path: Path) -> dict[str, str]:
    """One ``ui/<namespace>.yaml`` as flat keys: the text values ``content check`` accepts.

    The file is read within the same bounds as at ``content check`` (a regular file,
    2 MB, no aliases, no foreign tags); a file refused there gives nothing here, and a
    single value that is not text is left out here and reported there. A control
    character is shown as a symbol here (``safe_text.visible``) and reported there, so
    text that is shown before or without the check (``refleks list``) reaches no
    terminal as code. A team folder's
    problems are reported when its content is loaded (``load_content`` checks it all).
    """
    import yaml

    from refleks.content.bounded import Refused, compose
    from refleks.safe_text import visible

    try:
        root = compose(path)
    except (OSError, Refused, yaml.YAMLError):
        return {}
    if root is None:
        return {}
    return {key: visible(str(node.value))  # a control character: reported, never obeyed
            for key, node, is_text in ui_leaves(path.stem, root) if is_text}


def unsafe_fields(text: str) -> list[str]:
    """The ``{…}`` fields of ``text`` that ``safe_format`` leaves as they are: anything
    but a plain name (``{dir.__class__}``, ``{x[0]}``, ``{}``, ``{n!r}``, ``{n:>999}``)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:  # an unmatched brace
        return [text]
    return [_field_text(name, spec, conversion) for _, name, spec, conversion in parsed
            if name is not None and not _plain(name, spec, conversion)]


def _plain(name: str, spec: str | None, conversion: str | None) -> bool:
    return name.isidentifier() and not spec and conversion is None


def _field_text(name: str, spec: str | None, conversion: str | None) -> str:
    shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
    return "{" + shown + "}"


def safe_format(text: str, values: Mapping[str, object]) -> str:
    """``text.format(**values)`` for plain ``{name}`` fields only.

    A team's own interface text is semi-trusted: ``str.format`` would follow
    ``{dir.__class__.__init__.__globals__}`` into the program's insides, and a width
    such as ``{count:>999999999}`` would fill the memory. Only a plain name that is in
    ``values`` is filled in; every other field stays in the text as written, where it
    is noticed (``refleks content check`` names it). An unmatched brace leaves the
    whole text as it is.
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return text
    out: list[str] = []
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if _plain(name, spec, conversion) and name in values:
            out.append(str(values[name]))
        else:
            out.append(_field_text(name, spec, conversion))
    return "".join(out)


class Strings:
    """Look up interface text by key: ``t("home.title")``, ``t("home.last", date=…)``."""

    def __init__(self, lang: str, table: Mapping[str, str]) -> None:
        self.lang = lang
        self._table = dict(table)

    def __call__(self, key: str, /, **values: object) -> str:
        text = self._table.get(key)
        if text is None:
            return key  # visible, so a missing key is noticed, but never a crash
        if values:
            return safe_format(text, values)
        return text

    def has(self, key: str) -> bool:
        return key in self._table

    def count(self, key: str, count: int, /, **values: object) -> str:
        """The singular (``key_one``) or plural (``key_other``) form for ``count``.

        The language's own rule (``refleks.languages``) picks the form, here, once, so
        no call site picks a form by hand. ``{count}`` is always available.
        """
        form = f"{key}_{by_code(self.lang).plural(count)}"
        if not self.has(form):
            form = f"{key}_other"
        return self(form, count=count, **values)


def fingerprint(folders: tuple[Path, ...], tag: str, suffix: str = ".yaml") -> str:
    """Changes whenever a file ending in ``suffix`` is added to, removed from or edited
    in ``folders``, or ``tag`` (a cache's format) changes: two checksums of the files'
    names, sizes and times (``zlib``; ``hashlib`` costs ~3 ms and 3.7 MiB to import, and
    this names a cache file, it guards nothing)."""
    import zlib

    parts = [tag]
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(suffix):
                try:
                    stat = entry.stat()
                except OSError:  # a dangling symlink: its reader gives nothing for it
                    parts.append(f"{entry.path}:unreadable")
                    continue
                parts.append(f"{entry.path}:{stat.st_mtime_ns}:{stat.st_size}")
    data = "\n".join(parts).encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _cached_table(lang: str, folders: tuple[Path, ...]) -> dict[str, str]:
    """All of a language's interface text from a JSON cache, rebuilt when a file changes.

    Parsing JSON needs no YAML library, which keeps both out of the app's start-up;
    the YAML files stay the only source of truth.
    """
    from refleks.files import read_small_regular, write_text
    from refleks.paths import cache_dir

    cache = cache_dir() / f"ui-{lang}-{fingerprint(folders, f'format {CACHE_FORMAT}')}.json"
    try:
        cached = json.loads(read_small_regular(cache))
    except (OSError, ValueError):  # missing, not a regular file, not JSON: built anew
        cached = None
    if isinstance(cached, dict) and all(isinstance(key, str) and isinstance(text, str)
                                        for key, text in cached.items()):
        return cached  # a cache of another shape ([1], numbers for texts) is built anew
    table: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            table.update(read_ui_file(path))
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        for old in cache.parent.glob(f"ui-{lang}-*.json"):
            old.unlink(missing_ok=True)
        write_text(cache, json.dumps(table, ensure_ascii=False), overwrite=True)
    except OSError:
        pass  # a read-only cache folder only costs speed
    return table


@lru_cache(maxsize=8)
def load_strings(lang: str, content_dir: Path | None = None) -> Strings:
    """Interface text for ``lang``: the bundled text, overlaid by a team folder's own."""
    from refleks.paths import bundled_content_dir

    bundled = bundled_content_dir()
    folders = [bundled / lang / "ui"]
    if content_dir is not None and content_dir.resolve() != bundled.resolve():
        folders.append(content_dir / lang / "ui")
    return Strings(lang, _cached_table(lang, tuple(folders)))
