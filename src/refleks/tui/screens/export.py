"""Export from the app: choose format, (for the team) which parts, and where the file goes.

The dialog only gathers the choice and returns it with ``dismiss``; the journal
screen writes the file, so the dialog knows nothing about the journal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from refleks.content.ui import Strings
from refleks.files import first_free_path
from refleks.journal.formats import DEFAULT, FORMATS, named
from refleks.journal.sharing import DEFAULT_PARTS, PARTS
from refleks.tui.screens.base import Dialog
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.toggles import Checkbox, ChoosingRadioSet, RadioButton


def synced_folder(typed: str) -> str | None:
    """The cloud service that syncs the folder of the path typed, if one does."""
    from refleks.synced import synced_by

    if not typed.strip():
        return None
    try:
        return synced_by(Path(typed.strip()).expanduser().parent.resolve())
    except (OSError, RuntimeError, ValueError):  # a loop of links, a NUL typed
        return None


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    format: str  # the name of one of ``journal.formats.FORMATS``
    parts: frozenset[str] | None  # None: everything; otherwise a team export


def suggested_path(folder: Path, today: date, name: str, fmt: str, team: str) -> Path:
    """``~/Documents/refleks-alle-2026-11-30.md``; never one that exists already.

    ``name`` says what is exported and ``team`` marks a team export ("" for none),
    both in the reader's language.
    """
    suffix = named(fmt).suffix
    stem = f"refleks-{name}-{today.isoformat()}" + (f"-{team}" if team else "")
    return first_free_path(folder, stem, suffix)


class ExportScreen(Dialog[ExportRequest | None]):
    VERTICAL_BREAKPOINTS = [(0, "-short"), (22, "-tall")]  # -short: one-line buttons

    def __init__(self, t: Strings, folder: Path, day: date, what: str, count: int) -> None:
        """``day`` dates the suggested file: today, or the day of the one check-in."""
        super().__init__(t, cancelled=None)
        self.folder = folder
        self.today = day
        self.what = what  # all | selection | one | moments
        self.count = count
        self.suggested = ""  # the path the dialog offers; set when composed

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog", classes="wide"):
            title = "moment_view.export_title" if self.what == "moments" else "export_view.title"
            yield Static(t.count(title, self.count), classes="screen-title")
            with VerticalScroll(id="export-options"):
                with ChoosingRadioSet(id="export-format"):
                    for export_format in FORMATS:
                        yield RadioButton(export_format.label(t, self.what),
                                          value=export_format is DEFAULT,
                                          name=export_format.name)
                yield Checkbox(t("export_view.team"), id="team")
                with Vertical(id="team-parts"):
                    yield Static(t("export_view.team_hint"), classes="hint")
                    half = (len(PARTS) + 1) // 2
                    with Horizontal(id="team-columns"):
                        for column in (PARTS[:half], PARTS[half:]):
                            with Vertical(classes="part-column"):
                                for part in column:
                                    yield Checkbox(t(f"export_view.part_{part}"),
                                                   part in DEFAULT_PARTS, name=part,
                                                   classes="part")
            yield Static(t("export_view.path"), classes="muted")
            self.suggested = str(self.suggest())
            yield Input(self.suggested, id="export-path")
            # Said before anything is written: the file is plaintext, and where a cloud
            # client syncs the folder, that it goes to the cloud.
            yield Static(self.where_it_goes(self.suggested), id="export-note", classes="hint")
            yield Static("", id="export-message", classes="message")
            with Horizontal(classes="buttons"):
                yield Button(t("export_view.export"), id="export", variant="primary")
                yield Button(t("export_view.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#team-parts").display = False
        # The team parts are parts of a check-in; a moment is one piece of text.
        self.query_one("#team", Checkbox).display = self.what != "moments"
        self.query_one("#export-format", ChoosingRadioSet).focus()
        self.call_after_refresh(self.fit_height)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_height)

    def fit_height(self) -> None:
        """The choices in the middle scroll in what the screen has left after the title,
        the path, its note, the message and the buttons, so the buttons stay whole below
        them: at 80×24 with the team's parts shown, only their top edges showed and
        Export could take the focus unseen. Measured, as the note and the message wrap."""
        from textual.widgets import Footer

        dialog = self.query_one("#dialog")
        options = self.query_one("#export-options")
        others = sum(child.outer_size.height for child in dialog.children
                     if child is not options and child.display)
        footer = sum(f.outer_size.height for f in self.query(Footer))
        room = max(3, self.size.height - footer - dialog.styles.gutter.height - others)
        if options.styles.max_height is None or options.styles.max_height.value != room:
            options.styles.max_height = room

    def say(self, message: str | Content) -> None:
        """The reason the file is not written yet, above the buttons; the middle makes
        room for it."""
        self.query_one("#export-message", Static).update(message)
        self.call_after_refresh(self.fit_height)

    def fmt(self) -> str:
        pressed = self.query_one("#export-format", ChoosingRadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else DEFAULT.name

    def readable(self) -> bool:
        """Markdown or the HTML pack can be for the team; JSON is the whole record."""
        return named(self.fmt()).readable

    def team(self) -> bool:
        return self.query_one("#team", Checkbox).value and self.readable()

    def suggest(self, folder: Path | None = None) -> Path:
        fmt = self.fmt() if self.is_mounted else DEFAULT.name
        team = self.team() if self.is_mounted else False
        return suggested_path(folder or self.folder, self.today,
                              self.t(f"export_view.name_{self.what}"), fmt,
                              self.t("export_view.name_team") if team else "")

    @on(ChoosingRadioSet.Changed)
    @on(Checkbox.Changed, "#team")
    def choice_changed(self) -> None:
        self.query_one("#team", Checkbox).disabled = not self.readable()
        self.query_one("#team-parts").display = self.team()
        path_input = self.query_one("#export-path", Input)
        current = Path(path_input.value).expanduser()
        if current.name.startswith("refleks-"):  # still our suggestion: follow the choice
            self.suggested = path_input.value = str(self.suggest(current.parent))

    def where_it_goes(self, typed: str) -> Content:
        """"Not encrypted", and "synced with OneDrive" when the typed path's folder is."""
        words = [self.t("export_view.plaintext")]
        service = synced_folder(typed)
        if service is not None:
            words.append(self.t("export_view.synced_note", service=service))
        return Content(" ".join(words))

    @on(Input.Changed, "#export-path")
    def path_changed(self, event: Input.Changed) -> None:
        self.query_one("#export-note", Static).update(self.where_it_goes(event.value))
        self.call_after_refresh(self.fit_height)  # a synced folder's note is longer

    @on(Button.Pressed, "#export")
    @on(Input.Submitted, "#export-path")
    def export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.say(self.t("export_view.no_path"))
            return
        path = Path(raw).expanduser()
        if not path.parent.is_dir():
            self.say(Content(self.t("export_view.no_folder", folder=path.parent)))
            return
        if path.is_dir():
            self.say(Content(self.t("export_view.is_folder", path=path)))
            return
        parts = None
        if self.team():
            parts = frozenset(c.name for c in self.query(".part").results(Checkbox)
                              if c.value and c.name)
            if not parts:
                self.say(self.t("export_view.no_parts"))
                return
        request = ExportRequest(path, self.fmt(), parts)
        service = synced_folder(raw)
        if service is None:
            self.dismiss(request)
            return

        def answered(go_on: bool | None) -> None:
            if go_on:
                self.dismiss(request)
            else:  # another folder: back to the path, as it was typed
                self.query_one("#export-path", Input).focus()

        from refleks.tui.screens.confirm import ConfirmScreen

        t = self.t
        self.app.push_screen(ConfirmScreen(
            t, t("export_view.synced", folder=path.parent.resolve(), service=service),
            t("export_view.synced_yes"), t("export_view.synced_no"), careful=True), answered)

    def changed(self) -> bool:
        """The person chose something other than what the dialog offered."""
        return (self.query_one("#export-path", Input).value != self.suggested
                or self.fmt() != "markdown" or self.query_one("#team", Checkbox).value)

    def action_cancel(self) -> None:
        """Esc or Cancel: the offer as it was closes at once; choices made are asked about."""
        if not self.changed():
            self.dismiss(None)
            return
        from refleks.tui.screens.discard import ask_before_discarding

        ask_before_discarding(self, self.t, "export", lambda: self.dismiss(None))

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()
