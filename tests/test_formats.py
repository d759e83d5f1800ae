"""The table of export formats: each row is whole, and each is chosen the ways a person
chooses it (by name, by a file's suffix, in the dialog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refleks.content.ui import load_strings
from refleks.journal import formats
from refleks.journal.sharing import export_checkins, export_moments


@pytest.mark.parametrize("export_format", formats.FORMATS, ids=lambda f: f.name)
def test_each_format_is_found_by_its_name_and_its_suffixes(
        export_format: formats.ExportFormat) -> None:
    assert formats.by_name(export_format.name.upper()) is export_format
    for alias in export_format.aliases:
        assert formats.by_name(alias) is export_format
    for suffix in export_format.suffixes:
        assert formats.by_suffix(suffix.upper()) is export_format


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_each_format_has_its_label_in_every_language(lang: str) -> None:
    t = load_strings(lang)
    for export_format in formats.FORMATS:
        for what in ("all", "selection", "one", "moments"):
            key = export_format.label_key.format(what=what)
            assert t.has(key), key


def test_an_unknown_name_or_suffix() -> None:
    assert formats.by_name("pdf") is None
    assert formats.by_suffix(".txt") is formats.DEFAULT


@pytest.mark.parametrize("export_format", formats.FORMATS, ids=lambda f: f.name)
def test_each_format_writes_checkins_and_moments(export_format: formats.ExportFormat,
                                                 tmp_path: Path) -> None:
    from journal_helpers import make_checkin

    from refleks.journal.moments import Moment

    t = load_strings("en")
    path = tmp_path / f"all{export_format.suffix}"
    checkin = make_checkin(answer="A line only I wrote")
    assert export_checkins(path, [checkin], export_format.name, t, "en") == 1
    assert "A line only I wrote" in path.read_text(encoding="utf-8")
    team = tmp_path / f"team{export_format.suffix}"
    export_checkins(team, [checkin], export_format.name, t, "en", parts={"focus"})
    # A readable format goes to a team with the ticked parts only; JSON is the record.
    assert ("A line only I wrote" in team.read_text(encoding="utf-8")) is (
        not export_format.readable)
    moments = tmp_path / f"moments{export_format.suffix}"
    assert export_moments(moments, [Moment("She laughed at last")], export_format.name,
                          t, "en") == 1
    assert "She laughed at last" in moments.read_text(encoding="utf-8")
