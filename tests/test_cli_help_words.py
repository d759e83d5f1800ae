"""The Norwegian --help is Norwegian to its placeholders (issue 22): COMMAND, DIR, DATE,
FILE, ID and TEXT stood in English in every command's usage line."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from refleks.cli.parser import build_parser
from refleks.content.ui import load_strings


def every_parser(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from every_parser(sub)


ENGLISH = re.compile(r"\b(COMMAND|DIR|PATH|DATE|TEXT|FILE|BACKUP)\b")


def test_every_norwegian_help_names_its_placeholders_in_norwegian() -> None:
    parsers = list(every_parser(build_parser(load_strings("nb"))))
    helps = {p.prog: p.format_help() for p in parsers}
    assert len(helps) > 20
    english = {prog: ENGLISH.findall(text) for prog, text in helps.items()
               if ENGLISH.search(text)}
    assert english == {}
    assert "KOMMANDO" in helps["refleks"] and "--since DATO" in helps["refleks list"]
    assert "[TEKST ...]" in helps["refleks note"] and "FIL" in helps["refleks check-text"]


@pytest.mark.parametrize("words", ["COMMAND", "--content DIR", "--since DATE"])
def test_the_english_help_keeps_its_placeholders(words: str) -> None:
    helps = "".join(p.format_help() for p in every_parser(build_parser(load_strings("en"))))
    assert words in helps
