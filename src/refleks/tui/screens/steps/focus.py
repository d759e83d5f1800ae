"""The focus step of the check-in and of the team session: values to work on next, each
with an action.

Typing goes where the screen points: the filter until Enter ticks a value, then that
value's action field ("Respekt — hva vil du gjøre?"). One widget for both flows; what
differs between them is a ``FocusSetup``: the words and ids, the fields under each
chosen value (the check-in's "why this one?" beside the action, the team's role below
it), and a few ways of moving the check-in has and the team's shared screen has not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from refleks.checkin import MAX_FOCUS, FocusProblem
from refleks.content.model import Content as Library
from refleks.content.ui import Strings
from refleks.tui.screens.steps.view import StepContext, StepView
from refleks.tui.widgets.buttons import Button
from refleks.tui.widgets.holding_input import FilterInput, HoldingInput
from refleks.tui.widgets.marked_list import MarkedOptionList
from refleks.tui.widgets.section import Section
from refleks.tui.widgets.value_options import fill_value_options, type_into_filter


class ChosenValue(Protocol):
    """A value chosen as a focus (the check-in's ``Focus``, the team's ``TeamFocus``)."""

    @property
    def value_id(self) -> str: ...
    @property
    def value_name(self) -> str: ...
    @property
    def action(self) -> str: ...


class FocusFlow(Protocol):
    """What the focus step asks of a flow, whichever it is."""

    @property
    def content(self) -> Library: ...
    def is_focus(self, value_id: str) -> bool: ...
    def toggle_focus(self, value_id: str) -> FocusProblem | None: ...
    def set_action(self, value_id: str, action: str) -> None: ...


F = TypeVar("F", bound=FocusFlow)
C = TypeVar("C", bound=ChosenValue)


@dataclass(frozen=True)
class Carry(Generic[F]):
    """Offering last time's focus again while none is chosen (the check-in's button)."""

    ids: Callable[[F], list[str]]
    take: Callable[[F], None]


@dataclass(frozen=True)
class FocusSetup(Generic[F, C]):
    """What makes the focus step a check-in's or a team session's."""

    words: str  # the section of the interface text: "checkin.focus", "team.focus"
    filter_id: str
    picker_id: str
    message_id: str
    actions_id: str
    action_class: str  # each chosen value's action field
    other_class: str  # the second field of each value: why (check-in), role (team)
    chosen: Callable[[F], Sequence[C]]
    fields: Callable[[FocusStep[F, C], C], list[Widget]]  # under the list, for a value
    # the second field typed in; says whether anything was stored
    store_other: Callable[[F, str, str, Strings], bool]
    pick_goes_to_action: bool  # a tick in the list empties the filter, cursor to the action
    enter_goes_back: bool  # Enter in a value's field: back to the filter (else: next field)
    none_ok: bool  # with none chosen the message says a week without one is fine too
    none_yet: bool  # with none chosen the place of the actions says so
    one_ok: bool = False  # with one chosen the message says one is fine (two or three invited)
    carry: Carry[F] | None = None


class FocusStep(StepView[F], Generic[F, C]):
    retyping = False  # typing in the list has already started a new filter word

    def __init__(self, context: StepContext[F], setup: FocusSetup[F, C]) -> None:
        super().__init__(context)
        self.setup = setup

    def compose(self) -> ComposeResult:
        t, s = self.t, self.setup
        yield Static(t(f"{s.words}.title"), classes="step-title")
        yield Static(t(f"{s.words}.intro"), classes="hint")
        yield FilterInput(placeholder=t(f"{s.words}.filter"), id=s.filter_id,
                          select_on_focus=False)
        yield MarkedOptionList(id=s.picker_id, steered_by=s.filter_id)  # Enter ticks
        yield Static("", id=s.message_id, classes="message")
        if s.carry is not None:
            yield Button("", id="focus-carry", compact=True)
        yield Section(id=s.actions_id, classes="step-scroll")

    @property
    def filter(self) -> FilterInput:
        return self.query_one(f"#{self.setup.filter_id}", FilterInput)

    @property
    def picker(self) -> OptionList:
        return self.query_one(f"#{self.setup.picker_id}", OptionList)

    async def on_mount(self) -> None:
        self.fill_picker("")
        await self.fill_actions()

    def fill_picker(self, text: str) -> None:
        """Values grouped by area; the filter matches name, meaning and id."""
        fill_value_options(self.picker, self.flow.content, text, self.flow.is_focus,
                           nothing=self.t("app.nothing_matches", text=text.strip()))

    async def fill_actions(self) -> None:
        box = self.query_one(f"#{self.setup.actions_id}", Section)
        await box.remove_children()
        widgets: list[Widget] = []
        for focus in self.setup.chosen(self.flow):
            widgets += self.setup.fields(self, focus)
        if not widgets and self.setup.none_yet:
            widgets.append(Static(self.t(f"{self.setup.words}.none_yet"), classes="hint"))
        await box.mount_all(widgets)  # with none, the message above may say so
        self.show_count()

    def show_count(self) -> None:
        """How many are chosen; with none, that a week without a new focus is fine too,
        and the offer to carry last week's focus forward."""
        t, s = self.t, self.setup
        count = len(s.chosen(self.flow))
        key = ("none_ok" if count == 0 and s.none_ok
               else "one_ok" if count == 1 and s.one_ok else "count")
        self.query_one(f"#{s.message_id}", Static).update(t(f"{s.words}.{key}", count=count))
        if s.carry is None:
            return
        carry = self.query_one("#focus-carry", Button)
        ids = s.carry.ids(self.flow) if count == 0 else []
        carry.display = bool(ids)
        if ids:
            library = self.flow.content
            names = ", ".join(v.name for i in ids if (v := library.value(i)) is not None)
            carry.label = Content(t(f"{s.words}.carry", values=names))  # names: not markup

    @on(Button.Pressed, "#focus-carry")
    async def carry_forward(self) -> None:
        if self.setup.carry is None:
            return
        self.setup.carry.take(self.flow)
        self.fill_picker(self.filter.value)
        await self.fill_actions()
        self.changed()
        self.focus_action(self.setup.chosen(self.flow)[0].value_id)

    def action_field(self, value_id: str) -> Input | None:
        return next((field for field in self.query(f".{self.setup.action_class}").results(Input)
                     if field.name == value_id), None)

    def focus_action(self, value_id: str) -> None:
        """Put the cursor in a value's action field, where the screen now points."""
        field = self.action_field(value_id)
        if field is not None:
            field.focus()
            field.scroll_visible()

    def explain(self, problem: FocusProblem) -> None:
        self.query_one(f"#{self.setup.message_id}", Static).update(
            self.t(f"{self.setup.words}.{problem.value}"))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Choosing values or writing their actions (``-writing``): a short terminal
        shows what each needs (checkin.tcss), the instructions while choosing and room
        for the actions while writing them."""
        s = self.setup
        self.set_class(event.widget.has_class(s.action_class)
                       or event.widget.has_class(s.other_class), "-writing")

    def focus_first(self) -> None:
        """The filter, as the intro says (values kept from last time are ticked already)."""
        self.filter.focus()

    def on_key(self, event: events.Key) -> None:
        """Typing in the list goes on filtering: choose one value, type the next."""
        if type_into_filter(event, self.picker, self.filter, new_word=not self.retyping):
            self.retyping = True

    @on(Input.Changed)
    def input_changed(self, event: Input.Changed) -> None:
        field, s = event.input, self.setup
        if field.id == s.filter_id:
            # the filter as it is now: a Changed still queued from before a choice
            # cleared it must not empty the list
            self.fill_picker(self.filter.value)
        elif field.name and field.has_class(s.action_class):
            self.flow.set_action(field.name, event.value)
            self.changed()
        elif (field.name and field.has_class(s.other_class)
              and s.store_other(self.flow, field.name, event.value, self.t)):
            self.changed()

    @on(Input.Submitted)
    async def input_submitted(self, event: Input.Submitted) -> None:
        field, s = event.input, self.setup
        if field.id == s.filter_id:
            await self.filter_submitted()
        elif field.has_class(s.action_class) or field.has_class(s.other_class):
            self.field_submitted(field)

    async def filter_submitted(self) -> None:
        """Enter ticks what the filter left highlighted (as the intro says), and what is
        typed next goes to its action (``FilterInput``); with nothing typed it goes to
        the list. On a value already ticked: unticked, the filter emptied for the next
        name (as a moment's values do). With a word that matches nothing the cursor
        stays in the filter to mend it; the list says that nothing matches."""
        box, picker = self.filter, self.picker
        option = picker.highlighted_option
        target: Widget = box
        try:
            if not box.value.strip():
                target = picker
                return
            if option is None or not option.id:
                self.app.bell()
                return
            value_id = option.id
            if not self.flow.is_focus(value_id):
                if not await self.toggle(value_id, to_action=True):
                    return  # refused (a fourth): the message says why
            else:
                await self.toggle(value_id)
                box.value = ""  # the next word typed starts a new filter
                return
            target = self.action_field(value_id) or box
        finally:  # typed on before the field was there: it goes where Enter pointed
            box.pass_on(target)

    @on(OptionList.OptionSelected)
    async def picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == self.setup.picker_id and event.option.id:
            await self.toggle(event.option.id, to_action=self.setup.pick_goes_to_action)

    async def toggle(self, value_id: str, *, to_action: bool = False) -> bool:
        """Tick or untick (whether it was done); ``to_action``: a new tick empties the
        filter and moves to its action field."""
        self.retyping = False
        added = not self.flow.is_focus(value_id)
        problem = self.flow.toggle_focus(value_id)
        box = self.filter
        if added and problem is None and to_action:
            box.value = ""
        self.fill_picker(box.value)
        await self.fill_actions()
        if problem is not None:
            self.explain(problem)
        elif added and to_action:
            self.focus_action(value_id)
        self.changed()
        return problem is None

    def field_submitted(self, field: Input) -> None:
        """Enter after an action (or its why): back to the filter to choose the next value,
        as the intro says, or on to the next field. Also with three chosen: the cursor
        left in the action made a next filter word part of the action ("xuser inv"); the
        filter now says three is plenty, and Enter on a ticked value there unticks it."""
        if not self.setup.enter_goes_back:
            self.screen.focus_next()
            return
        target: Widget = self.filter
        if len(self.setup.chosen(self.flow)) >= MAX_FOCUS:
            self.explain(FocusProblem.TOO_MANY)
        if isinstance(field, HoldingInput):
            field.pass_on(target)
        else:
            target.focus()
