"""The lock: a screen with nothing of the journal on it, while the person is away.

The app locks after the minutes set in Settings without a key (``IdleLock``), or at
once with ctrl+l. Before it locks, every draft on the stack is saved, as ctrl+q does.
The lock is a full, opaque screen: nothing of the screens below shows through, and the
app's own keys that would lead elsewhere (help, the command palette) do nothing while
it is up. Unlocking pops it, and the screen below is as it was: the same step, the
same text, the cursor where it stood.

An unencrypted journal opens again with Enter: the lock hides the text from a passer-by,
nothing more. An encrypted journal whose passphrase was typed at the start asks for it
again. The same screen asks for the passphrase at the start (``starting``), before
anything of the journal is read; Esc or ctrl+q then leaves without changing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.widgets import Footer, Header, Input, Static
from textual.worker import WorkerCancelled

from refleks.errors import RefleksError
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import Dialog, SessionScreen
from refleks.tui.session import Session

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer


class LockScreen(SessionScreen):
    """Locked (``asks``: the passphrase opens it, else Enter), or asking at the start."""

    CSS_PATH = "lock.tcss"
    AUTO_FOCUS = "#lock-passphrase"
    # The footer names every key that works here. ctrl+q quits from the lock too: the
    # app's binding, hidden in every footer, would hide this one as well were it not a
    # priority binding too (the app's still comes first and does the same). At the
    # start Esc quits as well, and one entry names both keys.
    BINDINGS = [
        Binding("enter", "open", "keys.open"),
        Binding("escape", "leave", "keys.quit", key_display="esc/^q"),
        Binding("ctrl+q", "quit", "keys.quit", priority=True),
    ]

    def __init__(self, session: Session, *, asks: bool, starting: bool = False,
                 opened: Callable[[], object] | None = None, unsaved: bool = False) -> None:
        super().__init__(session)
        self.asks = asks or starting
        self.starting = starting
        self.opened = opened  # called once the passphrase was right (the start)
        self.unsaved = unsaved  # a note or moment under it is typed, not saved
        self.checking = False

    def compose(self) -> ComposeResult:
        t = self.env.t
        # set before the header is there to show them (a title set on mount could
        # reach a header already going, if the app closes as it locks)
        self.title = t("lock.start_title" if self.starting else "lock.title")
        self.sub_title = ""
        yield Header(show_clock=False, icon="◇")
        with Middle(), Center(), Vertical(id="lock-box"):
            yield Static(t("lock.start_heading" if self.starting else "lock.heading"),
                         id="lock-heading")
            if not self.starting:
                yield Static(t("lock.hidden_unsaved" if self.unsaved else "lock.hidden"),
                             classes="lock-text")
            if self.asks:
                yield Static(t("lock.start_ask" if self.starting else "lock.ask"),
                             classes="lock-text")
                yield Input(id="lock-passphrase", password=True,
                            placeholder=t("lock.passphrase"))
                yield Static("", id="lock-message", classes="message")
            else:
                yield Static(t("lock.open_hint"), classes="lock-text")
        yield Footer(show_command_palette=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return not self.asks  # with a passphrase, Enter submits the field
        if action == "leave":
            return self.starting  # a lock is left by opening it (or ctrl+q)
        if action == "quit":
            return not self.starting  # at the start, Esc's entry names ctrl+q
        return True

    def action_open(self) -> None:
        self.unlock()

    async def action_quit(self) -> None:
        await self.app.action_quit()  # asks first where a note or moment would be lost

    def action_leave(self) -> None:
        self.app.exit()

    @on(Input.Submitted, "#lock-passphrase")
    def submitted(self, event: Input.Submitted) -> None:
        if event.value and not self.checking:
            self.check(event.value)

    @work(exclusive=True, group="passphrase")
    async def check(self, passphrase: str) -> None:
        """The key is derived in a thread (SQLCipher's default work takes a moment)."""
        field = self.query_one("#lock-passphrase", Input)
        message = self.query_one("#lock-message", Static)
        self.checking = True
        message.update(self.env.t("lock.checking"))
        try:
            worker = self.run_worker(lambda: self.opens(passphrase), thread=True,
                                     exit_on_error=False)
            right = await worker.wait()
        except WorkerCancelled:
            return  # the app is quitting while the key is derived: nothing to say
        finally:
            self.checking = False
        if isinstance(right, RefleksError):  # the right passphrase, a journal in trouble
            field.clear()  # not left in the field (and in memory) with the message
            message.update(error_text(right, self.env.t))
            return
        field.clear()
        if right:
            self.unlock()
            return
        message.update(self.env.t("lock.wrong"))
        field.focus()

    def opens(self, passphrase: str) -> bool | RefleksError:
        """Whether ``passphrase`` is the journal's (nothing on disk changes); at the
        start the journal is opened with it too, here rather than on the screen."""
        try:
            if not self.env.unlock(passphrase):
                return False
            if self.starting:
                self.env.journal  # noqa: B018
        except RefleksError as exc:
            return exc
        return True

    def unlock(self) -> None:
        if self.starting:
            if self.opened is not None:
                self.opened()
            return
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if isinstance(below, SessionScreen):
            self.ui.back_from_lock = below  # as it was: it need not show what changed
        self.dismiss(None)


class IdleLock:
    """Locks ``app`` after the set minutes without a key; a key (or a click) starts the
    count again. It looks every ``ui.idle_check_every`` seconds at ``ui.idle_clock``,
    so a test moves that clock rather than waiting ten minutes.

    While ``waits()`` says so (a team session on the shared screen, where a team talks
    for many minutes without a key and nothing personal is shown) it does not lock by
    itself, and the count starts again once that is over; ctrl+l still locks at once.
    """

    def __init__(self, app: App[None], session: Session,
                 waits: Callable[[], bool] = lambda: False) -> None:
        self.app = app
        self.session = session
        self.waits = waits
        self.last = session.ui.idle_clock()
        self.timer: Timer | None = None

    def start(self) -> None:
        self.timer = self.app.set_interval(self.session.ui.idle_check_every, self.look)

    def touch(self) -> None:
        self.last = self.session.ui.idle_clock()

    def look(self) -> None:
        if self.waits():
            self.touch()
            return
        idle = self.session.ui.idle_clock() - self.last
        minutes = self.session.env.settings.lock_minutes  # 0: never
        if minutes and idle >= minutes * 60 and not locked(self.app):
            lock(self.app, self.session)


def locked(app: App[None]) -> bool:
    return any(isinstance(screen, LockScreen) for screen in app.screen_stack)


def lock(app: App[None], session: Session) -> None:
    """Save every draft (as ctrl+q does) and cover the screen.

    A screen still being put together (home just opened by the passphrase when the
    idle lock looks, or any screen pushed in the same moment as the lock) is let finish
    first: the lock waits for the next refresh and looks again. Covering it half-built
    stopped the app (its header's title was not there yet when the lock's title came),
    and a draft screen that is not mounted has nothing to save yet."""
    from refleks.tui.screens.drafts import DraftScreen

    if locked(app):
        return
    if not settled(app):
        app.call_after_refresh(lock, app, session)
        return
    for screen in app.screen_stack:
        if isinstance(screen, DraftScreen):
            screen.save_now()  # also what was typed since the last autosave
    app.clear_notifications()  # a toast can quote what was written
    asks = typed_passphrase(session)
    unsaved = any(isinstance(screen, Dialog) and screen.unsaved_kind() is not None
                  for screen in app.screen_stack)
    app.push_screen(LockScreen(session, asks=asks, unsaved=unsaved))


def settled(app: App[None]) -> bool:
    """Every screen on the stack is mounted: composed, its widgets too."""
    return all(screen.is_mounted for screen in app.screen_stack)


def typed_passphrase(session: Session) -> bool:
    """The journal is encrypted and its passphrase was typed at the start (not
    remembered on this computer): the lock asks for it again."""
    return session.ui.passphrase_typed
