"""``refleks note`` and ``refleks moments``: moments at the shell.

``note`` is built for the ten seconds after a conversation: the text as an argument
(or ``-`` for standard input, or nothing for a one-line prompt), saved at once, one
line back. Before it is saved the confidentiality guard looks at it; at a terminal
it shows what it found and asks "keep as written, or rewrite?" — it never refuses,
and from a pipe it only says so on stderr. ``moments`` lists, shows and deletes.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

from refleks.cli.journal_commands import _day, existing, opened, speaks
from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Mapping

    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.environment import Environment
    from refleks.guard import Finding
    from refleks.journal.moments import Moment, MomentValue
    from refleks.journal.store import Journal


def _read_text(env: Environment, args: Namespace) -> str:
    """The note as given: from standard input (``-``), the arguments, or the prompt;
    within the journal's limit and decoded as ``--encoding`` says (``text_input``)."""
    from refleks.cli.text_input import argument_text, stdin_text

    words = args.text or []
    if words == ["-"]:
        return stdin_text(args.encoding)
    if words:
        return argument_text(words, args.encoding)
    try:
        return argument_text([input(env.t("moments.prompt"))], args.encoding)
    except EOFError:
        return ""


def _tags(env: Environment, args: Namespace) -> tuple[list[MomentValue], str | None, str]:
    """The values and CHIME element asked for, checked against the content."""
    from refleks.cli.ids import resolve_id
    from refleks.journal.moments import MomentValue

    t = env.t
    values: list[MomentValue] = []
    for typed in args.value or []:  # an id or the name shown, in either language, as list
        value = env.content.value(resolve_id(env, "value", typed, set()))
        assert value is not None  # resolve_id answers only with the content's own ids
        if value.id not in [v.value_id for v in values]:
            values.append(MomentValue(value.id, value.name))
    if not args.chime:
        return values, None, ""
    element = (env.content.chime_element(args.chime)
               or env.content.chime_element(f"chime.{args.chime}"))
    if element is None:
        known = ", ".join(e.id.removeprefix("chime.") for e in env.content.chime)
        raise UsageError(t("moments.unknown_chime", element=args.chime, known=known))
    return values, element.id, element.name


def guard_lines(text: str, findings: list[Finding], t: Strings) -> list[str]:
    """Each finding as "  kind: passage", the passage shown with its control characters
    made visible (a combination as its parts)."""
    from refleks.cli.guard_commands import shown

    return [f"  {t(f'guard.kind.{f.kind}')}: {shown(text, f, t)}" for f in findings]


def history_shell(os_name: str, environ: Mapping[str, str]) -> str:
    """Which shell's history advice fits: ``windows`` (PowerShell, or cmd), ``bash``,
    ``zsh``, or ``other``. ``$SHELL`` is the login shell, a fair guess at the one typing."""
    if os_name == "nt":
        return "windows"
    shell = environ.get("SHELL", "").replace("\\", "/").rsplit("/", 1)[-1].casefold()
    return shell if shell in ("bash", "zsh") else "other"


def history_hint(t: Strings, shell: str) -> list[str]:
    """What to say when a note typed as an argument may identify someone: the shell's
    history keeps the line, how to remove it there, and the way that leaves none."""
    return [t("moments.history.kept"), t(f"moments.history.{shell}"),
            t("moments.history.next_time")]


def _guarded_text(env: Environment, text: str, *, from_argument: bool = False) -> str:
    """Look for what may identify someone; at a terminal, offer to rewrite.

    ``from_argument``: the text was typed on the command line, so the shell's history
    holds it whatever is saved here; that is said once, with how to remove it."""
    import os

    from refleks.guard import Guard
    from refleks.safe_text import visible

    t = env.t
    guard = Guard.for_content(env.content)
    interactive = sys.stdin.isatty() and sys.stderr.isatty()
    while True:
        findings = guard.scan(text)
        if not findings:
            return text
        print(t.count("moments.guard_found", len(findings)), file=sys.stderr)
        print("\n".join(guard_lines(text, findings, t)), file=sys.stderr)
        if from_argument:
            print("\n".join(history_hint(t, history_shell(os.name, os.environ))),
                  file=sys.stderr)
            from_argument = False  # a rewrite is typed at the prompt: said once is enough
        if not interactive:
            return text
        try:
            answer = input(t("moments.guard_ask")).strip().casefold()
        except EOFError:
            answer = ""
        if answer[:1] not in ("r", "s"):  # rewrite / skriv om; anything else keeps
            print(t("moments.guard_kept"), file=sys.stderr)
            return text
        # The text to rewrite, shown as it was written (as data: no terminal codes).
        print(t("moments.guard_original"), file=sys.stderr)
        print(visible(text), file=sys.stderr)
        try:
            again = input(t("moments.guard_rewrite"))
        except EOFError:
            again = ""
        if again.strip():
            text = again


