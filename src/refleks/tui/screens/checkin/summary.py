"""Step 7: everything on one page, a last note, and finish."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Button, Markdown, Static

from refleks.checkin import CheckinFlow
from refleks.content.ui import Strings
from refleks.tui.screens.checkin.step import Section, StepView
from refleks.tui.widgets.editor import AnswerEditor


class SummaryStep(StepView):
    class Finish(Message):
        """The practitioner asked to save and complete the check-in."""

    def __init__(self, flow: CheckinFlow, t: Strings, lang: str) -> None:
        super().__init__(flow, t)
        self.lang = lang

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.summary.title"), classes="step-title")
        with Section(classes="step-scroll", id="summary-scroll"):
            yield Markdown(self.markdown(), id="summary")
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
        """Straight into the notes: whatever is typed here is kept; ctrl+s saves."""
        self.query_one("#notes", AnswerEditor).focus()

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        self.flow.set_notes(event.text)
        self.changed()

    @on(Button.Pressed, "#finish")
    def finish(self) -> None:
        self.post_message(self.Finish())
