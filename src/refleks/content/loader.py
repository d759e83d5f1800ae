"""Turn a content folder into ``Content``, or into every problem it has.

This module only orchestrates: ``yaml_nodes`` reads a file with positions,
``builders`` turns each file into model objects, ``cross_check`` compares files and
languages. All problems are collected before anything is reported: a content editor
fixes a folder in one pass, not one error at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from yaml.nodes import Node

from refleks.content import builders
from refleks.content import model as m
from refleks.content.cross_check import (
    duplicate_method_numbers,
    missing_in_other,
    ui_keys,
    unknown_sources,
)
from refleks.content.problems import (
    ContentError,
    Position,
    Problem,
    display,
    in_order,
    say,
    speaking,
)
from refleks.content.ui import Strings, load_strings
from refleks.content.yaml_nodes import Reader
from refleks.languages import CODES

__all__ = ["ContentError", "LanguageFolder", "Problem", "check_folder", "load_content",
           "read_language", "speaking"]

CONTENT_FILES = ("sources", "guide", "areas", "chime", "methods", "collections")
T = TypeVar("T")


@dataclass
class LanguageFolder:
    """The result of reading one language: content (if it could be built) and ids."""

    lang: str
    ids: dict[str, Position]
    ui_keys: dict[str, Position]
    content: m.Content | None
    # Files that could not be read at all, by display path: their ids are not missing
    # in the other language, they are unknown — so no "missing" is said about them.
    failed: frozenset[str] = frozenset()

    def relative(self, path: str) -> str:
        """``content/nb/areas.yaml`` → ``areas.yaml``: the same file in either language."""
        marker = f"/{self.lang}/"
        return f"/{path}".rsplit(marker, 1)[-1] if marker in f"/{path}" else path


def read_language(base: Path, lang: str, problems: list[Problem]) -> LanguageFolder:
    """Read and check one language folder; problems are appended, never raised."""
    folder = base / lang
    if not folder.is_dir():
        problems.append(Problem(display(folder, base), 1, 1, say("no_language", lang=lang)))
        return LanguageFolder(lang, {}, {}, None, frozenset({"*"}))
    start = len(problems)
    ids: dict[str, Position] = {}
    referenced: list[tuple[str, Node, Reader]] = []
    roots: dict[str, tuple[Reader, Node | None]] = {}
    for name in CONTENT_FILES:
        path = folder / f"{name}.yaml"
        r = Reader(path, display(path, base), problems, ids)
        roots[name] = (r, r.compose())

    def read(name: str, build: Callable[[Reader, Node], T]) -> T | None:
        """What ``build`` makes of a file, or None when the file could not be read."""
        r, root = roots[name]
        if root is None:
            return None
        result = build(r, root)
        referenced.extend((source_id, node, r) for source_id, node in r.sources)
        return result

    sources = read("sources", builders.read_sources) or ()
    guide = read("guide", builders.read_guide)
    areas = read("areas", builders.read_areas) or ()
    chime_intro, chime_source, chime, chime_adapted = (read("chime", builders.read_chime)
                                                       or ("", "", (), ""))
    methods_intro, methods_source, methods = (read("methods", builders.read_methods)
                                              or ("", "", ()))
    collections = read("collections", builders.read_collections) or ()
    guard = _read_guard(folder, base, problems, ids)

    if roots["sources"][1] is not None:
        unknown_sources(referenced, sources)
    duplicate_method_numbers(roots["methods"][0], methods)

    keys = ui_keys(folder / "ui", base, problems)
    failed = frozenset(p.path for p in problems[start:] if p.fatal)
    content = None
    if len(problems) == start and guide is not None:
        content = m.Content(
            lang=lang, sources=sources, guide=guide, areas=areas, chime_intro=chime_intro,
            chime_source=chime_source, chime=chime, methods_intro=methods_intro,
            methods_source=methods_source, methods=methods, collections=collections,
            guard=guard, chime_intro_adapted_from=chime_adapted,
        )
    return LanguageFolder(lang, ids, keys, content, failed)


def _read_guard(folder: Path, base: Path, problems: list[Problem],
                ids: dict[str, Position]) -> m.GuardWords:
    """The confidentiality guard's word lists; a folder without ``guard.yaml`` has none.

    Optional so that a team's folder made before the guard existed still loads (the
    guard then looks for numbers, addresses and dates, not names).
    """
    path = folder / "guard.yaml"
    if not path.exists():
        return m.GuardWords()
    r = Reader(path, display(path, base), problems, ids)
    root = r.compose()
    return builders.read_guard(r, root) if root is not None else m.GuardWords()


def check_folder(base: Path, t: Strings | None = None,
                 ) -> tuple[list[Problem], dict[str, LanguageFolder]]:
    """Every problem of a content folder (all languages), and what could be read.

    Problems are worded in ``t``'s language (by default the locale's).
    """
    with speaking(t):
        return _check_folder(base)


def _check_folder(base: Path) -> tuple[list[Problem], dict[str, LanguageFolder]]:
    problems: list[Problem] = []
    if not base.is_dir():
        return [Problem(str(base), 1, 1, say("not_folder"))], {}
    folders = {lang: read_language(base, lang, problems) for lang in CODES}
    for a, b in itertools.permutations(folders.values(), 2):  # each against each other
        if "*" in a.failed or "*" in b.failed:
            continue
        unreadable = {a.relative(p) for p in a.failed} | {b.relative(p) for p in b.failed}

        def readable(entries: dict[str, Position], a: LanguageFolder = a,
                     skip: set[str] = unreadable) -> dict[str, Position]:
            return {k: pos for k, pos in entries.items() if a.relative(pos[0]) not in skip}

        if a.content is not None or a.ids:
            if b.ids or b.content is not None:
                missing_in_other(readable(a.ids), b.ids, "missing_id", a.lang, b.lang,
                                 problems)
            if b.ui_keys:
                missing_in_other(readable(a.ui_keys), b.ui_keys, "missing_text", a.lang,
                                 b.lang, problems)
    return in_order(problems), folders


def load_content(base: Path, lang: str, *, check_all: bool | None = None) -> m.Content:
    """The content of ``base`` in ``lang``, or ``ContentError`` with every problem.

    The bundled content is proven valid by the test suite, so only the requested
    language is read (half the start-up work); a team's own folder is checked in
    full, both languages, before it is used.
    """
    from refleks.paths import bundled_content_dir

    if check_all is None:
        check_all = base.resolve() != bundled_content_dir().resolve()
    with speaking(load_strings(lang)):
        if check_all:
            problems, folders = _check_folder(base)
            folder = folders.get(lang)
        else:
            problems = []
            folder = read_language(base, lang, problems)
        if problems or folder is None or folder.content is None:
            raise ContentError(problems or [Problem(str(base), 1, 1, say("unreadable",
                                                                        reason="?"))])
    return folder.content
