"""The command palette lists refleks' actions in the order of the home menu, and says
"no matches" in the reader's language.

Textual's own provider sorts them by name, which at 80×24 put "Change theme" first and
"Start this week's reflection" below the fold. Typing still searches them all.
"""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider
from textual.widgets.option_list import Option


class Palette(CommandPalette):
    """Textual's palette, whose "No matches found" is ``no_matches``.

    Textual writes that line in English inside ``_start_no_matches_countdown`` and
    offers no setting for it; this is that method (Textual 8.2, pinned) with our words.
    """

    def __init__(self, *args: Any, no_matches: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.no_matches = no_matches

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search is discovery: nothing to say
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text(self.no_matches, style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class MenuOrderCommands(SystemCommandsProvider):
    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)


def provider() -> type[MenuOrderCommands]:
    """Imported when the palette first opens, not at start-up."""
    return MenuOrderCommands
