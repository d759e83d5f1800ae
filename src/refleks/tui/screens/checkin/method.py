"""Step 6: a method to try, if any."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from refleks.checkin import CheckinFlow
from refleks.content.credit import credit
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.marked_list import MarkedOptionList


class MethodStep(StepView[CheckinFlow]):
    NONE = "none"

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.method.title"), classes="step-title")
        yield Static(t("checkin.method.intro"), classes="hint")
        options = [Option(t("checkin.method.none"), id=self.NONE)]
        for method in self.flow.content.methods:
            mark = "✓ " if method.id == self.flow.checkin.method_id else ""
            options.append(Option(Content(f"{mark}{method.number}. {method.title}"),
                                  id=method.id))
        yield MarkedOptionList(*options, id="method-list")
        with VerticalScroll(id="method-preview", classes="step-scroll"):
            yield Static(id="method-about", classes="body-text")

    def on_mount(self) -> None:
        ids = [self.NONE, *(m.id for m in self.flow.content.methods)]
        chosen = self.flow.checkin.method_id or self.NONE
        self.query_one("#method-list", OptionList).highlighted = ids.index(chosen)
        self.show(chosen)

    def show(self, method_id: str) -> None:
        about = self.query_one("#method-about", Static)
        method = self.flow.content.method(method_id)
        if method is None:
            about.update(self.t("checkin.method.none_about"))
            return
        points = Content("\n").join(
            Content.assemble("• ", (p.title, "bold"), f": {p.text}") for p in method.points)
        content, t = self.flow.content, self.t
        prompt_by = credit(content, t, method.prompt_by)
        method_by = credit(content, t, method.source)
        about.update(Content.assemble((method.prompt, "bold"), "\n", (prompt_by, "dim"),
                                      f"\n\n{method.summary}\n\n", points, "\n",
                                      (method_by, "dim")))

    def commit(self) -> None:
        """ctrl+n takes the highlighted method, the one whose text is shown below the list
        ("No method this week" at the top when none)."""
        option = self.query_one("#method-list", OptionList).highlighted_option
        if option is not None and option.id:
            chosen = None if option.id == self.NONE else option.id
            if chosen != self.flow.checkin.method_id:
                self.flow.choose_method(chosen)
                self.changed()

    @on(OptionList.OptionHighlighted, "#method-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show(event.option.id)

    @on(OptionList.OptionSelected, "#method-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        chosen = None if event.option.id == self.NONE else event.option.id
        self.flow.choose_method(chosen)
        self.changed()
        self.post_message(self.Advance())
