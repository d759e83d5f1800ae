"""The hostile corpus in the app: markup and escape sequences in stored text are shown
as text on every screen that shows them, the app starts on a journal that once made
it crash on every start, a crash report holds no journal text, and an answer stops
growing at the journal's limit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_hostile import EDGE_DATES, HOSTILE, edge_dated, hostile_checkin
from textual.widgets import Markdown, OptionList, Static
from tui_helpers import SIZE, checkin_at, fill, make_session, screen_text

from refleks.checkin import Step
from refleks.journal.records import MAX_TEXT
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.checkin import CheckinScreen
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.journal import EntryScreen, JournalScreen
from refleks.tui.widgets.editor import AnswerEditor
from refleks.tui.widgets.entry_view import EntryView

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def everything_shown(app) -> str:  # type: ignore[no-untyped-def]
    """What the screen's Static widgets, option lists and Markdown views say."""
    parts = [screen_text(app)]
    for options in app.screen.query(OptionList):
        parts += [str(options.get_option_at_index(i).prompt)
                  for i in range(options.option_count)]
    parts += [view.source for view in app.screen.query(Markdown)]
    parts += [view.source for view in app.screen.query(EntryView)]
    return "\n".join(parts)


@pytest.fixture
def hostile_journal(journal_path: Path) -> Path:
    """A journal (written raw, as one from before imports were cleaned) with a
    check-in a week for each hostile text, that text in every field; the link title
    that crashed every start is the newest, then a click action, OSC and C1."""
    first = [HOSTILE[7], HOSTILE[6], HOSTILE[0], HOSTILE[3]]  # newest first
    oldest_first = [*(h for h in HOSTILE if h not in first), *reversed(first)]
    with Journal.open(journal_path) as j:
        for week, text in enumerate(oldest_first):
            j.save(hostile_checkin(f"2026-{9 + week // 4:02d}-{1 + 7 * (week % 4):02d}", text))
    return journal_path


async def test_every_screen_shows_hostile_text_as_text(hostile_journal: Path) -> None:
    newest = HOSTILE[7]
    app = make_app(make_session(hostile_journal))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        home = everything_shown(app)
        assert not CONTROL.search(home)
        lines = [str(w.render()) for w in app.screen.query(".focus-line").results(Static)]
        assert f"{newest} — Act {newest}" in lines
        await pilot.click(".focus-line")  # a [@click=…] in a name is no link
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        assert not CONTROL.search(everything_shown(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        for _ in range(4):  # markup, then escape sequences: stepping to the older one
            assert not CONTROL.search(everything_shown(app))
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()

        await pilot.press("o")
        await pilot.pause()
        assert not CONTROL.search(everything_shown(app))
        for tab in "234":
            await pilot.press(tab)
            await pilot.pause()
            assert not CONTROL.search(everything_shown(app))
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("n")  # the follow-up step shows last week's names and actions
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert not CONTROL.search(everything_shown(app))


async def test_the_link_title_that_crashed_every_start_is_shown_literally(
        journal_path: Path) -> None:
    title = "See [link=https://example.org]this[/link]"
    with Journal.open(journal_path) as j:
        c = hostile_checkin(text=title)
        j.save(c)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = screen_text(app)
        assert f"{title} — Act {title}" in shown
        assert f"Method {title}" in shown
    assert app.return_code in (0, None)


@pytest.mark.parametrize(("field", "value"), EDGE_DATES, ids=lambda x: str(x)[:10])
async def test_a_stored_date_at_the_calendar_edge_crashes_no_screen(
        journal_path: Path, field: str, value: object) -> None:
    edge_dated(journal_path, field, value)  # type: ignore[arg-type]
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("escape", "escape", "o")
        await pilot.pause()
        for tab in "234":
            await pilot.press(tab)
            await pilot.pause()
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)


def test_a_crash_report_holds_no_local_variables(journal_path: Path) -> None:
    """Textual's own report (``_fatal_error``) prints every frame's locals: the
    journal's text. Ours keeps the frames and the error, not the locals."""
    secret = "Hemmelig svar om en bruker"
    app = make_app(make_session(journal_path))

    def crash(answer: str) -> None:
        raise RuntimeError("boom \x1b]0;title\x07")

    try:
        crash(secret)
    except RuntimeError:
        app._fatal_error()
    assert app._exit_renderables, "the crash report is built"
    from rich.console import Console

    console = Console(record=True, width=100, file=open("/dev/null", "w"))  # noqa: SIM115
    for renderable in app._exit_renderables:
        console.print(renderable)
    report = console.export_text()
    assert "RuntimeError" in report and "boom" in report and "crash" in report
    assert secret not in report
    assert not CONTROL.search(report)


async def test_an_answer_refuses_a_paste_past_the_limit_and_keeps_what_was_written(
        journal_path: Path, monkeypatch) -> None:
    import refleks.tui.widgets.editor

    limit = 600  # the editor's own check, at a size quick to type; the real one is 1 MB
    assert MAX_TEXT == 1_000_000
    monkeypatch.setattr(refleks.tui.widgets.editor, "MAX_TEXT", limit)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)  # the suggested area: the first question
        editor = app.screen.query_one(AnswerEditor)
        assert app.focused is editor
        written = "ord " * (limit // 4 - 1)  # 596 characters
        await fill(pilot, written)
        await fill(pilot, "x" * 5)  # one past the limit: refused whole, not cut
        assert editor.text == written
        notes = [n.message for n in app._notifications]
        assert any(str(limit) in message for message in notes), notes
        editor.select_all()  # a paste over a selection it would replace: nothing lost
        await fill(pilot, "y" * (limit + 1))
        assert editor.text == written
        editor.move_cursor(editor.document.end)
        await fill(pilot, "slut")  # up to the limit exactly: taken
        assert len(editor.text) == limit
        await pilot.press("ctrl+n")  # the draft keeps what the editor holds
        await pilot.pause()
    with Journal.open(journal_path) as j:
        draft = j.current_draft()
        assert draft is not None and draft.answers[0].text == written + "slut"


async def test_the_moment_dialog_refuses_a_paste_past_the_limit(journal_path: Path,
                                                                monkeypatch) -> None:
    from tui_helpers import eventually

    import refleks.tui.widgets.editor
    from refleks.tui.screens.moment import MomentScreen

    limit = 300
    monkeypatch.setattr(refleks.tui.widgets.editor, "MAX_TEXT", limit)
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await eventually(pilot, lambda: isinstance(app.screen, MomentScreen))
        await fill(pilot, "Et øyeblikk.")
        await fill(pilot, "z" * limit)
        field = app.screen.query_one("#moment-text")
        assert field.text == "Et øyeblikk."  # type: ignore[attr-defined]
        notes = [n.message for n in app._notifications]
        assert any(f"at most {limit} characters" in message for message in notes), notes
        await pilot.press("ctrl+s")
        await eventually(pilot, lambda: not isinstance(app.screen, MomentScreen))
    with Journal.open(journal_path) as j:
        assert [m.text for m in j.moments.select()] == ["Et øyeblikk."]
