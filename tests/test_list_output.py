"""`refleks list` as it streams: the same text as before into a pipe, a table on a terminal.

The list reads the journal row by row and writes the table in large chunks (not one
``print`` per line through rich). These tests hold what a person sees: into a pipe
the text is exactly what the earlier, collect-then-print version wrote (captured from
it for these check-ins); on a real terminal (a pseudo-terminal) the same table with
bold, dim and — unless NO_COLOR — colour; and the table arrives in a few writes. No
timings here: bench/person_bench.py measures them.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.cli import main
from refleks.journal.store import Journal

ANSWERS = (
    "Vi snakket om tvang og frivillighet. Hun ville bestemme selv, og vi fant en vei som "
    "bygde tillit over tid.",
    "Jeg merket at jeg ble utålmodig i møtet. Etterpå snakket vi om tillit: hva den "
    "bygger på, og hvordan den kan brytes av små ting som ingen ser.",
    "Halvferdige tanker om tillit.",
)

# What `refleks list` wrote into a pipe before it streamed (captured from that version).
RULE_NB = "─" * 92
BEFORE_LIST = (
    "Nr.  Dato                        Område                              Fokusverdier\n"
    f"{RULE_NB}\n"
    "  3  30. november 2026 (utkast)  Relasjonelle verdier og holdninger  Tillit, Naervaer\n"
    "  2  2. november 2026            Relasjonelle verdier og holdninger  Empati, Varme\n"
    "  1  5. oktober 2026             Etikk, rettigheter og verdighet     Selvbestemmelse, "
    "Tillit\n"
    "3 refleksjoner\n"
)
BEFORE_SEARCH = (
    "Nr.  Dato                        Område                              Fokusverdier\n"
    f"{RULE_NB}\n"
    "  3  30. november 2026 (utkast)  Relasjonelle verdier og holdninger  Tillit, Naervaer\n"
    "     Halvferdige tanker om tillit. Når jeg ringer tilbake når jeg har sagt det. Og "
    "når jeg…\n"
    "  2  2. november 2026            Relasjonelle verdier og holdninger  Empati, Varme\n"
    "     …Etterpå snakket vi om tillit: hva den bygger på, og hvordan den kan brytes av "
    "små…\n"
    "  1  5. oktober 2026             Etikk, rettigheter og verdighet     Selvbestemmelse, "
    "Tillit\n"
    "     …Hun ville bestemme selv, og vi fant en vei som bygde tillit over tid. Når jeg…\n"
    "3 refleksjoner\n"
)
# Written in Norwegian, listed in English: areas and values named in English (22.9).
BEFORE_SEARCH_EN = (
    "No.  Date                      Area                             Focus values\n"
    f"{'─' * 89}\n"
    "  3  30 November 2026 (draft)  Relational values and attitudes  Trust, Presence\n"
    "     Halvferdige tanker om tillit. Når jeg ringer tilbake når jeg har sagt det. Og "
    "når jeg…\n"
    "  2  2 November 2026           Relational values and attitudes  Empathy, Warmth\n"
    "     …Etterpå snakket vi om tillit: hva den bygger på, og hvordan den kan brytes av "
    "små…\n"
    "  1  5 October 2026            Ethical and rights-based values  Self-determination, "
    "Trust\n"
    "     …Øve på tillit i morgenmøtet. Det gikk bedre enn jeg trodde. Ta opp i veiledning. "
    "Snakket…\n"
    "3 reflections\n"
)


@pytest.fixture
def filled(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-10-05", area="etikk",
                            area_title="Etikk, rettigheter og verdighet",
                            focus=("selvbestemmelse", "tillit"), answer=ANSWERS[0]))
        j.save(make_checkin("2026-11-02", focus=("empati", "varme"), answer=ANSWERS[1]))
        j.save(make_checkin("2026-11-30", status="draft", answer=ANSWERS[2]))
    return journal_path


@pytest.mark.parametrize(("argv", "before"), [
    (["list"], BEFORE_LIST),
    (["list", "--search", "tillit"], BEFORE_SEARCH),
    (["--lang", "en", "list", "--search", "tillit snakket"], BEFORE_SEARCH_EN),
])
def test_into_a_pipe_the_text_is_what_it_was(capsys, filled: Path, argv: list[str],
                                             before: str) -> None:
    assert main(argv) == 0
    assert capsys.readouterr().out == before


@pytest.mark.parametrize("argv", [["list", "--json"], ["list", "--json", "--search", "tillit"],
                                  ["list", "--json", "--search", "sjiraff"]])
def test_streamed_json_is_the_same_text_as_one_dump(capsys, filled: Path,
                                                    argv: list[str]) -> None:
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out == json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"


class FakeTerminal(io.StringIO):
    """stdout as a terminal, counting the writes."""

    encoding = "utf-8"

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_a_long_table_reaches_the_terminal_in_a_few_writes(
        journal_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Journal.open(journal_path) as j:
        for day in range(1, 29):
            for month in range(1, 13):
                j.save(make_checkin(f"2025-{month:02}-{day:02}", answer="Om tillit i dag."))
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["list", "--search", "tillit"]) == 0
    lines = terminal.getvalue().splitlines()
    assert len(lines) == 2 + 2 * 336 + 1 and "336 refleksjoner" in lines[-1]
    assert terminal.writes <= 3  # not one per line: the table is written once, in chunks


def run_in_terminal(*argv: str, **env: str) -> str:
    """``refleks ARGV`` with stdout a pseudo-terminal of 100×30; → what it wrote."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environ["TERM"] = "xterm-256color"
    environ.update(env)
    process = subprocess.Popen([sys.executable, "-m", "refleks", *argv], stdout=follower,
                               stderr=subprocess.PIPE, env=environ)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 1 << 16)
        except OSError:  # EIO: the terminal's other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0, process.stderr.read() if process.stderr else ""
    return b"".join(chunks).decode().replace("\r\n", "\n")


def plain(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_in_a_terminal_the_table_has_its_styles(filled: Path) -> None:
    out = run_in_terminal("list")
    lines = out.splitlines()
    assert lines[0].startswith("\x1b[1m") and "Fokusverdier" in lines[0]  # bold header
    assert lines[1].startswith("\x1b[2m─")  # a dim rule
    assert "\x1b[3;33m (utkast)\x1b[0m" in lines[2]  # the draft marked, in colour
    assert plain(out) == BEFORE_LIST  # the same words and columns as in a pipe


def test_in_a_terminal_a_search_shows_the_words_found_in_bold(filled: Path) -> None:
    out = run_in_terminal("list", "--search", "tillit")
    assert "\x1b[1mtillit\x1b[0m" in out
    assert plain(out) == BEFORE_SEARCH  # 100 columns: every snippet fits


def test_no_color_keeps_bold_and_dim_but_no_colour(filled: Path) -> None:
    out = run_in_terminal("list", NO_COLOR="1")
    assert "\x1b[1m" in out and "\x1b[3m (utkast)\x1b[0m" in out
    assert ";33m" not in out and "[33m" not in out


def test_a_dumb_terminal_gets_plain_text(filled: Path) -> None:
    out = run_in_terminal("list", TERM="dumb")
    assert "\x1b" not in out and out == BEFORE_LIST
