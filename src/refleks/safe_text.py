"""Text from a journal or an imported file is data: it never reaches a terminal as code.

A terminal obeys control characters: ``ESC ] 0 ;`` sets its title, OSC 52 writes the
clipboard, ``ESC [ 2 J`` clears the screen, and a C1 control such as ``\\x9b`` does the
same in one byte. An imported file can carry any of them. Every path that shows stored
text passes it through ``visible`` first, which turns each control character into a
harmless visible symbol (the Unicode "control pictures", ``␛`` for ESC), so a person
can still see that something odd was there. Line breaks and tabs are kept.
"""

from __future__ import annotations

import re

_KEEP = "\n\t"
# C0 controls, DEL and C1 controls, less the line break and tab.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_CR_LF = re.compile("\r\n?")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # a C1 control: the replacement character


def first_control(text: str) -> str | None:
    """The first control character ``visible`` would replace, or None: for a check that
    names what it found (``content check``) rather than quietly showing a symbol."""
    found = _CONTROLS.search(text)
    return found.group() if found else None


def visible(text: str) -> str:
    """``text`` with every control character shown as a symbol; ``\\r\\n`` → ``\\n``."""
    if not text or _CONTROLS.search(text) is None:  # "\r" is a control: nothing to do
        return text
    text = _CR_LF.sub("\n", text)
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(_picture, text)

