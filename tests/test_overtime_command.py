"""refleks overtime: the app's Over time screen as plain lines at the prompt (issue 26)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.journal.model import FollowUp
from refleks.journal.store import Journal

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def weeks(journal_path: Path) -> Path:
    """Four weeks of check-ins: trust a focus twice (followed up and kept the week
    after), ethics visited once, an answer holding an escape sequence."""
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-10-05", area="etikk",
                            area_title="Etiske og rettighetsbaserte verdier",
                            focus=("tillit",), uid="w1"))
        second = make_checkin("2026-10-12", focus=("tillit", "empati"), uid="w2",
                              answer="Rødt \x1b[31mlys\x1b[0m i møtet.")
        second.focus[0].action = "Ringe tilbake \x1b[2Jsamme dag."
        second.follow_ups = [FollowUp("tillit", "Tillit", "Øve på tillit i morgenmøtet.",
                                      "Det gikk fint, de kom tilbake.", keep=True,
                                      from_uid="w1")]
        j.save(second)
        j.save(make_checkin("2026-11-02", focus=("varme",), uid="w3"))
        j.save(make_checkin("2026-11-23", focus=("empati",), uid="w4"))
    return journal_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_summary_in_norwegian_names_the_focus_areas_chime_and_rhythm(
        capsys, weeks: Path) -> None:
    code, out, err = run(capsys, "overtime")
    assert code == 0, err
    lines = out.splitlines()
    # the headings are plain lines, the tabs' names, in the tabs' order
    headings = ["Fokus", "Områder og CHIME", "Rytme", "For ett år siden"]
    assert [lines.index(h) for h in headings] == sorted(lines.index(h) for h in headings)
    assert "  Tillit: fokus 2 uker, sist uka som begynte 12. oktober 2026" in lines
    assert "  Varme: fokus én uke, uka som begynte 2. november 2026" in lines
    assert ("  Relasjonelle verdier og holdninger: 3 ganger det siste året; "
            "sist: 23. november 2026") in lines
    assert ("  Etiske og rettighetsbaserte verdier: én gang det siste året; "
            "sist: 5. oktober 2026") in lines
    assert "  Menneskesyn og profesjonell holdning: ikke ennå" in lines
    assert "  Håp og optimisme: til stede 4, savnet 0; sist: 23. november 2026" in lines
    assert "  oktober 2026: 2" in lines and "  november 2026: 2" in lines
    assert "4 refleksjoner det siste året." in lines
    assert "refleks overtime --value NAVN" in out
    assert "\x1b" not in out and not set("─│┌┐└┘━┃") & set(out)


def test_the_summary_in_english(capsys, weeks: Path) -> None:
    code, out, _ = run(capsys, "--lang", "en", "overtime")
    assert code == 0
    assert "  Trust: a focus 2 weeks, most recently the week of 12 October 2026" in out
    assert "  View of people and professional attitude: not yet" in out
    assert "Reflections per month" in out and "Tillit" not in out


def test_a_value_thread_by_its_name_in_either_language(capsys, weeks: Path) -> None:
    for argv in (("overtime", "--value", "tillit"), ("overtime", "--value", "TRUST")):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        lines = out.splitlines()
        assert lines[0] == "Tråden: Tillit"
        assert "Valgt som fokus 2 ganger, første gang 5. oktober 2026." in lines
        first = lines.index("5. oktober 2026")
        assert lines[first + 1:first + 3] == [
            "  Handling: Øve på tillit i morgenmøtet.",
            "  Uka etter: Det gikk fint, de kom tilbake. (beholdt som fokus)"]
        second = lines.index("12. oktober 2026")
        # the journal's text is data: the escape sequence is shown, never sent
        assert lines[second + 1].startswith("  Handling: Ringe tilbake ")
        assert lines[second + 2] == "  Uka etter skrev du ikke noe om den."
        assert "\x1b" not in out
    code, out, _ = run(capsys, "--lang", "en", "overtime", "--value", "Tillit")
    assert out.startswith("The thread: Trust\n")
    assert "  The week after: Det gikk fint, de kom tilbake. (kept as a focus)" in out


def test_a_value_thread_as_json(capsys, weeks: Path) -> None:
    code, out, _ = run(capsys, "overtime", "--value", "empati", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["value"] == {"id": "empati", "name": "Empati"}
    assert [e["date"] for e in data["thread"]] == ["2026-10-12", "2026-11-23"]


def test_the_summary_as_json(capsys, weeks: Path) -> None:
    code, out, _ = run(capsys, "overtime", "--json")
    assert code == 0
    data = json.loads(out)
    trust = next(f for f in data["focus"] if f["id"] == "tillit")
    assert trust["weeks"] == ["2026-10-05", "2026-10-12"]
    assert data["rhythm"]["total"] == 4


def test_an_unknown_value_is_answered_with_the_known_names(capsys, weeks: Path) -> None:
    code, out, err = run(capsys, "overtime", "--value", "tålmod")
    assert code == 2 and out == ""
    line = err.strip()
    assert line.startswith("refleks: ") and "\n" not in line and "Traceback" not in err
    assert "tålmod" in line and "Tålmodighet" in line and "Tillit" in line


def test_an_empty_journal_says_so_kindly(capsys, journal_path: Path) -> None:
    code, out, _ = run(capsys, "overtime")
    assert code == 0
    assert out.strip() == ("Det er ingenting å se tilbake på ennå. Når du har lagret en "
                           "ukerefleksjon, viser refleks overtime hvordan ukene dine har gått.")
    assert not journal_path.exists()
    with Journal.open(journal_path) as j:  # a draft only: still nothing to look back on
        j.save(make_checkin("2026-11-30", status="draft"))
    code, out, _ = run(capsys, "--lang", "en", "overtime")
    assert out.startswith("There is nothing to look back on yet.")


def test_the_whole_process_through_a_pipe_writes_no_escape(weeks: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    # the thread: the same whatever the day (the process runs outside the test's clock)
    done = subprocess.run([sys.executable, "-m", "refleks", "overtime", "--value", "tillit"],
                          env=env, capture_output=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert b"\x1b" not in done.stdout and "Tråden: Tillit".encode() in done.stdout
    assert b"Ringe tilbake " in done.stdout
