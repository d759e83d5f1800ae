"""The pieces of the check-in screen, one widget per step.

Each step shows the flow's state and turns what the practitioner does into calls on
``CheckinFlow``; after a change it posts ``StepView.Changed`` so the screen saves the
draft, and ``StepView.Advance`` when a choice means "go on".
"""

from __future__ import annotations

from rich.markup import escape
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Markdown,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option, OptionDoesNotExist

from refleks.checkin import CheckinFlow, FocusProblem, Prompt
from refleks.content.ui import Strings
from refleks.tui.widgets.editor import AnswerEditor


class Section(VerticalScroll, can_focus=False):
    """A scrolling part of a step whose fields take the focus; Tab skips the frame."""


class StepView(Vertical):
    """Base of every step: knows the flow and the text, and how to say "changed"."""

    class Changed(Message):
        """Something in the check-in changed: time to save the draft."""

    class Advance(Message):
        """A choice was made that naturally leads to the next step."""

    def __init__(self, flow: CheckinFlow, t: Strings) -> None:
        super().__init__(classes="step")
        self.flow = flow
        self.t = t

    def changed(self) -> None:
        self.post_message(self.Changed())

    def focus_first(self) -> None:
        """Put the cursor where the practitioner most likely wants to start."""
        for widget in self.query("AnswerEditor, OptionList, Input, Checkbox, Button"):
            if widget.focusable:
                widget.focus()
                return


# -- 1. follow-up --------------------------------------------------------------------------


class FollowUpStep(StepView):
    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.follow_up.title"), classes="step-title")
        yield Static(t("checkin.follow_up.intro"), classes="hint")
        with Section(classes="step-scroll"):
            for index, follow_up in enumerate(self.flow.checkin.follow_ups):
                action = follow_up.action or t("checkin.follow_up.no_action")
                yield Static(
                    f"[b]{escape(follow_up.value_name)}[/b] — {escape(action)}",
                    classes="follow-up-value",
                )
                yield AnswerEditor(
                    follow_up.text, key=follow_up.value_id, id=f"follow-up-{index}",
                    placeholder=t("checkin.follow_up.placeholder"),
                )
                yield Checkbox(t("checkin.follow_up.keep"), follow_up.keep,
                               id=f"keep-{index}", name=follow_up.value_id)

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        self.flow.set_follow_up(event.key, event.text)
        self.changed()

    @on(Checkbox.Changed)
    def keep_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.name:
            self.flow.set_keep(event.checkbox.name, event.value)
            self.changed()


# -- 2. area -------------------------------------------------------------------------------


