"""Step 2: which area of values to reflect on this week.

Enter on an area chooses it and puts the cursor in its text (the introduction and the
ten values), as the screen invites: read them first. Going on to the questions is a
second step with its own key, named in the footer (Enter again, or ctrl+n).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from refleks.checkin import CheckinFlow
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.marked_list import MarkedOptionList


class AreaPreview(VerticalScroll):
    """The chosen area's text; the arrows scroll it, Enter goes on to the questions."""

    BINDINGS = [Binding("enter", "to_questions", "keys.to_questions")]

    def action_to_questions(self) -> None:
        self.post_message(StepView.Advance())


class AreaStep(StepView[CheckinFlow]):
    def compose(self) -> ComposeResult:
        t = self.t
        chosen = self.flow.checkin.area_id or self.flow.suggested_area().id
        yield Static(t("checkin.area.title"), classes="step-title")
        yield Static(t("checkin.area.intro"), classes="hint")
        yield MarkedOptionList(*[Option(self.label(area.id), id=area.id)
                            for area in self.flow.content.areas], id="area-list")
        with AreaPreview(id="area-preview", classes="step-scroll"):
            yield Static(id="area-intro", classes="body-text")
            yield Static(id="area-values", classes="body-text")
        self._initial = chosen

    def label(self, area_id: str) -> Content:
        """An area's row: its number and title, the suggestion's reason, and a tick
        on the one chosen."""
        area = self.flow.content.area(area_id)
        assert area is not None
        label = Content(f"{area.number}. {area.title}")
        if area.id == self.flow.suggested_area().id:
            why = self.flow.suggestion().value
            label += Content.styled(f"  ({self.t(f'checkin.area.{why}')})", "italic")
        if area.id == self.flow.checkin.area_id:
            label = Content("✓ ") + label
        return label

    def on_mount(self) -> None:
        areas = [a.id for a in self.flow.content.areas]
        option_list = self.query_one("#area-list", OptionList)
        option_list.highlighted = areas.index(self._initial)
        self.show_area(self._initial)

    def show_area(self, area_id: str) -> None:
        area = self.flow.content.area(area_id)
        if area is None:
            return
        self.query_one("#area-intro", Static).update(Content(area.intro))
        values = Content("\n").join(
            Content.assemble("◆ " if v.pillar else "• ", (v.name, "bold"), f" — {v.meaning}")
            for v in area.values
        )
        heading = self.t("checkin.area.values_heading")
        legend = (Content.styled(f"\n{self.t('checkin.area.pillars')}", "dim")
                  if any(v.pillar for v in area.values) else Content(""))
        self.query_one("#area-values", Static).update(
            Content.assemble("\n", (heading, "bold"), "\n", values, legend))

    def commit(self) -> None:
        """ctrl+n takes the highlighted area, the one whose text is shown below the list."""
        option = self.query_one("#area-list", OptionList).highlighted_option
        if option is not None and option.id and option.id != self.flow.checkin.area_id:
            self.flow.choose_area(option.id)
            self.changed()

    @on(OptionList.OptionHighlighted, "#area-list")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_area(event.option.id)

    @on(OptionList.OptionSelected, "#area-list")
    def selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: this area, and the cursor in its text to read it (not yet on)."""
        if not event.option.id:
            return
        self.flow.choose_area(event.option.id)
        self.changed()
        areas = self.query_one("#area-list", OptionList)
        for area in self.flow.content.areas:
            areas.replace_option_prompt(area.id, self.label(area.id))
        self.show_area(event.option.id)
        preview = self.query_one(AreaPreview)
        preview.scroll_home(animate=False)
        preview.focus()
