"""``refleks completion SHELL``: a script for each shell, made from the argparse tree,
that names every subcommand, completes ids from the content in the language in use, and
files where a file is asked for. bash's script is checked with ``bash -n`` and run; zsh's
and fish's are checked with ``zsh -n``/``fish -n`` where those shells are installed."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest

from refleks import cli
from refleks.cli.completion import SHELLS, word_completion
from refleks.cli.parser import build_parser
from refleks.content.ui import load_strings


def script(shell: str, capsys: pytest.CaptureFixture[str], lang: str = "en") -> str:
    assert cli.main(["--lang", lang, "completion", shell]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def every_subcommand() -> set[str]:
    """Every subcommand name in the tree, at every depth (``content check``,
    ``moments show``, ``team export`` …)."""
    names: set[str] = set()
    parsers = [build_parser(load_strings("en"))]
    while parsers:
        for action in parsers.pop()._actions:
            if isinstance(action, argparse._SubParsersAction):
                names.update(action.choices)
                parsers.extend(action.choices.values())
    return names


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shell_gets_a_script_naming_every_subcommand(
        isolated_home: Path, capsys: pytest.CaptureFixture[str], shell: str) -> None:
    text = script(shell, capsys)
    subcommands = every_subcommand()
    assert {"list", "export", "completion", "check", "show", "log"} <= subcommands
    missing = {name for name in subcommands if name not in text}
    assert not missing
    assert "\x1b" not in text


def test_bash_script_is_valid_and_completes(isolated_home: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    path = tmp_path / "refleks.bash"
    path.write_text(script("bash", capsys), encoding="utf-8")
    subprocess.run([bash, "-n", str(path)], check=True)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")

    def complete(*words: str) -> list[str]:
        shown = " ".join(f"'{word}'" for word in words)
        run = subprocess.run(
            [bash, "-c", f'source "{path}"; COMP_WORDS=(refleks {shown}); '
                         f'COMP_CWORD={len(words)}; _shtab_refleks; '
                         'printf "%s\\n" "${COMPREPLY[@]}"'],
            capture_output=True, text=True, check=True, cwd=tmp_path)
        return run.stdout.split()

    assert complete("exp") == ["export"]
    assert "completion" in complete("co")
    assert complete("list", "--value", "til") == ["tillit", "tilgjengelighet"]
    assert complete("values", "--area") and all("-" not in a[:1] for a in complete(
        "values", "--area", ""))
    assert complete("export", "--format", "h") == ["html"]
    assert complete("import", "no") == ["notes.json"]  # a file where a file is asked for
    assert complete("--lang", "") == ["nb", "en"]


@pytest.mark.parametrize(("shell", "check"), [("zsh", ["-n"]), ("fish", ["-n"])])
def test_zsh_and_fish_scripts_parse(isolated_home: Path, tmp_path: Path, shell: str,
                                    check: list[str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed")
    path = tmp_path / f"refleks.{shell}"
    path.write_text(script(shell, capsys), encoding="utf-8")
    subprocess.run([program, *check, str(path)], check=True)


@pytest.mark.parametrize(("lang", "described"), [("nb", "'tillit:Tillit'"),
                                                 ("en", "'tillit:Trust'")])
def test_ids_are_described_in_the_language_in_use(
        isolated_home: Path, capsys: pytest.CaptureFixture[str], lang: str,
        described: str) -> None:
    text = script("zsh", capsys, lang=lang)
    assert described in text
    assert "--value" in text


def test_a_name_from_content_is_quoted_and_cleaned() -> None:
    """A team's content is data: a quote is escaped, a control character dropped, an id
    that is not an id's shape is not offered."""
    completion = word_completion("refleks_value", [("obrien", "O'Brien \x1b[31m\\red"),
                                                   ("$(rm x)", "a command")])
    preamble = completion["preamble"]
    assert isinstance(preamble, dict)
    assert not any("\x1b" in text or "rm x" in text for text in preamble.values())
    assert preamble["zsh"].count("'obrien:O'\\''Brien") == 1
    assert "'O\\'Brien" in preamble["fish"]
    for shell, text in preamble.items():
        assert isinstance(text, str)
        if shutil.which(shell) and shell in ("bash", "zsh", "fish"):
            subprocess.run([shell, "-n", "-c", text], check=True)
