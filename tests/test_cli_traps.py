"""Around the check-in, at the shell and in the words: counts in both forms, ids and
names both accepted, numbers that do not move, and exit codes the README promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from refleks.cli.app_commands import content_summary
from refleks.content.ui import flatten, load_strings
from refleks.paths import bundled_content_dir

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "refleks"

# Keys whose {count} is a bare number beside a noun-free phrase ("2 of 2–3 chosen",
# "One year ago (3)", "the latest 20 of 31"): no singular form is needed. The content
# check's two messages are for content authors and are said by the domain with t(),
# not t.count: left for its owner.
NUMBER_ONLY = {"checkin.focus.count", "team.focus.count", "overtime.tab_year_some",
               "overtime.thread_more", "content_check.value_count", "content_check.few_questions",
               "journal.restore.list_item",  # its {count} is already "3 reflections"
               "overtime.plain_month"}  # "januar 2026: 3", the rhythm's bars as numbers


def ui_table(lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((REPO / "content" / lang / "ui").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        table.update({k: v for k, v in flatten(path.stem, data) if isinstance(v, str)})
    return table


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_count_in_the_text_has_a_singular_and_a_plural(lang: str) -> None:
    table = ui_table(lang)
    for key, text in table.items():
        if "{count}" in text and key not in NUMBER_ONLY:
            assert key.endswith(("_one", "_other")), f"{lang}: {key} counts without forms"


def test_every_counted_key_in_the_code_has_both_forms_in_both_languages() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r"""\.count\(\s*["']([a-z_]+\.[a-z_.]+)["']""",
                               path.read_text(encoding="utf-8")))
    assert used
    for lang in ("nb", "en"):
        table = ui_table(lang)
        for key in used:
            assert f"{key}_other" in table and f"{key}_one" in table, f"{lang}: {key}"


@pytest.mark.parametrize(("lang", "expected"), [
    ("nb", "1 område, 1 verdi, 2 spørsmål"),
    ("en", "1 area, 1 value, 2 questions"),
])
def test_the_content_summary_counts_each_kind_in_its_form(lang: str, expected: str) -> None:
    t = load_strings(lang, bundled_content_dir())
    assert content_summary({"areas": 1, "values": 1, "questions": 2}, t) == expected


# -- the shell -------------------------------------------------------------------------------

from journal_helpers import make_checkin  # noqa: E402

from refleks.cli import main  # noqa: E402
from refleks.journal.store import Journal  # noqa: E402


@pytest.fixture
def three(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-10-05", area="etikk", area_title="Etiske og rettighetsbaserte "
                            "verdier", focus=("selvbestemmelse", "tillit"), answer="Én."))
        j.save(make_checkin("2026-11-02", focus=("empati", "varme"), answer="To."))
        j.save(make_checkin("2026-11-16", focus=("tillit", "varme"), answer="Tre."))
    return journal_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("typed", ["tillit", "Tillit", "TRUST", "trust", " Trust "])
def test_value_filter_takes_the_shown_name_in_either_language(capsys, three: Path,
                                                              typed: str) -> None:
    code, out, _ = run(capsys, "--lang", "en", "list", "--value", typed)
    assert code == 0 and "2 reflections" in out


def test_area_filter_takes_the_shown_name(capsys, three: Path) -> None:
    code, out, _ = run(capsys, "list", "--area", "etiske og rettighetsbaserte verdier")
    assert code == 0 and "1 refleksjon" in out
    code, out, _ = run(capsys, "--lang", "en", "values", "--area", "Ethical and rights-based "
                       "values")
    assert code == 0 and "selvbestemmelse" in out  # and the table shows the ids


def test_an_unknown_value_lists_the_known_names(capsys, three: Path) -> None:
    code, _, err = run(capsys, "--lang", "en", "list", "--value", "patience please")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "Known:" in err and "Trust" in err and "Patience" in err


def test_a_restored_checkin_keeps_its_number(three: Path) -> None:
    with Journal.open(three) as j:
        middle = j.get(2)
        assert middle is not None and middle.id == 2
        j.delete(2)
        j.save(make_checkin("2026-11-23", answer="Fire."))  # a new one meanwhile
        j.merge([middle])  # undo
        back = j.get(2)
        assert back is not None and back.uid == middle.uid
        assert {c.id for c in j.iter_checkins()} == {1, 2, 3, 4}


def test_show_leaves_no_trailing_spaces(capsys, three: Path) -> None:
    code, out, _ = run(capsys, "show", "latest")
    assert code == 0 and "Tre." in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_export_with_nothing_matching_says_so_writes_nothing_and_exits_1(
    capsys, three: Path, tmp_path: Path
) -> None:
    target = tmp_path / "ut.md"
    code, out, err = run(capsys, "export", "--since", "2027", "-o", str(target))
    assert code == 1 and not target.exists()
    assert "Ingenting å eksportere" in err and out == ""
    code, out, err = run(capsys, "export", "--format", "json", "--since", "2027")
    assert code == 1 and out == ""


