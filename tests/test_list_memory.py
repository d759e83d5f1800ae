"""What `refleks list` keeps in memory while it streams (issue 24: ≤ 60 MiB peak at
50,000 check-ins, measured by bench/person_bench.py). Two things held most of it, and
these tests hold them without timing anything:

- the rows of the table, kept until every column is measured: Python's own count
  (``tracemalloc``) of what the table holds a row;
- SQLite's page cache on the connections that read the rows once: SQLCipher's build
  keeps 8,000 KiB a connection, which a search filled with pages it never reads again.

And what every command and the app's start-up load without needing it: hashlib, only
for an encrypted journal's passphrase (start-up ≤ 1.3× a bare Textual app's memory,
bench/startup.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from journal_helpers import make_checkin
from terminal_helpers import home_shown_script

from refleks.cli.output import print_table
from refleks.content.ui import load_strings
from refleks.journal.database import stream
from refleks.journal.queries import Summary
from refleks.journal.store import Journal

ROWS = 5_000
SQLITE_OWN_CACHE_KIB = 2000  # SQLite's default; SQLCipher's build keeps 8,000


class Discarded:
    """A stdout that takes the table's text and keeps none of it."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def searched(count: int) -> Iterator[Summary]:
    """Summaries as a search streams them: built one at a time, each let go after its
    line is measured, with a snippet cut from a Norwegian text ("…" at both ends)."""
    start = datetime(2026, 11, 30, 9, tzinfo=UTC)
    for n in range(count):
        yield Summary(
            id=100_000 + n, uid=f"uid-{n}", started_at=start - timedelta(days=n % 400),
            completed_at=None, status="complete", area_id="relasjonell",
            area_title="Relasjonelle verdier og holdninger",
            focus=[("tillit", "Tillit"), ("naervaer", "Nærvær")], method_id=None,
            snippet=(f"…Vi snakket om tvang og frivillighet ({n}). Hun ville bestemme selv, "
                     "og vi fant en vei som bygde \x02tillit\x03 over tid. Etterpå snakket "
                     "vi om hva den bygger på…"),
        )


def test_a_searched_table_keeps_little_for_each_row(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: the id as text, each row's own string of its values and the snippet kept
    # as a str, which the "…" makes two bytes a letter: ~720 bytes a row here, ~420 now.
    t = load_strings("nb")
    monkeypatch.setattr("sys.stdout", Discarded())
    print_table(searched(10), t, searching=True)  # what is made once (imports, words)
    tracemalloc.start()
    try:
        print_table(searched(ROWS), t, searching=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak / ROWS < 500, f"{peak / ROWS:.0f} bytes a row"


def test_a_streamed_read_keeps_a_small_page_cache(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.save(make_checkin())
    journal.close()
    [(cache_size,)] = stream(journal_path, "PRAGMA cache_size", ())
    assert -SQLITE_OWN_CACHE_KIB <= cache_size < 0  # negative: in KiB


def test_a_searched_list_reads_its_rows_with_a_small_page_cache(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    try:
        reader = journal.listing._pages_reader()
        try:
            [(cache_size,)] = reader.execute("PRAGMA cache_size").fetchall()
        finally:
            reader.close()
    finally:
        journal.close()
    assert -SQLITE_OWN_CACHE_KIB <= cache_size < 0  # negative: in KiB


# hashlib loads the system's OpenSSL beside the one SQLCipher is built with (~3.7 MiB):
# only an encrypted journal's passphrase needs it. Whole processes, as the tests'
# own process has imported it long since.
LISTED = """
import sys
from refleks.cli import main
code = main(["list"])
print("hashlib" in sys.modules, file=sys.stderr)
sys.exit(code)
"""

HOME_SHOWN = home_shown_script('print("home shown", "hashlib" in sys.modules, file=sys.stderr)')


def run_python(code: str, journal: Path) -> str:
    env = {**os.environ, "REFLEKS_JOURNAL": str(journal), "LANG": "nb_NO.UTF-8"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_a_plain_journal_is_listed_without_hashlib(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.save(make_checkin())
    journal.close()
    assert run_python(LISTED, journal_path).splitlines()[-1] == "False"


def test_the_app_shows_home_without_hashlib(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.save(make_checkin())
    journal.close()
    assert "home shown False" in run_python(HOME_SHOWN, journal_path)
