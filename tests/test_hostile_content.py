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

import pytest

from refleks.cli import main
from refleks.content.bounded import MAX_BYTES
from refleks.content.loader import ContentError, check_folder, load_content
from refleks.content.ui import load_strings, read_ui_file
from refleks.paths import bundled_content_dir


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the bundled content to make hostile."""
    target = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), target)
    return target


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
