"""Identify development areas: 1–3 team focus values, an action each, and a role.

As in the check-in's focus step: type to filter, Enter ticks, and the ticked values
get their action (and, for the team, a role – never a name – to bring it up).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from refleks.checkin import FocusProblem
from refleks.tui.screens.team.step import TeamStepView
from refleks.tui.widgets.holding_input import FilterInput
from refleks.tui.widgets.section import Section
from refleks.tui.widgets.value_options import fill_value_options, type_into_filter


class FocusStep(TeamStepView):
    retyping = False  # typing in the list has already started a new filter word

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("team.focus.title"), classes="step-title")
        yield Static(t("team.focus.intro"), classes="hint")
        yield FilterInput(placeholder=t("team.focus.filter"), id="team-filter",
                          select_on_focus=False)
        yield OptionList(id="team-picker")
        yield Static("", id="team-focus-message", classes="message")
        yield Section(id="team-actions", classes="step-scroll")

    async def on_mount(self) -> None:
        self.fill_picker("")
        await self.fill_actions()

    def fill_picker(self, text: str) -> None:
        fill_value_options(self.query_one("#team-picker", OptionList), self.flow.content,
                           text, self.flow.is_focus)

    async def fill_actions(self) -> None:
        t = self.t
        box = self.query_one("#team-actions", Section)
        await box.remove_children()
        widgets: list[Widget] = []
        for focus in self.flow.session.focus:
            widgets.append(Static(Content.assemble((focus.value_name, "bold"), " — ",
                                                   t("team.focus.action")),
                                  classes="focus-label"))
            widgets.append(Input(focus.action, placeholder=t("team.focus.action_placeholder"),
                                 name=focus.value_id, classes="team-action", compact=True,
                                 select_on_focus=False))
            widgets.append(Static(t("team.focus.role"), classes="muted focus-label"))
            widgets.append(Input(focus.role, placeholder=t("team.focus.role_placeholder"),
                                 name=focus.value_id, classes="team-role", compact=True,
                                 select_on_focus=False))
        if not widgets:
            widgets.append(Static(t("team.focus.none_yet"), classes="hint"))
        await box.mount_all(widgets)
        self.show_count()

    def show_count(self) -> None:
        count = len(self.flow.session.focus)
        self.query_one("#team-focus-message", Static).update(
            self.t("team.focus.count", count=count))

    def explain(self, problem: FocusProblem) -> None:
        self.query_one("#team-focus-message", Static).update(
            self.t(f"team.focus.{problem.value}"))

    def focus_first(self) -> None:
        """The filter, as the intro says (values kept from last time are ticked already)."""
        self.query_one("#team-filter", Input).focus()

    def on_key(self, event: events.Key) -> None:
        """Typing in the list goes on filtering: choose one value, type the next."""
        if type_into_filter(event, self.query_one("#team-picker", OptionList),
                            self.query_one("#team-filter", Input), new_word=not self.retyping):
            self.retyping = True

    @on(Input.Changed, "#team-filter")
    def filter_changed(self) -> None:
        # the filter as it is now: a Changed still queued from before a choice cleared
        # it must not empty the list
        self.fill_picker(self.query_one("#team-filter", Input).value)

    @on(Input.Submitted, "#team-filter")
    async def filter_submitted(self) -> None:
        """Enter in the filter ticks the highlighted value and goes to its action;
        what is typed right after Enter follows the cursor there (``FilterInput``)."""
        filter_box = self.query_one("#team-filter", FilterInput)
        picker = self.query_one("#team-picker", OptionList)
        option = picker.highlighted_option
        target: Widget = filter_box
        try:
            if option is None or not option.id or not filter_box.value.strip():
                target = picker
                return
            value_id = option.id
            if not self.flow.is_focus(value_id):
                problem = self.flow.toggle_focus(value_id)
                if problem is not None:
                    self.explain(problem)
                    return
                self.changed()
            await self.fill_actions()
            with filter_box.prevent(Input.Changed):
                filter_box.value = ""
            self.fill_picker("")
            target = next((field for field in self.query(".team-action").results(Input)
                           if field.name == value_id), filter_box)
        finally:
            filter_box.pass_on(target)

    @on(OptionList.OptionSelected, "#team-picker")
    async def toggled(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id:
            return
        self.retyping = False
        problem = self.flow.toggle_focus(event.option.id)
        self.fill_picker(self.query_one("#team-filter", Input).value)
        await self.fill_actions()
        if problem is not None:
            self.explain(problem)
        self.changed()

    @on(Input.Changed, ".team-action")
    def action_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.flow.set_action(event.input.name, event.value)
            self.changed()

    @on(Input.Changed, ".team-role")
    def role_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.flow.set_role(event.input.name, event.value)
            self.changed()

    @on(Input.Submitted, ".team-action, .team-role")
    def next_field(self) -> None:
        self.screen.focus_next()
