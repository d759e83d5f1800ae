"""Checks that span files or languages: what no single builder can see on its own.

A source id is known only once ``sources.yaml`` is read; a method number is a
duplicate only among all methods; an id or an interface text is missing only when
compared with the other language. Problems point at the place to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from yaml.nodes import Node

from refleks.content import model as m
from refleks.content.problems import Position, Problem, display, say
from refleks.content.ui import ui_leaves, unsafe_fields
from refleks.content.yaml_nodes import Reader
from refleks.safe_text import first_control


def unknown_sources(referenced: Iterable[tuple[str, Node, Reader]],
                    sources: Iterable[m.Source]) -> None:
    """Every ``source:`` must name an entry of ``sources.yaml``."""
    known = {s.id for s in sources}
    for source_id, node, r in referenced:
        if source_id not in known:
            r.problem(node, say("unknown_source", source=source_id))


def duplicate_method_numbers(r: Reader, methods: Iterable[m.Method]) -> None:
    numbers: dict[int, str] = {}
    for method in methods:
        if method.number in numbers:
            r.problem(None, say("method_twice", number=method.number))
        numbers[method.number] = method.id


def ui_keys(folder: Path, base: Path, problems: list[Problem]) -> dict[str, Position]:
    """Check ``ui/*.yaml`` parse and hold only text; return each key's position."""
    keys: dict[str, Position] = {}
    if not folder.is_dir():
        return keys
    for path in sorted(folder.glob("*.yaml")):
        r = Reader(path, display(path, base), problems)
        root = r.compose()
        if root is None:
            continue

        for key, node, is_text in ui_leaves(path.stem, root):
            if is_text:
                keys[key] = r.position(node)
                found = first_control(str(node.value))
                if found is not None:  # see Reader.no_controls
                    r.problem(node, say("ui_control_character", key=key,
                                        char=f"U+{ord(found):04X}"))
                for field in unsafe_fields(str(node.value)):  # shown as typed, not filled
                    r.problem(node, say("ui_bad_field", key=key, field=field))
            else:
                r.problem(node, say("ui_not_text", key=key))
    return keys


def missing_in_other(mine: Mapping[str, Position], theirs: Mapping[str, Position],
                     kind: str, here: str, there: str, problems: list[Problem]) -> None:
    """Each key of ``mine`` that ``theirs`` lacks, reported where ``mine`` has it."""
    for key in sorted(set(mine) - set(theirs)):
        path, line, column = mine[key]
        problems.append(Problem(path, line, column, say(kind, key=key, here=here, there=there)))
