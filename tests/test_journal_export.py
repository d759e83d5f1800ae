"""Export and import: Markdown that cannot be broken, JSON that round-trips exactly."""

from __future__ import annotations

import itertools
import json
import random
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from journal_helpers import digest, make_checkin
from markdown_it import MarkdownIt

from refleks.content.ui import Strings, load_strings
from refleks.dates import format_date, format_datetime, parse_day
from refleks.journal import codec
from refleks.journal.errors import ImportFormatError, JournalError, NotFoundError
from refleks.journal.export import write_atomic
from refleks.journal.json_io import (
    FORMAT_NAME,
    FORMAT_VERSION,
    import_json,
    iter_json,
    iter_json_objects,
    read_export,
    write_json,
)
from refleks.journal.markdown import render_markdown
from refleks.journal.markdown_text import block
from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.store import Journal


@pytest.fixture(scope="module")
def nb() -> Strings:
    return load_strings("nb")


@pytest.fixture(scope="module")
def en() -> Strings:
    return load_strings("en")


# The parser rich uses for `refleks show`: CommonMark plus GFM tables and strikethrough.
PARSER = MarkdownIt("commonmark").enable("table").enable("strikethrough")

HOSTILE = [
    "# Ikke en overskrift",
    "## heller ikke\n### eller denne ###",
    "> et sitat\n>> dypere",
    "```python\nprint('kode')\n```",
    "~~~\ngjerdet\n~~~",
    "    fire mellomrom blir kode\n\tog en tab",
    "1. første\n2) andre\n10. tiende",
    "- punkt\n* punkt\n+ punkt",
    "***\n---\n___\n- - -",
    "Tittel\n===",
    "Tittel\n---",
    "<div>html</div>\n<!-- kommentar -->",
    "<script>alert('hei')</script>",
    "[lenke](http://eksempel.no) og ![bilde](x.png)",
    "[ref]: http://eksempel.no",
    "<http://auto.lenke> og <meg@eksempel.no>",
    "&amp; &copy; &#35; &#x41;",
    "*kursiv* _kursiv_ **fet** __fet__ ***begge***",
    "`kode` og ``dobbel``",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "~~gjennomstreket~~",
    "slutter med backslash \\",
    "\\",
    "\\*allerede escapet\\*",
    "to mellomrom  \nneste linje",
    "   innrykk som forsvinner",
    "1234567890. ikke en liste\n123456789. heller ikke",
    "linje\u2028skille og \u2029avsnitt",
    "æøå ÆØÅ é 🙂",
    "Windows\r\nlinjer\rog Mac",
    "første avsnitt\n\n\n\nandre avsnitt\n \t \ntredje",
    "#merkelapp uten mellomrom\n#",
    "=\n+\n-\n>",
    "a\n> b\n# c\n1. d",
]


def normalized(text: str) -> str:
    """What the reader should see: lines stripped, runs of blank lines one break."""
    paragraphs, current = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(" \t\f\v")
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def inline_text(token) -> str:
    """The text a reader sees in an inline token; raises on anything but plain text."""
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            raise AssertionError(f"user text became {child.type}: {child.content!r}")
    return "".join(out)


def sections(markdown: str) -> list[tuple[tuple[str, str], list[str]]]:
    """((heading tag, heading text), [paragraph texts]) in document order.

    Fails if anything but headings, paragraphs and the focus list appears.
    """
    tokens = PARSER.parse(markdown)
    result: list[tuple[tuple[str, str], list[str]]] = []
    in_list = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            assert not in_list
            result.append(((tok.tag, inline_text(tokens[i + 1])), []))
            i += 3
        elif tok.type == "paragraph_open":
            inline = tokens[i + 1]
            kids = inline.children or []
            if in_list:
                result[-1][1].append("<focus item>")  # checked on its own below
            elif kids and kids[0].type == "em_open" and kids[-1].type == "em_close":
                result[-1][1].append("<label>")  # our own italic label lines
            else:
                result[-1][1].append(inline_text(inline))
            i += 3
        elif tok.type in ("bullet_list_open", "bullet_list_close"):
            in_list += 1 if tok.type.endswith("open") else -1
            i += 1
        elif tok.type in ("list_item_open", "list_item_close", "paragraph_close"):
            i += 1
        else:
            raise AssertionError(f"unexpected {tok.type} in {markdown!r}")
    return result


