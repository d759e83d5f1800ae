"""Step 4: a CHIME element, present or missing this week, in a few words.

The question and the answer field sit together below the element's description (which
scrolls on its own), so both stay in view while typing. A short terminal (60×18) has no
room for all of it at once: while the person chooses, the list, the description with its
credit and the (empty) field show; once they write (``-writing``), the list shrinks to
the chosen element and the question takes the description's place.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from refleks.checkin import CheckinFlow
from refleks.content.credit import REFLEKS, chime_label, credit
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.editor import AnswerEditor
from refleks.tui.widgets.marked_list import MarkedOptionList
from refleks.tui.widgets.section import Section
from refleks.tui.widgets.toggles import RadioButton, RadioSet


class ChimeList(MarkedOptionList):
    """The elements: the chosen one stays in view when the list changes height. At
    60×18 it shrinks to one row while the person writes; the scroll asked for with the
    focus came before the shrink when the focus came from the present/missing choice,
    and the row left showed the first element, unmarked, with the chosen one nowhere."""

    def on_resize(self) -> None:
        self.scroll_to_highlight()


class ChimeStep(StepView[CheckinFlow]):
    def compose(self) -> ComposeResult:
        t = self.t
        current = self.flow.chime_reflection()
        yield Static(t("checkin.chime.title"), classes="step-title")
        yield Static(t("checkin.chime.intro"), classes="hint", id="chime-intro")
        with Horizontal(id="chime-choice"):
            yield ChimeList(
                *[Option(Content(e.name) if chime_label(e) == e.name
                         else Content.assemble(f"{e.name} ", (f"({e.model_name})", "dim")),
                         id=e.id)
                  for e in self.flow.content.chime],
                id="chime-list",
            )
            with RadioSet(id="chime-mode"):
                yield RadioButton(t("checkin.chime.present"), value=not current
                                  or current.mode == "present", name="present")
                yield RadioButton(t("checkin.chime.missing"),
                                  value=bool(current and current.mode == "missing"),
                                  name="missing")
        with Section(id="chime-about-scroll"):
            yield Static(id="chime-about", classes="body-text")
        yield Static(id="chime-question", classes="question")
        yield AnswerEditor(current.text if current else "", key="chime", id="chime-text",
                           placeholder=t("checkin.chime.placeholder"))

    def on_mount(self) -> None:
        current = self.flow.chime_reflection()
        ids = [e.id for e in self.flow.content.chime]
        index = ids.index(current.element_id) if current and current.element_id in ids else 0
        self.query_one("#chime-list", OptionList).highlighted = index
        self.show(ids[index])

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Writing or choosing: the short layout (checkin.tcss) follows the cursor."""
        writing = isinstance(event.widget, AnswerEditor)
        if writing != self.has_class("-writing"):
            self.set_class(writing, "-writing")
            chime_list = self.query_one("#chime-list", OptionList)
            self.call_after_refresh(chime_list.scroll_to_highlight)

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
        asked = self.flow.chime_question(element)
        return asked.text if asked else element.description

    def question_credit(self, element_id: str) -> str:
        """Who wrote the question on screen: the missing-question is refleks's own."""
        element = self.flow.content.chime_element(element_id)
        asked = self.flow.chime_question(element) if element else None
        if element is None or self.mode() == "missing" or asked is None:
            return credit(self.flow.content, self.t, REFLEKS)
        return credit(self.flow.content, self.t, asked.source or element.source,
                      asked.adapted_from)

    def show(self, element_id: str) -> None:
        """Show an element's description and question; choosing happens on enter or typing."""
        element = self.flow.content.chime_element(element_id)
        if element is None:
            return
        question = self.question(element_id)
        needs = "\n".join(f"  • {n}" for n in element.needs)
        content, t = self.flow.content, self.t
        about_by = credit(content, t, element.description_source or element.source)
        needs_by = credit(content, t, element.needs_source or element.source)
        self.query_one("#chime-about", Static).update(Content.assemble(
            f"{element.description}\n", (about_by, "dim"), f"\n{needs}\n", (needs_by, "dim")))
        self.query_one("#chime-question", Static).update(Content.assemble(
            (question, "bold"), "  ", (self.question_credit(element_id), "dim")))

    def choose(self) -> None:
        element_id = self.highlighted_id()
        self.flow.choose_chime(element_id, self.mode(), self.question(element_id))
        self.changed()

    @on(OptionList.OptionHighlighted, "#chime-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show(event.option.id)

    def on_key(self, event: events.Key) -> None:
        """Typing in the list is writing about the highlighted element: never dropped.

        Keys typed quickly still reach the list until the editor's focus takes effect,
        so every printable key is handed on, a space too; only a first space, with
        nothing written yet, just moves to the field.
        """
        if (self.query_one("#chime-list", OptionList).has_focus and event.is_printable
                and event.character is not None):
            editor = self.query_one("#chime-text", AnswerEditor)
            self.choose()
            editor.focus()
            if event.character != " " or editor.text:
                editor.insert(event.character)
            event.stop()

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
