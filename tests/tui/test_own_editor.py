"""ctrl+o in an answer field: the text in the person's own editor ($VISUAL/$EDITOR), and
back. The editor here is a small script that records what it was given (the file's
path and mode, its folder's mode, and the draft on disk at that moment) and appends a
line, as a person adding a thought would."""

from __future__ import annotations

import json
import stat
import sys
from pathlib import Path

import pytest
from tui_helpers import SIZE, checkin_at, eventually, fill, make_session

from refleks.checkin import Step
from refleks.journal.records import MAX_TEXT
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.widgets.editor import AnswerEditor

ADDED = "and one more thought, from my editor"


def saved_answer(journal_path: Path) -> str | None:
    """The first answer of the draft on disk, read as another process would."""
    other = Journal.open(journal_path)
    try:
        draft = other.current_draft()
        return draft.answers[0].text if draft is not None and draft.answers else None
    finally:
        other.close()


def an_editor(tmp_path: Path, journal_path: Path, *,
              writes: str | None = None) -> tuple[Path, Path]:
    """A script to set as $EDITOR, and the file where it says what it saw."""
    seen = tmp_path / "seen.json"
    script = tmp_path / "my-editor"
    script.write_text(f"""#!{sys.executable}
import json, os, stat, sys
from pathlib import Path
from refleks.journal.store import Journal

path = Path(sys.argv[1])
journal = Journal.open(Path({str(journal_path)!r}))
draft = journal.current_draft()
journal.close()
Path({str(seen)!r}).write_text(json.dumps({{
    "path": str(path),
    "given": path.read_text(encoding="utf-8"),
    "mode": stat.S_IMODE(os.stat(path).st_mode),
    "folder_mode": stat.S_IMODE(os.stat(path.parent).st_mode),
    "draft": draft.answers[0].text if draft is not None and draft.answers else None,
}}))
writes = {writes!r}
if writes is None:
    with open(path, "a", encoding="utf-8") as file:
        file.write("\\n{ADDED}\\n")
else:
    path.write_text(writes, encoding="utf-8")
""", encoding="utf-8")
    script.chmod(0o700)
    return script, seen


@pytest.fixture
def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)


async def test_the_answer_goes_to_the_editor_and_comes_back_saved(
        tmp_path: Path, journal_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_editor: None) -> None:
    script, seen = an_editor(tmp_path, journal_path)
    monkeypatch.setenv("EDITOR", str(script))
    # A draft saved only a minute after a change: what is on disk before and after the
    # editor was saved for the editor, not by the timer.
    app = make_app(make_session(journal_path, lang="en", draft_save_delay=60))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "a first thought")
        field = app.screen.query_one("#answer", AnswerEditor)
        # the field's key, named "Own editor" (in the footer where its keys all fit:
        # at 80×24 the step's keys and help come first, test_fit_60x18)
        [binding] = field._bindings.key_to_bindings["ctrl+o"]
        assert binding.description == "Own editor"
        await pilot.press("ctrl+o")
        await eventually(pilot, lambda: ADDED in field.text)
        assert field.text == f"a first thought\n{ADDED}"  # the editor's last line break dropped
        # the draft is on disk with the edited text at once (the timer waits a minute)
        await eventually(pilot, lambda: saved_answer(journal_path) == field.text, 10)
        assert app.focused is field
    said = json.loads(seen.read_text())
    assert said["given"] == "a first thought"
    assert said["draft"] == "a first thought"  # saved before the editor opened
    assert said["mode"] == 0o600 and said["folder_mode"] == 0o700
    assert not Path(said["path"]).exists() and not Path(said["path"]).parent.exists()


async def test_without_an_editor_it_says_which_variable_to_set(
        journal_path: Path, no_editor: None) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "kept as it is")
        await pilot.press("ctrl+o")
        await eventually(pilot, lambda: bool(app._notifications))
        said = " ".join(str(n.message) for n in app._notifications)
        assert "No editor is set" in said and "$VISUAL" in said and "$EDITOR" in said
        assert app.screen.query_one("#answer", AnswerEditor).text == "kept as it is"


async def test_a_text_too_long_from_the_editor_is_refused_and_the_answer_kept(
        tmp_path: Path, journal_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_editor: None) -> None:
    script, seen = an_editor(tmp_path, journal_path, writes="x" * (MAX_TEXT + 1))
    monkeypatch.setenv("VISUAL", str(script))
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await fill(pilot, "short")
        await pilot.press("ctrl+o")
        await eventually(pilot, lambda: bool(app._notifications))
        said = " ".join(str(n.message) for n in app._notifications)
        assert "at most" in said  # the field's own word for a text over its limit
        assert app.screen.query_one("#answer", AnswerEditor).text == "short"
    assert not Path(json.loads(seen.read_text())["path"]).exists()


async def test_an_encrypted_journal_says_the_file_is_plain_text_before_it_opens(
        tmp_path: Path, journal_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_editor: None) -> None:
    script, seen = an_editor(tmp_path, journal_path)
    monkeypatch.setenv("EDITOR", str(script))
    session = make_session(journal_path, lang="en")
    monkeypatch.setattr(type(session.env), "journal_encrypted", property(lambda env: True))
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await checkin_at(pilot, Step.REFLECT)
        await pilot.press("ctrl+o")
        from refleks.tui.screens.confirm import ConfirmScreen

        await eventually(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert not seen.exists()  # asked first, not opened
        assert "plain text" in app.screen.question
        await pilot.press("enter")  # "Open the editor"
        await eventually(pilot, seen.exists)
        assert stat.S_IMODE(json.loads(seen.read_text())["mode"]) == 0o600


@pytest.mark.parametrize("dialog", ["note", "moment"])
async def test_the_later_note_and_the_moment_dialog_take_the_key_too(
        dialog: str, tmp_path: Path, journal_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_editor: None) -> None:
    from textual.widgets import TextArea

    from refleks.tui.screens.moment import MomentScreen
    from refleks.tui.screens.note import NoteScreen

    script, _seen = an_editor(tmp_path, journal_path)
    monkeypatch.setenv("EDITOR", str(script))
    session = make_session(journal_path, lang="en")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(NoteScreen(session.env.t) if dialog == "note"
                        else MomentScreen(session))
        field_id = "#note" if dialog == "note" else "#moment-text"
        await eventually(pilot, lambda: bool(app.screen.query(field_id)))
        await fill(pilot, "later")
        await pilot.press("ctrl+o")
        field = app.screen.query_one(field_id, TextArea)
        await eventually(pilot, lambda: ADDED in field.text)
        assert field.text == f"later\n{ADDED}"
