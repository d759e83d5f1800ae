"""What every refleks screen starts with: the session, and its keys in the chosen language.

Every modal dialog builds on ``Dialog``: the shared look (``modal.tcss``, beside the
dialogs), Esc to cancel, its keys in the reader's language, and the answer it returns
when cancelled, given once by each dialog. A dialog answered only by its buttons names
in its footer how to choose among them.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events, on
from textual.binding import Binding
from textual.screen import ModalScreen, Screen

from refleks.content.ui import Strings
from refleks.tui.i18n import translate_bindings
from refleks.tui.session import Session

ResultType = TypeVar("ResultType")


class SessionScreen(Screen[None]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session  # handed on to the screens this one opens
        self.env, self.ui = session.env, session.ui
        self._shown = False
        translate_bindings(self, session.env.t)

    async def on_screen_resume(self) -> None:
        if self.ui.back_from_lock is self:  # unlocked: as it was, nothing changed below
            self.ui.back_from_lock = None
        elif self._shown:
            await self.returned()
        self._shown = True

    async def returned(self) -> None:
        """Back on top after another screen closed: a place to show what changed."""


class Dialog(ModalScreen[ResultType]):
    """A modal that returns its answer with ``dismiss``; Esc returns ``cancelled``."""

    CSS_PATH = "modal.tcss"  # relative to the dialog's module: dialogs live beside it
    # Where only buttons take the focus (two or more), the footer names how to choose:
    # Tab goes between them and Enter presses the one in brackets (issue 26; the guard's,
    # "Gå ut uten å lagre / Fortsett å redigere" and every yes/no said only "esc
    # Avbryt"). Enter is the dialog's, with priority, as the focused button's own is
    # never shown in a footer. Elsewhere (a dialog with fields) both stay out of the
    # footer (``check_action``): Tab goes to the next field, unnamed, as on any screen,
    # and Enter does what it does in the field.
    BINDINGS = [
        Binding("tab", "tab_button", "keys.next_button"),
        Binding("tab", "app.focus_next", show=False),
        Binding("enter", "press", "keys.choose", priority=True),
        Binding("escape", "cancel", "keys.cancel"),
    ]

    def __init__(self, t: Strings, cancelled: ResultType) -> None:
        super().__init__()
        self.t = t
        self.cancelled = cancelled
        translate_bindings(self, t)

    def action_cancel(self) -> None:
        self.dismiss(self.cancelled)

    def chosen_by_buttons(self) -> bool:
        """Only buttons take the focus here, and there are two or more to choose from."""
        from refleks.tui.widgets.buttons import Button

        chain = self.focus_chain
        return len(chain) >= 2 and all(isinstance(widget, Button) for widget in chain)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("tab_button", "press"):
            return self.chosen_by_buttons()
        return True

    def action_tab_button(self) -> None:
        self.focus_next()

    def action_press(self) -> None:
        """Enter: the button in brackets."""
        from refleks.tui.widgets.buttons import Button

        if isinstance(self.focused, Button):
            self.focused.press()

    def unsaved_kind(self) -> str | None:
        """What this dialog holds that is typed and not yet saved anywhere (its
        ``discard.<kind>`` question), or ``None``: quitting asks before throwing it
        away, and the lock does not call it saved."""
        return None

    @on(events.Mount)
    def show_own_keys(self) -> None:
        """This dialog's own keys in the footer: the footer of the screen below went on
        naming that screen's keys ("d Delete" over a note being written), which do
        nothing while the dialog is open."""
        from textual.widgets import Footer

        if not self.query(Footer):
            self.mount(Footer(compact=True, show_command_palette=False))


class SessionModal(Dialog[ResultType]):
    """A dialog that reads the session (help, welcome) rather than being handed text."""

    def __init__(self, session: Session, cancelled: ResultType) -> None:
        self.session = session
        self.env, self.ui = session.env, session.ui
        super().__init__(session.env.t, cancelled)
