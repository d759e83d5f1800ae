"""A hostile corpus through every command: escape sequences, markup, edge dates, huge
numbers and bombs. Nothing may reach the terminal as code, nothing may crash with a
traceback, and every exit status is the documented one (0 done, 1 a problem with a
file or the journal, 2 a bad argument). The TUI side is ``tui/test_hostile_tui.py``.
"""

from __future__ import annotations

import errno
import io
import json
import re
import shutil
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.content.ui import Strings, safe_format, unsafe_fields
from refleks.journal import codec, records
from refleks.journal.model import CheckIn, Focus
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir

# What a terminal would obey: C0 controls but line break and tab, DEL, C1 controls.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = [
    "Tillit \u001b]0;PWNED\u0007",  # sets the terminal's title
    "\u001b]52;c;cHduZWQ=\u0007",  # writes the clipboard (OSC 52)
    "\u001b[2J\u001b[H",  # clears the screen
    "C1 \x9b31m red",  # CSI in one byte
    "DEL\x7f NUL\x00 BS\x08",
    "[bold red]Rød[/]",
    "[@click=app.quit]x[/]",
    "See [link=https://example.org]this[/link]",
    "[link](javascript:alert(1))",
]
EVERYTHING = " | ".join(HOSTILE)

COMMANDS = [
    ["status"], ["status", "--json"], ["list"], ["list", "--json"],
    ["list", "--search", "red"], ["show", "latest"], ["show", "1"],
    ["show", "1", "--markdown"], ["export"], ["export", "--format", "json"],
    ["export", "--drafts"], ["values"], ["restore"],
]


def hostile_checkin(day: str = "2026-11-30", text: str = EVERYTHING) -> CheckIn:
    """A check-in with hostile text in every text field a person or a file can fill."""
    c = make_checkin(day, area_title=f"Area {text}", answer=f"Answer red {text}")
    c.focus = [Focus("tillit", text, f"Act {text}")]
    c.method_id, c.method_title = "m", f"Method {text}"
    c.notes = f"Notes {text}"
    c.chime[0].text = f"Chime {text}"
    c.follow_ups[0].value_name = text
    c.follow_ups[0].text = f"Follow {text}"
    c.later_notes[0].text = f"Later {text}"
    return c


def export_file(tmp_path: Path, *checkins: CheckIn, name: str = "in.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"format": "refleks-journal", "version": 1,
                                "checkins": [codec.to_dict(c) for c in checkins]},
                               ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_safe(out: str, err: str) -> None:
    assert not CONTROL.search(out), CONTROL.findall(out)[:5]
    assert not CONTROL.search(err), CONTROL.findall(err)[:5]
    assert "Traceback" not in out + err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("refleks: "), err
    return lines[0]


# -- 3. escape sequences -----------------------------------------------------------------


