"""The export dialog's team parts read whole at 60×18 and 80×24, in both languages.

A new user's try-out (NO_COLOR) found the parts cut at the edge of their column: at
80×24 in bokmål "Svarene på refleksjonsspørs", at 60×18 in English "Focus values and",
"Method of the wee", "Answers to the ref" (the focus mark's two columns made it
worse). A part's label wraps now, as a format's does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import export_with_team_parts, make_session, plain_rows, settle

from refleks.tui.app import make_app


@pytest.mark.parametrize("lang", ["en", "nb"])
@pytest.mark.parametrize("size", [(60, 18), (80, 24)])
async def test_each_part_of_a_team_export_reads_whole(
        journal_path: Path, tmp_path: Path, monkeypatch, size: tuple[int, int],  # type: ignore[no-untyped-def]
        lang: str) -> None:
    from refleks.tui.widgets.toggles import Checkbox

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(make_session(journal_path, lang=lang))
    async with app.run_test(size=size) as pilot:
        await export_with_team_parts(pilot, tmp_path)
        parts = list(app.screen.query(".part").results(Checkbox))
        assert len(parts) == 6
        for part in parts:
            part.focus()  # scrolled into view
            await settle(pilot)
            label = str(part.label)
            region = part.region  # on the screen: the rows and columns it is drawn in
            rows = plain_rows(app)[region.y:region.bottom]
            text = " ".join(" ".join(row[region.x:region.right] for row in rows).split())
            assert label in text, (label, text, plain_rows(app))
