"""Step 7: everything on one page, a last note, and finish.

The page is longer than a terminal: it opens at its top with the keys reading it (arrows,
PageDown), and the first letter typed goes to the free notes at its foot, brought into
view, so what is typed is never written out of sight.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Static

from refleks.checkin import CheckinFlow
from refleks.tui.screens.checkin.step import CheckinContext
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.editor import AnswerEditor
from refleks.tui.widgets.plain_markdown import PlainMarkdown
from refleks.tui.widgets.section import Section


class SummaryStep(StepView[CheckinFlow]):
    class Finish(Message):
        """The practitioner asked to save and complete the check-in."""

    def __init__(self, context: CheckinContext) -> None:
        super().__init__(context)
        self.lang = context.lang

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.summary.title"), classes="step-title")
        yield Static(t("checkin.summary.intro"), classes="hint")
        with Section(classes="step-scroll", id="summary-scroll") as page:
            page.can_focus = True  # read with the keys; typing goes on to the notes
            yield PlainMarkdown(self.markdown(), id="summary")
            yield Static(t("checkin.summary.notes"), classes="section-title")
            yield AnswerEditor(self.flow.checkin.notes, key="notes", id="notes",
                               placeholder=t("checkin.summary.notes_placeholder"))
            problem = self.flow.can_complete()
            if problem is not None:
                yield Static(t(f"checkin.focus.{problem.value}"), classes="message")
            yield Button(t("checkin.summary.save"), id="finish", variant="primary",
                         disabled=problem is not None)

    def markdown(self) -> str:
        from refleks.journal.markdown import render_markdown

        return "".join(render_markdown([self.flow.checkin], self.t, self.lang, title=False))

    def focus_first(self) -> None:
        """The page first, at its top, to be read; typing goes on to the notes."""
        self.query_one("#summary-scroll", Section).focus()

    def focus_notes(self) -> None:
        notes = self.query_one("#notes", AnswerEditor)
        self.screen.set_focus(notes)  # at once: the keys behind this one go there too
        notes.scroll_visible(animate=False)

    def on_key(self, event: events.Key) -> None:
        """A letter typed while reading: into the notes, which come into view. (The
        notes take their own keys; a letter here was typed elsewhere on the page.)"""
        if event.is_printable and event.character and (
                event.key not in self.screen.active_bindings):  # "?" is help, as the footer says
            self.focus_notes()
            self.query_one("#notes", AnswerEditor).insert(event.character)
            event.stop()
            event.prevent_default()

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        self.flow.set_notes(event.text)
        self.changed()

    @on(Button.Pressed, "#finish")
    def finish(self) -> None:
        self.post_message(self.Finish())
