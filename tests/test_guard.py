"""The confidentiality guard: what it finds, what it leaves alone, and check-text.

The corpus test measures the guard the way the issue asks (recall per kind and the
share of ordinary sentences flagged) and prints the figures: run with ``pytest -s``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from refleks.cli import main
from refleks.content.loader import check_folder, load_content
from refleks.content.model import GuardWords
from refleks.guard import Guard, is_national_id, line_and_column, lines_and_columns
from refleks.paths import bundled_content_dir

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module", params=["nb", "en"])
def guard(request: pytest.FixtureRequest) -> Guard:
    return Guard.for_content(load_content(bundled_content_dir(), request.param))


def kinds(guard: Guard, text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start:f.end]) for f in guard.scan(text)]


# -- identity numbers -------------------------------------------------------------------

@pytest.mark.parametrize("number", ["11036507456", "57044242852", "05448249621",
                                    "26449141090", "03044506008"])
def test_valid_national_ids_d_and_h_numbers(number: str) -> None:
    assert is_national_id(number)


@pytest.mark.parametrize("number", [
    "11036507457",  # second control digit wrong
    "11036507466",  # first control digit wrong
    "32036507456",  # no 32nd day
    "11136507456",  # no 13th month
    "1103650745",   # ten digits
])
def test_numbers_failing_a_check_are_not_ids(number: str) -> None:
    assert not is_national_id(number)


def test_an_id_is_found_with_or_without_a_space(guard: Guard) -> None:
    assert kinds(guard, "nr 110365 07456 i dag") == [("national_id", "110365 07456")]
    assert kinds(guard, "nr 11036507456.") == [("national_id", "11036507456")]
    assert kinds(guard, "konto 1103.65.07456 og 110365074561") == []


# -- phones, e-mail, dates of birth ---------------------------------------------------

@pytest.mark.parametrize("written", ["412 34 567", "+47 41234567", "41 23 45 67", "41234567",
                                     "+47 412 34 567", "0047 41 23 45 67", "4123 4567",
                                     "+4741234567"])
def test_norwegian_phone_numbers_in_the_forms_people_write(guard: Guard, written: str) -> None:
    assert kinds(guard, f"Ring {written} i morgen.") == [("phone", written)]


@pytest.mark.parametrize("text", ["Vi snakket sammen.412 34 567 er nummeret.",
                                  "Ring henne,41234567", "together.412 34 567 together."])
def test_a_number_stuck_to_a_word_by_a_full_stop_or_comma_is_still_a_phone(
        guard: Guard, text: str) -> None:
    """A rewrite typed in a hurry left "together.412 34 567": nothing was found, and it
    was saved without a word (a new user's try-out). A full stop after a word is
    punctuation without its space; after a digit it is a decimal (3.41234567)."""
    assert [kind for kind, _ in kinds(guard, text)] == ["phone"]
    assert kinds(guard, "Verdien var 3.41234567 og 1,41234567.") == []


@pytest.mark.parametrize("text", ["Vi fikk 12 500 000 kr.", "Det kostet 25000000 kroner.",
                                  "Møtet var 12.03.2025 kl. 14.30.", "Saksnr. 2024/12345678",
                                  "Uke 48, 3 av 10, 1 200 000"])
def test_amounts_dates_and_counts_are_not_phones(guard: Guard, text: str) -> None:
    assert kinds(guard, text) == []


def test_a_postbox_is_an_address_not_a_phone(guard: Guard) -> None:
    # before issue 23 nothing here was found; the postcode and place are an address
    assert kinds(guard, "Postboks 1234, 0150 Oslo") == [("address", "0150 Oslo")]


def test_email_addresses(guard: Guard) -> None:
    assert kinds(guard, "Skriv til ola.nordmann@gmail.com, takk.") == [
        ("email", "ola.nordmann@gmail.com")]
    assert kinds(guard, "Vi bruker @-tegnet og e-post i teamet.") == []


@pytest.mark.parametrize("written", ["født 12.03.1985", "born 12 March 1985", "f. 12.03.85",
                                     "fødd 4. mars 1990", "born on May 17, 1955",
                                     "DOB 01/01/1970", "fødselsdato: 24.12.1978",
                                     "born on the 3rd of January 1948"])
def test_dates_of_birth_written_as_such(guard: Guard, written: str) -> None:
    assert kinds(guard, f"Han er {written} og bor alene.") == [("birth_date", written)]


def test_dates_alone_and_f_eks_are_not_dates_of_birth(guard: Guard) -> None:
    assert kinds(guard, "Den 12.03.1985 var en mandag, f.eks. den 4. mars 1990 også.") == []


# -- names --------------------------------------------------------------------------------

def test_a_name_in_the_middle_of_a_sentence(guard: Guard) -> None:
    assert kinds(guard, "I dag snakket jeg med Kari om jobb.") == [("name", "Kari")]
    assert kinds(guard, "Møte med Per Hansen og Anne-Lise.") == [
        ("name", "Per Hansen"), ("name", "Anne-Lise")]
    assert kinds(guard, "Karis mor ringte.") == [("name", "Karis")]


@pytest.mark.parametrize("text", [
    "Per uke bruker jeg fire timer på dokumentasjon.",
    "Liv og helse henger sammen.",
    "Tone i møtet var bedre enn sist.",
    "Bjørnen i rommet var planen.",
    "Jeg møter ti brukere per dag, og livet er travelt.",
    "Hope was most present this week; Faith in the process mattered.",
    "Will I manage it? Mark my words, I will.",
    "The Hope and Faith in Recovery Work seminar was on 14 May.",
    "May brought lighter evenings, and June was calm.",
    "Verdien Tillit og elementet Håp var viktige.",
    "Frank feedback helped, even so.",
    "Liv Ullmann-sitatet på veggen fikk meg til å tenke.",
    "Per Uke Og Dag: Notater fra fagdagen.",
])
def test_names_that_are_also_words_stay_quiet_in_ordinary_sentences(
        guard: Guard, text: str) -> None:
    assert kinds(guard, text) == []


def test_a_name_that_is_also_a_word_is_found_mid_sentence(guard: Guard) -> None:
    assert kinds(guard, "Jeg ringte Per i går, og Liv svarte.") == [
        ("name", "Per"), ("name", "Liv")]


def test_a_name_that_is_also_a_word_with_a_surname_is_found_anywhere(guard: Guard) -> None:
    assert kinds(guard, "Leste igjen. Per Hansen ringte om det.") == [
        ("name", "Per Hansen")]
    assert kinds(guard, "Tone Hansen-Berg kom ikke.") == [("name", "Tone Hansen-Berg")]


# -- issue 23: the guard knows Norway ------------------------------------------------------

@pytest.mark.parametrize("name", ["Máret", "Ánde", "Biret", "Risten", "Niillas", "Piera",
                                  "Áilu", "Sunná", "Jovnna", "Maret", "Ahmed", "Mohammad",
                                  "Mustafa", "Ibrahim", "Abdi", "Amina", "Khadija", "Zahra",
                                  "Hodan", "Piotr", "Tomasz", "Katarzyna", "Agnieszka",
                                  "Olena", "Iryna", "Oleksandr", "Yonas", "Semhar"])
def test_sami_names_and_names_of_people_who_came_to_norway(guard: Guard, name: str) -> None:
    assert kinds(guard, f"I dag snakket jeg med {name} om jobb.") == [("name", name)]


def test_a_sami_name_of_two_words_is_one_name(guard: Guard) -> None:
    assert kinds(guard, "Etter gruppa ble Elle Márjá sittende.") == [("name", "Elle Márjá")]


@pytest.mark.parametrize("text", ["Hans mor ringte i går.", "Inga av dei kom på møtet.",
                                  "Else-kapitlet handlet om nærhet.", "Anything else?"])
def test_hans_inga_and_else_are_words_at_the_start(guard: Guard, text: str) -> None:
    assert kinds(guard, text) == []


@pytest.mark.parametrize("name", ["Hans", "Inga", "Else"])
def test_hans_inga_and_else_are_names_mid_sentence(guard: Guard, name: str) -> None:
    assert kinds(guard, f"I går ringte jeg {name} om planen.") == [("name", name)]


@pytest.mark.parametrize(("text", "address"), [
    ("Hun bor i Storgata 12 og vil ikke flytte.", "Storgata 12"),
    ("Jeg kjørte til Kirkeveien 45B for å hente ham.", "Kirkeveien 45B"),
    ("Han har flyttet til Kongens gate 7, tror jeg.", "Kongens gate 7"),
    ("Vi møttes ved Bygdøy allé 5 i dag.", "Bygdøy allé 5"),
    ("She grew up at 14 Church Street.", "14 Church Street"),
    ("Hun har flyttet til 9950 Vardø.", "9950 Vardø"),
    ("Et brev fra 0557 OSLO uten avsender.", "0557 OSLO"),
    ("Storgata 12, 1366 Lysaker", "Storgata 12"),
])
def test_addresses_and_postcodes_with_their_place(guard: Guard, text: str,
                                                  address: str) -> None:
    assert ("address", address) in kinds(guard, text)


@pytest.mark.parametrize("text", [
    "Storgata var stengt, så jeg gikk rundt.", "Uke 12 var travel.",
    "I 2024 Oslo-kontoret fikk nye folk.", "Vi var i Italia 12 dager.",
    "Solbakken 14 år etter var det stille.", "Stortorget 12. mai var fullt av folk.",
    "Kommunen har 4000 innbyggere.", "Han kom til Bergen i 1987 og ble.",
])
def test_streets_numbers_and_years_alone_are_not_addresses(guard: Guard, text: str) -> None:
    assert kinds(guard, text) == []


@pytest.mark.parametrize(("text", "year"), [
    ("Han er f. 1987 og bor alene.", "f. 1987"), ("Hun er født i 1991.", "født i 1991"),
    ("Faren (b. 1948) ringte.", "b. 1948"), ("Mannen, født -84, kom.", "født -84"),
    ("He was born in 1957, he said.", "born in 1957"),
])
def test_a_year_of_birth(guard: Guard, text: str, year: str) -> None:
    assert kinds(guard, text) == [("birth_year", year)]


def test_age_place_and_diagnosis_together_are_one_finding_with_its_parts(
        guard: Guard) -> None:
    text = "Mannen på 34 med schizofreni som bor på Vardø sykehjem ringte igjen."
    [finding] = guard.scan(text)
    assert finding.kind == "combination"
    assert [(text[s:e], part) for s, e, part in finding.parts] == [
        ("Mannen på 34", "age"), ("schizofreni", "condition"), ("Vardø", "place")]
    assert text[finding.start:finding.end] == "Mannen på 34 med schizofreni som bor på Vardø"


def test_a_name_inside_a_combination_is_found_as_well(guard: Guard) -> None:
    text = "Kari sa at hun er 41, bor i Utsira og har bipolar lidelse."
    assert [f.kind for f in guard.scan(text)] == ["name", "combination"]


@pytest.mark.parametrize("text", [
    "Hun er 34 og bor i Bergen.",  # age and place
    "Vi hadde fagdag i Tromsø om schizofreni.",  # place and diagnosis
    "Han er 29 år og har bipolar lidelse.",  # age and diagnosis
    "Han er 29 år og bor i Lom.\n\nEn annen har ALS.",  # a blank line between
    "Hun er 41 og bor i Utsira. " + "Det var en lang dag. " * 12 + "Noen har ALS.",
])
def test_two_of_the_three_or_far_apart_are_not_a_combination(guard: Guard,
                                                               text: str) -> None:
    assert "combination" not in [f.kind for f in guard.scan(text)]


def test_a_place_that_is_also_a_word_counts_mid_sentence_only(guard: Guard) -> None:
    assert [f.kind for f in guard.scan("Sola var sterk. Hun er 40 og har ALS.")] == []
    assert [f.kind for f in guard.scan("Hun er 40, bor på Sola og har ALS.")] == [
        "combination"]


def test_check_text_shows_a_combination_with_its_parts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Referat\nMannen på 34 med schizofreni som bor på Vardø sykehjem.\n",
                     encoding="utf-8")
    assert main(["--lang", "nb", "check-text", str(notes)]) == 1
    assert capsys.readouterr().out == (
        f"{notes}:2:1: kan identifisere sammen: alder «Mannen på 34», "
        "diagnose eller forhold «schizofreni», sted «Vardø»\n")


def test_the_bundled_lists_name_their_sources() -> None:
    for lang in ("nb", "en"):
        words = load_content(bundled_content_dir(), lang).guard
        assert "SSB" in words.names_source and "SSB" in words.sami_names_source
        assert "SSB" in words.immigrant_names_source
        assert "SSB" in words.places_source and "Kartverket" in words.places_source
        assert words.conditions_source
        assert len(words.places) >= 350 and {"Vardø", "Indre Østfold"} <= set(words.places)


def test_without_names_the_guard_still_finds_numbers() -> None:
    bare = Guard.from_words(GuardWords())
    assert [f.kind for f in bare.scan("Kari: 412 34 567")] == ["phone"]


def test_the_text_found_is_given_back_as_spans_only(guard: Guard) -> None:
    text = "Ring Kari på 412 34 567."
    findings = guard.scan(text)
    assert [(f.start, f.end) for f in findings] == [(5, 9), (13, 23)]
    assert line_and_column("a\nbc Kari", 5) == (2, 4)


# -- the corpus ----------------------------------------------------------------------------

# The classes issue 23 added: each needs ≥ 95 % found, like the numbers before them.
NEW_CLASSES = ("sami_name", "immigrant_name", "street_address", "postcode", "birth_year",
               "combination")


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_corpus_recall_and_false_positives(lang: str) -> None:
    """Recall per class (an item's ``class``, else each of its kinds) and the share of
    ordinary sentences flagged; ``pytest -s`` prints them with what was missed."""
    guard = Guard.for_content(load_content(bundled_content_dir(), lang))
    corpus = yaml.safe_load((DATA / f"guard_corpus_{lang}.yaml").read_text(encoding="utf-8"))
    identifying, ordinary = corpus["identifying"], corpus["ordinary"]
    assert len(identifying) + len(ordinary) >= 100
    assert len(identifying) >= 50 and len(ordinary) >= 50
    expected: dict[str, int] = {}
    found: dict[str, int] = {}
    missed = []
    for item in identifying:
        seen = {f.kind for f in guard.scan(item["text"])}
        for kind in item["kinds"]:
            label = item.get("class", kind)
            expected[label] = expected.get(label, 0) + 1
            if kind in seen:
                found[label] = found.get(label, 0) + 1
            else:
                missed.append((label, item["text"]))
    flagged = [(s, kinds(guard, s)) for s in ordinary if guard.scan(s)]
    rate = len(flagged) / len(ordinary)
    print(f"\nguard corpus ({lang}): {len(identifying)} identifying, {len(ordinary)} ordinary")
    for label in sorted(expected):
        print(f"  recall {label:15} {found.get(label, 0):3}/{expected[label]:<3}"
              f" {found.get(label, 0) / expected[label]:6.1%}")
    print(f"  ordinary sentences flagged: {len(flagged)}/{len(ordinary)} ({rate:.1%})")
    for label, text in missed:
        print(f"  missed {label}: {text}")
    for text, what in flagged:
        print(f"  flagged: {text} -> {what}")
    for label in ("national_id", "phone", "email", *NEW_CLASSES):
        assert expected[label] >= 20 or label in ("national_id", "phone", "email"), label
        assert found.get(label, 0) / expected[label] >= 0.95, label
    assert rate <= 0.03


# -- guard.yaml is content ----------------------------------------------------------------

def test_a_team_folder_without_guard_yaml_still_loads(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    shutil.copytree(bundled_content_dir(), folder)
    for lang in ("nb", "en"):
        (folder / lang / "guard.yaml").unlink()
    problems, _ = check_folder(folder)
    assert problems == []
    assert load_content(folder, "en").guard == GuardWords()


def test_a_wrong_guard_yaml_is_named_with_its_position(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    shutil.copytree(bundled_content_dir(), folder)
    (folder / "en" / "guard.yaml").write_text("names: Kari\nnicknames: [Kiki]\n",
                                              encoding="utf-8")
    problems, _ = check_folder(folder)
    assert {(p.path, p.line) for p in problems} == {("team/en/guard.yaml", 1),
                                                    ("team/en/guard.yaml", 2)}


def test_a_team_can_add_a_name(tmp_path: Path) -> None:
    folder = tmp_path / "team"
    shutil.copytree(bundled_content_dir(), folder)
    path = folder / "en" / "guard.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("names: [", "names: [Xhemile, "),
                    encoding="utf-8")
    guard = Guard.for_content(load_content(folder, "en"))
    assert [f.kind for f in guard.scan("I met Xhemile today.")] == ["name"]


# -- check-text ---------------------------------------------------------------------------

def test_check_text_lists_findings_and_exits_1(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Minutes 12.03.2025\n\nWe talked with Kari about the plan.\n"
                       "She can be reached on 412 34 567.\n", encoding="utf-8")
    assert main(["--lang", "en", "check-text", str(minutes)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{minutes}:3:16: name: Kari",
                                f"{minutes}:4:23: phone number: 412 34 567"]
    assert "2 passages" in err


def test_check_text_reads_a_file_longer_than_one_journal_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """check-text stores nothing, so the journal's 1,000,000 characters are not its
    limit; every finding of a long file keeps its line and column."""
    line = "Per uke har vi tolv samtaler, og det er mye.\n"
    count = 1_100_000 // len(line)
    minutes = tmp_path / "year.txt"
    minutes.write_text(line * count + "We talked with Kari; ring 412 34 567 kr later.\n"
                       + "x " * 30 + "Kari\n", encoding="utf-8")
    assert main(["--lang", "en", "check-text", str(minutes)]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == [f"{minutes}:{count + 1}:16: name: Kari",
                                f"{minutes}:{count + 2}:61: name: Kari"]


def test_many_findings_have_the_lines_and_columns_an_editor_shows() -> None:
    text = "Anna " * 7 + "\n\nAnna\nx Anna Anna\n" + "Anna " * 3
    offsets = [i for i in range(len(text)) if text.startswith("Anna", i)]
    expected = [(text.count("\n", 0, o) + 1, o - text.rfind("\n", 0, o)) for o in offsets]
    assert list(lines_and_columns(text, offsets)) == expected
    assert [line_and_column(text, o) for o in offsets] == expected


@pytest.mark.parametrize("text", ["Det kostet kr 41234567.", "Beløp: NOK\u00a0 41234567",
                                  "Sum kr.\n41234567"])
def test_an_amount_after_kr_or_nok_is_not_a_phone(guard: Guard, text: str) -> None:
    assert kinds(guard, text) == []


def test_check_text_on_a_clean_file_exits_0(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Per uke har vi tolv samtaler. Håp var mest til stede.\n",
                     encoding="utf-8")
    assert main(["--lang", "nb", "check-text", str(notes)]) == 0
    out, err = capsys.readouterr()
    # it says what it looked for, and that a combination can identify without a name
    assert out == "" and err.startswith(
        f"Fant ingen fornavn, fødselsnumre, telefonnumre, e-postadresser, adresser eller "
        f"fødselsdatoer i {notes}.")
    assert "Alder, sted og diagnose kan likevel sammen identifisere noen" in err
    assert "ser ut til å identifisere" not in err


def test_check_text_of_standard_input_names_it_in_words(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Per uke har vi tolv samtaler.\n"))
    assert main(["--lang", "en", "check-text", "-"]) == 0
    err = capsys.readouterr().err
    assert "dates of birth found in the text from standard input." in err
    assert "Age, place and diagnosis together can still identify someone" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("Vi snakket med Kari.\n"))
    assert main(["--lang", "nb", "check-text", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == "-:1:16: navn: Kari\n"  # a finding's line keeps "-", as grep's do
    assert "1 sted i teksten fra standard inn" in err


def test_check_text_on_a_missing_or_binary_file(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "check-text", str(tmp_path / "nope.txt")]) == 2
    assert capsys.readouterr().err.strip().endswith("cannot read it (No such file or directory)")
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\xff\xfe\x00")
    assert main(["--lang", "en", "check-text", str(binary)]) == 2
    assert "is not UTF-8 text. If it was written in an older encoding" in capsys.readouterr().err


# -- local only ---------------------------------------------------------------------------

def test_the_guard_keeps_nothing_and_sends_nothing(guard: Guard,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """What the guard finds lives only in the dialog: its modules import nothing that
    could write, log or reach the network, and it works with the network cut off."""
    import ast
    import socket

    src = Path(__file__).resolve().parents[1] / "src" / "refleks"
    # (check-text reads its file with pathlib, so that one is allowed)
    forbidden = {"socket", "urllib", "http", "ssl", "requests", "logging", "sqlite3",
                 "subprocess", "tempfile", "shutil", "os", "json", "pickle"}
    for module in (*sorted((src / "guard").glob("*.py")), src / "tui" / "screens" / "guard.py",
                   src / "cli" / "guard_commands.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
        assert not names & forbidden, (module.name, names & forbidden)

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the guard reached for the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    assert [f.kind for f in guard.scan("Kari: 412 34 567, kari@example.no")] == [
        "name", "phone", "email"]


def test_the_dialog_shows_a_combination_with_each_part_highlighted(guard: Guard) -> None:
    from refleks.tui.screens.guard import excerpt

    text = "I dag: Mannen på 34 med schizofreni som bor på Vardø sykehjem ringte."
    [finding] = guard.scan(text)
    shown = excerpt(text, finding)
    assert shown.plain == text
    highlighted = [shown.plain[span.start:span.end] for span in shown.spans
                   if "reverse" in str(span.style)]
    assert highlighted == ["Mannen på 34", "schizofreni", "Vardø"]