def answer_checkin(text: str, question: str = "Hva skjedde?") -> CheckIn:
    return CheckIn(started_at=make_checkin().started_at, status="draft",
                   area_title="Relasjonelle verdier", answers=[Answer("q1", question, text)])


@pytest.mark.parametrize("text", HOSTILE)
def test_an_answer_cannot_break_the_document(nb: Strings, text: str) -> None:
    markdown = "".join(render_markdown([answer_checkin(text)], nb, "nb"))
    found = sections(markdown)
    assert [h for h, _ in found] == [
        ("h1", "Refleksjonslogg"),
        ("h2", "30. november 2026 – Relasjonelle verdier"),
        ("h3", "Hva skjedde?"),
    ]
    assert "\n\n".join(found[2][1]) == normalized(text)


def test_random_text_cannot_break_the_document(nb: Strings) -> None:
    rng = random.Random(20261130)
    alphabet = "#>*_-+=`~|[]()<>!&\\:.)123 \t\n\naæøå\r"
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        question = "".join(rng.choice(alphabet.replace("\n", "")) for _ in range(12)) + "x"
        markdown = "".join(render_markdown([answer_checkin(text, question)], nb, "nb",
                                           title=False))
        found = sections(markdown)
        expected = normalized(text)
        if not expected:
            assert len(found) == 1, markdown
            continue
        assert found[1][0] == ("h3", " ".join(question.split())), markdown
        assert "\n\n".join(found[1][1]) == expected, markdown


def test_headings_and_names_from_content_are_escaped_too(nb: Strings) -> None:
    checkin = answer_checkin("svar", question="Hva er **viktig** for meg? #")
    checkin.area_title = "Område # med [lenke](x)"
    checkin.focus = [Focus("tillit", "*Tillit*", "# gjøre noe\n\n> sitat"),
                     Focus("varme", "Varme", "")]
    markdown = "".join(render_markdown([checkin], nb, "nb", title=False))
    found = sections(markdown)
    headings = [h for h, _ in found]
    assert ("h2", "30. november 2026 – Område # med [lenke](x)") in headings
    assert ("h3", "Hva er **viktig** for meg? #") in headings
    tokens = PARSER.parse(markdown)
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 2
    first_item = next(t for t in tokens if t.type == "inline" and "Tillit" in t.content)
    kids = [c for c in first_item.children if c.type != "text" or c.content]
    assert [c.type for c in kids[:3]] == ["strong_open", "text", "strong_close"]
    assert kids[1].content == "*Tillit*"
    assert "".join(c.content for c in kids[3:]) == ": # gjøre noe"
    quote = next(t for t in tokens if t.type == "inline" and "sitat" in t.content)
    assert inline_text(quote) == "> sitat"  # the action's second paragraph…
    assert quote.level == 3  # …inside the list item, not after the list


def test_a_full_check_in_reads_well(nb: Strings) -> None:
    markdown = "".join(render_markdown([make_checkin()], nb, "nb"))
    found = sections(markdown)
    assert [h for h, _ in found] == [
        ("h1", "Refleksjonslogg"),
        ("h2", "30. november 2026 – Relasjonelle verdier og holdninger"),
        ("h3", "Oppfølging av forrige ukes fokus"),
        ("h4", "Respekt"),
        ("h3", "Hvordan viser jeg empati og respekt i hverdagen?"),
        ("h3", "Når opplever jeg at tillit blir bygget?"),
        ("h3", "CHIME"),
        ("h4", "Håp"),
        ("h3", "Fokusverdier for neste uke"),
        ("h3", "Ukens metode"),
        ("h3", "Notater"),
        ("h3", "Notater lagt til senere"),
    ]  # the empty dilemma answer is left out
    assert "*Fullført 30. november 2026 kl. 09:20*" in markdown
    assert "- **Tillit**: Øve på tillit i morgenmøtet." in markdown
    assert "*Beholdt som fokus videre.*" in markdown
    assert "*3. desember 2026 kl. 09:00*" in markdown


