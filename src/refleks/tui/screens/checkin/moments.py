"""Step 2 (when there are any): the moments noted since the last check-in.

Each moment is shown as it was written, in one list that draws only what is in view
(``widgets.moment_list``: a thousand moments open as quickly as three); space or Enter
on one ("come back to this one") opens three questions after Driscoll under the list —
What happened? · What did it mean, which value was at stake? · What now? — each
optional. The three editors are mounted once and show the moment under the cursor when
it is ticked. What is written is stored in the check-in with the moment's text as
shown, like every answer; a tick with nothing written yet is kept in the draft too.
Moments not taken further stay in the journal untouched. Unticking only hides the
questions: what was written stays.
"""

from __future__ import annotations

from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from refleks.checkin import MOMENT_PARTS, CheckinFlow
from refleks.dates import format_date
from refleks.journal.moments import Moment
from refleks.journal.moments_text import tags_line
from refleks.safe_text import visible
from refleks.tui.screens.steps.view import StepContext, StepView
from refleks.tui.widgets.editor import AnswerEditor
from refleks.tui.widgets.moment_list import MomentList, Shown


class MomentsStep(StepView[CheckinFlow]):
    FOCUS_FIRST = "MomentList"

    def __init__(self, context: StepContext[CheckinFlow]) -> None:
        super().__init__(context)
        self.moments = self.flow.moments
        self.shown: Moment | None = None  # whose answers the editors hold

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("moments.step.title"), classes="step-title")
        yield Static(t("moments.step.intro"), classes="hint")
        days: dict[date, str] = {}
        yield MomentList([self._shown(m, days) for m in self.moments],
                         lambda index: self.flow.is_taken_further(self.moments[index]),
                         t("moments.step.take"), id="moment-list")
        # While writing, the moment once above the fields (it stays when the short list
        # scrolls), and each field's frame names its question: a label above a field
        # scrolled away at 60×18 once the cursor was in it, and three frames titled
        # with the moment left no way to tell which question was being answered.
        yield Static(id="moment-shown", markup=False)
        with VerticalScroll(id="moment-parts", can_focus=False) as parts:
            parts.display = False
            for part in MOMENT_PARTS:
                editor = AnswerEditor(key=part, id=f"moment-{part}")
                editor.border_title = Content(t(f"moments.step.{part}"))
                yield editor

    def _shown(self, moment: Moment, days: dict[date, str]) -> Shown:
        """The moment's heading and text; each day's date is worded once (thousands of
        moments since the last check-in fall on a few days)."""
        day = moment.created_at.date()
        if day not in days:
            days[day] = format_date(day, self.t)
        when = self.t("dates.datetime", date=days[day], time=f"{moment.created_at:%H:%M}")
        tags = tags_line(moment, self.t, self.flow.content) if (
            moment.values or moment.chime_id) else ""
        return Shown(visible(when + (f" · {tags}" if tags else "")), visible(moment.text))

    def on_mount(self) -> None:
        self.show_parts(0)

    # -- the moment under the cursor --------------------------------------------------------

    def show_parts(self, index: int) -> None:
        """The questions under the list for the moment at ``index``, if it is ticked."""
        moment = self.moments[index] if 0 <= index < len(self.moments) else None
        taken = moment is not None and self.flow.is_taken_further(moment)
        parts = self.query_one("#moment-parts", VerticalScroll)
        parts.display = taken
        if not taken or moment is None or moment is self.shown:
            return
        self.keep_written()
        self.shown = moment
        # the moment stays in view above the field being written (the list gives way
        # to the questions), as the follow-up's value does
        self.query_one("#moment-shown", Static).update(
            Content(visible(" ".join(moment.text.split()))))
        for part in MOMENT_PARTS:
            editor = self.query_one(f"#moment-{part}", AnswerEditor)
            editor.key = f"{moment.uid} {part}"
            editor.load_text(self.flow.moment_answer(moment, part))
            editor.move_cursor(editor.document.end)

    def keep_written(self) -> None:
        """What the editors hold, into the flow now, before they show another moment
        (their last change may not have been told yet)."""
        if self.shown is None:
            return
        for part in MOMENT_PARTS:
            self.store(self.shown, part, self.query_one(f"#moment-{part}", AnswerEditor).text)

    def store(self, moment: Moment, part: str, text: str) -> None:
        if text != self.flow.moment_answer(moment, part):
            self.flow.set_moment_answer(moment, part, text, self.question_text(moment, part))
            self.changed()

    def question_text(self, moment: Moment, part: str) -> str:
        return self.t("moments.step.question", question=self.t(f"moments.step.{part}"),
                      moment=" ".join(moment.text.split()))

    def commit(self) -> None:
        self.keep_written()

    @on(MomentList.Highlighted)
    def highlighted(self, event: MomentList.Highlighted) -> None:
        self.show_parts(event.index)

    @on(MomentList.Toggled)
    def toggled(self, event: MomentList.Toggled) -> None:
        moment = self.moments[event.index]
        taken = not self.flow.is_taken_further(moment)
        self.flow.take_further(moment, taken)  # kept in the draft: a tick survives a kill
        self.changed()
        event.moment_list.refresh()
        self.show_parts(event.index)
        if taken:
            self.query_one("#moment-what", AnswerEditor).focus()

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        uid, _, part = event.key.partition(" ")
        if self.shown is not None and self.shown.uid == uid:
            self.store(self.shown, part, event.text)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Writing about a moment: the list gives way to the questions."""
        self.set_class(isinstance(event.widget, AnswerEditor), "-writing")