def test_exit_codes_are_the_ones_the_readme_names(capsys, three: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# notes\n", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": 1}', encoding="utf-8")
    assert run(capsys, "import", str(tmp_path / "missing.json"))[0] == 2
    assert run(capsys, "import", str(bad))[0] == 1
    assert run(capsys, "restore", str(notes))[0] == 1
    assert run(capsys, "--journal", str(notes), "list")[0] == 1
    assert run(capsys, "list", "--since", "someday")[0] == 2
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "**2** — what was typed can't be used" in readme
    assert "**1** — the file is there but isn't what was asked for" in readme


# -- status wording ----------------------------------------------------------------------------

from datetime import date  # noqa: E402

from refleks.cli.app_commands import due_words  # noqa: E402

TUESDAY = date(2026, 12, 1)


@pytest.mark.parametrize(("due", "nb", "en"), [
    (TUESDAY, "tid for en ny refleksjon, når det passer deg",
     "time for a new reflection, whenever it suits you"),
    (date(2026, 11, 30), "tid for en ny refleksjon (siden i går)",
     "time for a new reflection (since yesterday)"),
    (date(2026, 11, 26), "tid for en ny refleksjon (siden torsdag)",
     "time for a new reflection (since Thursday)"),
    (date(2026, 11, 24), "tid for en ny refleksjon (siden 24. november 2026)",
     "time for a new reflection (since 24 November 2026)"),
])
def test_status_invites_in_both_languages_and_never_names_today_as_a_weekday(
    due: date, nb: str, en: str
) -> None:
    assert due_words(due, TUESDAY, load_strings("nb", bundled_content_dir())) == nb
    assert due_words(due, TUESDAY, load_strings("en", bundled_content_dir())) == en
    assert "due since" not in en


# -- the README says what the app does ----------------------------------------------------------


def test_the_readme_numbers_the_checkin_steps_as_the_progress_line_counts_them() -> None:
    """One numbered item per step of the check-in, in the app's order (the progress line
    says "Step x of 8" when all are there)."""
    from refleks.checkin.parts import Step

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("**The weekly check-in**", 1)[1].split("\n\n", 2)[1]
    numbered = re.findall(r"^(\d)\. \*\*", section, flags=re.MULTILINE)
    assert numbered == [str(n) for n in range(1, len(Step) + 1)]
    lead = " ".join(readme.split("**The weekly check-in**", 1)[1][:600].split())
    assert "six in the first week" in lead


def test_the_readme_has_no_carriage_return_and_windows_paths_keep_their_backslash() -> None:
    raw = (REPO / "README.md").read_bytes()
    assert b"\r" not in raw
    readme = raw.decode("utf-8")
    assert "`%LOCALAPPDATA%\\refleks`" in readme
    assert not re.search(r"%LOCALAPPDATA%\s*\n", readme)


@pytest.mark.parametrize(("argv", "says", "never"), [
    (("moments",), "only moments tagged with this value", "only reflections"),
    (("export",), "HTML", None),
    (("team", "export"), "HTML", None),
])
def test_the_help_of_each_command_says_what_it_does(
        capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], says: str,
        never: str | None) -> None:
    def help_of(*words: str) -> str:
        with pytest.raises(SystemExit) as done:  # argparse's own way out of --help
            main(list(words))
        assert done.value.code == 0
        return capsys.readouterr().out

    for lang in ("en", "nb"):
        out = help_of("--lang", lang, *argv, "--help")
        if lang == "en":
            assert says in out
        else:
            assert "HTML" in out or "øyeblikk" in out
        if never:
            assert never not in out and "bare refleksjoner" not in out
    assert "HTML" in help_of("--lang", "en", "--help")  # the list of commands names it too


@pytest.mark.parametrize("argv", [("backup",), ("export", "-o")])
def test_a_folder_that_does_not_exist_is_refused_not_written_as_a_file(
        capsys: pytest.CaptureFixture[str], three: Path, tmp_path: Path,
        argv: tuple[str, ...]) -> None:
    """``backup missing-folder/`` wrote a file named ``missing-folder``."""
    meant = tmp_path / "missing-folder"
    code, _, err = run(capsys, "--lang", "en", *argv, f"{meant}/")
    assert code == 2 and err.strip() == f"refleks: The folder {meant} does not exist."
    assert not meant.exists()


def test_digits_that_are_a_number_and_the_start_of_another_uid_are_not_guessed(
        capsys: pytest.CaptureFixture[str], journal_path: Path) -> None:
    import sqlite3

    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-02", focus=(), answer="Nummeret.", uid="a" * 32))
    with sqlite3.connect(journal_path) as db:  # a long-kept journal's high number
        db.execute("UPDATE checkins SET id = 123456 WHERE id = 1")
    db.close()
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-16", focus=(), answer="Id-en.", uid="123456" + "b" * 26))
    code, out, err = run(capsys, "--lang", "en", "show", "123456")
    assert code == 2 and out == ""
    assert err == ("refleks: '123456' is both reflection no. 123456 and the start of the id "
                   f"{'123456' + 'b' * 26}. Type #123456 for the number, or more of the id.\n")
    code, out, _ = run(capsys, "--lang", "en", "show", "#123456")
    assert code == 0 and "Nummeret." in out
    code, out, _ = run(capsys, "--lang", "en", "show", "123456b")
    assert code == 0 and "Id-en." in out
    code, out, _ = run(capsys, "--lang", "en", "show", "123457")  # a number, no uid like it
    assert code == 0 and "Id-en." in out
