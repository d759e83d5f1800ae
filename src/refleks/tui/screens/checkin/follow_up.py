"""Step 1: how last week's focus went, one value at a time, and whether to keep it.

Each value is a group – its name and action, the answer, "keep" – and the group whose
field has the cursor is scrolled to the top, so the value being written about is
always in sight, down to 60×18 (named once: not again on the field's border).
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from refleks.checkin import CheckinFlow
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.editor import AnswerEditor
from refleks.tui.widgets.section import Section
from refleks.tui.widgets.toggles import Checkbox


class FollowUpStep(StepView[CheckinFlow]):
    METHOD = "method-follow-up"  # the editor's key for last week's method

    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("checkin.follow_up.title"), classes="step-title")
        if self.flow.checkin.follow_ups:  # the intro speaks of last time's values
            yield Static(t("checkin.follow_up.intro"), classes="hint")
        with Section(classes="step-scroll"):
            for index, follow_up in enumerate(self.flow.checkin.follow_ups):
                action = follow_up.action or t("checkin.follow_up.no_action")
                with Vertical(classes="follow-up"):
                    yield Static(  # stored text: shown as text, never as markup
                        Content.assemble((follow_up.value_name, "bold"), f" — {action}"),
                        classes="follow-up-value",
                    )
                    # the label above names the value and action once (the group is
                    # scrolled to its top), not again on the field's border
                    yield AnswerEditor(
                        follow_up.text, key=follow_up.value_id, id=f"follow-up-{index}",
                        placeholder=t("checkin.follow_up.placeholder"),
                    )
                    yield Checkbox(t("checkin.follow_up.keep"), follow_up.keep,
                                   id=f"keep-{index}", name=follow_up.value_id, compact=True)
            method = self.flow.method_follow_up()
            if method is not None:
                shown = Content(t("checkin.follow_up.method", method=method[1]))
                yield Static(shown, classes="follow-up-value", id="method-follow-up-question")
                yield AnswerEditor(
                    self.flow.method_follow_up_answer(), key=self.METHOD,
                    id="method-follow-up", placeholder=t("checkin.follow_up.method_placeholder"),
                )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The value and its action stay in view above the field being written."""
        group = next((a for a in event.widget.ancestors if isinstance(a, Vertical)
                      and a.has_class("follow-up")), None)
        if group is not None:
            self.call_after_refresh(self._show_group, group)

    async def _show_group(self, group: Vertical) -> None:
        """After Textual's own scroll to the focused field (centring it, which can hide
        the label above): the whole group from its top."""
        sections = self.query(Section)
        if not self.is_attached or not group.is_attached or not sections:
            return  # the person has already moved on to the next step
        section = sections.first()
        await self.app.animator.stop_animation(section, "scroll_y", complete=False)
        section.scroll_to_widget(group, animate=False, top=True)

    @on(AnswerEditor.Edited)
    def edited(self, event: AnswerEditor.Edited) -> None:
        if event.key == self.METHOD:
            found = self.flow.method_follow_up()
            title = found[1] if found else ""
            question = self.t("checkin.follow_up.method", method=title)  # as shown, plain
            self.flow.set_method_follow_up(question, event.text)
        else:
            self.flow.set_follow_up(event.key, event.text)
        self.changed()

    @on(Checkbox.Changed)
    def keep_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.name:
            self.flow.set_keep(event.checkbox.name, event.value)
            self.changed()
