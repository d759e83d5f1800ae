"""Step 2 (when there are any): the moments noted since the last check-in.

Each moment is shown as it was written; "take this one further" opens three
questions after Driscoll — What happened? · What did it mean, which value was at
stake? · What now? — each optional. What is written is stored in the check-in with
the moment's text as shown, like every answer; a tick with nothing written yet is kept
in the draft too. Moments not taken further stay in the journal untouched. Unticking
only hides the questions: what was written stays.
"""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from refleks.checkin import MOMENT_PARTS, CheckinFlow
from refleks.dates import format_datetime
from refleks.journal.moments import Moment
from refleks.journal.moments_text import tags_line
from refleks.safe_text import visible
from refleks.tui.screens.steps.view import StepContext, StepView
from refleks.tui.widgets.editor import AnswerEditor
from refleks.tui.widgets.section import Section
from refleks.tui.widgets.toggles import Checkbox


class MomentsStep(StepView[CheckinFlow]):
    DEFAULT_CSS = """
    MomentsStep .moment-when { color: $text-muted; margin-top: 1; }
    MomentsStep .moment-text { padding-left: 2; }
    MomentsStep .moment-parts { height: auto; padding-left: 2; }
    MomentsStep .moment-parts AnswerEditor { height: 5; min-height: 5; }
    """

    def __init__(self, context: StepContext[CheckinFlow]) -> None:
        super().__init__(context)
        self.by_uid = {m.uid: m for m in self.flow.moments}

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("moments.step.title"), classes="step-title")
        yield Static(t("moments.step.intro"), classes="hint")
        with Section(classes="step-scroll"):
            for index, moment in enumerate(self.flow.moments):
                when = format_datetime(moment.created_at, t)
                tags = tags_line(moment, t, self.flow.content)
                yield Static(escape(when + (f" · {tags}" if tags else "")),
                             classes="moment-when")
                yield Static(escape(visible(moment.text)), classes="moment-text")
                taken = self.flow.is_taken_further(moment)
                yield Checkbox(t("moments.step.take"), taken, id=f"take-{index}",
                               name=moment.uid)
                with Vertical(id=f"parts-{index}", classes="moment-parts") as parts:
                    parts.display = taken
                    for part in MOMENT_PARTS:
                        yield Static(t(f"moments.step.{part}"), classes="moment-question")
                        editor = AnswerEditor(self.flow.moment_answer(moment, part),
                                              key=f"{moment.uid} {part}",
                                              id=f"moment-{index}-{part}")
                        # the moment stays in view beside the field being written (the
                        # text above scrolls away at 80×24), as the follow-up's value does
                        editor.border_title = Content(" ".join(visible(moment.text).split()))
                        yield editor

    def question_text(self, moment: Moment, part: str) -> str:
        return self.t("moments.step.question", question=self.t(f"moments.step.{part}"),
                      moment=" ".join(moment.text.split()))

    @on(Checkbox.Changed)
    def take_changed(self, event: Checkbox.Changed) -> None:
        if not event.checkbox.id or not event.checkbox.id.startswith("take-"):
            return
        index = event.checkbox.id.removeprefix("take-")
        moment = self.by_uid.get(event.checkbox.name or "")
        if moment is not None:  # kept in the draft, so a tick alone survives a kill
            self.flow.take_further(moment, event.value)
            self.changed()
        parts = self.query_one(f"#parts-{index}", Vertical)
        parts.display = event.value
        if event.value:
            self.query_one(f"#moment-{index}-what", AnswerEditor).focus()

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        uid, _, part = event.key.partition(" ")
        moment = self.by_uid.get(uid)
        if moment is not None:
            self.flow.set_moment_answer(moment, part, event.text,
                                        self.question_text(moment, part))
            self.changed()
