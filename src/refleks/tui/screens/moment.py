"""Noting a moment from the app (``m`` on home, or the command palette).

Built for the five minutes after a hard conversation: the cursor waits in the text,
a line or a few is enough, and ``ctrl+s`` saves at once. Values can be ticked the way
the focus step ticks them (type to filter, Enter ticks) and one CHIME element chosen,
both optional. Before saving, the confidentiality guard looks at the text; nothing
else is asked.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, OptionList, Select, Static, TextArea

from refleks.journal.moments import Moment, MomentValue
from refleks.tui.screens.base import Dialog
from refleks.tui.screens.guard import confirm_text, session_guard
from refleks.tui.session import Session
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.editor import BoundedTextArea
from refleks.tui.widgets.marked_list import MarkedOptionList, MarkedSelect
from refleks.tui.widgets.value_options import fill_value_options, type_into_filter

LOW = 22  # rows: below this the dialog drops its hint and shortens the text box


class MomentScreen(Dialog[Moment | None]):
    """Returns the saved moment, or None when nothing was saved."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.cancel"),
        Binding("ctrl+s", "save", "keys.finish", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session.env.t, cancelled=None)
        self.session = session
        self.env, self.ui = session.env, session.ui
        self.chosen: list[str] = []  # value ids, in the order ticked
        self.retyping = False

    def compose(self) -> ComposeResult:
        t = self.t
        content = self.env.content
        with Vertical(id="dialog", classes="wide moment"):
            yield Static(t("moment_view.title"), classes="screen-title")
            yield Static(t("moment_view.hint"), classes="hint", id="moment-hint")
            yield BoundedTextArea(id="moment-text", soft_wrap=True, tab_behavior="focus",
                           placeholder=t("moment_view.placeholder"))
            yield Input(placeholder=t("moment_view.filter"), id="moment-filter",
                        select_on_focus=False)
            yield MarkedOptionList(id="moment-values", steered_by="moment-filter")
            # CHIME beside the buttons: Tab goes text → filter → values → CHIME → Save,
            # in the order the eye reads them.
            with Horizontal(classes="buttons", id="moment-bottom"):
                yield MarkedSelect([(Content(e.name), e.id) for e in content.chime],
                                   id="moment-chime", prompt=t("moment_view.chime"),
                                   allow_blank=True)
                yield Button(t("moment_view.save"), id="save", variant="primary")
                yield Button(t("export_view.cancel"), id="cancel")
        yield Footer()  # this dialog's keys (ctrl+s, Esc), not those of the screen below

    def on_mount(self) -> None:
        self.fill_values("")
        self.fit_height()
        self.query_one("#moment-text", TextArea).focus()

    def on_resize(self) -> None:
        self.fit_height()

    def fit_height(self) -> None:
        """Everything in view down to the buttons, at 80×24 and at 60×18: on a low
        terminal the hint gives way, and the list of values takes what is left (it
        scrolls)."""
        low = self.app.size.height < LOW
        self.query_one("#moment-hint").display = not low
        # -low: the filter and the values without their frames (modal.tcss), four rows
        # that go to values (at 60×18 the list showed one value, a line of it cut)
        self.set_class(low, "-low")
        rows = self.app.size.height - 1  # above this dialog's footer
        # frame, title, hint, text, filter, buttons
        fixed = 2 + 1 + (0 if low else 3) + 5 + (1 if low else 3) + 3
        self.query_one("#moment-values").styles.height = max(3, min(10, rows - fixed))

    def fill_values(self, text: str) -> None:
        """Values, ticked ones marked; the filter matches name, meaning and id."""
        fill_value_options(self.query_one("#moment-values", OptionList), self.env.content,
                           text, lambda value_id: value_id in self.chosen, grouped=False,
                           nothing=self.t("app.nothing_matches", text=text.strip()))

    def on_key(self, event: events.Key) -> None:
        """Typing in the list goes on filtering, as in the focus step."""
        if type_into_filter(event, self.query_one("#moment-values", OptionList),
                            self.query_one("#moment-filter", Input), new_word=not self.retyping):
            self.retyping = True

    @on(Input.Changed, "#moment-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.fill_values(event.value)

    @on(Input.Submitted, "#moment-filter")
    def filter_submitted(self) -> None:
        """Enter ticks (or unticks) what the filter left highlighted (as the hint says),
        and the filter empties for the next; with nothing typed it goes to the list. A
        word that matches nothing keeps the cursor, to mend it (the list says so)."""
        box = self.query_one("#moment-filter", Input)
        picker = self.query_one("#moment-values", OptionList)
        option = picker.highlighted_option
        if not box.value.strip():
            picker.focus()
        elif option is not None and option.id:
            self.tick(option.id)
            box.value = ""
        else:
            self.app.bell()

    @on(OptionList.OptionSelected, "#moment-values")
    def ticked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.tick(event.option.id)

    def tick(self, value_id: str) -> None:
        self.retyping = False
        if value_id in self.chosen:
            self.chosen.remove(value_id)
        else:
            self.chosen.append(value_id)
        self.fill_values(self.query_one("#moment-filter", Input).value)

    def unsaved_kind(self) -> str | None:
        fields = self.query("#moment-text").results(TextArea)  # none yet while composed
        return "moment" if any(field.text.strip() for field in fields) else None

    def action_cancel(self) -> None:
        """Esc or Cancel: an empty moment closes at once; a written one is asked about
        (this is the screen for the minutes after a hard conversation)."""
        if self.unsaved_kind() is None:
            self.dismiss(None)
            return
        from refleks.tui.screens.discard import ask_before_discarding

        ask_before_discarding(self, self.t, "moment", lambda: self.dismiss(None))

    @on(Button.Pressed, "#cancel")
    def cancel_pressed(self) -> None:
        self.action_cancel()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#moment-text", TextArea).text.strip()
        if not text:
            self.notify(self.t("moment_view.empty"), severity="warning")
            self.query_one("#moment-text", TextArea).focus()
            return
        confirm_text(self, session_guard(self.session), self.t, text,
                     lambda: self.save(text), self.query_one("#moment-text", TextArea))

    def save(self, text: str) -> None:
        from refleks.errors import RefleksError
        from refleks.tui.i18n import error_text

        env = self.env
        content = env.content
        values = [MomentValue(v.id, v.name) for v in
                  (content.value(i) for i in self.chosen) if v is not None]
        chime = self.query_one("#moment-chime", Select).value
        element = content.chime_element(chime) if isinstance(chime, str) else None
        moment = Moment(text=text, lang=env.lang, created_at=self.ui.current_time(),
                        values=values, chime_id=element.id if element else None,
                        chime_name=element.name if element else "")
        try:
            env.journal.moments.add(moment)
        except RefleksError as exc:
            self.notify(error_text(exc, self.t), severity="error", timeout=10)
            return
        self.dismiss(moment)
