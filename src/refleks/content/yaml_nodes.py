"""Reading one YAML file as nodes, so every value still knows where it was written.

Plain ``yaml.safe_load`` forgets line numbers; composing nodes keeps them, and each
accessor here checks a shape (mapping, text, number, list, id) and records a
``Problem`` at the node's position instead of raising. Only the content loader imports
this module (and so PyYAML), when a screen or command first needs the content.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from refleks.content import bounded
from refleks.content.problems import Position, Problem, say
from refleks.safe_text import first_control

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
NULL_TAG = "tag:yaml.org,2002:null"

T = TypeVar("T")


@dataclass
class Fields:
    """One YAML mapping's accepted keys, each with its key and value node."""

    node: MappingNode  # the mapping itself, where a missing key is reported
    entries: dict[str, tuple[Node, Node]] = field(default_factory=dict)

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    def __getitem__(self, key: str) -> tuple[Node, Node]:
        return self.entries[key]


def keys_of(cls: type[DataclassInstance], *, without: Iterable[str] = (),
            extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The YAML keys allowed for ``cls``: its fields, so the two can never drift apart.

    ``without`` names fields refleks fills in itself (a value's ``area_id`` comes from
    the area it is written under); ``extra`` names keys that only the file has (an
    area's ``value_count``, a check on the list's length).
    """
    dropped = set(without)
    own = tuple(f.name for f in dataclasses.fields(cls) if f.name not in dropped)
    return own + tuple(extra)


@dataclass
class Reader:
    """Reads one YAML file's nodes, recording problems with their positions."""

    path: Path
    display: str
    problems: list[Problem]
    ids: dict[str, Position] = field(default_factory=dict)  # id → where it was first seen
    sources: list[tuple[str, Node]] = field(default_factory=list)  # referenced source ids

    def problem(self, node: Node | None, message: str) -> None:
        mark = node.start_mark if node is not None else None
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        self.problems.append(Problem(self.display, line, column, message))

    def position(self, node: Node) -> Position:
        return (self.display, node.start_mark.line + 1, node.start_mark.column + 1)

    def compose(self) -> Node | None:
        """The file's node tree, or None with the reason recorded as a fatal problem.

        Read within ``bounded``'s limits, so a crafted file costs no more than its size.
        """
        try:
            node = bounded.compose(self.path)
        except FileNotFoundError:
            self.fatal(1, 1, say("file_missing"))
            return None
        except bounded.Refused as exc:
            self.fatal(exc.line, exc.column, say(exc.key, **exc.values))
            return None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            reason = exc.problem or exc.context or ""
            self.fatal(line, column, say("malformed", reason=reason))
            return None
        except yaml.YAMLError as exc:
            self.fatal(1, 1, say("malformed", reason=exc))
            return None
        if node is None:
            self.fatal(1, 1, say("empty_file"))
        return node

    def fatal(self, line: int, column: int, message: str) -> None:
        """A problem that stops the whole file from being read: it is reported first."""
        self.problems.append(Problem(self.display, line, column, message, fatal=True))

    # -- shapes ---------------------------------------------------------------------

    def mapping(self, node: Node, what: str, allowed: Iterable[str]) -> Fields | None:
        if not isinstance(node, MappingNode):
            self.problem(node, say("not_mapping", what=what))
            return None
        fields = Fields(node)
        allowed_set = set(allowed)
        for key_node, value_node in node.value:
            key = key_node.value
            if key in fields:
                self.problem(key_node, say("field_twice", key=key, what=what))
                continue
            if key not in allowed_set:
                known = ", ".join(sorted(allowed_set))
                self.problem(key_node, say("unknown_field", key=key, what=what, known=known))
                continue
            fields.entries[key] = (key_node, value_node)
        return fields

    def get(self, fields: Fields, key: str, what: str, required: bool) -> Node | None:
        """The value node under ``key``; a missing required key is a problem."""
        if key in fields:
            return fields[key][1]
        if required:
            self.problem(fields.node, say("missing_field", key=key, what=what))
        return None

    def text(self, fields: Fields, key: str, what: str, required: bool = True) -> str:
        node = self.get(fields, key, what, required)
        if node is None:
            return ""
        if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
            if isinstance(node, ScalarNode):
                if required:
                    self.problem(node, say("empty_field", key=key, what=what))
                return ""
            self.problem(node, say("not_text", key=key, what=what))
            return ""
        value = str(node.value).strip()
        if not value and required:
            self.problem(node, say("empty_field", key=key, what=what))
        self.no_controls(node, value, key, what)
        return value

    def no_controls(self, node: Node, value: str, key: str, what: str) -> None:
        """A control character in content text is a problem, never shown.

        YAML refuses one written as it is, but a double-quoted ``"\\e]0;…\\a"`` makes
        one, and a terminal obeys it: it sets the window title, writes the clipboard,
        clears the screen. Whoever can write a team's shared folder would reach every
        colleague's terminal, so such a folder is refused like any other problem.
        """
        found = first_control(value)
        if found is not None:
            self.problem(node, say("control_character", key=key, what=what,
                                   char=f"U+{ord(found):04X}"))

    def integer(self, fields: Fields, key: str, what: str, required: bool = True) -> int:
        node = self.get(fields, key, what, required)
        if node is None:
            return 0
        if not isinstance(node, ScalarNode) or not re.fullmatch(r"\d+", node.value):
            self.problem(node, say("not_number", key=key, what=what))
            return 0
        return int(node.value)

    def sequence(self, fields: Fields, key: str, what: str, required: bool = True) -> list[Node]:
        node = self.get(fields, key, what, required)
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, say("not_list", key=key, what=what))
            return []
        if not node.value and required:
            self.problem(node, say("empty_field", key=key, what=what))
        return list(node.value)

    def strings(self, fields: Fields, key: str, what: str) -> tuple[str, ...]:
        out = []
        for node in self.sequence(fields, key, what):
            if isinstance(node, ScalarNode) and str(node.value).strip():
                out.append(str(node.value).strip())
                self.no_controls(node, out[-1], key, what)
            else:
                self.problem(node, say("bad_entry", key=key, what=what))
        return tuple(out)

    def ident(self, fields: Fields, what: str) -> str:
        value = self.text(fields, "id", what)
        if not value:
            return ""
        node = fields["id"][1]
        if not ID_PATTERN.match(value):
            self.problem(node, say("bad_id", id=value))
        if value in self.ids:
            first = self.ids[value]
            self.problem(node, say("duplicate_id", id=value, where=f"{first[0]}:{first[1]}"))
        else:
            self.ids[value] = self.position(node)
        return value

    def source(self, fields: Fields, what: str, inherited: str = "") -> str:
        """The item's own source, else the one it inherits from the level above."""
        if "source" not in fields:
            if not inherited:
                self.problem(fields.node, say("missing_field", key="source", what=what))
            return inherited
        value = self.text(fields, "source", what)
        if value:
            self.sources.append((value, fields["source"][1]))
        return value or inherited

    def other_source(self, fields: Fields, key: str, what: str) -> str:
        """An optional second source field (``prompt_source``, ``adapted_from`` …).

        Checked against ``sources.yaml`` like ``source``; empty when absent.
        """
        if key not in fields:
            return ""
        value = self.text(fields, key, what)
        if value:
            self.sources.append((value, fields[key][1]))
        return value

    def flag(self, fields: Fields, key: str, what: str) -> bool:
        """An optional ``true``/``false``; anything else is a problem."""
        node = self.get(fields, key, what, False)
        if node is None:
            return False
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            self.problem(node, say("not_flag", key=key, what=what))
            return False
        return str(node.value).lower() in ("true", "yes", "on")

    def items(
        self,
        fields: Fields,
        key: str,
        what: str,
        build: Callable[[Fields, str], T],
        allowed: Iterable[str],
        required: bool = True,
    ) -> tuple[T, ...]:
        built = []
        allowed = tuple(allowed)
        for index, node in enumerate(self.sequence(fields, key, what, required), start=1):
            label = f"{what} {key}[{index}]"
            item_fields = self.mapping(node, label, allowed)
            if item_fields is not None:
                result = build(item_fields, label)
                if result is not None:
                    built.append(result)
        return tuple(built)
