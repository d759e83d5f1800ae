"""Issue 22.9, the same thing in two languages: a value, area, method or CHIME element
stored under its Norwegian name is shown in English when refleks speaks English —
wherever the content knows its id. An id the content does not know keeps the name it
was stored under. (Status: tests/test_status_fast.py; the screens:
tests/tui/test_names_in_language_tui.py.)"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from refleks.checkin.flow import CheckinFlow
from refleks.cli import main
from refleks.content.loader import load_content
from refleks.content.model import Content
from refleks.content.names import shown_name
from refleks.journal.model import CheckIn, ChimeReflection, Focus
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir

TZ = timezone(timedelta(hours=1))


@pytest.fixture(scope="module")
def english() -> Content:
    return load_content(bundled_content_dir(), "en")


def norwegian_week() -> CheckIn:
    """A week written in Norwegian: every name as it was shown then, one value the
    bundled content has never had (a team's own folder, since put away)."""
    when = datetime(2026, 11, 23, 18, tzinfo=TZ)
    return CheckIn(
        started_at=when, completed_at=when, status="complete", lang="nb",
        area_id="relasjonell", area_title="Relasjonelle verdier og holdninger",
        chime=[ChimeReflection("chime.hope", "Håp", "present", "Hva ga håp?", "Et smil.")],
        focus=[Focus("tillit", "Tillit", "Ringe tilbake."),
               Focus("vaar-egen", "Vår egen verdi", "Spørre teamet.")],
        method_id="method.1", method_title="Start alltid med personens egne mål")


def norwegian_moment() -> Moment:
    return Moment(text="Hun ringte selv.", lang="nb",
                  created_at=datetime(2026, 11, 25, 14, 5, tzinfo=TZ),
                  values=[MomentValue("tilgjengelighet", "Tilgjengelighet"),
                          MomentValue("vaar-egen", "Vår egen verdi")],
                  chime_id="chime.hope", chime_name="Håp")


def test_a_known_id_is_named_by_the_content_and_an_unknown_one_as_stored(
        english: Content) -> None:
    assert shown_name(english, "value", "tillit", "Tillit") == "Trust"
    assert shown_name(english, "area", "relasjonell", "Relasjonelle verdier og holdninger") \
        == "Relational values and attitudes"
    assert shown_name(english, "method", "method.1", "Start alltid …") \
        == "Always start with the person's own goals"
    assert shown_name(english, "chime", "chime.hope", "Håp") \
        == "Hope and optimism about the future"
    assert shown_name(english, "value", "vaar-egen", "Vår egen verdi") == "Vår egen verdi"
    assert shown_name(None, "value", "tillit", "Tillit") == "Tillit"
    assert shown_name(english, "value", "borte", "") == "borte"


@pytest.fixture
def written_in_norwegian(journal_path: Path) -> Path:
    with Journal.open(journal_path) as journal:
        journal.save(norwegian_week())
        journal.moments.add(norwegian_moment())
    return journal_path


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_an_export_in_english_names_a_norwegian_week_in_english(
        written_in_norwegian: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["--lang", "en", "export", "--format", fmt]) == 0
    out = capsys.readouterr().out
    for english_name in ("Relational values and attitudes", "Trust",
                         "Always start with the person", "Hope and optimism about the future",
                         "Values: Availability, Vår egen verdi"):
        assert english_name in out
    for norwegian_name in ("Relasjonelle verdier", "Tillit", "Start alltid", "Håp",
                           "Tilgjengelighet"):
        assert norwegian_name not in out
    assert "Vår egen verdi" in out  # not in the content: as it was written
    assert "Ringe tilbake." in out  # the person's own words stay their own


def test_show_in_english_names_a_norwegian_week_in_english(
        written_in_norwegian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Relational values and attitudes" in out and "Trust: Ringe tilbake." in out
    assert "Tillit" not in out and "Relasjonelle" not in out


def test_moments_in_english_show_their_tags_in_english(
        written_in_norwegian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "moments"]) == 0
    out = capsys.readouterr().out
    assert "Values: Availability, Vår egen verdi · CHIME: Hope and optimism" in out
    assert main(["--lang", "en", "moments", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "Values: Availability, Vår egen verdi" in out and "Tilgjengelighet" not in out
    assert main(["--lang", "en", "moments", "--json"]) == 0  # the record: as stored
    assert '"value_name": "Tilgjengelighet"' in capsys.readouterr().out


def test_last_weeks_focus_is_followed_up_in_the_language_in_use(english: Content) -> None:
    flow = CheckinFlow(english, CheckIn(lang="en"), norwegian_week())
    assert [f.value_name for f in flow.checkin.follow_ups] == ["Trust", "Vår egen verdi"]
    assert flow.method_follow_up() == ("method.1", "Always start with the person's own goals")


def test_a_draft_resumed_in_the_other_language_names_its_values_in_it(
        english: Content) -> None:
    draft = CheckIn(lang="nb", focus=[Focus("tillit", "Tillit", "Ringe tilbake.")])
    flow = CheckinFlow(english, draft)
    assert [(f.value_name, f.action) for f in flow.checkin.focus] \
        == [("Trust", "Ringe tilbake.")]


def test_list_in_english_names_a_norwegian_weeks_area_and_values_in_english(
        written_in_norwegian: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "list"]) == 0
    out = capsys.readouterr().out
    assert "Relational values and attitudes" in out and "Trust, Vår egen verdi" in out
    assert "Tillit" not in out and "Relasjonelle" not in out
