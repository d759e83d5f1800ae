"""Step 5: two or three values to work on next, each with an action."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from refleks.checkin import FocusProblem
from refleks.tui.screens.checkin.step import Section, StepView


class FocusStep(StepView):
    retyping = False  # typing in the list has already started a new filter word
    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.focus.title"), classes="step-title")
        yield Static(t("checkin.focus.intro"), classes="hint")
        yield Input(placeholder=t("checkin.focus.filter"), id="focus-filter", select_on_focus=False)
        yield OptionList(id="focus-picker")
        yield Static("", id="focus-message", classes="message")
        yield Section(id="focus-actions", classes="step-scroll")

    async def on_mount(self) -> None:
        self.fill_picker("")
        await self.fill_actions()

    def fill_picker(self, text: str) -> None:
        """Values grouped by area; the filter matches name, meaning and id."""
        needle = text.strip().lower()
        picker = self.query_one("#focus-picker", OptionList)
        highlighted = picker.highlighted_option.id if picker.highlighted_option else None
        picker.clear_options()
        for area in self.flow.content.areas:
            values = [
                v for v in area.values
                if not needle or needle in f"{v.name} {v.meaning} {v.id}".lower()
            ]
            if not values:
                continue
            picker.add_option(Option(Content.styled(area.title, "bold"), disabled=True))
            for value in values:
                mark = "[x]" if self.flow.is_focus(value.id) else "[ ]"
                picker.add_option(Option(Content.assemble(
                    f"{mark} {value.name} ", (f"— {value.meaning}", "dim")), id=value.id))
        if highlighted is not None:
            try:
                picker.highlighted = picker.get_option_index(highlighted)
            except OptionDoesNotExist:  # the highlighted value was filtered out
                picker.highlighted = None
        if picker.highlighted is None:
            picker.action_first()

    async def fill_actions(self) -> None:
        t = self.t
        box = self.query_one("#focus-actions", Section)
        await box.remove_children()
        widgets: list[Widget] = []
        for focus in self.flow.checkin.focus:
            label = Content.assemble((focus.value_name, "bold"),
                                     f" — {t('checkin.focus.action')}")
            widgets.append(Static(label, classes="focus-label"))
            # the action, and beside it the optional "why this one?" (001's Veien videre)
            widgets.append(Horizontal(
                Input(focus.action, placeholder=t("checkin.focus.action_placeholder"),
                      name=focus.value_id, classes="focus-action"),
                Input(self.flow.why(focus.value_id),
                      placeholder=t("checkin.focus.why_placeholder"),
                      name=focus.value_id, classes="focus-why"),
                classes="focus-row",
            ))
        if not widgets:
            widgets.append(Static(t("checkin.focus.none_yet"), classes="hint"))
        await box.mount_all(widgets)
        self.show_count()

    def show_count(self) -> None:
        count = len(self.flow.checkin.focus)
        self.query_one("#focus-message", Static).update(self.t("checkin.focus.count", count=count))

    def explain(self, problem: FocusProblem) -> None:
        self.query_one("#focus-message", Static).update(self.t(f"checkin.focus.{problem.value}"))

    def on_key(self, event: events.Key) -> None:
        """Typing in the list goes on filtering: choose one value, type the next."""
        picker = self.query_one("#focus-picker", OptionList)
        if picker.has_focus and event.is_printable and event.character not in (" ", None):
            box = self.query_one("#focus-filter", Input)
            # a new word after a choice; keys that arrive before the focus moves add to it
            box.value = box.value + event.character if self.retyping else event.character
            box.cursor_position = len(box.value)
            self.retyping = True
            box.focus()
            event.stop()

    @on(Input.Changed, "#focus-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.fill_picker(event.value)

    @on(Input.Submitted, "#focus-filter")
    def filter_submitted(self) -> None:
        self.query_one("#focus-picker", OptionList).focus()

    @on(OptionList.OptionSelected, "#focus-picker")
    async def toggled(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id:
            return
        self.retyping = False
        problem = self.flow.toggle_focus(event.option.id)
        filter_text = self.query_one("#focus-filter", Input).value
        self.fill_picker(filter_text)
        await self.fill_actions()
        if problem is not None:
            self.explain(problem)
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

    @on(Input.Changed, ".focus-action")
    def action_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.flow.set_action(event.input.name, event.value)
            self.changed()
