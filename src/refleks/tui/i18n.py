"""Key descriptions in the footer come from the content's interface text too.

Bindings are declared with a text *key* as description (``"keys.next"``); each
screen translates its own bindings when it is created, and again when the language
changes, from the bindings as declared (kept aside the first time), so a second
switch finds the keys rather than the first language's words. Textual's own few
words that reach the screen (the Select's "Dismiss menu", the footer's "palette")
are translated the same way, through ``TEXTUAL_WORDS``.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

from textual.binding import Binding
from textual.dom import DOMNode

from refleks.content.ui import Strings
from refleks.errors import RefleksError, message

# Textual's English descriptions → our text keys.
TEXTUAL_WORDS = {
    "Dismiss menu": "keys.dismiss_menu",
    "palette": "keys.palette",
    "Open the command palette": "keys.palette_tooltip",
    "Exit the command palette": "keys.close",
    "Quit the app and return to the command prompt.": "keys.quit",
}

_declared: WeakKeyDictionary[DOMNode, dict[str, list[Binding]]] = WeakKeyDictionary()
_language: WeakKeyDictionary[DOMNode, str] = WeakKeyDictionary()


def _text(text: str, t: Strings) -> str:
    if text in TEXTUAL_WORDS:
        return t(TEXTUAL_WORDS[text])
    return t(text) if "." in text and " " not in text else text


def translate_bindings(node: DOMNode, t: Strings) -> None:
    """Describe ``node``'s keys in ``t``'s language (again, after a switch)."""
    if _language.get(node) == t.lang:
        return
    table = node._bindings.key_to_bindings
    declared = _declared.setdefault(node, {k: list(v) for k, v in table.items()})
    for key, bindings in declared.items():
        table[key] = [
            replace(b, description=_text(b.description, t),
                    tooltip=_text(b.tooltip, t) if b.tooltip else "")
            if b.description
            else b
            for b in bindings
        ]
    _language[node] = t.lang


def error_text(exc: RefleksError, t: Strings) -> str:
    """An error in the reader's language (keyed errors are worded here, at the edge)."""
    return message(exc, t)