def test_english_labels_and_dates(en: Strings) -> None:
    checkin = make_checkin(status="draft")
    markdown = "".join(render_markdown([checkin], en, "en"))
    assert markdown.startswith("# Reflection journal\n")
    assert "## 30 November 2026 – Relasjonelle verdier og holdninger" in markdown
    assert "*Draft – not completed*" in markdown
    assert "### Focus values for the coming week" in markdown


def test_the_document_is_streamed(nb: Strings) -> None:
    def endless() -> Iterator[CheckIn]:
        for n in itertools.count():
            yield make_checkin(f"2026-01-{n % 28 + 1:02d}")

    chunks = render_markdown(endless(), nb, "nb")
    first = list(itertools.islice(chunks, 5))  # returns: nothing waits for the end
    assert first[0].startswith("# ")
    assert first[1:] == ["\n", first[2], "\n", first[4]]  # a check-in at a time
    assert first[2].startswith("## ") and first[4].startswith("## ")


def test_an_empty_selection_says_so(nb: Strings) -> None:
    markdown = "".join(render_markdown([], nb, "nb", subtitle="Fra og med 1. januar 2026"))
    assert markdown == ("# Refleksjonslogg\n\n*Fra og med 1. januar 2026*\n"
                        "\n*Ingen refleksjoner i dette utvalget.*\n")


def test_block_keeps_the_writers_line_breaks() -> None:
    assert block("en\nto\n\ntre") == "en\\\nto\n\ntre"
    assert block("  ") == "" and block("") == ""
    assert block("a\nb", indent="  ") == "  a\\\n  b"


# -- dates -------------------------------------------------------------------------------------


def test_dates_in_each_language(nb: Strings, en: Strings) -> None:
    moment = make_checkin().started_at
    assert format_date(moment, nb) == "30. november 2026"
    assert format_date(moment, en) == "30 November 2026"
    assert format_datetime(moment, nb) == "30. november 2026 kl. 09:00"
    assert format_datetime(moment, en) == "30 November 2026 at 09:00"
    for month in range(1, 13):
        assert not nb(f"dates.month_{month}").startswith("dates.")
        assert not en(f"dates.month_{month}").startswith("dates.")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("2026-11-30", "2026-11-30", "2026-11-30"),
    ("30.11.2026", "2026-11-30", "2026-11-30"),
    ("1.2.2026", "2026-02-01", "2026-02-01"),
    ("2026-11", "2026-11-01", "2026-11-30"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2026", "2026-01-01", "2026-12-31"),
    ("2026-W48", "2026-11-23", "2026-11-29"),
    (" 2026-11 ", "2026-11-01", "2026-11-30"),
])
def test_friendly_dates(text: str, start: str, end: str) -> None:
    assert parse_day(text).isoformat() == start
    assert parse_day(text, end=True).isoformat() == end


@pytest.mark.parametrize("text", ["2026-13", "2026-02-30", "30.11", "i går", "", "2026-W54",
                                  "0000", "26-11-30"])
def test_dates_that_do_not_parse(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text)


# -- JSON ----------------------------------------------------------------------------------------


def _export(journal: Journal) -> str:
    return "".join(iter_json_objects(journal.iter_export_objects()))


