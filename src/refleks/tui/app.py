"""A small App: it opens the journal, pushes the home screen and switches screens.

Handlers live on the screens; the App only knows how to go from one to another.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.geometry import Size

from refleks.tui.i18n import translate_bindings
from refleks.tui.session import Session

if TYPE_CHECKING:
    from textual.screen import Screen

    from refleks.environment import Environment
    from refleks.tui.screens.lock import IdleLock

# The app's actions that open a personal screen (or, for a library value, a check-in;
# settings, which can switch the language and so the whole stack): refused while a team
# session is on the shared screen (``presenting``).
PERSONAL_ACTIONS = frozenset({"checkin", "moment", "journal", "overtime", "library",
                              "settings", "team", "relabel", "welcome"})

# Signals that end the app from outside (see ``listen_for_ending_signals``).
ENDING_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")
JOURNAL_MODE = "journal"  # the screens' mode once an encrypted journal is unlocked
MIN_WIDTH = 60
MIN_HEIGHT = 18
NARROW = 80  # below it the footer's keys go closer and the palette's hint gives way


class RefleksApp(App[None]):
    CSS_PATH = ["app.tcss", "screens/home.tcss"]  # home is the default screen
    TITLE = "refleks"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {lambda: _palette_provider()}  # main actions first, as in the home menu
    BINDINGS = [
        Binding("question_mark,f1", "help", "keys.help"),
        Binding("ctrl+q", "quit", "keys.quit", priority=True, show=False),
        Binding("ctrl+l", "lock", "keys.lock", priority=True, show=False),
    ]

    def __init__(self, session: Session) -> None:
        import os

        # NO_COLOR: the terminal's own colours (Textual's ANSI mode, whose filter then
        # leaves every cell in the default foreground and background), rather than the
        # fixed greys Textual's monochrome filter turns each colour into (dark grey on a
        # light terminal). Textual reads the variable the same way: set, whatever value.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.session = session
        self.env = session.env
        self.start: str | None = None  # "team": straight into a team session (refleks team)
        self.idle: IdleLock | None = None  # the lock after minutes without a key
        # Run by ``run`` as the process itself (not a test's app in pytest's process):
        # only then does it take over the ending signals.
        self.own_process = False
        self.typing_cursor_shown = False  # the terminal's own cursor (show_typing_cursor)
        translate_bindings(self, self.env.t)
        from refleks.tui.theme import CALM

        # Before the first paint, so the stylesheet is applied once, not twice.
        self.register_theme(CALM)
        wanted = self.env.settings.theme
        self.theme = wanted if wanted in self.available_themes else CALM.name

    async def action_quit(self) -> None:
        """ctrl+q: quit, once a note or moment being written is let go (asked, as Esc
        asks) and a check-in or team session open underneath has saved what was typed;
        if it cannot (it would be lost), ask."""
        from refleks.tui.screens.base import Dialog
        from refleks.tui.screens.confirm import ConfirmScreen
        from refleks.tui.screens.discard import ask_before_discarding

        for screen in reversed(self.screen_stack):  # a note or moment being written
            if isinstance(screen, Dialog) and (kind := screen.unsaved_kind()) is not None:
                if isinstance(self.screen, ConfirmScreen):
                    return  # asked already (ctrl+q's question, or Esc's): asked once
                ask_before_discarding(screen, self.session.env.t, kind, self.quit_after_drafts)
                return
        self.quit_after_drafts()

    def quit_after_drafts(self) -> None:
        """Quit once every draft open underneath is saved; ask where one cannot be."""
        from refleks.tui.screens.confirm import ConfirmScreen
        from refleks.tui.screens.drafts import DraftScreen

        for screen in self.screen_stack:
            if isinstance(screen, DraftScreen):
                screen.save_now()  # also what was typed since the last autosave
                if screen.unsaved:
                    if not isinstance(self.screen, ConfirmScreen):  # not asked twice
                        screen.ask_to_leave(self.exit)
                    return
        self.exit()

    async def on_event(self, event: events.Event) -> None:
        """A key or a click, wherever it goes, starts the lock's count again."""
        if (isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown,
                               events.MouseScrollUp))
                and not event.is_forwarded and self.idle is not None):
            self.idle.touch()
        await super().on_event(event)

    def action_lock(self) -> None:
        """ctrl+l: save the drafts and hide the journal at once (``screens/lock.py``)."""
        from refleks.tui.screens.lock import lock

        lock(self, self.session)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While locked, the app's keys that lead elsewhere do nothing (ctrl+q still quits);
        while presenting, nothing leads to a personal screen."""
        if action in PERSONAL_ACTIONS and self.presenting:
            return False
        if action in ("help", "command_palette", "lock"):
            from refleks.tui.screens.lock import locked

            return not locked(self)
        return True

    def _fatal_error(self) -> None:
        """Textual's crash report, without local variables.

        Textual prints a crash with ``show_locals=True``: the locals of every frame are
        the journal's text (answers, names, the markup that failed to parse), printed
        to the terminal and into any log of it. Here the trace keeps the frames and the
        error but no locals, and the error's message passes ``visible`` so it cannot
        act on the terminal either.
        """
        import sys

        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        from refleks.safe_text import visible

        self.bell()
        exc_type, exc_value, tb = sys.exc_info()
        if exc_type is None or exc_value is None:
            exc_value = self._exception
            exc_type = type(exc_value) if exc_value is not None else None
            tb = exc_value.__traceback__ if exc_value is not None else None
        if exc_type is not None and exc_value is not None:
            trace = Traceback.extract(exc_type, exc_value, tb, show_locals=False)
            for stack in trace.stacks:
                stack.exc_value = visible(stack.exc_value)
            report = Traceback(trace, width=None, suppress=[rich], show_locals=False)
            self._exit_renderables.append(
                Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()

    @property
    def needs_passphrase(self) -> bool:
        """An encrypted journal without its key (none typed yet, none remembered): the
        passphrase screen comes first. Not for ``refleks team``: the team's shared
        screen never reads the personal journal, so the room is never asked for it."""
        return self.start != "team" and self.env.key is None and self.env.journal_encrypted

    def get_default_screen(self) -> Screen[None]:
        """Home is the bottom of the stack: Esc from anywhere leads back to it. Started
        as ``refleks team``, the team's start screen is: home is never built. An
        encrypted journal not yet unlocked: the passphrase screen, until ``unlocked``."""
        if self.needs_passphrase:
            from refleks.tui.screens.lock import LockScreen

            return LockScreen(self.session, asks=True, starting=True, opened=self.unlocked)
        if self.start == "team":
            from refleks.tui.screens.team import TeamStartScreen

            return TeamStartScreen(self.session, from_shell=True)
        from refleks.tui.screens.home import HomeScreen

        return HomeScreen(self.session)

    @property
    def presenting(self) -> bool:
        """A team session's screens are open (its start screen lies under them): the
        shared screen shows nothing personal, and no key or command leads there."""
        return any(getattr(screen, "SHARED_SCREEN", False) for screen in self.screen_stack)

    def on_mount(self) -> None:
        # What exists now lives as long as the app: keep it out of the garbage
        # collector's full passes, which otherwise add ~100 ms to a screen now and then.
        gc.freeze()

        def resumed(_: object) -> None:  # the driver hid the cursor again on resuming
            self.typing_cursor_shown = False
            self.show_typing_cursor()

        self.app_resume_signal.subscribe(self, resumed)
        from refleks.tui.screens.lock import IdleLock

        self.idle = IdleLock(self, self.session, waits=lambda: self.presenting)
        self.idle.start()
        if self.own_process:
            self.listen_for_ending_signals()
        if not self.needs_passphrase:
            self.journal_opened()
        self.call_after_refresh(self.check_size, self.size)

    def listen_for_ending_signals(self) -> None:
        """Save every draft when the app is ended from outside, and end with the shell's
        code for that signal (130 for ctrl+c at a shell, 143 for kill, 129 when the
        terminal window closes). Inside the app ctrl+c is a key (copy, or a hint to
        quit); a SIGINT that reaches the process is a person or script that means it.
        Windows has no such signals: there ctrl+c reaches the app only as a key."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name in ENDING_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                loop.add_signal_handler(number, self.ended_from_outside, int(number))
            except (NotImplementedError, RuntimeError, ValueError):
                return  # not the main thread (a test's app), or no signals here

    def ended_from_outside(self, number: int) -> None:
        """What every draft open holds is saved (nothing can be asked now), then exit."""
        from refleks.tui.screens.drafts import DraftScreen

        for screen in self.screen_stack:
            if isinstance(screen, DraftScreen):
                screen.save_now()
        self.exit(return_code=128 + number)

    def journal_opened(self) -> None:
        # (refleks team leaves an encrypted journal closed: nothing of it is read)
        if self.env.key is not None or not self.env.journal_encrypted:
            for notice in self.env.journal.notices:  # e.g. a damaged -wal kept aside
                self.notify(notice.render(self.env.t), severity="warning", timeout=60,
                            markup=False)
        self.say_stand_in()
        if not self.env.settings.welcomed and not self.presenting:
            # the welcome speaks of your journal and your folders: not on the shared
            # screen (`refleks team` as the first thing run); it waits for home
            self.action_welcome(first_time=True)

    def say_stand_in(self) -> None:
        """Once on this computer: the language asked for (Nynorsk, Northern Sámi) is not
        in refleks yet, and bokmål answers for it."""
        stand_in = self.env.stand_in_to_say()
        if stand_in is not None:
            self.notify(self.env.t(f"app.stand_in_{stand_in[0]}"), timeout=30, markup=False)
            self.env.stand_in_said(stand_in[0])

    def unlocked(self) -> None:
        """The passphrase opened the journal: the app starts as it would have, and the
        lock will ask for the passphrase again."""
        self.session.ui.passphrase_typed = True
        # The passphrase screen is the bottom of Textual's default mode, and a bottom
        # screen cannot be popped or switched away: the journal's screens get a mode of
        # their own, with home (or the team's start) at the bottom, as without a
        # passphrase. The passphrase screen stays behind, suspended, its field empty.
        self.add_mode(JOURNAL_MODE, self.get_default_screen)
        self.switch_mode(JOURNAL_MODE)
        self.journal_opened()
        self.on_ready()

    def on_ready(self) -> None:
        if self.needs_passphrase:
            return  # after the passphrase (``unlocked``)
        if self.start == "team":  # refleks team: a session at once, on its start screen
            from refleks.tui.screens.team import TeamStartScreen

            ground = self.screen_stack[0]
            if isinstance(ground, TeamStartScreen):
                ground.action_begin()

    def watch_theme(self, theme: str) -> None:
        """A theme picked from the command palette is remembered for next time."""
        from refleks.tui.theme import CALM

        if theme != (self.env.settings.theme or CALM.name):
            from refleks.settings import updated

            self.env.save_settings(updated(self.env.settings, theme=theme))

    # -- switching screens: actions, so screens and keys reach them as "app.<name>" ------

    def action_welcome(self, first_time: bool = False) -> None:
        from refleks.tui.screens.welcome import WelcomeScreen

        def done(_: object) -> None:
            if first_time:
                from refleks.settings import updated

                self.env.save_settings(updated(self.env.settings, welcomed=True))

        self.push_screen(WelcomeScreen(self.session), done)

    def action_checkin(self, focus_value: str | None = None) -> None:
        """Start (or resume) a check-in; ``focus_value`` comes chosen from the library."""
        from refleks.tui.screens.checkin import CheckinScreen

        self.push_screen(CheckinScreen(self.session, focus_value=focus_value))

    def action_moment(self) -> None:
        """Note a moment (``tui/screens/moment.py``); home shows it when it returns."""
        from refleks.tui.screens.moment import MomentScreen

        def saved(moment: object) -> None:
            if moment is not None:
                self.notify(self.env.t("moment_view.saved"))

        self.push_screen(MomentScreen(self.session), saved)

    def action_team(self) -> None:
        """The team's start screen, from home: a facilitated session on the shared
        screen starts there, and every session ends there (``screens/team/start.py``)."""
        from refleks.tui.screens.team import TeamStartScreen

        if not self.presenting:
            self.push_screen(TeamStartScreen(self.session))

    def action_library(self) -> None:
        from refleks.tui.screens.library import LibraryScreen

        self.push_screen(LibraryScreen(self.session))

    def action_journal(self) -> None:
        from refleks.tui.screens.journal import JournalScreen

        self.push_screen(JournalScreen(self.session))

    def action_overtime(self) -> None:
        from refleks.tui.screens.overtime import OverTimeScreen

        self.push_screen(OverTimeScreen(self.session))

    def action_settings(self) -> None:
        from refleks.tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.session))

    def action_help(self) -> None:
        from refleks.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.session))

    def action_relabel(self) -> None:
        """After a language switch: new key texts; home rebuilds itself when it resumes."""
        translate_bindings(self, self.env.t)
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A widget's own keys (a Select's open list) speak the chosen language too;
        the terminal's cursor shows when it is a place to type."""
        translate_bindings(event.widget, self.env.t)
        self.show_typing_cursor()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self.show_typing_cursor()

    def show_typing_cursor(self) -> None:
        """The terminal's own cursor, shown where text is typed, hidden elsewhere.

        Textual already moves the terminal's cursor to a text field's typing position
        after every frame (``App.cursor_position``, which ``TextArea`` and ``Input``
        keep up to date), but its driver hides it for the whole run (``ESC[?25l``): a
        screen magnifier, an input method or a screen reader that follows the cursor
        lost it. It is shown while a field to type in has the focus (the field's own
        drawn cursor stays, at the same cell) and hidden again elsewhere, where it
        would stand at a stale place. After the editor or ctrl+z the driver hides it
        again, so this runs on resuming too."""
        from textual.app import ScreenStackError
        from textual.widgets import Input, TextArea

        try:
            focused = self.focused
        except ScreenStackError:  # the last screen is gone as the app closes: a blur
            return  # then has nothing to look at (it failed a test now and then)
        typing = isinstance(focused, Input) or (isinstance(focused, TextArea)
                                                and not focused.read_only)
        if typing == self.typing_cursor_shown:
            return
        self.typing_cursor_shown = typing
        if self._driver is not None and not self.is_headless:
            self._driver.write("\x1b[?25h" if typing else "\x1b[?25l")
            self._driver.flush()

    # -- Textual's own palettes, with our words ----------------------------------------

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from refleks.tui.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            palette = Palette(id="--command-palette", placeholder=self.env.t("palette.search"),
                              no_matches=self.env.t("palette.no_matches"))
            translate_bindings(palette, self.env.t)
            self.push_screen(palette)

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        from refleks.tui.palette import Palette

        palette = Palette(providers=[ThemeProvider],
                          placeholder=self.env.t("palette.search_themes"),
                          no_matches=self.env.t("palette.no_matches"))
        translate_bindings(palette, self.env.t)
        self.push_screen(palette)

    def action_help_quit(self) -> None:
        """ctrl+c, which does not quit (in a text field it copies): Textual's reminder of
        the key that does, in the reader's language rather than in English."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                t = self.env.t
                self.notify(t("palette.quit_hint", key=key),
                            title=t("palette.quit_title"), markup=False)
                return

    def on_resize(self, event: events.Resize) -> None:
        self.check_size(event.size)

    def check_size(self, size: Size) -> None:
        """A friendly word instead of a broken layout, and away again when it fits."""
        from refleks.tui.screens.too_small import TooSmallScreen

        self.set_class(size.width < NARROW, "-narrow")  # app.tcss: a footer that fits
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = [s for s in self.screen_stack if isinstance(s, TooSmallScreen)]
        if small and not showing:
            self.push_screen(TooSmallScreen(self.session))
        elif not small and showing and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette offers the main actions, in the chosen language."""
        t = self.env.t
        if not self.presenting:  # on the shared screen, nothing personal from here either
            yield SystemCommand(t("palette.checkin"), t("palette.checkin_help"),
                                self.action_checkin)
            yield SystemCommand(t("moment_view.palette"), t("moment_view.palette_help"),
                                self.action_moment)
            yield SystemCommand(t("palette.journal"), t("palette.journal_help"),
                                self.action_journal)
            yield SystemCommand(t("team.palette"), t("team.palette_help"), self.action_team)
            yield SystemCommand(t("palette.overtime"), t("palette.overtime_help"),
                                self.action_overtime)
            yield SystemCommand(t("palette.library"), t("palette.library_help"),
                                self.action_library)
            yield SystemCommand(t("palette.settings"), t("palette.settings_help"),
                                self.action_settings)
        yield SystemCommand(t("palette.help"), t("palette.help_help"), self.action_help)
        yield SystemCommand(t("palette.welcome"), t("palette.welcome_help"), self.action_welcome)
        yield SystemCommand(t("palette.theme"), t("palette.theme_help"), self.action_change_theme)
        yield SystemCommand(t("lock.palette"), t("lock.palette_help"), self.action_lock)
        yield SystemCommand(t("palette.quit"), t("palette.quit_help"), self.action_quit)


