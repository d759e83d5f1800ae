"""A crafted content folder is refused in one clear line, never read without bound.

A team's own content is semi-trusted: it may be copied from anywhere. Each test here
builds a small hostile file (sizes kept small so the old code failed fast rather than
running out of memory) and checks that ``content check``, the loader and the app's
interface text all refuse it the same way, naming the file.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.content.bounded import MAX_BYTES
from refleks.content.loader import ContentError, check_folder, load_content
from refleks.content.ui import load_strings, read_ui_file
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir

# What a terminal would obey if it reached one: an OSC that sets the window title, then
# Rich and Textual markup (an action on click, a hyperlink, a style) and a Markdown link.
ESCAPES = "\x1b]0;PWNED\x07\x9b31m"
MARKUP = " [@click=app.quit]X[/] [link=https://evil.example]L[/link] [bold red]B[/] " \
         "[md](https://evil.example)"
# Ids, references to sources and numbers are the folder's structure, not its text.
STRUCTURE = frozenset({"id", "source", "kind", "number", "value_count", "pillar"})


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the bundled content to make hostile."""
    target = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), target)
    return target


def hostile_folder(target: Path, suffix: str, *, ui: bool = True) -> list[str]:
    """A copy of the bundled content with ``suffix`` after every text it holds (the
    interface text of ``ui/`` too, if ``ui``); → where each changed text is, by file.

    Each file is read and written back as YAML, so the result is valid YAML whatever
    ``suffix`` holds (a control character is written as an escape, ``"\\e"``).
    """
    shutil.copytree(bundled_content_dir(), target)
    changed: list[str] = []

    def hostile(node: Any, key: str, where: str) -> Any:
        if isinstance(node, dict):
            return {k: hostile(v, k, where) for k, v in node.items()}
        if isinstance(node, list):
            return [hostile(v, key, where) for v in node]
        structure = where.rsplit("/", 2)[-2] != "ui" and (
            key in STRUCTURE or key.endswith(("_source", "_from")))
        if isinstance(node, str) and not structure:
            changed.append(where)
            return node + suffix
        return node

    for path in sorted(target.rglob("*.yaml")):
        where = str(path.relative_to(target.parent))
        if path.parent.name == "ui" and not ui:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(hostile(data, "", where), allow_unicode=True,
                                       sort_keys=False), encoding="utf-8")
    return changed


def _problems(folder: Path) -> list[str]:
    problems, _ = check_folder(folder, load_strings("en"))
    return [str(p) for p in problems]


def _mapping_bomb(levels: int = 5, width: int = 10) -> str:
    """A "billion laughs" of nested mappings: ``width ** levels`` leaves from ~1 KB."""
    lines = ["a0: &a0 {x: lol}"]
    for level in range(1, levels + 1):
        entries = ", ".join(f"k{i}: *a{level - 1}" for i in range(width))
        lines.append(f"a{level}: &a{level} {{{entries}}}")
    return "\n".join(lines) + "\n"


def test_the_shipped_content_uses_no_aliases() -> None:
    """Refusing anchors outright costs the bundled content nothing."""
    for path in bundled_content_dir().rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not any(line.lstrip().startswith(("&", "*")) or ": &" in line or ": *" in line
                       or "- *" in line or "- &" in line for line in text.splitlines()
                       if not line.lstrip().startswith("#")), path


def test_a_mapping_bomb_in_a_ui_file_is_refused(folder: Path) -> None:
    bomb = _mapping_bomb()
    assert len(bomb) < 1024
    (folder / "en" / "ui" / "bomb.yaml").write_text(bomb, encoding="utf-8")
    problems = _problems(folder)
    assert problems[0].startswith("content/en/ui/bomb.yaml:")
    assert "anchors and aliases" in problems[0]
    # nothing of the bomb is counted as text missing in the other language
    assert len(problems) == 1


def test_a_mapping_bomb_gives_no_interface_text(folder: Path) -> None:
    path = folder / "en" / "ui" / "bomb.yaml"
    path.write_text(_mapping_bomb(), encoding="utf-8")
    assert read_ui_file(path) == {}


