"""``refleks remind --ics FILE``: the weekly reminder written as a calendar file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.errors import UsageError

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.environment import Environment


def remind_command(env: Environment, args: Namespace) -> int:
    """Write the file and say what it holds and how to add it to a calendar. Nothing of
    the journal is read: the event's only text is the interface's own words."""
    from refleks.cli.journal_commands import output_path
    from refleks.reminder import (
        ReminderError,
        calendar_bytes,
        check_zone,
        parse_day,
        parse_time,
        write_reminder,
    )

    t = env.t
    try:
        weekday, at, zone = parse_day(args.day), parse_time(args.time), check_zone(args.tz)
    except ReminderError as exc:
        raise UsageError(exc.render(t)) from None
    path = output_path(env, args.ics, force=args.force)
    summary = t("cli.remind_summary")
    write_reminder(path, calendar_bytes(summary, weekday, at, zone), overwrite=args.force)
    print(t("cli.remind_written", path=path, day=t(f"dates.weekday_{weekday}"),
            time=at.strftime("%H:%M"), zone=zone))
    return 0
