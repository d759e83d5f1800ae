"""In Norwegian, refleks calls the private log "refleksjonsloggen" (loggen), never "journalen".

To a Norwegian clinician "journal" is the patient record (pasientjournal): a practitioner
told that what they write goes "i journalen" may fear it ends up in the record, and an
auditor may ask. So no Norwegian string says "journal" for the log. Where the word means
the patient record (a CHIME question about what "ikke står i journalen", the export saying
it is no part of any record), the string is allowed here by its key, with the words that
may stand; the code, file names and command-line options keep ``journal``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from refleks.content.ui import load_strings, read_ui_file
from refleks.paths import bundled_content_dir

NB = bundled_content_dir() / "nb"

# key -> the words with "journal" that may stand in it: the patient record, a title
PATIENT_RECORD = {
    "html.private": "pasient- eller brukerjournal",
    "help.about": "pasientjournalen",
    "chime.identity.q2": "ikke står i journalen",
    "ref.leamy": "British Journal of Psychiatry",
}
# names a person types or a program reads, not words: options, variables, the export's
# format and placeholders
NAMES = ("--journal", "REFLEKS_JOURNAL", '"refleks-journal"', "{journal}")


def ui_strings() -> Iterator[tuple[str, str]]:
    for path in sorted((NB / "ui").glob("*.yaml")):
        yield from read_ui_file(path).items()


def content_strings(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a content file, named by the nearest item's id (as the allow-list
    names it) or else by its place in the file."""
    if isinstance(node, dict):
        here = str(node.get("id", where))
        for key, value in node.items():
            if key == "id":
                continue
            yield from content_strings(value, here if "id" in node else f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from content_strings(value, f"{where}[{index}]")
    elif isinstance(node, str):
        yield where, node


def all_norwegian() -> Iterator[tuple[str, str]]:
    yield from ui_strings()
    for path in sorted(NB.glob("*.yaml")):
        yield from content_strings(yaml.safe_load(path.read_text(encoding="utf-8")), path.stem)


def says_journal(key: str, text: str) -> bool:
    text = " ".join(text.split())
    for name in NAMES:
        text = text.replace(name, "")
    allowed = PATIENT_RECORD.get(key)
    if allowed is not None:
        text = text.replace(allowed, "")
    return re.search("journal", text, re.IGNORECASE) is not None


def test_no_norwegian_string_calls_the_log_a_journal() -> None:
    found = [f"{key}: {text}" for key, text in all_norwegian() if says_journal(key, text)]
    assert found == []


def test_the_allowed_patient_record_uses_are_still_there() -> None:
    """The allow-list names real strings: words that no longer stand are an error."""
    still = {key for key, text in all_norwegian()
             if PATIENT_RECORD.get(key, "\0") in " ".join(text.split())}
    assert still == set(PATIENT_RECORD)


@pytest.mark.parametrize(("key", "words"), [
    ("journal.md.title", "Refleksjonslogg"),
    ("journal_view.title", "Refleksjonsloggen"),
    ("home.journal", "Loggen"),
    ("keys.journal", "Logg"),
])
def test_the_log_is_called_refleksjonslogg(key: str, words: str) -> None:
    assert load_strings("nb")(key) == words


def test_the_english_interface_is_untouched(tmp_path: Path) -> None:
    """Only the Norwegian word changes: in English a journal is a diary."""
    assert load_strings("en")("home.journal") == "Journal"
