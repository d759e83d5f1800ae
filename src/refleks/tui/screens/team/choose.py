"""Set up in seconds: the theme (the least recently taken up is suggested) and the length."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from refleks.dates import format_date
from refleks.team.flow import LENGTHS, TeamFlow
from refleks.team.themes import KINDS
from refleks.tui.screens.steps.view import StepView
from refleks.tui.widgets.marked_list import MarkedOptionList
from refleks.tui.widgets.toggles import RadioButton, RadioSet


class ChooseStep(StepView[TeamFlow]):
    def compose(self) -> ComposeResult:
        t = self.t
        yield Static(t("team.choose.title"), classes="step-title")
        yield Static(t("team.choose.intro"), classes="hint")
        with Horizontal(id="length-row"):
            yield Static(t("team.choose.length"), id="length-label")
            with RadioSet(id="length"):
                for minutes in LENGTHS:
                    chosen = minutes == self.flow.session.minutes
                    yield RadioButton(self.t("team.choose.minutes", minutes=minutes),
                                      value=chosen, name=str(minutes))
        yield Static(self.plan_text(), id="plan", classes="muted")
        # the theme under the cursor is the one Enter takes: marked, not shaded alone
        yield MarkedOptionList(*self.options(), id="theme-list")

    def plan_text(self) -> str:
        p = self.flow.plan
        return self.t("team.choose.plan", read=p.read, reflect=p.reflect, share=p.share,
                      focus=p.focus)

    def options(self) -> list[Option]:
        t, flow = self.t, self.flow
        suggested = flow.suggested().id
        options: list[Option] = []
        for kind in KINDS:
            themes = [theme for theme in flow.themes if theme.kind == kind]
            if not themes:
                continue
            options.append(Option(Content.styled(t(f"team.groups.{kind}"), "bold"),
                                  disabled=True))
            for theme in themes:
                note = ""
                if theme.id == suggested:
                    note = t("team.choose.suggested")
                elif theme.id in flow.last:
                    note = t("team.choose.last", date=format_date(flow.last[theme.id], t))
                label = Content.assemble("  ", theme.title,
                                         ("  · " + note, "$text-muted") if note else "")
                options.append(Option(label, id=theme.id))
        return options

    def on_mount(self) -> None:
        chosen = self.flow.session.theme
        theme_id = chosen.id if chosen is not None else self.flow.suggested().id
        themes = self.query_one("#theme-list", OptionList)
        themes.highlighted = themes.get_option_index(theme_id)
        themes.scroll_to_highlight(top=True)

    def focus_first(self) -> None:
        self.query_one("#theme-list", OptionList).focus()

    @on(RadioSet.Changed, "#length")
    def length_changed(self, event: RadioSet.Changed) -> None:
        if event.pressed.name:
            self.flow.set_length(int(event.pressed.name))
            self.query_one("#plan", Static).update(self.plan_text())
            self.changed()

    @on(OptionList.OptionSelected, "#theme-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.flow.choose_theme(event.option.id)
            self.changed()
            self.post_message(self.Advance())
