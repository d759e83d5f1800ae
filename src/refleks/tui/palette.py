"""The command palette lists refleks' actions in the order of the home menu.

Textual's own provider sorts them by name, which at 80×24 put "Change theme" first and
"Start this week's reflection" below the fold. Typing still searches them all.
"""

from __future__ import annotations

from textual.command import DiscoveryHit, Hits
from textual.system_commands import SystemCommandsProvider


class MenuOrderCommands(SystemCommandsProvider):
    async def discover(self) -> Hits:
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(name, callback, help=help_text)


def provider() -> type[MenuOrderCommands]:
    """Imported when the palette first opens, not at start-up."""
    return MenuOrderCommands