@pytest.mark.parametrize("text", [
    "a: &s text\nb: *s\n",                        # a scalar
    "a: &l [1, 2]\nb: *l\n",                      # a sequence
    "a: &m {x: 1}\nb: *m\n",                      # a mapping
    "a: &r [*r]\n",                               # a node inside itself
])
def test_aliases_of_every_kind_are_refused_in_a_model_file(folder: Path, text: str) -> None:
    (folder / "nb" / "sources.yaml").write_text(text, encoding="utf-8")
    problems = _problems(folder)
    assert problems[0].startswith("content/nb/sources.yaml:")
    assert "anchors and aliases" in problems[0]


def test_a_symlink_to_a_device_is_not_read(folder: Path) -> None:
    areas = folder / "nb" / "areas.yaml"
    areas.unlink()
    areas.symlink_to(os.devnull)
    problems = _problems(folder)
    assert problems[0] == ("content/nb/areas.yaml:1:1: is not a regular file "
                           "(a folder, a device or a FIFO is not read)")


def test_a_fifo_does_not_hang(folder: Path) -> None:
    areas = folder / "nb" / "areas.yaml"
    areas.unlink()
    os.mkfifo(areas)
    # A writer waits for a reader, so the old code (which opened the FIFO and waited)
    # got an empty file instead of hanging the test.
    writer = threading.Thread(target=lambda: os.close(os.open(areas, os.O_WRONLY)),
                              daemon=True)
    writer.start()
    try:
        problems = _problems(folder)
    finally:
        reader = os.open(areas, os.O_RDONLY | os.O_NONBLOCK)  # releases the writer
        writer.join()
        os.close(reader)
    assert problems[0].startswith("content/nb/areas.yaml:1:1: is not a regular file")


def test_a_file_over_the_size_limit_is_refused(folder: Path) -> None:
    path = folder / "en" / "ui" / "home.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(("# " + "x" * 1000 + "\n") * (MAX_BYTES // 1000 + 1))
    problems = _problems(folder)
    assert problems[0] == "content/en/ui/home.yaml:1:1: is larger than 2 MB; a content " \
                          "file is not read beyond that"
    assert read_ui_file(path) == {}


def test_a_python_tag_in_a_ui_file_is_reported_by_check_and_at_run_time(folder: Path) -> None:
    path = folder / "en" / "ui" / "home.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nquit: ", "\nquit: !!python/name:os.system ", 1),
                    encoding="utf-8")
    problems = _problems(folder)
    assert len(problems) == 1
    assert problems[0].startswith("content/en/ui/home.yaml:")
    assert "tag:yaml.org,2002:python/name:os.system" in problems[0]
    # at run time the team folder is checked before use, and says the same
    with pytest.raises(ContentError) as caught:
        load_content(folder, "en")
    assert [str(p) for p in caught.value.problems] == problems


def test_a_value_that_is_not_text_is_left_out_as_check_says(folder: Path) -> None:
    """The app leaves out exactly what the check reports, not the whole file."""
    path = folder / "en" / "ui" / "home.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nquit: ", "\nquit: 12\nold_quit: ", 1), encoding="utf-8")
    problems = _problems(folder)
    assert any("'home.quit' should be text" in p for p in problems)
    table = read_ui_file(path)
    assert "home.quit" not in table
    assert "home.draft" in table


def test_one_malformed_file_is_reported_first_without_a_cascade(folder: Path) -> None:
    path = folder / "nb" / "areas.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    values:\n", "    values: [\n", 1), encoding="utf-8")
    problems = _problems(folder)
    assert problems[0].startswith("content/nb/areas.yaml:")
    assert "malformed YAML" in problems[0]
    assert not any("missing in 'nb'" in p or "missing in 'en'" in p for p in problems)


