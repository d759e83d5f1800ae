"""The team session as a plain state machine, and the quiet timer of the reflection.

001's four steps, as a team does them at the start of a staff meeting: choose a theme
and a length, read it together, reflect individually (a timer, nothing typed), share
in the team (key points optional), and identify development areas (1–3 team focus
values, each with an action and optionally a role to bring it up next time). From the
second session on it opens with how last time's actions went. Screens render a
``TeamFlow`` and turn keys into its calls; nothing here needs a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from refleks.checkin.parts import FocusProblem, StepCursor
from refleks.content.model import Content
from refleks.team.model import TeamFocus, TeamFollowUp, TeamSession
from refleks.team.themes import Theme, build_themes, last_taken_up, suggest

MIN_FOCUS = 1
MAX_FOCUS = 3
LENGTHS = (20, 30, 45)
DEFAULT_LENGTH = 30
ADD_SECONDS = 60.0


class TeamStep(StrEnum):
    FOLLOW_UP = "follow_up"
    CHOOSE = "choose"
    READ = "read"
    REFLECT = "reflect"
    SHARE = "share"
    FOCUS = "focus"
    SUMMARY = "summary"


@dataclass(frozen=True)
class Plan:
    """Minutes for each part of a session of a given length (a guide, never enforced)."""

    length: int
    read: int
    reflect: int
    share: int
    focus: int


def plan_for(length: int) -> Plan:
    """20, 30 or 45 minutes: the reflection gets 3 (5 in a long session), sharing the most."""
    plans = {
        20: Plan(20, 2, 3, 9, 6),
        30: Plan(30, 3, 3, 15, 9),
        45: Plan(45, 5, 5, 22, 13),
    }
    return plans.get(length, plans[DEFAULT_LENGTH])


class ReflectTimer:
    """A countdown that can pause, grow by a minute and be skipped.

    ``clock`` gives seconds (``time.monotonic`` in use, a fake in tests), so the
    screen only asks ``remaining()`` whenever it repaints.
    """

    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.total = seconds
        self._left = seconds  # while paused (or before start)
        self._started: float | None = None  # clock time the current run started
        self.skipped = False

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        if self._started is None and not self.done:
            self._started = self.clock()

    def pause(self) -> None:
        if self._started is not None:
            self._left = self.remaining()
            self._started = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def add_minute(self) -> None:
        """A minute more on what is left, and the clock stays as it was: paused stays
        paused (the team asked for time, not for the clock to start). A clock that ran
        out counts the minute from now, not from when it reached 0:00."""
        left = self.remaining()
        self.total += ADD_SECONDS
        self._left = left + ADD_SECONDS
        self.skipped = False
        if self._started is not None:
            self._started = self.clock()

    def skip(self) -> None:
        self.skipped = True
        self._left = 0.0
        self._started = None

    def remaining(self) -> float:
        if self.skipped:
            return 0.0
        if self._started is None:
            return max(0.0, self._left)
        return max(0.0, self._left - (self.clock() - self._started))

    @property
    def done(self) -> bool:
        return self.remaining() <= 0.0


def clock_text(seconds: float) -> str:
    """``2:47``: whole seconds, rounded up, so 0:00 means the time is really out."""
    whole = int(-(-seconds // 1))
    return f"{whole // 60}:{whole % 60:02d}"


class TeamFlow(StepCursor[TeamStep]):
    """One team session in progress. Mutates ``session``; the screen saves the draft."""

    def __init__(self, content: Content, session: TeamSession,
                 previous: TeamSession | None = None,
                 history: list[TeamSession] | None = None) -> None:
        self.content = content
        self.session = session
        self.previous = previous
        self.themes = build_themes(content)
        self.themes_by_id = {theme.id: theme for theme in self.themes}
        self.last = last_taken_up(history or [])
        if previous is not None and previous.focus and not session.follow_ups:
            session.follow_ups = [TeamFollowUp(f.value_id, f.value_name, f.action,
                                               from_uid=previous.uid) for f in previous.focus]
        self.steps = [s for s in TeamStep
                      if s is not TeamStep.FOLLOW_UP or session.follow_ups]
        self.index = 0
        self.revision = 0

    # -- steps ------------------------------------------------------------------------

    def next(self) -> bool:
        """Forward one step; leaving the choice takes the suggestion if none was made,
        and the focus step refuses until 1–3 values are chosen."""
        if self.step is TeamStep.CHOOSE and self.session.theme is None:
            self.choose_theme(self.suggested().id)
        if self.step is TeamStep.FOCUS and self.focus_problem() is not None:
            return False
        if self.at_end:
            return False
        self.index += 1
        return True

    def back(self) -> bool:
        if self.at_start:
            return False
        self.index -= 1
        return True

    def go_to(self, step: TeamStep | str) -> None:
        try:
            wanted = TeamStep(step)
        except ValueError:
            return
        if wanted in self.steps:
            self.index = self.steps.index(wanted)
        if self.session.theme is None and self.index > self.steps.index(TeamStep.CHOOSE):
            self.index = self.steps.index(TeamStep.CHOOSE)

    def _changed(self) -> None:
        self.revision += 1

    # -- follow-up --------------------------------------------------------------------

    def set_follow_up(self, index: int, text: str) -> None:
        follow_up = self.session.follow_ups[index]
        if follow_up.text != text:
            follow_up.text = text
            self._changed()

    def set_keep(self, index: int, keep: bool) -> None:
        """Going on with last time's value makes it a development area again, with its
        action and role to start from (while there is room for it)."""
        follow_up = self.session.follow_ups[index]
        if follow_up.keep == keep:
            return
        follow_up.keep = keep
        self._changed()
        if keep and not self.is_focus(follow_up.value_id):
            if len(self.session.focus) < MAX_FOCUS:
                before = self.previous_focus(follow_up.value_id)
                self.session.focus.append(TeamFocus(
                    follow_up.value_id, follow_up.value_name, follow_up.action,
                    before.role if before is not None else ""))
        elif not keep:
            self.session.focus = [f for f in self.session.focus
                                  if f.value_id != follow_up.value_id]

    def previous_focus(self, value_id: str) -> TeamFocus | None:
        if self.previous is None:
            return None
        return next((f for f in self.previous.focus if f.value_id == value_id), None)

    # -- theme and length --------------------------------------------------------------

    def suggested(self) -> Theme:
        return suggest(self.themes, self.last)

    @property
    def theme(self) -> Theme | None:
        ref = self.session.theme
        return self.themes_by_id.get(ref.id) if ref is not None else None

    def choose_theme(self, theme_id: str) -> Theme:
        theme = self.themes_by_id[theme_id]
        if self.session.theme is None or self.session.theme.id != theme_id:
            self.session.theme = theme.ref()
            self._changed()
        return theme

    def set_length(self, minutes: int) -> None:
        if minutes in LENGTHS and self.session.minutes != minutes:
            self.session.minutes = minutes
            self._changed()

    @property
    def plan(self) -> Plan:
        return plan_for(self.session.minutes)

    def reflect_seconds(self) -> float:
        return self.plan.reflect * 60.0

    def share_seconds(self) -> float:
        """The plan's minutes for sharing: the share step shows them counting down."""
        return self.plan.share * 60.0

    # -- share ------------------------------------------------------------------------

    def set_key_points(self, text: str) -> None:
        if self.session.key_points != text:
            self.session.key_points = text
            self._changed()

    # -- development areas -------------------------------------------------------------

    def is_focus(self, value_id: str) -> bool:
        return any(f.value_id == value_id for f in self.session.focus)

    def toggle_focus(self, value_id: str) -> FocusProblem | None:
        if self.is_focus(value_id):
            self.session.focus = [f for f in self.session.focus if f.value_id != value_id]
            self._changed()
            return None
        value = self.content.value(value_id)
        if value is None:
            return FocusProblem.UNKNOWN_VALUE
        if len(self.session.focus) >= MAX_FOCUS:
            return FocusProblem.TOO_MANY
        self.session.focus.append(TeamFocus(value.id, value.name))
        self._changed()
        return None

    def set_action(self, value_id: str, action: str) -> None:
        for focus in self.session.focus:
            if focus.value_id == value_id and focus.action != action:
                focus.action = action
                self._changed()

    def set_role(self, value_id: str, role: str) -> None:
        for focus in self.session.focus:
            if focus.value_id == value_id and focus.role != role:
                focus.role = role
                self._changed()

    def focus_problem(self) -> FocusProblem | None:
        count = len(self.session.focus)
        if count < MIN_FOCUS:
            return FocusProblem.TOO_FEW
        if count > MAX_FOCUS:
            return FocusProblem.TOO_MANY
        return None

    def resume_step(self) -> TeamStep:
        """Where a resumed draft picks up: the furthest step it has anything for."""
        s = self.session
        if s.focus:
            return TeamStep.FOCUS
        if s.key_points:
            return TeamStep.SHARE
        if s.theme is not None:
            return TeamStep.READ
        return self.steps[0]
