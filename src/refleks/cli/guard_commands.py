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
    from refleks.guard import Finding
    from refleks.languages import Speaker

# check-text stores nothing, so the journal's limit on one text (1,000,000 characters)
# is not its limit: a year of minutes fits many times over. It is still a limit, so a
# mistaken file (a disk image, a log) is refused, not read into memory; the guard takes
# about a fifth of a second a megabyte (bench/guard_bench.py).
CHECK_TEXT_LIMIT = 20_000_000


def check_text_command(env: Environment, args: Namespace) -> int:
    from refleks.cli.output import write_stdout
    from refleks.cli.text_input import file_text, stdin_text
    from refleks.guard import Guard, lines_and_columns

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
        if finding.parts or not passage.isprintable() or "  " in passage:
            passage = shown(text, finding, t)  # most are shown as they are
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


def shown(text: str, finding: Finding, t: Speaker) -> str:
    """What a finding found, on one line: the passage, or for a combination each part
    with its name (age «Mannen på 34», place «Vardø», …), control characters made
    visible so a file cannot steer the terminal."""
    if finding.parts:
        return ", ".join(t("guard.part.shown", part=t(f"guard.part.{kind}"),
                           text=one_line(text[start:end]))
                         for start, end, kind in finding.parts)
    return one_line(text[finding.start:finding.end])


def one_line(passage: str) -> str:
    """``passage`` with runs of white space as one space and controls as symbols."""
    if passage.isprintable() and "  " not in passage:  # most are as they are
        return passage
    from refleks.safe_text import visible

    return " ".join(visible(passage).split())
