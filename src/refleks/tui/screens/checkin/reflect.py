"""Step 3: the area's questions, one at a time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from refleks.checkin import CheckinFlow, Prompt
from refleks.content.credit import credit
from refleks.tui.screens.checkin.step import CheckinContext
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.editor import AnswerEditor


class ReflectStep(StepView[CheckinFlow]):
    """One question at a time; the screen moves ``position`` through the questions."""

    def __init__(self, context: CheckinContext) -> None:
        super().__init__(context)
        self.position = context.position

    @property
    def prompt(self) -> Prompt:
        return self.flow.prompts()[self.position]

    def compose(self) -> ComposeResult:
        t = self.t
        prompts = self.flow.prompts()
        questions = [p for p in prompts if p.kind == "reflect"]
        prompt = self.prompt
        area = self.flow.area
        assert area is not None
        yield Static(Content(area.title), classes="step-title")
        if prompt.kind == "reflect":
            counter = t("checkin.reflect.counter", number=self.position + 1, total=len(questions))
        elif prompt.kind == "prompt":
            counter = t("checkin.reflect.extra_prompt", group=prompt.group)
        else:
            counter = t(f"checkin.reflect.extra_{prompt.kind}")
        yield Static(counter, classes="muted counter")
        if prompt.kind == "dilemma":
            yield Static(Content.styled(prompt.hint, "bold"), classes="question")
            yield Static(Content(prompt.text), classes="body-text")
            if prompt.follow_up:
                yield Static(Content(self.credits(prompt)), classes="muted source")
                yield Static(Content.styled(prompt.follow_up, "bold"), classes="question")
                credit_line = credit(self.flow.content, t, prompt.follow_up_source)
                yield Static(Content(credit_line), classes="muted source")
        else:
            if prompt.kind in ("example", "prompt") and prompt.hint:
                yield Static(Content(prompt.hint), classes="hint")
            yield Static(Content.styled(prompt.text, "bold"), classes="question")
            if prompt.kind == "reflect" and prompt.hint:
                yield Static(Content(prompt.hint), classes="hint")
        if not prompt.follow_up:
            yield Static(Content(self.credits(prompt)), classes="muted source")
        yield AnswerEditor(self.flow.answer(prompt.id), key=prompt.id, id="answer",
                           placeholder=t("checkin.reflect.placeholder"))
        extras = len(prompts) - len(questions)
        if prompt.kind == "reflect" and self.position == len(questions) - 1 and extras:
            yield Static(t.count("checkin.reflect.extras_offer", extras), classes="hint")

    def credits(self, prompt: Prompt) -> str:
        """Who wrote what this page shows: the text's author, and the hint's when another."""
        content, t = self.flow.content, self.t
        said = credit(content, t, prompt.source, prompt.adapted_from)
        hint_by = credit(content, t, prompt.hint_source) if prompt.hint_source else said
        return said if not prompt.hint or hint_by == said else f"{said} · {hint_by}"

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        self.flow.set_answer(self.prompt, event.text)
        self.changed()
