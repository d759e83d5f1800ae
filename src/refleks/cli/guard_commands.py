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


def check_text_command(env: Environment, args: Namespace) -> int:
    from refleks.cli.output import write_stdout
    from refleks.cli.text_input import file_text, stdin_text
    from refleks.guard import Guard, line_and_column
    from refleks.safe_text import visible

    t = env.t
    name = args.file
    if not name.strip():
        raise UsageError(t("cli.text_no_file"))
    text = stdin_text(args.encoding) if name == "-" else file_text(name, args.encoding)
    findings = Guard.for_content(env.content).scan(text)
    lines = []
    for finding in findings:
        line, column = line_and_column(text, finding.start)
        passage = " ".join(visible(text[finding.start:finding.end]).split())
        lines.append(f"{name}:{line}:{column}: {t(f'guard.kind.{finding.kind}')}: "
                     f"{passage}\n")
    write_stdout(lines)
    # the lines above keep "-" as their file, as grep's and compilers' do; a sentence
    # names what it read ("Nothing in - looks like …" read as a typo)
    said = t("guard.cli.stdin") if name == "-" else name
    if findings:
        print(t.count("guard.cli.found", len(findings), file=said), file=sys.stderr)
        return 1
    print(t("guard.cli.clean", file=said), file=sys.stderr)
    return 0
