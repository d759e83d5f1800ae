"""Step 5: two or three values to work on next, each with an action – or, this week, none.

Typing goes where the screen points: the filter until Enter ticks a value, then that
value's action field ("Respekt — hva vil du gjøre?"), then Enter back to the filter.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Static

from refleks.checkin import MAX_FOCUS, FocusProblem
from refleks.tui.screens.checkin.step import StepView
from refleks.tui.widgets.holding_input import FilterInput, HoldingInput
from refleks.tui.widgets.section import Section
from refleks.tui.widgets.value_options import fill_value_options, type_into_filter


class FocusStep(StepView):
    retyping = False  # typing in the list has already started a new filter word
    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.focus.title"), classes="step-title")
        yield Static(t("checkin.focus.intro"), classes="hint")
        yield FilterInput(placeholder=t("checkin.focus.filter"), id="focus-filter",
                          select_on_focus=False)
        yield OptionList(id="focus-picker")
        yield Static("", id="focus-message", classes="message")
        yield Button("", id="focus-carry", compact=True)
        yield Section(id="focus-actions", classes="step-scroll")

    async def on_mount(self) -> None:
        self.fill_picker("")
        await self.fill_actions()

    def fill_picker(self, text: str) -> None:
        """Values grouped by area; the filter matches name, meaning and id."""
        fill_value_options(self.query_one("#focus-picker", OptionList), self.flow.content,
                           text, self.flow.is_focus)

    async def fill_actions(self) -> None:
        t = self.t
        box = self.query_one("#focus-actions", Section)
        await box.remove_children()
        widgets: list[Widget] = []
        for focus in self.flow.checkin.focus:
            label = Content.assemble((focus.value_name, "bold"),
                                     f" — {t('checkin.focus.action')}")
            widgets.append(Static(label, classes="focus-label"))
            # one row each, so three values and their actions all fit under the list; beside
            # the action the optional "why this one?" (001's Veien videre)
            widgets.append(Horizontal(
                HoldingInput(focus.action, placeholder=t("checkin.focus.action_placeholder"),
                             name=focus.value_id, classes="focus-action", compact=True),
                HoldingInput(self.flow.why(focus.value_id),
                             placeholder=t("checkin.focus.why_placeholder"),
                             name=focus.value_id, classes="focus-why", compact=True),
                classes="focus-row",
            ))
        await box.mount_all(widgets)  # with none, the message above says so
        self.show_count()

    def show_count(self) -> None:
        """How many are chosen; with none, that a week without a new focus is fine too,
        and the offer to carry last week's focus forward."""
        t, flow = self.t, self.flow
        count = len(flow.checkin.focus)
        key = "checkin.focus.none_ok" if count == 0 else "checkin.focus.count"
        self.query_one("#focus-message", Static).update(t(key, count=count))
        carry = self.query_one("#focus-carry", Button)
        ids = flow.carry_forward_ids() if count == 0 else []
        carry.display = bool(ids)
        if ids:
            names = ", ".join(v.name for i in ids if (v := flow.content.value(i)) is not None)
            carry.label = t("checkin.focus.carry", values=names)

    @on(Button.Pressed, "#focus-carry")
    async def carry_forward(self) -> None:
        self.flow.carry_forward()
        self.fill_picker(self.query_one("#focus-filter", Input).value)
        await self.fill_actions()
        self.changed()
        self.focus_action(self.flow.checkin.focus[0].value_id)

    def action_field(self, value_id: str) -> Input | None:
        return next((field for field in self.query(".focus-action").results(Input)
                     if field.name == value_id), None)

    def focus_action(self, value_id: str) -> None:
        """Put the cursor in a value's action field, where the screen now points."""
        field = self.action_field(value_id)
        if field is not None:
            field.focus()
            field.scroll_visible()

    def explain(self, problem: FocusProblem) -> None:
        self.query_one("#focus-message", Static).update(self.t(f"checkin.focus.{problem.value}"))

    def on_key(self, event: events.Key) -> None:
        """Typing in the list goes on filtering: choose one value, type the next."""
        if type_into_filter(event, self.query_one("#focus-picker", OptionList),
                            self.query_one("#focus-filter", Input), new_word=not self.retyping):
            self.retyping = True

    @on(Input.Changed, "#focus-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.fill_picker(event.value)

    @on(Input.Submitted, "#focus-filter")
    async def filter_submitted(self) -> None:
        """Enter ticks what the filter left highlighted (as the intro says), and what is
        typed next goes to its action; on a value already ticked it unticks it and
        empties the filter for the next name; with nothing typed it goes to the list."""
        box = self.query_one("#focus-filter", FilterInput)
        picker = self.query_one("#focus-picker", OptionList)
        option = picker.highlighted_option
        target: Widget = box
        try:
            if box.value.strip() and option is not None and option.id:
                was_chosen = self.flow.is_focus(option.id)
                await self.toggle(option.id)
                if self.flow.is_focus(option.id):
                    target = self.action_field(option.id) or box
                elif was_chosen:  # unticked: the next word typed starts a new filter
                    box.value = ""
            else:
                picker.focus()
        finally:  # typed on before the field was there: it goes where Enter pointed
            box.pass_on(target)

    @on(OptionList.OptionSelected, "#focus-picker")
    async def toggled(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.toggle(event.option.id)

    async def toggle(self, value_id: str) -> None:
        """Tick or untick; a new tick clears the filter and moves to its action field."""
        self.retyping = False
        added = not self.flow.is_focus(value_id)
        problem = self.flow.toggle_focus(value_id)
        box = self.query_one("#focus-filter", Input)
        if added and problem is None:
            box.value = ""
        self.fill_picker(box.value)
        await self.fill_actions()
        if problem is not None:
            self.explain(problem)
        elif added:
            self.focus_action(value_id)
        self.changed()

    @on(Input.Changed, ".focus-why")
    def why_changed(self, event: Input.Changed) -> None:
        """Why this value matters (001's "Veien videre"), stored with the question shown."""
        value_id = event.input.name
        focus = next((f for f in self.flow.checkin.focus if f.value_id == value_id), None)
        if focus is not None:
            question = f"{focus.value_name} — {self.t('checkin.focus.why')}"
            self.flow.set_why(focus.value_id, question, event.value)
            self.changed()

    @on(Input.Submitted, ".focus-action, .focus-why")
    def action_submitted(self, event: Input.Submitted) -> None:
        """Enter after an action or its why: back to the filter to choose the next value
        (with three chosen there is no next; the cursor stays)."""
        field = event.input
        target: Widget = field
        if len(self.flow.checkin.focus) < MAX_FOCUS:
            target = self.query_one("#focus-filter", Input)
        if isinstance(field, HoldingInput):
            field.pass_on(target)
        else:
            target.focus()

    @on(Input.Changed, ".focus-action")
    def action_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.flow.set_action(event.input.name, event.value)
            self.changed()
