"""``refleks --plain``, as a whole process: an answer written in the person's own editor
(the word "editor"/"rediger"), and the first greeting the app gives, once."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from test_plain_checkin import clean, piped

from refleks.content.ui import load_strings
from refleks.journal.store import Journal
from refleks.settings import load_settings

ADDED = "Skrevet i min egen editor."


def an_editor(tmp_path: Path) -> tuple[Path, Path]:
    """An $EDITOR that appends a line to what it is given and notes the file's path."""
    seen = tmp_path / "seen.json"
    script = tmp_path / "my-editor"
    script.write_text(f"""#!{sys.executable}
import json, sys
from pathlib import Path
path = Path(sys.argv[1])
given = path.read_text(encoding="utf-8")
Path({str(seen)!r}).write_text(json.dumps({{"path": str(path), "given": given}}))
path.write_text((given + "\\n" if given else "") + "{ADDED}\\n", encoding="utf-8")
""", encoding="utf-8")
    script.chmod(0o700)
    return script, seen


def test_the_word_rediger_writes_the_answer_in_the_own_editor(
        tmp_path: Path, journal_path: Path) -> None:
    script, seen = an_editor(tmp_path)
    t = load_strings("nb")
    # question 1: typed; question 2: in the editor; then stop
    done = piped("--lang", "nb", "--plain", EDITOR=str(script), VISUAL="",
                 answers="1\nEn tanke.\n\nrediger\nslutt\n")
    assert done.returncode == 0, done.stderr
    clean(done.stdout)
    said = done.stdout.decode()
    assert "«rediger»" in said  # said at the start, with the line commands
    assert t("plain.from_editor") in said and ADDED in said
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert [a.text for a in draft.answers] == ["En tanke.", ADDED]
    editor_saw = json.loads(seen.read_text())
    assert editor_saw["given"] == ""
    assert not Path(editor_saw["path"]).exists()


def test_without_an_editor_it_names_the_variables_and_asks_again(journal_path: Path) -> None:
    done = piped("--lang", "en", "--plain", EDITOR="", VISUAL="",
                 answers="1\neditor\nTyped instead.\n\nquit\n")
    assert done.returncode == 0, done.stderr
    said = done.stdout.decode()
    assert "No editor is set: set $VISUAL / $EDITOR" in said
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and [a.text for a in draft.answers] == ["Typed instead."]


def test_the_first_greeting_is_said_once(isolated_home: Path) -> None:
    t = load_strings("en")
    first = piped("--lang", "en", "--plain", answers="quit\n")
    assert first.returncode == 0, first.stderr
    said = first.stdout.decode()
    assert t("welcome.title") in said
    assert t("welcome.confidential") in said  # the duty of confidentiality
    assert t("welcome.private_plain") in said  # what is true of this journal
    assert said.index(t("welcome.title")) < said.index(t("plain.intro"))
    clean(first.stdout)
    assert load_settings(isolated_home / "config.toml").welcomed
    again = piped("--lang", "en", "--plain", answers="quit\n")
    assert t("welcome.title") not in again.stdout.decode()
