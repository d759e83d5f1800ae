"""Read: the theme's text in a presentation layout, readable from across a room.

A terminal cannot make the letters bigger, so the layout does what it can: one
column of comfortable width in the middle, wide margins on a big screen, the title in
bold, plain high-contrast text and air between the parts. The text is the content's,
shown as written (never as markup).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from refleks.content.credit import credit, title_credit
from refleks.team.flow import TeamFlow
from refleks.tui.screens.steps.view import StepView


class ReadScroll(VerticalScroll):
    """The text scrolls with the arrow keys and Page Up/Down when it is long."""


class ReadStep(StepView[TeamFlow]):
    def compose(self) -> ComposeResult:
        t, theme = self.t, self.flow.theme
        assert theme is not None
        with ReadScroll(classes="read-scroll"), Vertical(classes="stage"):
            yield Static(t(f"team.kinds.{theme.kind}"), classes="stage-kind", markup=False)
            yield Static(theme.title, classes="stage-title", markup=False)
            said = credit(self.flow.content, t, theme.source, theme.adapted_from)
            title_source = theme.title_source or theme.source
            if credit(self.flow.content, t, title_source) != said:
                yield Static(title_credit(self.flow.content, t, title_source),
                             classes="stage-source", markup=False)
            for paragraph in [p for p in theme.text.split("\n\n") if p.strip()]:
                yield Static(" ".join(paragraph.split()), classes="stage-text", markup=False)
            if theme.points:
                key = "team.read.method_points" if theme.kind == "method" else "team.read.points"
                yield Static(t(key), classes="stage-heading")
                for point in theme.points:
                    yield Static(f"• {point}", classes="stage-point", markup=False)
            if theme.kind in ("area", "dialogue") and theme.questions:
                yield Static(t("team.read.questions"), classes="stage-heading")
                credits = theme.question_credits or ((theme.source, theme.adapted_from),)
                for n, question in enumerate(theme.questions):
                    source, adapted = credits[min(n, len(credits) - 1)]
                    by = credit(self.flow.content, t, source, adapted)
                    yield Static(f"• {question}" + ("" if by == said else f" ({by})"),
                                 classes="stage-point", markup=False)
            if theme.kind == "dilemma":  # refleks's follow-up, under its own credit
                for question, (source, adapted) in zip(theme.questions[1:],
                                                       theme.question_credits[1:],
                                                       strict=True):
                    by = credit(self.flow.content, t, source, adapted)
                    yield Static(question + ("" if by == said else f" ({by})"),
                                 classes="stage-point", markup=False)
            yield Static(said, classes="stage-source", markup=False)
        yield Static(t("team.read.hint"), classes="hint stage-hint")