def _palette_provider() -> Any:
    from refleks.tui.palette import provider

    return provider()


def make_app(session: Session) -> RefleksApp:
    """The one factory used by the CLI, the tests and the snapshot app."""
    return RefleksApp(session)


def open_session(env: Environment, start: str | None = None) -> Session:
    """A session on what the command line resolved; a journal problem stops here,
    before the screen opens. ``start="team"`` (refleks team) leaves an encrypted
    journal closed: the team's shared screen never reads it."""
    env.resolve_for_app(personal=start != "team")
    return Session(env)


def run(env: Environment, start: str | None = None) -> int:
    """Run the app; the exit code is 1 when it crashed, whatever happened after.

    Textual catches an exception in a screen, shows the traceback after leaving the
    terminal and sets ``return_code`` to 1, but ``run`` itself returns normally (with
    the app's return value, ``None`` here), and a later ``exit()`` sets
    ``return_code`` back to 0. The first unhandled exception stays in ``_exception``
    (Textual keeps it to re-raise in tests), so that is asked first.
    """
    session = open_session(env, start)
    try:
        app = make_app(session)
        app.start = start
        app.own_process = True
        app.run()
    finally:
        env.close()
    if getattr(app, "_exception", None) is not None:
        return 1
    return app.return_code or 0