@speaks
def note_command(env: Environment, args: Namespace) -> int:
    from refleks.journal.moments import Moment

    t = env.t
    values, chime_id, chime_name = _tags(env, args)
    # An encrypted journal's passphrase first, before anything is typed: a wrong one
    # then loses no note, and with --passphrase-stdin it is the first line of standard
    # input, the note (``note -``) the rest.
    env.unlocked_key()
    text = _read_text(env, args).strip()
    if not text:  # nothing to note is what was typed, as the README's exit 2 says
        raise UsageError(t("moments.empty"))
    from_argument = bool(args.text) and args.text != ["-"]
    text = _guarded_text(env, text, from_argument=from_argument)
    moment = Moment(text=text, lang=env.lang, values=values, chime_id=chime_id,
                    chime_name=chime_name)
    journal = env.journal  # made if new: a moment may be the first thing written
    opened(env, journal)
    journal.moments.add(moment)
    print(t("moments.saved", id=moment.id))
    return 0


def _moment_rows(moments: list[Moment], t: Strings, content: Content | None) -> list[str]:
    from refleks.dates import format_datetime
    from refleks.journal.moments_text import tags_line
    from refleks.safe_text import visible
    from refleks.textfit import fit

    rows = []
    width = max([len(t("moments.col_id"))] + [len(str(m.id)) for m in moments])
    for m in moments:
        when = format_datetime(m.created_at, t)
        tags = tags_line(m, t, content)
        line = f"{str(m.id).rjust(width)}  {when}" + (f"  ({tags})" if tags else "")
        rows.append(line)
        text = " ".join(visible(m.text).split())
        rows.append(" " * (width + 2) + fit(text, 76 - width).rstrip())
    return rows


@speaks
def moments_command(env: Environment, args: Namespace) -> int:
    """``refleks moments``: the list, newest first, with the same filters as ``list``."""
    import json

    from refleks.cli.ids import resolve_id
    from refleks.cli.output import write_stdout
    from refleks.journal.moments import MomentFilter, to_dict

    t = env.t
    since = _day(env, "--since", args.since, end=False)
    until = _day(env, "--until", args.until, end=True)
    journal = existing(env)
    if journal is None:
        moments: list[Moment] = []
    else:
        with journal:
            value_id = (resolve_id(env, "value", args.value, journal.known_ids()[1])
                        if args.value else None)
            moments = journal.moments.select(MomentFilter(since, until, value_id, args.search))
    if args.json:
        print(json.dumps([{"id": m.id, **to_dict(m)} for m in moments], ensure_ascii=False,
                         indent=2))
        return 0
    if not moments:
        print(t("moments.none"))
        return 0
    lines = _moment_rows(moments, t, env.names_content())
    lines.append(t.count("moments.count", len(moments)))
    write_stdout(line + "\n" for line in lines)
    return 0


@speaks
def moment_show_command(env: Environment, args: Namespace) -> int:
    from refleks.cli.output import formatted_markdown, write_stdout
    from refleks.dates import format_date
    from refleks.journal.markdown_text import emphasis
    from refleks.journal.moments_text import render_moment
    from refleks.safe_text import visible

    t = env.t
    journal = existing(env)
    moment, further = None, []
    if journal is not None:
        with journal:
            moment = journal.moments.get(args.key)
            further = journal.moments.taken_further_in(moment) if moment else []
    if moment is None:  # a number that isn't there was typed: exit 2, as show's
        raise UsageError(t("moments.not_found", key=visible(args.key)))
    text = visible(render_moment(moment, t, level=2, content=env.names_content()))
    for number, started in further:  # where the reflection on it went on
        text += "\n" + emphasis(t("moments.taken_further", when=format_date(started, t),
                                   id=number)) + "\n"
    write_stdout([text] if args.markdown else formatted_markdown(text))
    return 0


@speaks
def moment_delete_command(env: Environment, args: Namespace) -> int:
    from refleks.safe_text import visible

    t = env.t
    journal = existing(env, for_writing=True)
    if journal is None:
        raise UsageError(t("moments.not_found", key=visible(args.key)))
    with journal:
        moment = journal.moments.get(args.key)
        if moment is None:
            raise UsageError(t("moments.not_found", key=visible(args.key)))
        if not args.yes:
            from refleks.cli.asking import agreed

            if not sys.stdin.isatty():  # as `delete` does: no terminal, no question
                raise RefleksError(t("moments.needs_yes", id=moment.id))
            from refleks.dates import format_date

            # its day and its first words, as delete names a check-in's day and area:
            # a number alone is easy to mistype
            words = " ".join(visible(moment.text).split())
            opening = words if len(words) <= 40 else words[:39].rstrip() + "…"
            if not agreed(t("moments.delete_ask", id=moment.id, text=opening,
                            date=format_date(moment.created_at, t))):
                print(t("moments.kept"))
                return 1
        journal.moments.delete(moment.uid)
        newest = journal.list_backups()
    print(t("moments.deleted", id=moment.id, backup=newest[0] if newest else "?"))
    return 0


def week_start(now: datetime) -> datetime:
    """Monday 00:00 of ``now``'s week, in ``now``'s time zone."""
    from datetime import timedelta

    monday = now - timedelta(days=now.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def moments_this_week(journal: Journal, now: datetime) -> int:
    """How many moments were noted since Monday (for ``refleks status``)."""
    return journal.moments.count(since=week_start(now))
