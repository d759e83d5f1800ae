"""The app in a real terminal, as assistive technology meets it: the terminal's own
cursor shown while a field to type in has the focus (Textual hides it for the whole
run and only moves it), and with ``NO_COLOR`` the terminal's own colours, not greys."""

from __future__ import annotations

import re
from pathlib import Path

from terminal_helpers import Terminal

from refleks.content.ui import load_strings

SHOW_CURSOR = b"\x1b[?25h"
HIDE_CURSOR = b"\x1b[?25l"
# A colour by number or by red/green/blue (what Textual's monochrome filter sent:
# 38;5;243 and 48;5;234), foreground or background.
FIXED_COLOUR = re.compile(rb"\x1b\[[0-9;]*[34]8;[25];")


def welcomed(home: Path) -> None:
    (home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")


def test_the_terminal_cursor_shows_where_text_is_typed_and_only_there(
        isolated_home: Path) -> None:
    welcomed(isolated_home)
    t = load_strings("en")
    term = Terminal("--lang", "en")
    try:
        term.sees(t("moment_view.menu"))
        shown_at_home = SHOW_CURSOR in term.drawn
        term.press("m")  # a moment: its text field has the focus
        term.sees(t("moment_view.title"))
        term.until(lambda: SHOW_CURSOR in term.drawn[term.since:], "the cursor shown")
        term.press("\x1b")  # Esc: home again, nothing to type in
        term.sees(t("moment_view.menu"))
        term.until(lambda: HIDE_CURSOR in term.drawn[term.since:], "the cursor hidden")
        term.press("\x11")  # ctrl+q
        assert term.ended() == 0
    finally:
        term.close()
    assert not shown_at_home


def test_no_color_leaves_the_terminal_its_own_colours(isolated_home: Path) -> None:
    welcomed(isolated_home)
    t = load_strings("en")
    term = Terminal("--lang", "en", extra={"NO_COLOR": "1"})
    try:
        term.sees(t("moment_view.menu"))
        term.press("m")
        term.sees(t("moment_view.title"))
        term.press("\x11")
        term.ended()
    finally:
        term.close()
    found = FIXED_COLOUR.search(term.drawn)
    assert found is None, term.drawn[found.start():][:80] if found else b""
