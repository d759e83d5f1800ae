"""A content folder's text on every screen that shows it: shown as the text it is.

A team's own content folder may be written by anyone who can write the shared folder,
so its text is data here as the journal's is. The folder in these tests is the
bundled content with Rich/Textual markup (an action on click, a hyperlink, a style)
and a Markdown link after every text; its escape sequences are refused before a
screen opens (``tests/test_hostile_content.py``). Each screen is looked at as the
terminal would get it: no segment carries an action or a link, no byte stream holds
an OSC, and the markup is there to read, as typed.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from team_helpers import FakeClock, session_open, team_at
from test_hostile_content import MARKUP, hostile_folder
from tui_helpers import SIZE, checkin_at, eventually, make_session, settle

from refleks.checkin import Step
from refleks.environment import Environment
from refleks.journal.model import CheckIn, Focus
from refleks.journal.moments import Moment, MomentValue
from refleks.settings import Settings
from refleks.team.flow import TeamStep
from refleks.team.themes import build_themes
from refleks.tui.app import make_app
from refleks.tui.screens.help import HelpScreen
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.library import LibraryScreen
from refleks.tui.screens.team import TeamStartScreen
from refleks.tui.session import Session

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SHOWN = "[@click=app.quit]X[/]"  # the start of MARKUP as it reads when shown as text
# The library's entries whose label in the tree is the content's own name for them.
NAMED_BY_CONTENT = frozenset({"value", "quality", "dilemma", "method", "collection"})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The bundled content with markup after every text of its model files (the
    interface text is the program's own words, see the module's docstring)."""
    target = tmp_path / "hostile-content"
    hostile_folder(target, MARKUP, ui=False)
    return target


def hostile_session(journal_path: Path, folder: Path, lang: str = "nb") -> Session:
    """A session on ``folder`` whose journal holds last week's check-in, its value
    names, method and area as the hostile content named them, and a moment since."""
    session = make_session(journal_path, lang)
    env = Environment.given(lang=lang, content_dir=folder, journal=session.env.journal,
                            settings=Settings(welcomed=True))
    content = env.content
    area = content.areas[0]
    method = content.methods[0]
    last = CheckIn(lang=lang, status="complete", area_id=area.id, area_title=area.title,
                   method_id=method.id, method_title=method.title)
    last.started_at = last.completed_at = session.ui.current_time().replace(day=23)
    last.focus = [Focus(v.id, v.name, f"Øve på {v.id}") for v in area.values[:2]]
    env.journal.save(last)
    value = area.values[0]
    env.journal.moments.add(Moment("Et øyeblikk", values=[MomentValue(value.id, value.name)],
                                   created_at=last.completed_at + timedelta(days=2)))
    return Session(env, session.ui)


def shown_as_code(app: Any) -> list[str]:
    """What on the terminal now would act rather than read: a control character, a
    segment with an action or a link, an OSC in the bytes a terminal would get."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if CONTROL.search(segment.text):
                found.append(f"control character in {segment.text!r}")
            if style is not None and style.link:
                found.append(f"link {style.link!r} on {segment.text!r}")
            if style is not None and style.meta and any(
                    "app.quit" in str(v) or "evil.example" in str(v)
                    for v in style.meta.values()):
                found.append(f"action {style.meta!r} on {segment.text!r}")
    width, height = app.size
    terminal = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                       color_system="truecolor", legacy_windows=False)
    terminal.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    if "\x1b]" in terminal.file.getvalue():  # type: ignore[attr-defined]
        found.append("an OSC (a title, a hyperlink) in what the terminal gets")
    return found


def text_now(app: Any) -> str:
    """Every character on the terminal now, its whitespace collapsed."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      legacy_windows=False, color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return " ".join(console.export_text().split())


