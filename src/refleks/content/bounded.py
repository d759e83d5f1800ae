"""Reading a content file within bounds, because a team's content folder is only semi-trusted.

A content folder is written by people, not by refleks, and may be copied from anywhere.
A few bytes can be made to cost minutes and gigabytes (a "billion laughs" of nested
aliases), a symlink can point at ``/dev/zero``, a FIFO can wait forever for a writer.
So every content file — the model files and ``ui/*.yaml`` alike, at ``content check``
and at run time — is read through here:

- only a regular file is read, opened with ``O_NONBLOCK`` so that a FIFO swapped in
  after the check still cannot make the open wait;
- at most ``MAX_BYTES`` are read;
- anchors and aliases (``&name``/``*name``) are refused for every kind of node: the
  bundled content uses none, and without them the composed graph is a tree no bigger
  than the file, so nothing downstream can be made to expand it;
- a tag from outside YAML's own set (``!!python/name:…``, ``!custom``) is refused, so
  no reader can quietly treat such a value differently from another.

This module knows no wording: it raises ``Refused`` with a problem key and values, and
the caller says it in the reader's language (``content_check.<key>``).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

MAX_BYTES = 2 * 1024 * 1024
YAML_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in (
    "str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary", "merge",
    "omap", "pairs", "set", "value",
))


class Refused(Exception):
    """A content file that refleks will not read; ``key`` names the ``content_check`` text."""

    def __init__(self, key: str, line: int = 1, column: int = 1, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.column = column
        self.values = values


def read_text(path: Path, *, limit: int = MAX_BYTES) -> str:
    """The text of a regular file of at most ``limit`` bytes; ``Refused`` otherwise.

    ``FileNotFoundError`` passes through (a missing file is the caller's own case).
    The team log reads its shared file through here too, with a limit of its own.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused("unreadable", reason=exc.strerror or exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not_regular")
    try:
        # (O_NONBLOCK is POSIX's; Windows has no FIFOs to wait on, nor the flag)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Refused("unreadable", reason=exc.strerror or exc) from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between stat and open
            raise Refused("not_regular")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Refused("unreadable", reason=exc.strerror or exc) from exc
    finally:
        os.close(fd)
    if size > limit:
        raise Refused("too_big", limit=f"{limit // (1024 * 1024)} MB")
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused("unreadable", reason=exc) from exc


def loader() -> type:
    """The fastest safe YAML loader available (libyaml when installed)."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(path: Path) -> Node | None:
    """The file's YAML node tree, checked to be a plain tree of plain YAML.

    Raises ``Refused`` for a file it will not read, ``yaml.YAMLError`` for broken YAML,
    ``FileNotFoundError`` for a missing file.
    """
    text = read_text(path)
    node: Node | None = yaml.compose(text, Loader=loader())
    if node is not None:
        check_tree(node)
    return node


def check_tree(root: Node) -> None:
    """Refuse a node reached twice (an alias) or a tag outside YAML's own set.

    The walk keeps a set of the nodes seen, so it is linear in the composed graph —
    which a bomb keeps small: the expansion is what never happens.
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            mark = node.start_mark
            raise Refused("alias", mark.line + 1, mark.column + 1)
        seen.add(id(node))
        if node.tag not in YAML_TAGS:
            mark = node.start_mark
            raise Refused("bad_tag", mark.line + 1, mark.column + 1, tag=node.tag)
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