def test_json_round_trip_is_identical(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "a.sqlite3") as first:
        first.save(make_checkin("2026-11-02"))
        first.save(make_checkin("2026-11-09", status="draft", answer="linje\u2028skille \"x\""))
        odd = make_checkin("2026-11-16")
        odd.started_at = odd.started_at.replace(microsecond=123456)
        first.save(odd)
        first.save(CheckIn(started_at=make_checkin("2026-11-23").started_at))
        text = _export(first)
    data = json.loads(text)
    assert data["format"] == FORMAT_NAME and data["version"] == FORMAT_VERSION
    assert len(data["checkins"]) == 4
    exported = tmp_path / "export.json"
    exported.write_text(text, encoding="utf-8")
    with Journal.open(tmp_path / "b.sqlite3") as second:
        result = import_json(second, exported)
        assert (result.added, result.updated, result.unchanged) == (4, 0, 0)
        assert _export(second) == text
        again = import_json(second, exported)  # the same file twice adds nothing
        assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
        assert second.count() == 4
        assert _export(second) == text


def test_the_fast_export_equals_the_model_export(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "a.sqlite3") as journal:
        for day in ("2026-11-02", "2026-11-09"):
            journal.save(make_checkin(day))
        fast = _export(journal)
        slow = "".join(iter_json(journal.iter_checkins()))
    assert fast == slow


def test_write_json_counts(tmp_path: Path) -> None:
    import io

    out = io.StringIO()
    assert write_json([make_checkin(), make_checkin("2026-11-23")], out) == 2
    assert len(json.loads(out.getvalue())["checkins"]) == 2
    empty = io.StringIO()
    assert write_json([], empty) == 0
    assert json.loads(empty.getvalue())["checkins"] == []


def test_a_newer_copy_of_a_check_in_replaces_the_older(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "a.sqlite3") as journal:
        draft = journal.save(make_checkin(status="draft", answer="halvferdig"))
        exported = tmp_path / "old.json"
        exported.write_text(_export(journal))
        draft.answers[0].text = "ferdig skrevet"
        journal.complete(draft)
        newer = tmp_path / "new.json"
        newer.write_text(_export(journal))
    with Journal.open(tmp_path / "b.sqlite3") as other:
        import_json(other, exported)
        result = import_json(other, newer)
        assert (result.added, result.updated) == (0, 1)
        assert other.get(draft.uid).answers[0].text == "ferdig skrevet"
        assert import_json(other, exported).unchanged == 1  # an older copy changes nothing
        assert other.get(draft.uid).status == "complete"


def _valid() -> dict:
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION,
            "checkins": [codec.to_dict(make_checkin())]}


def _broken(**changes) -> dict:
    data = _valid()
    checkin = data["checkins"][0]
    for path, value in changes.items():
        target = checkin
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return data