def test_the_command_line_says_the_root_cause_first(folder: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    areas = folder / "nb" / "areas.yaml"
    areas.unlink()
    areas.symlink_to(os.devnull)
    assert main(["--lang", "en", "content", "check", str(folder)]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines()[0].startswith("content/nb/areas.yaml:1:1: is not a regular")
    assert "Traceback" not in out.out + out.err
    assert main(["--lang", "en", "--content", str(folder), "values"]) == 1
    out = capsys.readouterr()
    assert "content/nb/areas.yaml:1:1: is not a regular file" in out.err
    assert "Traceback" not in out.out + out.err


def test_a_dangling_symlink_in_ui_is_reported_and_the_app_still_speaks(folder: Path) -> None:
    (folder / "en" / "ui" / "gone.yaml").symlink_to(folder / "nowhere.yaml")
    problems = _problems(folder)
    assert problems[0] == "content/en/ui/gone.yaml:1:1: file is missing"
    load_strings.cache_clear()
    t = load_strings("en", folder)
    assert t("home.quit") != "home.quit"


def test_a_control_character_in_any_text_is_reported_where_it_is(tmp_path: Path) -> None:
    """Every text of every file, the interface text too: each one named, nothing raw."""
    folder = tmp_path / "content"
    changed = hostile_folder(folder, ESCAPES + MARKUP)
    problems = _problems(folder)
    assert not any("\x1b" in p or "\x9b" in p or "\x07" in p for p in problems)
    control = [p for p in problems if "control character (U+001B)" in p]
    assert sorted(p.split(":", 1)[0] for p in control) == sorted(changed)
    assert len(problems) == len(control)  # ids and references are untouched
    assert ("content/en/areas.yaml:4:10: 'title' in area 'relasjonell' holds a control "
            "character (U+001B) that a terminal would take as a command: remove it"
            ) in control
    assert "content/nb/ui/home.yaml:" in "".join(control)


def test_a_file_name_or_key_that_holds_escapes_is_shown_not_obeyed(folder: Path) -> None:
    (folder / "en" / "ui" / "x\x1b]0;T\x07.yaml").write_text("a: b\n", encoding="utf-8")
    path = folder / "nb" / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "\n    title:", '\n    "t\\e]0;T\\a": x\n    title:', 1), encoding="utf-8")
    problems = _problems(folder)
    assert any(p.startswith("content/en/ui/x\u241b]0;T\u2407.yaml:") for p in problems)
    assert any("unknown field 't\u241b]0;T\u2407'" in p for p in problems)
    assert not any("\x1b" in p or "\x07" in p for p in problems)


@pytest.fixture
def journal_with_a_week(tmp_path: Path) -> Path:
    """A journal with a check-in, so that every command has something to show."""
    path = tmp_path / "journal.db"
    with Journal.open(path) as journal:
        journal.save(make_checkin("2026-11-23"))
    return path


CONTENT_COMMANDS = [
    [], ["values"], ["values", "--area", "relasjonell"], ["list"], ["show", "latest"],
    ["show", "latest", "--markdown"], ["export"], ["export", "--format", "html"],
    ["status"], ["team", "log"], ["team", "export"], ["moments"],
    ["note", "Lyttet godt", "--value", "tillit"], ["check-text", "-"],
]


@pytest.mark.parametrize("suffix", [ESCAPES + MARKUP, MARKUP], ids=["escapes", "markup"])
@pytest.mark.parametrize("command", CONTENT_COMMANDS, ids=" ".join)
def test_no_command_writes_a_content_folders_codes(
        tmp_path: Path, journal_with_a_week: Path, command: list[str], suffix: str,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """With escapes the folder is refused (content check's lines, shown, not obeyed);
    with markup alone it is used, and every text is written as the text it is."""
    import io
    import sys

    folder = tmp_path / "content"
    hostile_folder(folder, suffix)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Vi lyttet.\n"))
    if not command:  # the app: refused before a screen opens, or opened (the tour of
        # its screens is tui/test_hostile_content_screens.py)
        monkeypatch.setattr("refleks.cli.app_commands.need_terminal", lambda env: None)
        monkeypatch.setattr("refleks.tui.app.RefleksApp.run", lambda app: None)
    code = main(["--lang", "en", "--content", str(folder),
                 "--journal", str(journal_with_a_week), *command])
    out = capsys.readouterr()
    written = out.out + out.err
    assert "Traceback" not in written
    assert not any(ch in written for ch in "\x1b\x07\x9b")
    assert "\x1b]8;" not in written  # no hyperlink either
    if suffix == MARKUP:
        assert code in (0, 1) and "content/" not in out.err, out.err  # used, not refused
        if command[:1] == ["values"]:
            assert "[@click=app.quit]X[/] [link=https://evil.example]L[/link]" in out.out
    elif command[:1] in ([], ["values"], ["note"], ["check-text"]):
        # every command that needs the content refuses it, naming the first problem;
        # the others show only the interface text, its control characters as symbols
        assert code == 1
        assert "content/en/areas.yaml:4:10: 'title' in area 'relasjonell' holds a " \
               "control character (U+001B)" in out.err
    else:
        assert "\u241b]0;PWNED\u2407" in written.replace("\\", "")  # shown as symbols