@pytest.fixture
def legacy(journal_path: Path) -> Path:
    """A journal holding raw control characters, as one written before imports were
    cleaned (or by another program) would: the read boundary must clean them."""
    with Journal.open(journal_path) as j:
        j.save(hostile_checkin())
    raw = sqlite3.connect(journal_path).execute("SELECT body FROM checkins").fetchone()[0]
    notes = json.loads(raw)["notes"]
    assert "\x1b]0;PWNED" in notes and "\x9b" in notes
    return journal_path


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_no_command_lets_stored_control_characters_reach_the_terminal(
        capsys: pytest.CaptureFixture[str], legacy: Path, argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code in (0, 1)  # status: 1 when a check-in is due
    assert_safe(out, err)
    if argv[0] in ("show", "export") and "json" not in argv:
        assert "␛" in out and "0;PWNED␇" in out  # shown, as visible symbols


def test_the_json_export_keeps_c1_controls_as_escapes(capsys, legacy: Path) -> None:
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and "\\u009b" in out
    assert "\x9b" not in out
    json.loads(out)


def test_an_import_stores_control_characters_as_visible_symbols(
        capsys, tmp_path: Path, journal_path: Path) -> None:
    code, _, err = run(capsys, "import", str(export_file(tmp_path, hostile_checkin())))
    assert code == 0, err
    db = sqlite3.connect(journal_path)
    for body, head in db.execute("SELECT body, area_title || method_title FROM checkins"):
        text = json.dumps(json.loads(body), ensure_ascii=False) + head
        assert not CONTROL.search(text)
        assert "␛]0;PWNED␇" in text
    for (name,) in db.execute("SELECT value_name FROM focus"):
        assert not CONTROL.search(name)
    for argv in COMMANDS:
        assert_safe(*run(capsys, *argv)[1:])


# -- 4. markup is text; delete at the shell ----------------------------------------------


def test_markup_in_stored_text_is_printed_as_written(capsys, legacy: Path) -> None:
    _, out, _ = run(capsys, "list")
    assert "[link=https://example.org]this[/link]" in out
    _, out, _ = run(capsys, "show", "1", "--markdown")
    assert r"\[link=https://example.org\]this\[/link\]" in out  # Markdown-escaped


@pytest.fixture
def two(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02"))
        j.save(make_checkin("2026-11-30", status="draft"))
    return journal_path


def ids(path: Path) -> list[int]:
    with Journal.open(path) as j:
        return [s.id for s in j.summaries()]


def test_delete_with_yes_backs_up_first(capsys, two: Path) -> None:
    code, out, err = run(capsys, "delete", "1", "--yes")
    assert code == 0, err
    assert ids(two) == [2]
    backups = list((two.parent / "backups").glob("*.sqlite3"))
    assert len(backups) == 1 and str(backups[0]) in out
    with Journal.open(backups[0]) as kept:
        assert kept.get(1) is not None


def test_delete_without_a_terminal_and_without_yes_refuses(capsys, two: Path,
                                                           monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, "delete", "1")
    assert code == 1 and "--yes" in one_line(err)
    assert ids(two) == [2, 1]


@pytest.mark.parametrize(("answers", "deleted"), [
    (["ja", "j"], True), (["yes", "y"], True), (["j", ""], False), (["nei"], False),
    ([""], False),
])
def test_delete_of_a_completed_checkin_asks_twice(capsys, two: Path, monkeypatch,
                                                  answers: list[str], deleted: bool) -> None:
    given = iter(answers)
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or next(given))
    code, out, _ = run(capsys, "delete", "1")
    assert len(asked) == len(answers)
    assert all(q.endswith("[j/N] ") for q in asked)  # as moments delete asks
    assert ids(two) == ([2] if deleted else [2, 1])
    assert code == (0 if deleted else 1)
    if not deleted:
        assert "Ingenting ble slettet" in out


def test_delete_of_a_draft_asks_once(capsys, two: Path, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda q: asked.append(q) or "ja")
    code, _, _ = run(capsys, "delete", "2")
    assert code == 0 and len(asked) == 1
    assert ids(two) == [1]


def test_delete_of_no_such_entry(capsys, two: Path) -> None:
    code, _, err = run(capsys, "delete", "99", "--yes")
    assert code == 2 and "99" in one_line(err)


# -- 5. edge dates -------------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [
    ("started_at", "0001-01-01T00:00:00+00:00"),
    ("started_at", "9999-12-31T23:59:59+00:00"),
    ("completed_at", "9999-12-31T23:59:59+00:00"),
    ("updated_at", "1969-12-31T12:00:00+00:00"),
    ("started_at", "2201-01-01T00:00:00+00:00"),
])
def test_an_import_refuses_dates_outside_1970_to_2200(capsys, tmp_path: Path,
                                                      journal_path: Path, field: str,
                                                      value: str) -> None:
    node = codec.to_dict(make_checkin())
    node[field] = value
    path = tmp_path / "dates.json"
    path.write_text(json.dumps({"format": "refleks-journal", "version": 1,
                                "checkins": [node]}), encoding="utf-8")
    code, _, err = run(capsys, "import", str(path))
    assert code == 1
    line = one_line(err)
    assert f"checkins[0].{field}" in line and "1970" in line and "2200" in line
    assert not journal_path.exists() or ids(journal_path) == []