class AreaStep(StepView):
    def compose(self) -> ComposeResult:
        t = self.t
        suggested = self.flow.suggested_area()
        chosen = self.flow.checkin.area_id or suggested.id
        yield Static(t("checkin.area.title"), classes="step-title")
        yield Static(t("checkin.area.intro"), classes="hint")
        options = []
        for area in self.flow.content.areas:
            label = f"{area.number}. {escape(area.title)}"
            if area.id == suggested.id:
                why = "suggested" if self.flow.last_visits else "suggested_first"
                label += f"  [i]({t(f'checkin.area.{why}')})[/i]"
            if area.id == self.flow.checkin.area_id:
                label = f"✓ {label}"
            options.append(Option(label, id=area.id))
        yield OptionList(*options, id="area-list")
        with VerticalScroll(id="area-preview", classes="step-scroll"):
            yield Static(id="area-intro", classes="body-text")
            yield Static(id="area-values", classes="body-text")
        self._initial = chosen

    def on_mount(self) -> None:
        areas = [a.id for a in self.flow.content.areas]
        option_list = self.query_one("#area-list", OptionList)
        option_list.highlighted = areas.index(self._initial)
        self.show_area(self._initial)

    def show_area(self, area_id: str) -> None:
        area = self.flow.content.area(area_id)
        if area is None:
            return
        self.query_one("#area-intro", Static).update(escape(area.intro))
        values = "\n".join(
            f"• [b]{escape(v.name)}[/b] — {escape(v.meaning)}" for v in area.values
        )
        heading = self.t("checkin.area.values_heading")
        self.query_one("#area-values", Static).update(f"\n[b]{heading}[/b]\n{values}")

    @on(OptionList.OptionHighlighted, "#area-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_area(event.option.id)

    @on(OptionList.OptionSelected, "#area-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.flow.choose_area(event.option.id)
            self.changed()
            self.post_message(self.Advance())


# -- 3. reflect ----------------------------------------------------------------------------


class ReflectStep(StepView):
    """One question at a time; the screen moves ``position`` through the questions."""

    def __init__(self, flow: CheckinFlow, t: Strings, position: int) -> None:
        super().__init__(flow, t)
        self.position = position

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
        yield Static(escape(area.title), classes="step-title")
        if prompt.kind == "reflect":
            counter = t("checkin.reflect.counter", number=self.position + 1, total=len(questions))
        else:
            counter = t(f"checkin.reflect.extra_{prompt.kind}")
        yield Static(counter, classes="muted counter")
        if prompt.kind == "dilemma":
            yield Static(f"[b]{escape(prompt.hint)}[/b]", classes="question")
            yield Static(escape(prompt.text), classes="body-text")
        else:
            if prompt.kind == "example" and prompt.hint:
                yield Static(escape(prompt.hint), classes="hint")
            yield Static(f"[b]{escape(prompt.text)}[/b]", classes="question")
            if prompt.kind == "reflect" and prompt.hint:
                yield Static(escape(prompt.hint), classes="hint")
        yield AnswerEditor(self.flow.answer(prompt.id), key=prompt.id, id="answer",
                           placeholder=t("checkin.reflect.placeholder"))
        extras = len(prompts) - len(questions)
        if prompt.kind == "reflect" and self.position == len(questions) - 1 and extras:
            yield Static(t("checkin.reflect.extras_offer", count=extras), classes="hint")

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        self.flow.set_answer(self.prompt, event.text)
        self.changed()


# -- 4. CHIME ------------------------------------------------------------------------------


class ChimeStep(StepView):
    def compose(self) -> ComposeResult:
        t = self.t
        current = self.flow.chime_reflection()
        yield Static(t("checkin.chime.title"), classes="step-title")
        yield Static(t("checkin.chime.intro"), classes="hint")
        with Horizontal(id="chime-choice"):
            yield OptionList(
                *[Option(f"{escape(e.name)} [dim]({e.model_name})[/dim]", id=e.id)
                  for e in self.flow.content.chime],
                id="chime-list",
            )
            with RadioSet(id="chime-mode"):
                yield RadioButton(t("checkin.chime.present"), value=not current
                                  or current.mode == "present", name="present")
                yield RadioButton(t("checkin.chime.missing"),
                                  value=bool(current and current.mode == "missing"),
                                  name="missing")
        with Section(classes="step-scroll"):
            yield Static(id="chime-about", classes="body-text")
            yield AnswerEditor(current.text if current else "", key="chime", id="chime-text",
                               placeholder=t("checkin.chime.placeholder"))

    def on_mount(self) -> None:
        current = self.flow.chime_reflection()
        ids = [e.id for e in self.flow.content.chime]
        index = ids.index(current.element_id) if current and current.element_id in ids else 0
        self.query_one("#chime-list", OptionList).highlighted = index
        self.show(ids[index])

    def mode(self) -> str:
        pressed = self.query_one("#chime-mode", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "present"

    def highlighted_id(self) -> str:
        option = self.query_one("#chime-list", OptionList).highlighted_option
        return option.id if option is not None and option.id else self.flow.content.chime[0].id

    def question(self, element_id: str) -> str:
        """The element's own question, or – when it was missing – what was missed."""
        element = self.flow.content.chime_element(element_id)
        if element is None:
            return ""
        if self.mode() == "missing":
            return self.t("checkin.chime.missing_question", element=element.name.lower())
        return element.questions[0].text if element.questions else element.description

    def show(self, element_id: str) -> None:
        """Show an element's description and question; choosing happens on enter or typing."""
        element = self.flow.content.chime_element(element_id)
        if element is None:
            return
        question = self.question(element_id)
        needs = "\n".join(f"  • {escape(n)}" for n in element.needs)
        self.query_one("#chime-about", Static).update(
            f"{escape(element.description)}\n{needs}\n\n[b]{escape(question)}[/b]"
        )

    def choose(self) -> None:
        element_id = self.highlighted_id()
        self.flow.choose_chime(element_id, self.mode(), self.question(element_id))
        self.changed()

    @on(OptionList.OptionHighlighted, "#chime-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show(event.option.id)

    @on(OptionList.OptionSelected, "#chime-list")
    def selected(self) -> None:
        self.choose()
        self.query_one("#chime-text", AnswerEditor).focus()

    @on(RadioSet.Changed)
    def mode_changed(self) -> None:
        self.show(self.highlighted_id())
        if self.flow.chime_reflection() is not None:
            self.choose()

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        current = self.flow.chime_reflection()
        if current is None or current.element_id != self.highlighted_id():
            self.choose()
        self.flow.set_chime_text(event.text)
        self.changed()


# -- 5. focus ------------------------------------------------------------------------------


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
            picker.add_option(Option(f"[b]{escape(area.title)}[/b]", disabled=True))
            for value in values:
                mark = "[x]" if self.flow.is_focus(value.id) else "[ ]"
                picker.add_option(
                    Option(f"{escape(mark)} {escape(value.name)} "
                           f"[dim]— {escape(value.meaning)}[/dim]", id=value.id)
                )
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
        widgets = []
        for focus in self.flow.checkin.focus:
            label = f"[b]{escape(focus.value_name)}[/b] — {t('checkin.focus.action')}"
            widgets.append(Static(label, classes="focus-label"))
            widgets.append(Input(focus.action, placeholder=t("checkin.focus.action_placeholder"),
                                 name=focus.value_id, classes="focus-action"))
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

    @on(Input.Changed, ".focus-action")
    def action_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.flow.set_action(event.input.name, event.value)
            self.changed()


# -- 6. method -----------------------------------------------------------------------------


class MethodStep(StepView):
    NONE = "none"

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.method.title"), classes="step-title")
        yield Static(t("checkin.method.intro"), classes="hint")
        options = [Option(t("checkin.method.none"), id=self.NONE)]
        for method in self.flow.content.methods:
            mark = "✓ " if method.id == self.flow.checkin.method_id else ""
            options.append(Option(f"{mark}{method.number}. {escape(method.title)}", id=method.id))
        yield OptionList(*options, id="method-list")
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
        points = "\n".join(f"• [b]{escape(p.title)}[/b]: {escape(p.text)}" for p in method.points)
        about.update(f"[b]{escape(method.prompt)}[/b]\n\n{escape(method.summary)}\n\n{points}")

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


# -- 7. summary ----------------------------------------------------------------------------


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
