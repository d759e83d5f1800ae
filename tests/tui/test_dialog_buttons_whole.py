"""A dialog's buttons stay whole and in view, at 60×18 and 80×24, in both languages.

A new user's try-out (NO_COLOR) met the export dialog at 80×24 in bokmål with "Bare
det jeg velger, for teamet" ticked: only the buttons' top edges showed, their labels
cut off, while three rows below the dialog stayed empty, and when Tab reached
"Eksporter" nothing showed that it had the focus. The choices in the middle scroll
now, and the buttons keep their place at the bottom.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import export_with_team_parts, make_session, plain_rows, settle

from refleks.tui.app import make_app


@pytest.mark.parametrize("lang", ["en", "nb"])
@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_export_buttons_stay_whole_with_the_team_parts_shown(
        journal_path: Path, tmp_path: Path, monkeypatch, size: tuple[int, int],  # type: ignore[no-untyped-def]
        lang: str) -> None:
    from refleks.tui.widgets.buttons import Button

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang=lang))
    async with app.run_test(size=size) as pilot:
        await export_with_team_parts(pilot, tmp_path)
        for _ in range(12):  # Tab on to Export, as a person would
            if getattr(app.focused, "id", None) == "export":
                break
            await pilot.press("tab")
            await settle(pilot)
        assert getattr(app.focused, "id", None) == "export"
        t = app.env.t
        rows = plain_rows(app)
        seen = "\n".join(rows)
        assert f"[ {t('export_view.export')} ]" in seen, seen  # the focus, in brackets
        assert t("export_view.cancel") in seen, seen
        dialog = app.screen.query_one("#dialog").region
        for button in app.screen.query(Button):
            region = button.region
            assert dialog.y < region.y and region.bottom < dialog.bottom, (button, seen)