EDGE_DATES = [("completed_at", datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
              ("started_at", datetime(1, 1, 1, tzinfo=UTC)),
              ("started_at", datetime(9999, 12, 31, 23, tzinfo=UTC))]


def edge_dated(journal_path: Path, field: str, value: datetime) -> Path:
    """A journal that already holds a date at the calendar's edge, as one filled by an
    import before imports refused them did: it must not crash on every start."""
    with Journal.open(journal_path) as j:
        c = make_checkin("2026-11-02", answer="Hemmelig svar")
        setattr(c, field, value)
        j.save(c)
    return journal_path


@pytest.mark.parametrize(("field", "value"), EDGE_DATES, ids=lambda x: str(x)[:10])
@pytest.mark.parametrize("argv", [["status"], ["status", "--json"], ["list"], ["show", "1"],
                                  ["export"], ["export", "--format", "html"]], ids=" ".join)
def test_a_stored_date_at_the_calendar_edge_crashes_no_command(
        capsys, journal_path: Path, field: str, value: datetime, argv: list[str]) -> None:
    edge_dated(journal_path, field, value)
    code, _, err = run(capsys, *argv)
    assert code in (0, 1), err
    assert "Traceback" not in err and "Hemmelig" not in err


# -- 6. huge numbers, other digits, format fields --------------------------------------------


@pytest.mark.parametrize("key", ["999999999999999999999999", "²", "١", "-1", "0"])
def test_show_of_a_number_that_names_nothing_says_so(capsys, two: Path, key: str) -> None:
    code, out, err = run(capsys, "show", key)
    assert code == 2 and out == ""
    assert key in one_line(err)


def test_an_import_with_a_5000_digit_version_says_so(capsys, tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text('{"format": "refleks-journal", "version": ' + "9" * 5000 + "}")
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and len(one_line(err)) < 300


def test_a_version_just_under_the_limit_is_not_quoted_whole(capsys, tmp_path: Path) -> None:
    path = tmp_path / "v.json"
    path.write_text('{"format": "refleks-journal", "version": ' + "9" * 4000 + "}")
    code, _, err = run(capsys, "import", str(path))
    assert code == 1 and len(one_line(err)) < 300


def test_ui_strings_fill_in_plain_names_only() -> None:
    t = Strings("en", {"k": "{date} {date.__class__.__init__.__globals__} {date[0]} {} "
                            "{date!r} {date:>99999999}"})
    shown = t("k", date="D")
    assert shown == ("D {date.__class__.__init__.__globals__} {date[0]} {} "
                     "{date!r} {date:>99999999}")
    assert safe_format("{a} {{b}} {", {"a": 1}) == "{a} {{b}} {"  # unmatched: as written
    assert unsafe_fields("{date} {x.y}") == ["{x.y}"]


def test_content_check_reports_a_field_that_is_not_a_plain_name(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "ours"
    shutil.copytree(bundled_content_dir(), folder)
    home = folder / "en" / "ui" / "home.yaml"
    text = home.read_text(encoding="utf-8")
    assert "{date}" in text
    home.write_text(text.replace("{date}", "{date.__class__.__init__.__globals__}", 1),
                    encoding="utf-8")
    line = 1 + text[: text.index("{date}")].count("\n")
    code, out, _ = run(capsys, "content", "check", str(folder))
    assert code == 1
    found = [x for x in out.splitlines() if "__globals__" in x]
    assert len(found) == 1 and f"home.yaml:{line}:" in found[0]


# -- 13. sizes and bombs ------------------------------------------------------------------------


def test_an_import_refuses_an_answer_over_the_limit(capsys, tmp_path: Path,
                                                    journal_path: Path) -> None:
    c = make_checkin(answer="ord " * (records.MAX_TEXT // 4 + 1))
    code, _, err = run(capsys, "import", str(export_file(tmp_path, c)))
    assert code == 1
    assert "checkins[0].answers[0].text" in one_line(err)
    assert not journal_path.exists() or ids(journal_path) == []


def test_an_import_refuses_a_checkin_with_more_answers_than_one_could_hold(
        capsys, tmp_path: Path, journal_path: Path) -> None:
    """200,000 answers in one check-in took a minute and ~1 GB to show; a week's
    reflection has a few dozen at most."""
    c = make_checkin()
    c.answers = [c.answers[0]] * (records.MAX_ITEMS + 1)
    code, _, err = run(capsys, "import", str(export_file(tmp_path, c)))
    assert code == 1
    line = one_line(err)
    assert "checkins[0].answers" in line and str(records.MAX_ITEMS) in line
    assert not journal_path.exists() or ids(journal_path) == []
    c.answers = c.answers[:records.MAX_ITEMS]
    code, _, err = run(capsys, "import", str(export_file(tmp_path, c)))
    assert code == 0, err


@pytest.mark.parametrize("body", [
    "[" * 200_000, '{"format": "refleks-journal", "version": 1, "checkins": ' + "[" * 200_000,
    '{"format": "refleks-journal", "version": 1, "checkins": [1e999999]}',
    "\x00" * 100, "{" * 5 + "}", "",
], ids=["deep list", "deep checkins", "huge float", "NULs", "broken braces", "empty"])
def test_an_import_of_a_bomb_is_one_line(capsys, tmp_path: Path, body: str) -> None:
    path = tmp_path / "bomb.json"
    path.write_text(body, encoding="utf-8")
    code, out, err = run(capsys, "import", str(path))
    assert code == 1 and out == ""
    assert_safe(out, err)
    one_line(err)


def test_an_import_reads_in_pieces_the_same(tmp_path: Path, monkeypatch) -> None:
    from refleks.journal import json_reader
    from refleks.journal.json_io import read_export

    checkins = [hostile_checkin(f"2026-11-{d:02d}", "Å være ærlig {}") for d in range(1, 8)]
    path = export_file(tmp_path, *checkins)
    whole = read_export(path)
    monkeypatch.setattr(json_reader, "_CHUNK", 3)
    assert [codec.to_dict(c) for c in read_export(path)] == [codec.to_dict(c) for c in whole]
    assert [c.uid for c in whole] == [c.uid for c in checkins]


# -- 14. messages name the right thing ---------------------------------------------------------


def test_export_to_a_full_disk_names_the_output(capsys, two: Path, monkeypatch) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sys, "stdout", Full())
    code, _, err = run(capsys, "export")
    assert code == 1
    line = one_line(err)
    assert "skrive" in line and "No space left" in line and "journal" not in line


def test_export_to_a_file_on_a_full_disk_names_the_file(capsys, two: Path, tmp_path: Path,
                                                        monkeypatch) -> None:
    def full(path, chunks, *, overwrite=False):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("refleks.files.write_text", full)
    target = tmp_path / "ut.md"
    code, _, err = run(capsys, "export", "-o", str(target))
    assert code == 1 and str(target) in one_line(err) and "No space left" in err


def test_import_of_dev_null_is_not_an_export(capsys) -> None:
    code, _, err = run(capsys, "import", "/dev/null")
    assert code == 1 and "ikke en eksport" in one_line(err)


@pytest.mark.parametrize(("argv", "option"), [
    (["--journal", "", "list"], "--journal"), (["--journal="], "--journal"),
    (["--content", "", "list"], "--content"), (["export", "--format", ""], "--format"),
    (["export", "-o", ""], "-o"), (["import", ""], "FILE.json"),
])
def test_an_empty_option_is_refused_by_name(capsys, argv: list[str], option: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert one_line(err).startswith(f"refleks: {option}:")


MOMENT_COMMANDS = [["moments"], ["moments", "--json"], ["moments", "show", "1"],
                   ["export"], ["export", "--format", "html"], ["status"]]


@pytest.mark.parametrize("argv", MOMENT_COMMANDS, ids=" ".join)
def test_a_moment_with_control_characters_never_reaches_the_terminal_as_code(
        capsys: pytest.CaptureFixture[str], journal_path: Path, argv: list[str]) -> None:
    code, _, err = run(capsys, "note", EVERYTHING)  # as typed or pasted at the shell
    assert code == 0, err
    code, out, err = run(capsys, *argv)
    assert code in (0, 1), err
    assert_safe(out, err)
