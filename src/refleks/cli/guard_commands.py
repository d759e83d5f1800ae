"""``refleks check-text FILE``: the confidentiality guard over a text file.

For a team that wants to look over minutes before sharing them: the same guard the
app runs before a final save. Each finding is one ``file:line:col: kind: text`` line
(the matched text is shown — it is the person's own file, on their own screen), so an
editor can jump to it. Exit 1 when something was found, 0 when clean, like ``grep``'s
opposite: a script can stop a share on it. Nothing found is written anywhere else.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from refleks.errors import UsageError

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.environment import Environment

# check-text stores nothing, so the journal's limit on one text (1,000,000 characters)
# is not its limit: a year of minutes fits many times over. It is still a limit, so a
# mistaken file (a disk image, a log) is refused, not read into memory; the guard takes
# about a fifth of a second a megabyte (bench/guard_bench.py).
CHECK_TEXT_LIMIT = 20_000_000


def check_text_command(env: Environment, args: Namespace) -> int:
    from refleks.cli.output import write_stdout
    from refleks.cli.text_input import file_text, stdin_text
    from refleks.guard import Guard, lines_and_columns
    from refleks.safe_text import visible

    t = env.t
    name = args.file
    if not name.strip():
        raise UsageError(t("cli.text_no_file"))
    text = (stdin_text(args.encoding, CHECK_TEXT_LIMIT) if name == "-"
            else file_text(name, args.encoding, CHECK_TEXT_LIMIT))
    findings = Guard.for_content(env.content).scan(text)
    lines = []
    places = lines_and_columns(text, [finding.start for finding in findings])
    kinds = {kind: t(f"guard.kind.{kind}") for kind in {f.kind for f in findings}}
    for finding, (line, column) in zip(findings, places, strict=True):
        passage = text[finding.start:finding.end]
        if not (passage.isprintable() and "  " not in passage):  # most are as they are
            passage = " ".join(visible(passage).split())
        lines.append(f"{name}:{line}:{column}: {kinds[finding.kind]}: {passage}\n")
    write_stdout(lines)
    # the lines above keep "-" as their file, as grep's and compilers' do; a sentence
    # names what it read ("Nothing in - looks like …" read as a typo)
    said = t("guard.cli.stdin") if name == "-" else name
    if findings:
        print(t.count("guard.cli.found", len(findings), file=said), file=sys.stderr)
        return 1
    print(t("guard.cli.clean", file=said), file=sys.stderr)
    return 0
