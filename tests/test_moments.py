"""Moments: the store, the JSON format version 2, Markdown, and the shell commands."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from journal_helpers import digest, make_checkin, when

from refleks.checkin import CheckinFlow, Step
from refleks.cli import main
from refleks.content.model import Content
from refleks.journal.json_io import iter_json, read_export_all
from refleks.journal.model import CheckIn
from refleks.journal.moments import Moment, MomentFilter, MomentValue
from refleks.journal.sharing import PARTS, redact
from refleks.journal.store import Journal


def moment(day: str, text: str, *values: str, hour: int = 14, chime: str | None = None,
           ) -> Moment:
    return Moment(text=text, created_at=when(day, hour),
                  values=[MomentValue(v, v.capitalize()) for v in values],
                  chime_id=chime, chime_name=chime.title() if chime else "")


@pytest.fixture
def noted(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02", focus=("empati", "varme"), answer="Om møtet."))
        j.moments.add(moment("2026-11-03", "Stod i stillheten i stedet for å fylle den.",
                             "tillit"))
        j.moments.add(moment("2026-11-20", "Hun lo for første gang på måneder.",
                             "tillit", "haap", chime="chime.hope"))
        j.moments.add(moment("2026-11-26", "Jeg avbrøt igjen. Øv på å vente."))
    return journal_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the store --------------------------------------------------------------------------------

def test_moments_are_kept_and_found_by_date_value_and_words(noted: Path) -> None:
    with Journal.open(noted) as j:
        m = j.moments
        assert [x.text[:9] for x in m.select()] == ["Jeg avbrø", "Hun lo fo", "Stod i st"]
        assert [x.id for x in m.select(MomentFilter(value_id="tillit"))] == [2, 1]
        assert [x.id for x in m.select(MomentFilter(search="stillhet"))] == [1]
        assert [x.id for x in m.select(MomentFilter(since=date(2026, 11, 20),
                                                    until=date(2026, 11, 25)))] == [2]
        assert m.get(2).values == [MomentValue("tillit", "Tillit"), MomentValue("haap", "Haap")]
        assert m.get(2).chime_id == "chime.hope"
        assert [x.id for x in m.since(when("2026-11-10"))] == [2, 3]
        assert m.count(since=when("2026-11-20", 0)) == 2
        uid = m.get(1).uid
        # a uid's start finds the moment (one with a letter in it: digits alone are the
        # moment's number, so a random uid starting with eight digits made this flaky)
        start = uid[:max(8, next(i for i, c in enumerate(uid) if c.isalpha()) + 1)]
        assert m.get(start).id == 1 and m.get(99) is None


def test_deleting_a_moment_takes_a_backup_and_can_be_undone(noted: Path) -> None:
    with Journal.open(noted) as j:
        before = len(j.list_backups())
        gone = j.moments.delete(2)
        assert len(j.list_backups()) == before + 1
        assert j.moments.get(2) is None and j.moments.select(MomentFilter(search="lo")) == []
        j.moments.restore(gone)
        back = j.moments.get(gone.uid)
        assert back.text == gone.text and back.values == gone.values
        assert [x.text[:3] for x in j.moments.select(MomentFilter(value_id="tillit"))] == [
            "Hun", "Sto"]


# -- JSON version 2 ---------------------------------------------------------------------------

def test_json_round_trip_is_identical_and_importing_twice_adds_nothing(
        capsys: pytest.CaptureFixture[str], noted: Path, tmp_path: Path) -> None:
    exported = tmp_path / "journal.json"
    assert run(capsys, "--journal", str(noted), "export", "--format", "json",
               "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["version"] == 2 and len(data["moments"]) == 3 and len(data["checkins"]) == 1
    other = tmp_path / "other.sqlite3"
    code, out, _ = run(capsys, "--lang", "en", "--journal", str(other), "import", str(exported))
    assert code == 0 and "Moments: 3 added" in out
    before = digest(other)
    code, out, _ = run(capsys, "--lang", "en", "--journal", str(other), "import", str(exported))
    assert "Moments: 0 added, 0 updated, 3 already there." in out
    assert digest(other) == before
    again = tmp_path / "again.json"
    run(capsys, "--journal", str(other), "export", "--format", "json", "-o", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_a_version_1_file_still_imports(tmp_path: Path, journal_path: Path) -> None:
    old = tmp_path / "v1.json"
    text = "".join(iter_json([make_checkin("2026-11-02", answer="Gammelt svar.")]))
    data = json.loads(text)
    del data["moments"]
    data["version"] = 1
    old.write_text(json.dumps(data), encoding="utf-8")
    checkins, moments = read_export_all(old)
    assert len(checkins) == 1 and moments == []
    data["moments"] = []  # version 1 has no moments: a file that says so is refused
    old.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--journal", str(journal_path), "import", str(old)]) == 1


def test_a_bad_moment_is_named_and_nothing_is_written(
        capsys: pytest.CaptureFixture[str], noted: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    entry = {"uid": "abc", "lang": "nb", "created_at": "2026-11-03T14:00:00+01:00",
             "updated_at": "2026-11-03T14:00:00+01:00", "text": "x", "values": [{}],
             "chime_id": None, "chime_name": ""}
    bad.write_text(json.dumps({"format": "refleks-journal", "version": 2, "checkins": [],
                               "moments": [entry]}), encoding="utf-8")
    before = digest(noted)
    code, _, err = run(capsys, "--lang", "en", "--journal", str(noted), "import", str(bad))
    assert code == 1 and "moments[0].values[0]" in err and "Traceback" not in err
    assert digest(noted) == before


# -- taken further in a check-in ------------------------------------------------------------

def test_a_moment_ticked_to_take_further_with_nothing_written_is_kept_in_the_draft(
        capsys: pytest.CaptureFixture[str], content: Content, noted: Path,
        tmp_path: Path) -> None:
    """The tick alone is kept (a draft's ``taken_further``), survives the journal, an
    export and an import of the draft, and comes back ticked; once the check-in is
    complete nothing of it is left: no empty answer, no list, in the journal or an
    export, nor for a team."""
    with Journal.open(noted) as j:
        previous = j.latest()
        moments = j.moments.since(previous.completed_at)
        flow = CheckinFlow(content, CheckIn(started_at=when("2026-11-30")), previous,
                           moments=moments)
        before = flow.revision
        flow.take_further(moments[1], True)
        assert flow.revision > before  # a change the autosave saves
        j.save(flow.checkin)
    with Journal.open(noted) as j:
        draft = j.current_draft()
        resumed = CheckinFlow(content, draft, j.latest(), moments=moments)
    assert [resumed.is_taken_further(m) for m in moments] == [False, True, False]
    assert resumed.resume_step() is Step.MOMENTS
    assert not [a for a in draft.answers if a.kind == "moment"]  # nothing empty written

    exported = tmp_path / "draft.json"
    assert run(capsys, "--journal", str(noted), "export", "--format", "json",
               "-o", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert [c.get("taken_further") for c in data["checkins"]] == [None, [moments[1].uid]]
    other = tmp_path / "other.sqlite3"
    assert run(capsys, "--journal", str(other), "import", str(exported))[0] == 0
    with Journal.open(other) as j:
        assert j.current_draft().taken_further == [moments[1].uid]

    resumed.take_further(moments[0], True)
    resumed.take_further(moments[0], False)  # unticked again: gone from the list
    assert draft.taken_further == [moments[1].uid]
    with Journal.open(noted) as j:
        j.complete(draft)
        done = j.latest()
        team = redact(done, PARTS)
    assert done.taken_further == [] and team.taken_further == []
    assert not [a for a in done.answers if a.kind == "moment"]
    assert run(capsys, "--journal", str(noted), "export", "--format", "json",
               "-o", str(exported), "--force")[0] == 0
    assert "taken_further" not in exported.read_text(encoding="utf-8")


# -- Markdown ---------------------------------------------------------------------------------

def test_markdown_export_has_the_moments_escaped(capsys: pytest.CaptureFixture[str],
                                                 journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.moments.add(moment("2026-11-03", "# ikke en overskrift <b>", "tillit"))
    code, out, _ = run(capsys, "--lang", "en", "export")
    assert code == 0
    assert "## Moments between check-ins" in out
    assert "### Moment, 3 November 2026 at 14:00" in out
    assert "*Values: Trust*" in out  # stored as "Tillit": named in the language in use
    assert "\\# ikke en overskrift \\<b>" in out


# -- the shell --------------------------------------------------------------------------------

def test_note_saves_at_once_with_values_and_chime(capsys: pytest.CaptureFixture[str],
                                                  journal_path: Path) -> None:
    code, out, err = run(capsys, "--lang", "en", "note", "Stood", "in", "the", "silence",
                         "--value", "tillit", "--chime", "hope")
    assert code == 0 and out.startswith("Noted: moment 1.") and err == ""
    with Journal.open(journal_path) as j:
        saved = j.moments.get(1)
    assert saved.text == "Stood in the silence" and saved.value_ids == ["tillit"]
    assert saved.chime_id == "chime.hope" and saved.lang == "en"


def test_note_from_stdin_and_from_the_prompt(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             journal_path: Path) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Line one\nline two\n"))
    assert run(capsys, "note", "-")[0] == 0
    monkeypatch.setattr("builtins.input", lambda prompt="": "Fra ledeteksten")
    assert run(capsys, "note")[0] == 0
    monkeypatch.setattr("builtins.input", lambda prompt="": "   ")
    code, _, err = run(capsys, "--lang", "en", "note")
    assert code == 2 and "Nothing noted" in err  # what was typed can't be used: 2
    code, _, err = run(capsys, "--lang", "en", "note", "")
    assert code == 2 and err == "refleks: Nothing noted – there was no text.\n"
    with Journal.open(journal_path) as j:
        assert [m.text for m in j.moments.select(oldest_first=True)] == [
            "Line one\nline two", "Fra ledeteksten"]


def test_note_with_an_unknown_value_is_one_line_and_nothing_saved(
        capsys: pytest.CaptureFixture[str], journal_path: Path) -> None:
    code, _, err = run(capsys, "--lang", "en", "note", "x", "--value", "nope")
    # one line, the same as list --value says it (with the known names)
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith("refleks: --value: I don't know the value 'nope'.")
    assert not journal_path.exists()


@pytest.mark.parametrize("argv", [["moments", "show", "99"],
                                  ["moments", "delete", "99", "--yes"],
                                  ["show", "99"], ["delete", "99", "--yes"]], ids=" ".join)
@pytest.mark.parametrize("journal", ["with moments", "none yet"])
def test_a_number_that_is_not_there_is_a_usage_error_for_moments_as_for_reflections(
        capsys: pytest.CaptureFixture[str], journal_path: Path, argv: list[str],
        journal: str) -> None:
    """`refleks show 99` exited 2 (what was typed can't be used, as the README says),
    while `refleks moments show 99` and `moments delete 99 --yes` exited 1, the code
    for a file that is not what was asked for."""
    if journal == "with moments":
        assert run(capsys, "note", "A moment.")[0] == 0
    code, out, err = run(capsys, "--lang", "en", *argv)
    assert code == 2 and out == "", (code, out, err)
    assert "99" in err and err.count("\n") == 1, err


def test_note_shows_what_may_identify_someone_and_still_saves_from_a_pipe(
        capsys: pytest.CaptureFixture[str], journal_path: Path) -> None:
    code, _, err = run(capsys, "--lang", "en", "note", "Kari", "rang", "from", "412 34 567")
    assert code == 0
    assert "may identify someone" in err and "phone number: 412 34 567" in err


def test_note_at_a_terminal_offers_to_rewrite(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             journal_path: Path) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    answers = iter(["r", "Ringte en pårørende i dag."])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert run(capsys, "note", "Ringte", "Kari", "på", "41234567")[0] == 0
    with Journal.open(journal_path) as j:
        assert j.moments.get(1).text == "Ringte en pårørende i dag."


def test_moments_list_show_delete_and_status(capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch,
                                             noted: Path) -> None:
    code, out, _ = run(capsys, "--lang", "en", "moments", "--value", "tillit")
    assert code == 0 and "Hun lo" in out and "Stod i" in out and "Jeg avbrøt" not in out
    assert out.strip().endswith("2 moments")
    code, out, _ = run(capsys, "--lang", "en", "moments", "show", "2", "--markdown")
    assert out.startswith("## Moment, 20 November 2026 at 14:00")
    code, _, err = run(capsys, "--lang", "en", "moments", "delete", "2")
    assert code == 1 and "no terminal to ask in. Add --yes" in err  # as delete says
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt="": asked.append(prompt) or "n")
    code, out, _ = run(capsys, "--lang", "en", "moments", "delete", "2")
    assert code == 1 and "Nothing deleted" in out
    assert asked == ["Delete moment 2 from 20 November 2026 (“Hun lo for første gang på "
                     "måneder.”) for good? It stays in the newest backup. [y/N] "]
    code, out, _ = run(capsys, "--lang", "en", "moments", "delete", "2", "--yes")
    assert code == 0 and "Moment 2 deleted. It is in the backup" in out
    code, _, err = run(capsys, "--lang", "en", "moments", "show", "2")
    assert code == 2 and "No moment 2" in err  # a number that isn't there, as show says
    with Journal.open(noted) as j:
        j.moments.add(Moment(text="I dag", created_at=datetime.now().astimezone()))
        j.moments.add(Moment(text="I går",
                             created_at=datetime.now().astimezone() - timedelta(days=8)))
    code, out, _ = run(capsys, "--lang", "en", "status")
    assert "1 moment noted this week" in out
    assert json.loads(run(capsys, "status", "--json")[1])["moments_this_week"] == 1


def test_moments_show_formats_like_show_and_names_the_checkins_that_took_it_further(
        capsys: pytest.CaptureFixture[str], noted: Path) -> None:
    """``moments show`` reads as ``show`` does (formatted, no Markdown marks; raw with
    ``--markdown``), and says which saved check-in took the moment further, so a
    person can read on there; a draft that wrote about it is not named yet."""
    from refleks.journal.model import Answer

    with Journal.open(noted) as j:
        laughed = j.moments.get(2)
        assert laughed is not None
        for day, status in (("2026-11-23", "complete"), ("2026-11-30", "draft")):
            c = make_checkin(day, status=status)
            c.answers.append(Answer(f"moment.{laughed.uid}.what", "Hva skjedde?",
                                    "Hun fortalte mer.", "moment"))
            j.save(c)
        taken = [c.id for c in j.iter_checkins() if c.started_at.day == 23]
    code, out, _ = run(capsys, "--lang", "en", "moments", "show", "2")
    assert code == 0
    assert out.splitlines()[0].strip() == "Moment, 20 November 2026 at 14:00"
    assert "##" not in out and "*Values" not in out and "Values: Trust" in out
    assert out.count("Taken further in") == 1
    assert f"Taken further in the check-in of 23 November 2026 (refleks show {taken[0]})" in out
    code, out, _ = run(capsys, "--lang", "nb", "moments", "show", "2", "--markdown")
    assert "*Tatt videre i refleksjonen fra 23. november 2026 (refleks show" in out
    code, out, _ = run(capsys, "--lang", "en", "moments", "show", "1")
    assert code == 0 and "Taken further" not in out  # nothing took this one further


def test_list_says_how_many_moments_the_same_filters_find(
        capsys: pytest.CaptureFixture[str], noted: Path) -> None:
    code, out, _ = run(capsys, "--lang", "en", "list")
    assert code == 0 and out.splitlines()[-1].startswith("Also 3 moments noted between")
    code, out, _ = run(capsys, "--lang", "en", "list", "--search", "stillheten")
    assert out.splitlines() == ["No reflections match what you asked for.",
                                "Also 1 moment noted between check-ins: refleks moments "
                                "(with the same options) lists it."]
    code, out, _ = run(capsys, "--lang", "en", "list", "--json")
    assert "moment" not in out  # the JSON list stays a list of check-ins


def test_only_chosen_moments_export_as_markdown_and_json(noted: Path, tmp_path: Path) -> None:
    from refleks.content.ui import load_strings
    from refleks.journal.sharing import export_moments

    t = load_strings("en")
    with Journal.open(noted) as j:
        chosen = j.moments.select(MomentFilter(value_id="tillit"), oldest_first=True)
    assert export_moments(tmp_path / "m.md", chosen, "markdown", t, "en") == 2
    text = (tmp_path / "m.md").read_text(encoding="utf-8")
    assert text.startswith("# ") and "## Moments between check-ins" in text
    assert "Stod i stillheten" in text and "Jeg avbrøt" not in text
    assert "No reflections" not in text
    export_moments(tmp_path / "m.json", chosen, "json", t, "en")
    checkins, moments = read_export_all(tmp_path / "m.json")
    assert checkins == [] and [m.uid for m in moments] == [m.uid for m in chosen]


def test_a_checkin_shows_each_moment_taken_further_once() -> None:
    from refleks.content.ui import load_strings
    from refleks.journal.markdown import render_checkin
    from refleks.journal.model import Answer

    t = load_strings("nb")

    def asked(part: str, text: str) -> str:
        return t("moments.step.question", question=t(f"moments.step.{part}"), moment=text)

    c = make_checkin("2026-11-25", focus=("empati", "tillit"), answer="Jeg lyttet.")
    c.answers[:0] = [
        Answer("moment.abc.now", asked("now", "Stod i stillheten."), "Vente lenger.", "moment"),
        Answer("moment.abc.what", asked("what", "Stod i stillheten."), "Hun snakket.",
               "moment"),
        Answer("moment.abc.meaning", asked("meaning", "Stod i stillheten."), "", "moment"),
        Answer("moment.old.what", "Et spørsmål fra før – «Avbrøt»", "Jeg avbrøt.", "moment"),
    ]
    text = render_checkin(c, t)
    assert text.count("Stod i stillheten.") == 1  # the moment once, not once a question
    section = text.split("### Øyeblikk siden sist", 1)[1]
    assert section.index("*Hva skjedde?*") < section.index("*Hva nå?*")
    assert "Hva betydde det" not in section  # an empty answer is left out
    assert "*Et spørsmål fra før – «Avbrøt»*" in section  # other words: shown whole


def test_note_and_moments_take_a_value_by_the_name_shown_in_either_language(
        capsys: pytest.CaptureFixture[str], journal_path: Path) -> None:
    """As ``list --value`` does: "trust" and "Tillit" both mean tillit."""
    code, _, err = run(capsys, "--lang", "en", "note", "Kept my word", "--value", "trust")
    assert code == 0, err
    assert run(capsys, "--lang", "en", "note", "Other", "--value", "Respekt")[0] == 0
    with Journal.open(journal_path) as j:
        assert [m.value_ids for m in j.moments.select(oldest_first=True)] == [
            ["tillit"], ["respekt"]]
    code, out, _ = run(capsys, "--lang", "en", "moments", "--value", "Trust")
    assert code == 0 and "Kept my word" in out and "Other" not in out
