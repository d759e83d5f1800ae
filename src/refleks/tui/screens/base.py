"""What every refleks screen starts with: the session, and its keys in the chosen language."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen, Screen

from refleks.tui.i18n import translate_bindings
from refleks.tui.session import Session

ResultType = TypeVar("ResultType")


class SessionScreen(Screen[None]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._shown = False
        translate_bindings(self, session.t)

    async def on_screen_resume(self) -> None:
        if self._shown:
            await self.returned()
        self._shown = True

    async def returned(self) -> None:
        """Back on top after another screen closed: a place to show what changed."""


class SessionModal(ModalScreen[ResultType]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        translate_bindings(self, session.t)
