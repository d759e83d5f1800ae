"""Settings offers the weekly reminder as a calendar file (issue 27.5), by keys alone.

The file is read back with ``icalendar``: a weekly event on the day and time chosen,
with an alarm, whose only text is the interface's own words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import eventually, make_session, plain_rows, type_keys

from refleks.tui.app import make_app
from refleks.tui.screens.reminder import ReminderScreen
from refleks.tui.screens.settings import SettingsScreen

SIZE = (80, 24)


@pytest.fixture
def documents(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = isolated_home / "Documents"
    folder.mkdir()
    monkeypatch.setattr("refleks.paths.documents_dir", lambda: folder)
    return folder


async def open_reminder(pilot, app) -> ReminderScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s")
    await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen))
    app.screen.query_one("#reminder").focus()
    await pilot.press("enter")  # the button Settings shows for it
    await eventually(pilot, lambda: isinstance(app.screen, ReminderScreen))
    return app.screen


async def test_settings_writes_a_weekly_reminder_for_the_calendar(
        journal_path: Path, documents: Path) -> None:
    from icalendar import Calendar

    app = make_app(make_session(journal_path, "nb"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reminder(pilot, app)
        assert str(documents / "refleks-reminder.ics") in screen.query_one("#reminder-file").value
        await pilot.press("enter", "up", "enter")  # the day list: torsdag, one above fredag
        await pilot.press("tab")
        field = screen.query_one("#reminder-time")
        field.value = ""
        await type_keys(pilot, "09:30")
        await pilot.press("ctrl+s")
        await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen))
        written = documents / "refleks-reminder.ics"
        assert written.exists()
        assert any(str(written) in str(n.message) for n in app._notifications)
    calendar = Calendar.from_ical(written.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == "refleks – ukentlig refleksjon"
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["BYDAY"] == ["TH"]
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 30, "Europe/Oslo")
    assert [a["action"] for a in event.walk("VALARM")] == ["DISPLAY"]


async def test_the_reminder_is_never_written_over_a_file_or_with_a_time_that_is_not_one(
        journal_path: Path, documents: Path) -> None:
    kept = documents / "refleks-reminder.ics"
    kept.write_text("mine", encoding="utf-8")
    app = make_app(make_session(journal_path, "en"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_reminder(pilot, app)
        await pilot.press("ctrl+s")
        message = screen.query_one("#reminder-message")
        assert "is already there" in str(message.render())
        screen.query_one("#reminder-file").value = str(documents / "other.ics")
        screen.query_one("#reminder-time").value = "25:00"
        await pilot.press("ctrl+s")
        assert "Write the time of day as 14:00." in str(message.render())
        await pilot.press("escape")
        await eventually(pilot, lambda: isinstance(app.screen, SettingsScreen))
    assert kept.read_text(encoding="utf-8") == "mine"
    assert not (documents / "other.ics").exists()


@pytest.mark.parametrize("size", [(80, 24), (60, 18)])
async def test_a_missing_folder_takes_the_focus_to_the_path_in_view(
        journal_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        size: tuple[int, int]) -> None:
    """A new user's try-out (80×24, bokmål, NO_COLOR): after Ctrl+S "Mappen … finnes
    ikke." showed, but the path had scrolled away to its top edge and the focus stayed
    on the day. The field the message is about gets the focus, in view."""
    from textual.widgets import Input
    from tui_helpers import settle

    monkeypatch.setenv("NO_COLOR", "1")
    missing = isolated_home / "Documents"  # never made
    monkeypatch.setattr("refleks.paths.documents_dir", lambda: missing)
    app = make_app(make_session(journal_path, "nb"))
    async with app.run_test(size=size) as pilot:
        screen = await open_reminder(pilot, app)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await eventually(pilot, lambda: screen.query_one("#reminder-message").display)
        await settle(pilot)
        field = screen.query_one("#reminder-file", Input)
        assert app.focused is field
        seen = "\n".join(plain_rows(app))
        assert "finnes" in seen, seen  # "Mappen … finnes ikke.", wrapped at 60
        # The field whole inside the part that scrolls: its three rows are drawn.
        fields = screen.query_one("#reminder-fields").region
        assert fields.y <= field.region.y and field.region.bottom <= fields.bottom, seen
        assert "refleks-reminder.ics" in seen, seen
