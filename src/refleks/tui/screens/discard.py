"""Asking before something a person typed or changed is thrown away.

The check-in keeps a draft, so leaving it only needs a word; a later note, the
settings and the export dialog keep nothing, so Esc there would silently lose what
was written. Each of them asks with this one question, and the cursor starts on
"keep editing": a tired Enter keeps the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen

from refleks.content.ui import Strings


def ask_before_discarding(screen: Screen[Any], t: Strings, what: str,
                          discard: Callable[[], object]) -> None:
    """Ask whether to throw away ``what`` (``discard.<what>``); call ``discard`` on yes."""
    from refleks.tui.screens.confirm import ConfirmScreen

    yes = f"discard.{what}_yes" if t.has(f"discard.{what}_yes") else "discard.yes"

    def answered(sure: bool | None) -> None:
        if sure:
            discard()

    screen.app.push_screen(
        ConfirmScreen(t, t(f"discard.{what}"), t(yes), t("discard.no"), careful=True),
        answered,
    )
