"""The app's export dialog says where the text goes (issue 20): the file is plaintext,
and a folder a cloud client syncs is said before anything is written; the person goes
on, or chooses another folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from journal_helpers import make_checkin
from textual.widgets import Button, Input, Static
from tui_helpers import eventually, make_session, screen_text

from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.confirm import ConfirmScreen
from refleks.tui.screens.export import ExportScreen

SIZE = (80, 24)


@pytest.fixture
def onedrive_documents(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Documents moved into OneDrive for work, as many workplaces do."""
    folder = isolated_home / "OneDrive - Helse Vest" / "Dokumenter"
    folder.mkdir(parents=True)
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


@pytest.fixture
def one_checkin(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02", focus=("empati", "varme"),
                            answer="Jeg lyttet mer enn jeg snakket."))
    return journal_path


def note(app: Any) -> str:
    """The line under the path, as shown."""
    return " ".join(str(app.screen.query_one("#export-note", Static).render()).split())


async def test_the_dialog_says_it_before_writing_and_another_folder_can_be_chosen(
        one_checkin: Path, onedrive_documents: Path, isolated_home: Path) -> None:
    app = make_app(make_session(one_checkin))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        await eventually(pilot, lambda: isinstance(app.screen, ExportScreen))
        suggested = Path(app.screen.query_one("#export-path", Input).value)
        assert suggested.parent == onedrive_documents
        # said at once, under the path: plaintext, and the cloud
        assert note(app) == ("Filen er ikke kryptert: alle som kan åpne den, kan lese den. "
                             "Denne mappen blir synkronisert med OneDrive: filen havner "
                             "også i skyen.")
        await pilot.click("#export")
        await eventually(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = " ".join(screen_text(app).split())
        assert (f"{onedrive_documents} blir synkronisert med OneDrive, så eksporten ville "
                "blitt kopiert til skyen, ukryptert.") in question
        assert app.focused is not None and app.focused.id == "no"  # careful: "another folder"
        await pilot.press("enter")  # Velg en annen mappe
        await eventually(pilot, lambda: isinstance(app.screen, ExportScreen))
        path_input = app.screen.query_one("#export-path", Input)
        assert app.focused is path_input and path_input.value == str(suggested)
        assert list(onedrive_documents.iterdir()) == []  # nothing written
        # another folder: the note follows the path, and nothing more is asked
        own = isolated_home / "Documents"
        own.mkdir()
        path_input.value = str(own / "veiledning.md")
        await pilot.pause()
        assert note(app) == "Filen er ikke kryptert: alle som kan åpne den, kan lese den."
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await eventually(pilot, lambda: (own / "veiledning.md").exists())
        assert "Jeg lyttet mer" in (own / "veiledning.md").read_text(encoding="utf-8")
        assert list(onedrive_documents.iterdir()) == []


async def test_going_on_writes_into_the_synced_folder(one_checkin: Path,
                                                      onedrive_documents: Path) -> None:
    app = make_app(make_session(one_checkin, "en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        await eventually(pilot, lambda: isinstance(app.screen, ExportScreen))
        target = Path(app.screen.query_one("#export-path", Input).value)
        await pilot.click("#export")
        await eventually(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert str(app.screen.query_one("#yes", Button).label) == "Export there anyway"
        assert str(app.screen.query_one("#no", Button).label) == "Choose another folder"
        await pilot.click("#yes")
        await eventually(pilot, target.exists)
        await app.workers.wait_for_complete()
        assert "Jeg lyttet mer enn jeg snakket." in target.read_text(encoding="utf-8")
