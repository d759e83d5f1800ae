"""A team export holds only what was ticked; the private answers stay home."""

from __future__ import annotations

import pytest

from refleks.content.ui import load_strings
from refleks.journal.markdown import render_markdown
from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus
from refleks.journal.sharing import DEFAULT_PARTS, redact


def sample() -> CheckIn:
    checkin = CheckIn(area_id="etikk", area_title="Etiske verdier", status="complete",
                      method_id="method.3", method_title="Bygg relasjonen før planen",
                      notes="privat notat")
    checkin.answers = [Answer("etikk.q1", "Hvor mye rom gir jeg?", "Et privat svar")]
    checkin.chime = [ChimeReflection("chime.hope", "Håp", "present", "Q?", "Om håp")]
    checkin.focus = [Focus("tillit", "Tillit", "Holde avtaler")]
    return checkin


def test_default_team_export_shares_focus_and_method_only() -> None:
    shared = redact(sample(), DEFAULT_PARTS)
    text = "".join(render_markdown([shared], load_strings("nb"), "nb"))
    assert "Tillit" in text and "Holde avtaler" in text
    assert "Bygg relasjonen før planen" in text
    for private in ("Et privat svar", "Om håp", "privat notat"):
        assert private not in text
    assert "Etiske verdier" in text  # the heading says which week and area


def test_everything_ticked_is_the_whole_checkin() -> None:
    original = sample()
    shared = redact(original, ["focus", "method", "follow_ups", "chime", "answers", "notes"])
    assert shared.answers == original.answers and shared.notes == original.notes
    assert original.answers  # the original is untouched by redaction
    assert redact(original, []).focus == [] and original.focus


def test_unknown_part_is_refused() -> None:
    with pytest.raises(ValueError, match="secrets"):
        redact(sample(), ["secrets"])
