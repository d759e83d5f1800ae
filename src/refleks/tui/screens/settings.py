"""Settings: language, how often a check-in is due and when the app locks. Themes live in
the command palette."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Input, Static

from refleks.languages import LANGUAGES
from refleks.settings import LOCK_MINUTES_MAX, updated
from refleks.tui.screens.base import SessionScreen
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.toggles import RadioButton, RadioSet


class SettingsScreen(SessionScreen):
    CSS_PATH = "settings.tcss"
    # ctrl+s as in every other dialog that saves: at 60×18 the Save button can sit below
    # the fold, and the footer names the key that saves from any field.
    BINDINGS = [Binding("ctrl+s", "save", "keys.finish", priority=True),
                Binding("escape", "back", "keys.back_home")]

    def compose(self) -> ComposeResult:
        t = self.env.t
        yield Header(show_clock=False, icon="◇")
        with VerticalScroll(id="settings-body", can_focus=False):
            # each question beside its field, and Save above the hints: at 60×18
            # everything to change and Save are in view
            with Horizontal(classes="number-row"):
                yield Static(t("settings.language"), classes="number-label")
                with RadioSet(id="language"):
                    for language in LANGUAGES:
                        yield RadioButton(language.own_name,
                                          value=self.env.lang == language.code,
                                          name=language.code)
            with Horizontal(classes="number-row"):
                yield Static(t("settings.cadence"), classes="number-label")
                yield Input(str(self.env.settings.cadence_days), id="cadence", type="integer",
                            max_length=3)
            with Horizontal(classes="number-row"):
                yield Static(t("settings.lock"), classes="number-label")
                yield Input(str(self.env.settings.lock_minutes), id="lock-minutes",
                            type="integer", max_length=4)
            yield Static(t("settings.lock_hint"), classes="hint")
            yield Static("", id="settings-message", classes="message")
            yield Button(t("settings.save"), id="save", variant="primary")
            yield Static(t("settings.theme_hint"), classes="hint")
            yield Button(t("settings.reminder_button"), id="reminder")
            yield Static(Content(t("settings.where", journal=self.env.journal.path,
                                   config=self.env.settings_file or "-")), classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.env.t("settings.title")

    @on(Button.Pressed, "#save")
    async def action_save(self) -> None:
        t = self.env.t
        problem = self.problem()
        if problem is not None:
            self.say(problem)
            return
        raw = self.query_one("#cadence", Input).value.strip()
        lock = self.query_one("#lock-minutes", Input).value.strip()
        self.env.save_settings(updated(self.env.settings, cadence_days=int(raw),
                                       lock_minutes=int(lock)))
        lang = self.chosen_language()
        if lang != self.env.lang:
            self.env.set_language(lang)
            await self.app.run_action("app.relabel")
            return
        self.notify(t("settings.saved"))
        self.dismiss(None)

    @on(Input.Changed, "#cadence, #lock-minutes")
    def say_as_typed(self) -> None:
        """What Save would refuse, said as it is typed: Textual marks an invalid field by
        its border's colour alone, which NO_COLOR's own colours (and a screen reader) do
        not show."""
        if not self.query("#lock-minutes") or not self.query("#settings-message"):
            return  # the first field's value, set while the screen is still being built
        problem = self.problem()
        if problem is not None:
            self.say(problem)
        else:
            message = self.query_one("#settings-message", Static)
            message.update("")
            message.display = False

    def problem(self) -> str | None:
        """Why Save cannot take the numbers typed, in words, or None."""
        t = self.env.t
        raw = self.query_one("#cadence", Input).value.strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 365:
            return t("settings.cadence_invalid")
        lock = self.query_one("#lock-minutes", Input).value.strip()
        if not lock.isdigit() or not 0 <= int(lock) <= LOCK_MINUTES_MAX:
            return t("settings.lock_invalid", most=LOCK_MINUTES_MAX)
        return None

    @on(Button.Pressed, "#reminder")
    def offer_reminder(self) -> None:
        """The weekly reminder as a calendar file, as ``refleks remind`` writes it."""
        from refleks.paths import documents_dir
        from refleks.tui.screens.reminder import ReminderScreen

        def written(path: Path | None) -> None:
            if path is not None:
                self.notify(self.env.t("settings.reminder_written", path=path),
                            timeout=10, markup=False)  # a path is data, never markup

        self.app.push_screen(ReminderScreen(self.env.t, documents_dir()), written)

    def say(self, text: str) -> None:
        """A problem with what was typed, above Save. Until there is one the line takes
        no room: an empty line pushed Save below the fold at 60×18."""
        message = self.query_one("#settings-message", Static)
        message.update(text)
        message.display = True

    def chosen_language(self) -> str:
        pressed = self.query_one("#language", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else self.env.lang

    def changed(self) -> bool:
        """Something on the screen differs from what is saved."""
        raw = self.query_one("#cadence", Input).value.strip()
        lock = self.query_one("#lock-minutes", Input).value.strip()
        return (self.chosen_language() != self.env.lang
                or raw != str(self.env.settings.cadence_days)
                or lock != str(self.env.settings.lock_minutes))

    def action_back(self) -> None:
        """Esc: nothing changed leaves at once; changes are asked about, never dropped."""
        if not self.changed():
            self.dismiss(None)
            return
        from refleks.tui.screens.discard import ask_before_discarding

        ask_before_discarding(self, self.env.t, "settings", lambda: self.dismiss(None))
