"""Key descriptions in the footer come from the content's interface text too.

Bindings are declared with a text *key* as description (``"keys.next"``); each
screen translates its own bindings when it is created.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from refleks.content.ui import Strings
from refleks.errors import RefleksError


def translate_bindings(node: DOMNode, t: Strings) -> None:
    table = node._bindings.key_to_bindings
    for key, bindings in list(table.items()):
        table[key] = [
            replace(b, description=t(b.description), tooltip=t(b.tooltip) if b.tooltip else "")
            if b.description and "." in b.description
            else b
            for b in bindings
        ]


def error_text(exc: RefleksError, t: Strings) -> str:
    """An error in the reader's language (journal errors carry a text key)."""
    render = getattr(exc, "render", None)
    return render(t) if callable(render) else str(exc)
