"""The browser's search (in a worker, ``cancelled`` given) lists what the plain search
lists, in the same order, however the journal changes between two searches: the ids
newest first are remembered only until any connection commits (``PRAGMA
data_version``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from journal_helpers import make_checkin, when

from refleks.journal.queries import Filter
from refleks.journal.store import Journal

WORDS = ("lyttet", "tillit", "ringer", "nei jeg", "ingenting", "finnesikke")


def as_the_worker(journal: Journal, word: str) -> list[int]:
    return journal.summaries(Filter(search=word), lazy_snippets=True,
                             cancelled=lambda: False).ids


def plain(journal: Journal, word: str) -> list[int]:
    return [s.id for s in journal.summaries(Filter(search=word))]


def same_everywhere(journal: Journal) -> None:
    for word in WORDS:
        assert as_the_worker(journal, word) == plain(journal, word), word


def test_the_order_follows_every_change(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal:
        # Written out of time order, two at the same minute (ties go by id).
        for day, answer in (("2026-11-02", "Jeg lyttet."), ("2026-10-05", "Tillit og ro."),
                            ("2026-11-30", "Jeg lyttet, og tillit kom."),
                            ("2026-11-02", "Ingenting å si om tillit.")):
            journal.save(make_checkin(day, answer=answer))
        same_everywhere(journal)
        assert len(as_the_worker(journal, "tillit")) == 4  # the second answer has it too

        earlier = make_checkin("2025-01-01", answer="Jeg lyttet lenge.")
        journal.save(earlier)  # newest id, oldest date: last in the list
        same_everywhere(journal)
        assert as_the_worker(journal, "lyttet")[-1] == earlier.id

        moved = replace(journal.get(str(earlier.id)), started_at=when("2027-01-01"))
        journal.save(moved)  # now the newest
        same_everywhere(journal)
        assert as_the_worker(journal, "lyttet")[0] == earlier.id

        journal.delete(earlier.id)
        same_everywhere(journal)
        assert earlier.id not in as_the_worker(journal, "lyttet")


def test_a_change_by_another_connection_is_seen(journal_path: Path) -> None:
    with Journal.open(journal_path) as journal, Journal.open(journal_path) as other:
        journal.save(make_checkin("2026-11-02", answer="Jeg lyttet."))
        first = as_the_worker(journal, "lyttet")
        newer = make_checkin("2026-11-30", answer="Jeg lyttet igjen.")
        other.save(newer)
        assert as_the_worker(journal, "lyttet") == [newer.id, *first]
        same_everywhere(journal)


def test_closing_the_journal_closes_what_it_kept(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.save(make_checkin())
    as_the_worker(journal, "lyttet")
    assert journal.listing._order is not None
    journal.close()
    assert journal.listing._order is None
