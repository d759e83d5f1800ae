"""``refleks --plain``: the weekly check-in as plain lines at the prompt.

For a screen reader, a dumb terminal, a slow remote connection or an editor's embedded
terminal: each step is written out as lines and then asks; nothing is redrawn, nothing
moves the cursor, and no escape sequence is ever written. Chosen by ``--plain``, by
``plain = true`` in the config, by ``REFLEKS_PLAIN=1``, and when ``TERM=dumb`` (a
terminal that cannot show the app).

Only the domain is used here (the check-in's flow, the guard, the journal): no Textual.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import Namespace

    from refleks.environment import Environment

PLAIN_VARIABLE = "REFLEKS_PLAIN"


def wants_plain(env: Environment, args: Namespace | None = None) -> bool:
    """Whether the line dialogue was asked for: the option, the variable, the
    setting, or a terminal that says it cannot show the app (``TERM=dumb``)."""
    if getattr(args, "plain", False):
        return True
    if os.environ.get(PLAIN_VARIABLE, "").strip().casefold() in ("1", "true", "yes"):
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    return bool(env.settings.plain)


def run_plain(env: Environment, args: Namespace | None = None) -> int:
    """The weekly check-in at the prompt: from the draft if there is one, to saved."""
    from refleks.cli.encryption_commands import asker
    from refleks.cli.plain.checkin import PlainCheckin
    from refleks.cli.plain.lines import Lines

    asker(env, args)  # type: ignore[arg-type]  # (None: no options) an encrypted journal's passphrase is asked at the prompt too
    lines = Lines(env.t)
    if env.journal_encrypted:
        lines.before_editor = env.t("editor.plain_text")
    return PlainCheckin(env, lines).run()
