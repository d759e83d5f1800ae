"""``refleks completion SHELL``: a completion script for bash, zsh, fish or PowerShell.

Made from the argparse tree itself by ``shtab``, so a new subcommand or option completes
without a word written here: subcommands, options, ``--lang``'s codes, and a file or a
folder where one is asked for (``parser.completes``). Where an option takes one of the
content's ids (``--value``, ``--area``, ``--chime``) or an export format, the script
offers them, with the value's name in the language in use as its description where the
shell shows one (zsh, fish). The help texts shtab copies into zsh's and fish's scripts
are the tree's, in the same language.

The script is printed once and kept by the shell, so it is a snapshot: a team's content
changed later completes the ids it had then (``refleks completion`` again refreshes).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

    from refleks.environment import Environment

SHELLS = ("bash", "zsh", "fish", "powershell")

# What a shell completes for an argument, marked on the tree by the parser
# (``completes``): shtab's own names for a file and a folder, and refleks' kinds of id,
# filled in from the content in the language in use when the script is printed.
FILE, FOLDER = "file", "directory"
VALUE, AREA, CHIME = "refleks_value", "refleks_area", "refleks_chime"
EXPORT_FORMAT = "refleks_format"


def completes(action: argparse.Action, kind: str) -> argparse.Action:
    """Mark ``action`` with what the shell should offer for it (shtab reads ``complete``)."""
    action.complete = kind  # type: ignore[attr-defined]
    return action
# What a word offered may hold: an id as content ids are written. Anything else (a team's
# content could hold a quote or a control character) is left out rather than quoted.
_WORD = re.compile(r"[A-Za-z0-9_.-]+")


def completion_command(env: Environment, args: argparse.Namespace) -> int:
    """Print the script for ``args.shell``."""
    from refleks.cli.output import write_stdout

    write_stdout([completion_script(env, args.shell, args.tree)])
    return 0


def completion_script(env: Environment, shell: str, parser: argparse.ArgumentParser) -> str:
    """The script for ``shell`` from ``parser`` (the whole tree, in ``env``'s language);
    the tree is handed in (``args.tree``), so this module never imports the parser."""
    import shtab

    words = offered_words(env)
    for action in _actions(parser):
        kind = getattr(action, "complete", None)
        if isinstance(kind, str) and kind in words:
            action.complete = word_completion(kind, words[kind])  # type: ignore[attr-defined]
    script: str = shtab.complete(parser, shell=shell)
    return script if script.endswith("\n") else script + "\n"


def offered_words(env: Environment) -> dict[str, list[tuple[str, str]]]:
    """Each kind of id → (id, its name in the language in use). Content that cannot be
    read (a team's folder with a mistake) offers no ids, and the script is still made."""
    from refleks.journal.formats import NAMES

    found: dict[str, list[tuple[str, str]]] = {
        VALUE: [], AREA: [], CHIME: [], EXPORT_FORMAT: [(name, "") for name in NAMES]}
    content = env.names_content()
    if content is not None:
        found[AREA] = [(area.id, area.title) for area in content.areas]
        found[VALUE] = [(value.id, value.name) for value in content.values_by_id.values()]
        found[CHIME] = [(element.id, element.name) for element in content.chime]
    return found


def word_completion(kind: str, words: list[tuple[str, str]]) -> dict[str, object]:
    """shtab's ``complete`` for a fixed list of words: a small function in each shell's
    script (its preamble) that offers them, with descriptions where the shell shows them.
    Only words shaped as ids are offered, and names are made one plain line."""
    words = [(word, _description(text)) for word, text in words if _WORD.fullmatch(word)]
    name = f"_{kind}"
    ids = " ".join(word for word, _ in words)
    zsh_words = " ".join(_single_quoted_sh(f"{word}:{text}" if text else word)
                         for word, text in words)
    fish_lines = "\n".join(f"  printf '%s\\t%s\\n' {_single_quoted_fish(word)} "
                           f"{_single_quoted_fish(text)}" for word, text in words)
    ps_words = ", ".join(f"'{word}'" for word, _ in words) or "@()"
    return {
        "bash": name,
        "zsh": name,
        "fish": f"({name})",
        "powershell": name,
        "preamble": {
            "bash": f'{name}() {{\n  compgen -W "{ids}" -- "$1"\n}}',
            "zsh": f"{name}() {{\n  local -a words=({zsh_words})\n"
                   f"  _describe -t {kind} {kind} words\n}}",
            "fish": f"function {name}\n{fish_lines}\nend" if words else f"function {name}\nend",
            "powershell": f"function {name} {{\n  param([string]$WordToComplete)\n"
                          f"  @({ps_words}) | Where-Object {{ $_ -like \"$WordToComplete*\" }}\n}}",
        },
    }


def _actions(parser: argparse.ArgumentParser) -> Iterator[argparse.Action]:
    """Every argument of ``parser`` and of its subcommands, all the way down."""
    import argparse

    parsers = [parser]
    while parsers:
        for action in parsers.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
            else:
                yield action


def _description(text: str) -> str:
    """A name as one plain line: content is data, so no control character reaches the
    shell's screen, and a colon would end zsh's word."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _single_quoted_sh(text: str) -> str:
    """``text`` in single quotes for bash and zsh."""
    return "'" + text.replace("'", "'\\''") + "'"


def _single_quoted_fish(text: str) -> str:
    """``text`` in single quotes for fish (where ``\\`` and ``'`` are escaped)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