@pytest.mark.parametrize(("data", "key", "names"), [
    ([1, 2], "import.not_export", ""),
    ({"format": "something-else", "version": 1, "checkins": []}, "import.not_export", ""),
    ({"format": FORMAT_NAME, "version": 99, "checkins": []}, "import.newer_version", ""),
    ({"format": FORMAT_NAME, "version": "1", "checkins": []}, "import.bad_version", ""),
    ({"format": FORMAT_NAME, "version": 1}, "import.missing_field", "checkins"),
    ({"format": FORMAT_NAME, "version": 1, "checkins": {}}, "import.not_list", "checkins"),
    ({"format": FORMAT_NAME, "version": 1, "checkins": [], "x": 1}, "import.unknown_field", "x"),
    (_broken(uid=KeyError), "import.missing_field", "checkins[0]"),
    (_broken(status="ferdig"), "import.bad_choice", "checkins[0].status"),
    (_broken(started_at="i går"), "import.bad_datetime", "checkins[0].started_at"),
    (_broken(started_at="2026-11-30T09:00:00"), "import.bad_datetime", "checkins[0].started_at"),
    (_broken(completed_at=None), "import.complete_without_date", "checkins[0].completed_at"),
    (_broken(answers__0__question_id=KeyError), "import.missing_field",
     "checkins[0].answers[0]"),
    (_broken(answers__1__text=5), "import.not_text", "checkins[0].answers[1].text"),
    (_broken(focus__0__value_id=""), "import.empty", "checkins[0].focus[0].value_id"),
    (_broken(follow_ups__0__keep="ja"), "import.not_boolean", "checkins[0].follow_ups[0].keep"),
    (_broken(chime__0__mode="kanskje"), "import.bad_choice", "checkins[0].chime[0].mode"),
    (_broken(later_notes="notat"), "import.not_list", "checkins[0].later_notes"),
    (_broken(extra="x"), "import.unknown_field", "checkins[0]"),
    (_broken(uid="med mellomrom"), "import.bad_uid", "checkins[0].uid"),
])
def test_bad_files_are_named_and_nothing_is_written(tmp_path: Path, nb: Strings, data,
                                                   key: str, names: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    journal_path = tmp_path / "journal.sqlite3"
    with Journal.open(journal_path) as journal:
        journal.save(make_checkin("2026-01-05"))
    before = digest(journal_path)
    with Journal.open(journal_path) as journal:
        with pytest.raises(ImportFormatError) as caught:
            import_json(journal, path)
        assert journal.count() == 1
    assert digest(journal_path) == before
    assert caught.value.key == key
    message = caught.value.render(nb)
    assert names in message and "journal." not in message


def test_duplicate_uids_in_one_file(tmp_path: Path) -> None:
    data = _valid()
    data["checkins"].append(dict(data["checkins"][0]))
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ImportFormatError) as caught:
        read_export(path)
    assert caught.value.key == "import.duplicate_uid"


def test_files_that_are_not_json(tmp_path: Path) -> None:
    text = tmp_path / "notes.json"
    text.write_text('{"format": "refleks-journal",\n  "version": 1,\n  oops }')
    with pytest.raises(ImportFormatError) as caught:
        read_export(text)
    assert caught.value.key == "import.not_json" and caught.value.params["line"] == 3
    binary = tmp_path / "bilde.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    with pytest.raises(ImportFormatError) as caught:
        read_export(binary)
    assert caught.value.key == "import.not_utf8"
    with pytest.raises(NotFoundError):
        read_export(tmp_path / "missing.json")


def test_a_draft_that_claims_to_be_completed_is_refused(tmp_path: Path) -> None:
    data = _valid()
    data["checkins"][0]["status"] = "draft"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ImportFormatError) as caught:
        read_export(path)
    assert caught.value.key == "import.draft_with_date"


# -- writing files -------------------------------------------------------------------------------


def test_write_atomic_never_leaves_half_a_file(tmp_path: Path) -> None:
    tmp_path = tmp_path / "ut"
    tmp_path.mkdir()
    target = tmp_path / "eksport.md"

    def failing() -> Iterator[str]:
        yield "første del\n"
        raise RuntimeError("midt i")

    with pytest.raises(RuntimeError):
        write_atomic(target, failing())
    assert list(tmp_path.iterdir()) == []

    write_atomic(target, ["hei\n"])
    assert target.read_text() == "hei\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(JournalError) as caught:
        write_atomic(target, ["ny\n"])
    assert caught.value.key == "errors.exists" and target.read_text() == "hei\n"
    write_atomic(target, ["ny\n"], overwrite=True)
    assert target.read_text() == "ny\n"
    with pytest.raises(JournalError) as caught:
        write_atomic(tmp_path / "mangler" / "x.md", ["x"])
    assert caught.value.key == "errors.no_folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eksport.md"]


def test_to_dict_and_from_dict_are_inverse() -> None:
    checkin = make_checkin()
    checkin.updated_at = checkin.started_at
    again = codec.from_dict(json.loads(json.dumps(codec.to_dict(checkin))))
    assert again == replace(checkin)
