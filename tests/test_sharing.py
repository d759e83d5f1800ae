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


def test_every_field_of_a_checkin_has_a_team_decision() -> None:
    """A field added to ``CheckIn`` fails here until someone decides, in the ``team``
    column of its row in ``codec.CHECKIN`` (``sharing.TEAM_MAY_SEE`` is derived from
    it), whether a team may see it; until then ``redact`` leaves it out, so nothing new
    goes to a team by default."""
    from dataclasses import fields

    from refleks.journal.sharing import PARTS, TEAM_MAY_SEE

    assert set(TEAM_MAY_SEE) == {f.name for f in fields(CheckIn)}
    assert set(TEAM_MAY_SEE.values()) <= {"always", "never", *PARTS}


def test_a_field_without_a_decision_stays_home(monkeypatch: pytest.MonkeyPatch) -> None:
    from refleks.journal import sharing

    original = sample()
    original.later_notes = []
    original.reached = "focus"
    undecided = dict(sharing.TEAM_MAY_SEE)
    del undecided["notes"]  # as if ``notes`` had just been added to CheckIn
    monkeypatch.setattr(sharing, "TEAM_MAY_SEE", undecided)
    shared = redact(original, sharing.PARTS)  # everything ticked
    assert shared.notes == "" and original.notes == "privat notat"
    assert shared.reached is None and shared.uid == original.uid
    assert shared.answers == original.answers and shared.answers is not original.answers


def test_a_field_added_to_a_checkin_stays_home() -> None:
    """What the test above holds, for a field that really is new: a check-in with one
    more field, which has no decision, and ``redact`` leaves it out. (That the new field
    is caught is ``test_every_field_of_a_checkin_has_a_team_decision``'s part: a check
    here that it has no decision could fail only when that test fails too.)"""
    from dataclasses import field, make_dataclass

    from refleks.journal.sharing import PARTS

    extended = make_dataclass("Extended", [("mood", str, field(default=""))],
                              bases=(CheckIn,))
    original = extended(mood="sliten", notes="privat notat")
    shared = redact(original, PARTS)  # everything ticked
    assert type(shared) is CheckIn and not hasattr(shared, "mood")
    assert shared.notes == "privat notat"
