"""A weekly reminder in the calendar, offered in Settings (``refleks remind`` at the shell).

A practitioner's week lives in Outlook, not at a shell prompt, so Settings writes the
same calendar file the command does: one event every week on the day and at the time
chosen, with an alarm before it. Its only text is the interface's own words; nothing of
the journal is read. The file is written where the person says (Documents by default)
and never over one that is there.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Select, Static

from refleks.content.ui import Strings
from refleks.tui.screens.base import Dialog
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.marked_list import MarkedSelect

FRIDAY = 5  # the default day, as ``refleks remind``'s
DEFAULT_TIME = "14:00"
FILE_NAME = "refleks-reminder.ics"


class ReminderScreen(Dialog[Path | None]):
    """Day, time and file; Save writes it and returns where, Esc writes nothing. Its
    styles are with the other dialogs', in ``modal.tcss``."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel"),
        Binding("ctrl+s", "save", "settings.reminder_save_key", priority=True),
    ]

    def __init__(self, t: Strings, folder: Path) -> None:
        super().__init__(t, cancelled=None)
        self.folder = folder  # where the file is suggested (the Documents folder)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog", classes="wide"):
            yield Static(t("settings.reminder_title"), classes="screen-title")
            with VerticalScroll(id="reminder-fields", can_focus=False):
                yield Static(t("settings.reminder_hint"), classes="hint")
                with Horizontal(classes="reminder-row"):
                    yield Static(t("settings.reminder_day"), classes="reminder-label")
                    yield MarkedSelect([(t(f"dates.weekday_{n}"), n) for n in range(1, 8)],
                                       value=FRIDAY, allow_blank=False, id="reminder-day")
                with Horizontal(classes="reminder-row"):
                    yield Static(t("settings.reminder_time"), classes="reminder-label")
                    yield Input(DEFAULT_TIME, id="reminder-time", max_length=5)
                yield Static(t("settings.reminder_file"), classes="reminder-label")
                yield Input(str(self.folder / FILE_NAME), id="reminder-file")
            message = Static("", id="reminder-message", classes="message")
            message.display = False
            yield message
            with Horizontal(classes="buttons"):
                yield Button(t("settings.reminder_save"), id="save", variant="primary")
                yield Button(t("export_view.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reminder-day", Select).focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        from refleks.reminder import ReminderError, calendar_bytes, parse_time, write_reminder

        t = self.t
        try:
            at = parse_time(self.query_one("#reminder-time", Input).value)
        except ReminderError:
            self.say(t("settings.reminder_bad_time"), "#reminder-time")
            return
        path = Path(self.query_one("#reminder-file", Input).value.strip()).expanduser()
        if not path.name or path.is_dir():
            self.say(t("settings.reminder_not_a_file", path=path), "#reminder-file")
            return
        if not path.parent.is_dir():
            self.say(t("journal.errors.no_folder", path=path.parent), "#reminder-file")
            return
        if path.exists():  # never over a file that is there, asked or not
            self.say(t("settings.reminder_exists", path=path), "#reminder-file")
            return
        day = self.query_one("#reminder-day", Select).value
        weekday = day if isinstance(day, int) else FRIDAY
        try:
            write_reminder(path, calendar_bytes(t("cli.remind_summary"), weekday, at),
                           overwrite=False)
        except OSError as exc:
            self.say(t("settings.reminder_failed", path=path, reason=exc.strerror or exc),
                     "#reminder-file")
            return
        self.dismiss(path)

    def say(self, text: str, about: str) -> None:
        """What keeps the file from being written, above the buttons (plain text), and
        the field ``about`` (its id) it is about in focus and in view, to be put right
        there: at 80×24 the message took rows from the fields, the path scrolled away
        to its top edge and the focus stayed on the day."""
        from textual.content import Content

        message = self.query_one("#reminder-message", Static)
        message.update(Content(text))
        message.display = True
        field = self.query_one(about, Input)
        field.focus(scroll_visible=False)
        # Once the message has its rows, the fields' scroll is shorter: scroll then.
        self.call_after_refresh(field.scroll_visible, animate=False)

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
