"""A screen that shows one step of a flow at a time, kept as a draft as it goes: what
the weekly check-in and the team session share.

The screen owns no flow logic. It shows the flow's current step with the view its table
(``VIEWS``: a step → the view class that shows it) names, keeps the progress line, moves
on and back, and saves the draft shortly after each change (``DraftScreen``). Adding a
step to a flow is a row in its screen's table and a view module beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, ClassVar, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Container
from textual.widgets import Footer, Header

from refleks.checkin import FocusProblem
from refleks.tui.screens.drafts import DraftScreen
from refleks.tui.screens.steps.focus import FocusStep
from refleks.tui.screens.steps.view import StepContext, StepView
from refleks.tui.widgets.progress import ProgressLine


class StepFlow(Protocol):
    """What the screen asks of a flow (``CheckinFlow``, ``TeamFlow``)."""

    @property
    def step(self) -> Enum: ...
    @property
    def step_number(self) -> int: ...
    @property
    def step_count(self) -> int: ...
    @property
    def at_start(self) -> bool: ...
    def next(self) -> bool: ...
    def back(self) -> bool: ...
    def focus_problem(self) -> FocusProblem | None: ...


ViewTable = Mapping[Any, Callable[[Any], StepView[Any]]]


class StepScreen(DraftScreen):
    """One step at a time: ``VIEWS`` names each step's view, ``step_context`` what it is
    built from. ``WORDS`` (see ``DraftScreen``) also names the steps' labels
    (``<WORDS>.steps.<step>``) for the progress line."""

    VIEWS: ClassVar[ViewTable]
    COMPACT_FOOTER = False
    # Keys that give way in the footer when it cannot hold them all (they still work,
    # and help names them): at 60 columns the reflection's footer ended in "esc Gå ut",
    # its help cut off, with ctrl+o for one's own editor before it.
    GIVE_WAY: ClassVar[tuple[str, ...]] = ("own_editor",)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys the footer names: all of them where they fit (``GIVE_WAY`` left out
        where they do not)."""
        bindings = super().active_bindings
        shown = [active.binding for active in bindings.values() if active.binding.show]
        # Each key as the footer draws it: under 80 columns (app.tcss, -narrow) its
        # display, a space, its description and a space; wider, Textual's padding (one
        # more column), with the palette's "^p" and its word at the right. (The app
        # marks itself -narrow; importing its width would make an import circle.)
        narrow = self.app.has_class("-narrow")
        extra = 2 if narrow or self.COMPACT_FOOTER else 3
        width = sum(len(self.app.get_key_display(binding)) + len(binding.description) + extra
                    for binding in shown)
        if not narrow:
            width += 3 + len(self.app.get_key_display(Binding("ctrl+p", ""))) + len(
                self.env.t("keys.palette"))
        if width <= self.app.size.width:
            return bindings
        return {key: active for key, active in bindings.items()
                if active.binding.action not in self.GIVE_WAY}

    def on_resize(self) -> None:
        self.refresh_bindings()  # the footer follows the width (active_bindings)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◇")
        yield ProgressLine(id="progress")
        yield Container(id="step-body")
        yield Footer(compact=self.COMPACT_FOOTER)

    # -- what a flow's screen says ------------------------------------------------------

    def shown_flow(self) -> StepFlow | None:
        """The flow being shown (None while there is none yet)."""
        raise NotImplementedError

    def step_context(self) -> StepContext[Any]:
        """What the current step's view is built from."""
        raise NotImplementedError

    def settle(self) -> None:
        """Before a step is built: a place to settle what it needs (e.g. another step)."""

    def step_shown(self) -> None:
        """After a step's view is in place and has the cursor."""

    # -- showing a step -----------------------------------------------------------------

    def build_step(self) -> StepView[Any]:
        flow = self.shown_flow()
        assert flow is not None
        return self.VIEWS[flow.step](self.step_context())

    async def show_step(self) -> None:
        self.settle()  # may settle on another step (a reflection needs an area)
        view = self.build_step()
        flow = self.shown_flow()
        assert flow is not None
        progress = self.query_one(ProgressLine)
        progress.display = True
        progress.total = flow.step_count
        progress.step = flow.step_number
        progress.label = self.env.t(f"{self.WORDS}.steps.{flow.step.value}")
        body = self.query_one("#step-body", Container)
        await body.remove_children()
        await body.mount(view)
        view.focus_first()
        self.step_shown()
        self.refresh_bindings()

    # -- moving -------------------------------------------------------------------------

    async def moved(self) -> None:
        """After a move: save what changed, and show where the flow is now."""
        self.save_now()
        await self.show_step()

    def refused(self) -> None:
        """The flow would not go on: say why in the focus step (the only one that can
        refuse), with a bell."""
        flow = self.shown_flow()
        problem = flow.focus_problem() if flow is not None else None
        if problem is not None and self.query(FocusStep):
            self.query_one(FocusStep).explain(problem)
            self.app.bell()

    async def action_next(self) -> None:
        raise NotImplementedError

    async def action_back(self) -> None:
        flow = self.shown_flow()
        if flow is not None and flow.back():
            await self.moved()

    @on(StepView.Advance)
    async def advance(self) -> None:
        await self.action_next()

    @on(StepView.Changed)
    def changed(self) -> None:
        self.schedule_save()
