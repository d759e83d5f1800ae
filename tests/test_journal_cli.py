"""refleks list / show / export / import / backup / restore: output and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from journal_helpers import digest, make_checkin

from refleks.cli import main
from refleks.content.ui import flatten
from refleks.journal.store import Journal

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def filled(journal_path: Path) -> Path:
    """A journal with three check-ins: two complete, the newest a draft."""
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-10-05", area="etikk",
                            area_title="Etikk, rettigheter og verdighet",
                            focus=("selvbestemmelse", "tillit"),
                            answer="Vi snakket om tvang og frivillighet."))
        j.save(make_checkin("2026-11-02", focus=("empati", "varme"),
                            answer="Jeg merket at jeg ble utålmodig i møtet."))
        j.save(make_checkin("2026-11-30", status="draft", answer="Halvferdige tanker."))
    return journal_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("refleks: "), err
    assert "Traceback" not in err
    return lines[0]


# -- list --------------------------------------------------------------------------------------


def test_list_on_a_new_install_says_so_and_creates_nothing(capsys, journal_path: Path) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "Loggen er tom ennå" in out
    assert not journal_path.exists()


def test_list_shows_a_table_newest_first(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == ["Nr.", "Dato", "Område", "Fokusverdier"]
    assert lines[2].split()[0] == "3" and "30. november 2026 (utkast)" in lines[2]
    assert "Relasjonelle verdier og holdninger" in lines[2] and "Tillit, Naervaer" in lines[2]
    assert "2. november 2026" in lines[3] and "Empati, Varme" in lines[3]
    assert "5. oktober 2026" in lines[4] and "Etikk, rettigheter og verdighet" in lines[4]
    assert lines[-1] == "3 refleksjoner"


def test_list_in_english(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "--lang", "en", "list", "--until", "2026-10")
    assert code == 0
    assert out.splitlines()[0].split() == ["No.", "Date", "Area", "Focus", "values"]
    assert "5 October 2026" in out and out.splitlines()[-1] == "1 reflection"


def test_list_as_json(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    items = json.loads(out)
    assert [i["id"] for i in items] == [3, 2, 1]
    assert items[0]["status"] == "draft" and items[0]["completed_at"] is None
    assert items[1]["focus"] == [{"value_id": "empati", "value_name": "Empati"},
                                 {"value_id": "varme", "value_name": "Varme"}]
    assert items[2]["started_at"] == "2026-10-05T09:00:00+01:00"
    assert "match" not in items[0]


@pytest.mark.parametrize(("args", "ids"), [
    (["--since", "2026-11"], [3, 2]),
    (["--since", "2026-11-03"], [3]),
    (["--until", "2026-11"], [3, 2, 1]),
    (["--until", "2.11.2026"], [2, 1]),
    (["--since", "2026", "--until", "2026-W45"], [2, 1]),
    (["--area", "etikk"], [1]),
    (["--value", "tillit"], [3, 1]),
    (["--value", "empati", "--area", "relasjonell"], [2]),
    (["--search", "utålmodig"], [2]),
    (["--search", "UTÅLMODIG møtet"], [2]),
    (["--search", "tvang", "--since", "2026-11"], []),
])
def test_list_filters(capsys, filled: Path, args: list[str], ids: list[int]) -> None:
    code, out, _ = run(capsys, "list", "--json", *args)
    assert code == 0
    assert [i["id"] for i in json.loads(out)] == ids


def test_a_search_shows_where_the_words_are(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "list", "--search", "utålmodig")
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split()[0] == "2"
    assert "Jeg merket at jeg ble utålmodig i møtet" in lines[3]
    code, out, _ = run(capsys, "list", "--json", "--search", "utålmodig")
    assert "utålmodig" in json.loads(out)[0]["match"]


def test_nothing_matching_is_said_kindly(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "list", "--search", "sjiraff")
    assert code == 0 and "Ingen refleksjoner passer" in out


@pytest.mark.parametrize(("args", "phrase"), [
    (["--since", "2026-13"], "--since: «2026-13» er ikke en dato"),
    (["--until", "i går"], "--until: «i går» er ikke en dato"),
    (["--since", "2026-12", "--until", "2026-11"], "--since (2026-12) er etter --until"),
    (["--area", "relasjonel"], "Mente du «Relasjonelle verdier og holdninger»?"),
    (["--area", "sjiraff"], "--area: jeg kjenner ikke området «sjiraff»."),
    (["--value", "tilit"], "Mente du «Tillit»?"),
    (["--search", " !? "], "--search: skriv minst ett ord"),
    (["--sorting"], "ukjente argumenter: --sorting"),
])
def test_bad_arguments_get_one_line_and_exit_2(capsys, filled: Path, args: list[str],
                                               phrase: str) -> None:
    code, out, err = run(capsys, "list", *args)
    assert code == 2 and out == ""
    assert phrase in one_line_error(err)


def test_an_id_the_journal_has_used_is_valid_even_if_the_content_dropped_it(
        capsys, journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin(area="teamets-eget", focus=("gammel-verdi", "tillit")))
    assert run(capsys, "list", "--json", "--area", "teamets-eget")[0] == 0
    assert run(capsys, "list", "--json", "--value", "gammel-verdi")[0] == 0
    # … and one the content knows is valid before the journal has used it.
    code, out, _ = run(capsys, "list", "--json", "--value", "ydmykhet")
    assert code == 0 and json.loads(out) == []


def test_a_foreign_file_as_journal_is_refused_and_left_alone(capsys, journal_path: Path) -> None:
    journal_path.write_text("handleliste: melk, brød\n")
    before = digest(journal_path)
    code, _, err = run(capsys, "list")
    assert code == 1
    assert "er ikke en logg fra refleks" in one_line_error(err)
    assert digest(journal_path) == before


# -- show --------------------------------------------------------------------------------------


def test_show_latest_renders_the_newest_check_in(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "show", "latest")
    assert code == 0
    assert "30. november 2026 – Relasjonelle verdier og holdninger" in out
    assert "Utkast – ikke fullført" in out and "Halvferdige tanker." in out
    assert "##" not in out  # rendered, not raw Markdown


def test_show_by_number_or_uid_and_as_markdown(capsys, filled: Path) -> None:
    with Journal.open(filled) as j:
        uid = j.get(1).uid
    code, out, _ = run(capsys, "show", "1", "--markdown")
    assert code == 0
    # stored as "Etikk, rettigheter og verdighet": named as the content names it now
    assert out.startswith("## 5. oktober 2026 – Etiske og rettighetsbaserte verdier\n")
    assert "Vi snakket om tvang og frivillighet." in out
    # (eight digits would be read as a number: the whole uid then, as a person would)
    key = uid if uid[:8].isdigit() else uid[:8]
    assert run(capsys, "show", key, "--markdown")[1] == out
    assert run(capsys, "show", "--markdown")[1].startswith("## 30. november 2026")


def test_show_of_something_that_is_not_there(capsys, filled: Path, journal_path: Path) -> None:
    code, _, err = run(capsys, "show", "42")
    assert code == 2 and "Finner ingen refleksjon «42»" in one_line_error(err)


def test_show_latest_of_an_empty_journal(capsys, journal_path: Path) -> None:
    code, _, err = run(capsys, "show", "latest")
    assert code == 1 and "tom ennå" in one_line_error(err)
    assert run(capsys, "show", "7")[0] == 2
    assert not journal_path.exists()


# -- export ------------------------------------------------------------------------------------


def test_export_markdown_to_the_screen(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert out.startswith("# Refleksjonslogg\n")
    assert out.index("5. oktober 2026") < out.index("2. november 2026")  # oldest first
    assert "Halvferdige tanker." not in out  # drafts only with --drafts
    assert "Halvferdige tanker." in run(capsys, "export", "--drafts")[1]


def test_export_with_a_period_says_which(capsys, filled: Path) -> None:
    out = run(capsys, "export", "--since", "2026-11", "--until", "2026-11")[1]
    assert "*1. november 2026 – 30. november 2026*" in out
    assert "5. oktober" not in out and "2. november 2026" in out


def test_export_json_to_the_screen_holds_everything(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "refleks-journal" and len(data["checkins"]) == 3
    assert data["checkins"][2]["status"] == "draft"


def test_export_to_a_file(capsys, filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "til-veiledning.md"
    code, out, _ = run(capsys, "export", "-o", str(target))
    assert code == 0 and out.strip().splitlines() == [
        f"Skrev 2 refleksjoner til {target}.",
        "Filen er ikke kryptert: alle som kan åpne den, kan lese den."]
    assert target.read_text(encoding="utf-8").startswith("# Refleksjonslogg")
    code, _, err = run(capsys, "export", "-o", str(target))
    assert code == 2 and "finnes fra før" in one_line_error(err)
    assert run(capsys, "export", "-o", str(target), "--force", "--since", "2026-11")[0] == 0
    assert "5. oktober" not in target.read_text(encoding="utf-8")
    as_json = tmp_path / "alt.json"
    assert run(capsys, "export", "-o", str(as_json))[0] == 0  # the suffix picks JSON
    assert len(json.loads(as_json.read_text(encoding="utf-8"))["checkins"]) == 3


@pytest.mark.parametrize(("args", "phrase"), [
    (["--format", "pdf"], "--format: «pdf» finnes ikke"),
    (["-o", "/finnes/ikke/mappe/x.md"], "Mappen /finnes/ikke/mappe finnes ikke."),
    (["--since", "juni"], "--since: «juni» er ikke en dato"),
])
def test_export_bad_arguments(capsys, filled: Path, args: list[str], phrase: str) -> None:
    code, out, err = run(capsys, "export", *args)
    assert code == 2 and out == ""
    assert phrase in one_line_error(err)


def test_export_never_writes_over_the_journal_itself(capsys, filled: Path) -> None:
    before = digest(filled)
    code, _, err = run(capsys, "export", "-o", str(filled), "--force")
    assert code == 2 and "er selve loggen" in one_line_error(err)
    code, _, err = run(capsys, "backup", str(filled), "--force")
    assert code == 2 and "er selve loggen" in one_line_error(err)
    assert digest(filled) == before


def test_export_of_a_folder_path(capsys, filled: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "-o", str(tmp_path))
    assert code == 2 and "er en mappe" in one_line_error(err)


def test_export_of_a_journal_not_made_yet(capsys, journal_path: Path) -> None:
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0 and json.loads(out)["checkins"] == []
    assert "Ingen refleksjoner i dette utvalget." in run(capsys, "export")[1]
    assert not journal_path.exists()


# -- import ------------------------------------------------------------------------------------


def test_import_merges_and_twice_adds_nothing(capsys, filled: Path, tmp_path: Path) -> None:
    exported = tmp_path / "alt.json"
    run(capsys, "export", "--format", "json", "-o", str(exported))
    other = tmp_path / "annen" / "journal.sqlite3"
    code, out, _ = run(capsys, "--journal", str(other), "import", str(exported))
    assert code == 0
    assert out.strip() == f"Hentet inn fra {exported}: 3 nye, 0 oppdaterte, 0 fantes fra før."
    code, out, _ = run(capsys, "--journal", str(other), "import", str(exported))
    assert "0 nye, 0 oppdaterte, 3 fantes fra før" in out
    again = tmp_path / "igjen.json"
    run(capsys, "--journal", str(other), "export", "--format", "json", "-o", str(again))
    assert again.read_bytes() == exported.read_bytes()


def test_import_of_a_bad_file_names_the_problem(capsys, filled: Path, tmp_path: Path) -> None:
    bad = tmp_path / "feil.json"
    data = {"format": "refleks-journal", "version": 1,
            "checkins": [{"uid": "x", "status": "complete"}]}
    bad.write_text(json.dumps(data))
    before = digest(filled)
    code, _, err = run(capsys, "import", str(bad))
    assert code == 1
    line = one_line_error(err)
    assert f"Kunne ikke hente inn {bad}: checkins[0]: feltet «lang» mangler." in line
    assert line.endswith("Ingenting ble lagt inn.")
    assert digest(filled) == before
    bad.write_text("dette er ikke json")
    assert "ikke gyldig JSON (linje 1, kolonne 1)" in one_line_error(
        run(capsys, "import", str(bad))[2])


def test_import_of_a_missing_file_or_a_folder(capsys, filled: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "borte.json"))
    assert code == 2 and "Finner ikke filen" in one_line_error(err)
    code, _, err = run(capsys, "import", str(tmp_path))
    assert code == 2 and "er en mappe" in one_line_error(err)


# -- backup and restore ------------------------------------------------------------------------


def test_backup_beside_the_journal_and_elsewhere(capsys, filled: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "backup")
    assert code == 0 and out.startswith("Sikkerhetskopi lagret: ")
    made = Path(out.split(": ", 1)[1].strip())
    assert made.parent == filled.parent / "backups" and made.exists()
    usb = tmp_path / "minnepinne"
    usb.mkdir()
    code, out, _ = run(capsys, "backup", str(usb))
    assert code == 0 and Path(out.split(": ", 1)[1].strip()).parent == usb
    target = usb / "kopi.sqlite3"
    assert run(capsys, "backup", str(target))[0] == 0
    code, _, err = run(capsys, "backup", str(target))
    assert code == 2 and "--force" in one_line_error(err)
    assert run(capsys, "backup", str(target), "--force")[0] == 0
    code, _, err = run(capsys, "backup", str(tmp_path / "borte" / "kopi.sqlite3"))
    assert code == 2 and "finnes ikke" in one_line_error(err)


def test_backup_without_a_journal(capsys, journal_path: Path) -> None:
    code, _, err = run(capsys, "backup")
    assert code == 1 and "ingenting å ta kopi av" in one_line_error(err)
    assert not journal_path.exists()


def test_restore_lists_then_restores(capsys, filled: Path) -> None:
    code, out, _ = run(capsys, "restore")
    assert code == 0 and "Det finnes ingen sikkerhetskopier" in out
    made = Path(run(capsys, "backup")[1].split(": ", 1)[1].strip())
    with Journal.open(filled) as j:
        j.delete(1)
    code, out, _ = run(capsys, "restore")
    assert code == 0 and made.name in out and "3 refleksjoner" in out
    code, out, _ = run(capsys, "restore", str(made))
    assert code == 0
    assert f"Loggen er hentet tilbake fra {made}." in out
    assert "Loggen du hadde, er lagret som" in out
    with Journal.open(filled) as j:
        assert j.count() == 3


def test_restore_takes_a_name_as_the_list_shows_it(capsys, filled: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    made = Path(run(capsys, "backup")[1].split(": ", 1)[1].strip())
    with Journal.open(filled) as j:
        j.delete(1)
    _, listing, _ = run(capsys, "restore")
    assert made.name in listing
    monkeypatch.chdir(filled.parent.parent)  # not the backups folder
    code, out, err = run(capsys, "restore", made.name)
    assert code == 0, err
    assert "Loggen er hentet tilbake" in out
    with Journal.open(filled) as j:
        assert j.count() == 3


def test_restore_of_what_is_not_a_backup(capsys, filled: Path, tmp_path: Path) -> None:
    code, _, err = run(capsys, "restore", str(tmp_path / "borte.sqlite3"))
    assert code == 2 and "Finner ingen sikkerhetskopi" in one_line_error(err)
    notes = tmp_path / "notater.txt"
    notes.write_text("ikke en kopi")
    before = digest(filled)
    code, _, err = run(capsys, "restore", str(notes))
    assert code == 1 and "ikke en logg fra refleks" in one_line_error(err)
    assert digest(filled) == before


# -- whole processes ---------------------------------------------------------------------------


def refleks(*args: str, env_journal: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "REFLEKS_JOURNAL": str(env_journal)}
    return subprocess.run([sys.executable, "-m", "refleks", *args], capture_output=True,
                          text=True, env=env, timeout=60)


def test_whole_processes(filled: Path) -> None:
    listed = refleks("--lang", "en", "list", env_journal=filled)
    assert listed.returncode == 0 and "3 reflections" in listed.stdout
    shown = refleks("show", "2", "--markdown", env_journal=filled)
    assert shown.returncode == 0 and shown.stdout.startswith("## 2. november 2026")
    exported = refleks("export", "--format", "json", env_journal=filled)
    assert len(json.loads(exported.stdout)["checkins"]) == 3
    bad = refleks("list", "--since", "snart", env_journal=filled)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_export_into_a_closed_pipe_ends_quietly(filled: Path) -> None:
    env = {**os.environ, "REFLEKS_JOURNAL": str(filled)}
    shell = f"'{sys.executable}' -m refleks export --drafts | head -c 10"
    done = subprocess.run(["sh", "-c", shell], capture_output=True, text=True, env=env,
                          timeout=60)
    assert done.stdout == "# Refleksj"
    assert "Traceback" not in done.stderr and "Exception" not in done.stderr


def test_the_journal_commands_keep_heavy_modules_out_of_start_up() -> None:
    code = ("import sys, refleks.cli, refleks.cli.journal_commands; "
            "print(sorted(m for m in ('rich', 'textual', 'markdown_it', 'sqlite3') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


# -- interface text ----------------------------------------------------------------------------


def _ui_keys(lang: str) -> set[str]:
    path = REPO / "content" / lang / "ui" / "journal.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {key for key, value in flatten("journal", data) if isinstance(value, str)}


def test_both_languages_have_the_same_journal_text() -> None:
    assert _ui_keys("nb") == _ui_keys("en")


def test_every_key_the_code_uses_exists() -> None:
    source = "\n".join(p.read_text(encoding="utf-8")
                       for folder in ("journal", "cli")
                       for p in (REPO / "src" / "refleks" / folder).glob("*.py"))
    used = set(re.findall(r'"(journal\.[a-z_]+(?:\.[a-z_0-9]+)+)"', source))
    used |= {f"journal.{k}" for k in re.findall(
        r'(?:JournalError|NotFoundError|ConflictError|ImportFormatError)\(\s*"([a-z_.]+)"',
        source)}
    used |= {f"journal.import.{k}" for k in re.findall(r'fail\(\s*"([a-z_]+)"', source)}
    for name in ("list", "show", "export", "import", "backup", "restore"):
        used |= {f"journal.cli.{name}_help", f"journal.cli.{name}_description"}
    used |= {f"journal.md.chime_{mode}" for mode in ("present", "missing")}
    used |= {f"journal.{key}_{form}" for key in ("list.count", "export.written")
             for form in ("one", "other")}
    used -= {"journal.list.count", "journal.export.written"}  # only with _one/_other
    assert len(used) > 80
    missing = sorted(used - _ui_keys("nb"))
    assert missing == []