class Tour:
    """Screens looked at, and what each showed as code: one report at the end."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.problems: dict[str, list[str]] = {}
        self.unread: list[str] = []

    async def look(self, pilot: Any, name: str, *, shows_content: bool = True) -> None:
        await settle(pilot)
        problems = shown_as_code(self.app)
        if problems:
            self.problems[name] = problems
        if shows_content and SHOWN not in text_now(self.app):
            self.unread.append(name)

    def check(self) -> None:
        assert self.problems == {}, "\n".join(f"{k}: {v[:2]}" for k, v in self.problems.items())
        assert self.unread == [], "the markup is not there to read as typed"


async def test_home_help_library_and_every_checkin_step(journal_path: Path,
                                                        folder: Path) -> None:
    app = make_app(hostile_session(journal_path, folder))
    tour = Tour(app)
    async with app.run_test(size=SIZE) as pilot:
        await eventually(pilot, lambda: isinstance(app.screen, HomeScreen))
        await tour.look(pilot, "home")
        await pilot.press("question_mark")
        await eventually(pilot, lambda: isinstance(app.screen, HelpScreen))
        await tour.look(pilot, "help", shows_content=False)
        await pilot.press("escape")
        await pilot.press("l")
        await eventually(pilot, lambda: isinstance(app.screen, LibraryScreen))
        await tour.look(pilot, "library")
        tree = app.screen.query_one("#library-tree")
        tree.root.expand_all()
        nodes = [*tree.root.children, *(n for b in tree.root.children for n in b.children)]
        named = [n for n in nodes if n.data.kind in NAMED_BY_CONTENT and not n.children]
        assert len(named) > 40
        for node in nodes:
            label = node.label
            if any(span.style for span in label.spans) or (
                    node in named and SHOWN not in label.plain):
                tour.problems.setdefault("library tree", []).append(repr(label))
        kinds_seen: set[str] = set()
        for branch in tree.root.children:
            for node in branch.children:
                if node.data.kind in kinds_seen:
                    continue
                kinds_seen.add(node.data.kind)
                tree.move_cursor(node)
                await tour.look(pilot, f"library page {node.data.kind} {node.data.id}")
        assert len(kinds_seen) >= 10
        await pilot.press("escape")
        for step in Step:
            await checkin_at(pilot, step)
            await tour.look(pilot, f"check-in {step}")
        assert app.is_running
    tour.check()


async def test_the_team_start_every_step_and_every_kind_of_theme(journal_path: Path,
                                                                 folder: Path) -> None:
    session = hostile_session(journal_path, folder)
    session.ui.monotonic = FakeClock()
    app = make_app(session)
    tour = Tour(app)
    async with app.run_test(size=SIZE) as pilot:
        await eventually(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("t")
        await eventually(pilot, lambda: isinstance(app.screen, TeamStartScreen))
        await tour.look(pilot, "team start", shows_content=False)
        await pilot.press("enter")
        await session_open(pilot)
        for step in TeamStep:
            if step is not TeamStep.FOLLOW_UP:  # only after a session with a focus
                await team_at(pilot, step)
                await tour.look(pilot, f"team {step}")
        one_of_each = {theme.kind: theme for theme in build_themes(session.env.content)}
        for theme in one_of_each.values():
            await team_at(pilot, TeamStep.READ, lambda flow, t=theme: flow.choose_theme(t.id))
            await tour.look(pilot, f"team read {theme.id}")
        assert app.is_running
    tour.check()


async def test_the_moment_dialog_the_moments_list_and_a_moment_read(journal_path: Path,
                                                                    folder: Path) -> None:
    """The choices of CHIME and of values open as lists of the content's names, and a
    moment read shows its values as the content named them."""
    from textual.widgets import Select

    from refleks.tui.screens.moment import MomentScreen
    from refleks.tui.screens.moments_list import MomentsScreen, MomentViewScreen

    app = make_app(hostile_session(journal_path, folder))
    tour = Tour(app)
    async with app.run_test(size=SIZE) as pilot:
        await eventually(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("m")
        await eventually(pilot, lambda: isinstance(app.screen, MomentScreen))
        await tour.look(pilot, "moment")
        chime = app.screen.query_one("#moment-chime", Select)
        chime.focus()
        chime.expanded = True
        await tour.look(pilot, "moment, CHIME open")
        chime.expanded = False
        await pilot.press("escape")
        await eventually(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("j", "m")
        await eventually(pilot, lambda: isinstance(app.screen, MomentsScreen))
        await tour.look(pilot, "moments")
        values = app.screen.query_one("#moments-value", Select)
        values.focus()
        values.expanded = True
        await tour.look(pilot, "moments, values open")
        values.expanded = False
        app.screen.query_one("#moments-list").focus()
        await pilot.press("enter")
        await eventually(pilot, lambda: isinstance(app.screen, MomentViewScreen))
        await tour.look(pilot, "a moment read")
        assert app.is_running
    tour.check()
