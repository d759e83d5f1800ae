"""refleks team log / team export, and where the team log lives."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from refleks.cli import main
from refleks.environment import Environment
from refleks.team.model import TeamFocus, TeamFollowUp, TeamSession, ThemeRef
from refleks.team.store import TeamLog

TZ = timezone(timedelta(hours=1))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def fill_log(path: Path) -> None:
    log = TeamLog(path)
    first = TeamSession(started_at=datetime(2026, 10, 5, 9, tzinfo=TZ),
                        completed_at=datetime(2026, 10, 5, 9, 30, tzinfo=TZ),
                        theme=ThemeRef("card:card.drommen", "card", "Drømmen", "…"),
                        key_points="Vi spør for sjelden om drømmer",
                        focus=[TeamFocus("hap", "Håp", "Spørre om drømmer i kartleggingen",
                                         "fagutvikler")])
    second = TeamSession(started_at=datetime(2026, 11, 2, 9, tzinfo=TZ),
                         completed_at=datetime(2026, 11, 2, 9, 30, tzinfo=TZ),
                         theme=ThemeRef("area:etikk", "area", "Etiske og rettighetsbaserte "
                                        "verdier", "…"),
                         follow_ups=[TeamFollowUp("hap", "Håp", "Spørre om drømmer",
                                                  "Vi gjorde det tre ganger", first.uid)],
                         focus=[TeamFocus("selvbestemmelse", "Selvbestemmelse", "Spørre først")])
    log.add_session(first, 0)
    log.add_session(second, 1)


def test_the_team_log_lives_beside_the_journal_unless_chosen(
        isolated_home: Path, tmp_path: Path) -> None:
    assert Environment().team_log_path == isolated_home / "team-log.json"
    (isolated_home / "config.toml").write_text(f'team_log = "{tmp_path / "share" / "t.json"}"\n')
    assert Environment().team_log_path == tmp_path / "share" / "t.json"
    chosen = Environment(team_log_option=str(tmp_path / "x.json"))
    assert chosen.team_log_path == tmp_path / "x.json"


def test_team_log_lists_the_sessions(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team-log.json"
    code, out, _ = run(capsys, "team", "log", "--team-log", str(path))
    assert code == 0 and "Ingen teamøkter ennå" in out
    fill_log(path)
    code, out, _ = run(capsys, "team", "log", "--team-log", str(path))
    assert code == 0
    lines = out.splitlines()
    assert "2 økter" in lines[0]
    assert lines[3].startswith("2. november 2026") and "Selvbestemmelse" in lines[3]
    assert "Drømmen" in lines[4] and "Håp" in lines[4]


def test_team_export_writes_minutes(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team-log.json"
    fill_log(path)
    code, out, _ = run(capsys, "--lang", "en", "team", "export", "--team-log", str(path))
    assert code == 0
    assert out.startswith("# Team log – minutes of team reflections")
    assert out.index("2 November 2026") < out.index("5 October 2026")  # newest first
    assert "Vi gjorde det tre ganger" in out and "fagutvikler" in out
    target = tmp_path / "minutes.md"
    code, out, _ = run(capsys, "team", "export", "--team-log", str(path), "-o", str(target))
    assert code == 0 and target.read_text().startswith("# Teamlogg")
    code, _, err = run(capsys, "team", "export", "--team-log", str(path), "-o", str(target))
    assert code == 2 and "--force" in err
    code, _, _ = run(capsys, "team", "export", "--team-log", str(path), "-o", str(target),
                     "--force")
    assert code == 0


def test_a_file_that_is_not_a_team_log_is_one_line(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "journal.json"
    path.write_text("[1, 2, 3]")
    code, _, err = run(capsys, "team", "log", "--team-log", str(path))
    assert code == 1 and err.count("\n") == 1 and "ikke en teamlogg" in err
    assert path.read_text() == "[1, 2, 3]"


def test_team_in_a_folder_that_is_not_there(capsys, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            at_a_terminal: None) -> None:
    code, _, err = run(capsys, "team", "--team-log", str(tmp_path / "nope" / "t.json"))
    assert code == 1 and "finnes ikke" in err


def test_team_can_be_the_first_thing_run_on_a_fresh_machine(  # type: ignore[no-untyped-def]
        capsys, isolated_home: Path, monkeypatch: pytest.MonkeyPatch,
        at_a_terminal: None) -> None:
    """No journal and no data folder yet: the team log's default place is refleks' own
    folder, which is made (as for the journal), not refused as a share not connected."""
    import refleks.tui.app

    monkeypatch.delenv("REFLEKS_JOURNAL")
    folder = isolated_home / ".local" / "share" / "refleks"
    assert not folder.exists()
    opened: list[Path] = []
    monkeypatch.setattr(refleks.tui.app, "run",
                        lambda env, start=None: opened.append(env.team_log_path) or 0)
    code, _, err = run(capsys, "team")
    assert (code, err) == (0, "")
    assert opened == [folder / "team-log.json"] and folder.is_dir()


def test_the_team_log_option_before_or_after_the_subcommand(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team-log.json"
    fill_log(path)
    for argv in (("team", "--team-log", str(path), "log"),
                 ("team", "log", "--team-log", str(path))):
        code, out, _ = run(capsys, *argv)
        assert code == 0 and "2 økter" in out


def test_team_export_writes_minutes_as_a_page_to_print(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team-log.json"
    fill_log(path)
    log = TeamLog(path)
    state = log.read()
    hostile = TeamSession(started_at=datetime(2026, 11, 16, 9, tzinfo=TZ),
                          completed_at=datetime(2026, 11, 16, 9, 30, tzinfo=TZ),
                          key_points="<script>alert(1)</script> [lenke](https://x.org)")
    log.add_session(hostile, state.revision)
    target = tmp_path / "referat.html"
    code, _, err = run(capsys, "team", "export", "--team-log", str(path), "-o", str(target))
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "default-src 'none'" in html
    assert "<h1>Teamlogg" in html and "Vi gjorde det tre ganger" in html
    assert "<script>" not in html and "href=" not in html  # what was typed stays text
    code, out, _ = run(capsys, "team", "export", "--team-log", str(path), "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, _, err = run(capsys, "team", "export", "--team-log", str(path), "--format", "pdf")
    assert code == 2 and "pdf" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["log", "export"])
def test_a_damaged_log_is_one_line_naming_it(capsys, tmp_path: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    import json

    path = tmp_path / "team-log.json"
    fill_log(path)
    data = json.loads(path.read_text())
    for change in ({"started_at": "garbage"}, {"focus": 5}):
        data["sessions"][0].update(change)
        path.write_text(json.dumps(data))
        code, out, err = run(capsys, "--lang", "en", "team", command, "--team-log", str(path))
        assert (code, out) == (1, "") and err.count("\n") == 1
        assert str(path) in err and "sessions[0]." in err and "Traceback" not in err
    path.write_text('{"format": "refleks-team-log", "version": 1, "sessions": '
                    + "[" * 200_000 + "]" * 200_000 + "}")
    code, _, err = run(capsys, "--lang", "en", "team", command, "--team-log", str(path))
    assert code == 1 and "too deeply" in err and err.count("\n") == 1


def test_special_files_are_refused_at_once(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        for command in ("log", "export"):
            code, out, err = run(capsys, "--lang", "en", "team", command, "--team-log", path)
            assert (code, out) == (1, "") and "not an ordinary file" in err and path in err
    code, out, err = run(capsys, "--lang", "en", "team", "log",
                         "--team-log", "/nonexistent/dir/t.json")
    assert code == 1 and "/nonexistent/dir" in err and "No team sessions" not in out
    for argv in (("team", "log", "--team-log", ""), ("team", "--team-log", " ", "export")):
        code, _, err = run(capsys, "--lang", "en", *argv)
        assert code == 2 and "--team-log" in err
