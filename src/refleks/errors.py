"""Errors that reach the person at the keyboard as one clear line, never a traceback."""

from __future__ import annotations


class RefleksError(Exception):
    """A problem the user can act on. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(RefleksError):
    """A bad option or argument: exit 2, like argparse."""

    exit_code = 2
