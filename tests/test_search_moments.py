"""Search finds a check-in by the words of a moment it took further.

The check-in keeps the moment's text only inside the questions asked about it ("What
happened? – “…”"), so the index reads it from there: in the journal's search (the
journal browser's), in ``refleks list --search``, and in a journal that an older
refleks indexed without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from journal_helpers import make_checkin

from refleks.checkin import CheckinFlow
from refleks.cli import main
from refleks.content.model import Content
from refleks.content.ui import load_strings
from refleks.journal import codec, schema, sql
from refleks.journal.model import Answer, CheckIn
from refleks.journal.moments import Moment
from refleks.journal.store import Journal
from refleks.languages import LANGUAGES

MOMENT = "Stod i stillheten i stedet for å fylle den."


def took_further(content: Content) -> CheckIn:
    """A completed check-in that took a moment further, as the moments step stores it."""
    moment = Moment(MOMENT)
    checkin = make_checkin("2026-11-23", answer="Om noe annet.")
    flow = CheckinFlow(content, checkin, moments=[moment])
    t = load_strings("nb")
    for part, text in (("what", "Hun snakket til slutt."), ("now", "Vente lenger.")):
        question = t("moments.step.question", question=t(f"moments.step.{part}"),
                     moment=MOMENT)
        flow.set_moment_answer(moment, part, text, question)
    return checkin


def test_a_checkin_is_found_by_the_words_of_a_moment_it_took_further(
        capsys: pytest.CaptureFixture[str], content: Content, journal_path: Path) -> None:
    with Journal.open(journal_path) as j:
        j.save(make_checkin("2026-11-16", answer="Ingen stillhet her."))
        cid = j.save(took_further(content)).id
        assert [s.id for s in j.search("stillheten")] == [cid]
        assert [s.id for s in j.search("fylle")] == [cid]
        # the question is not the practitioner's words: "skjedde" finds nothing
        assert [s.id for s in j.search("skjedde")] == []
    assert main(["--journal", str(journal_path), "list", "--json", "--search",
                 "stillheten fylle"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in found] == [cid] and "stillheten" in found[0]["match"]


def test_the_moment_is_indexed_once_however_many_questions_asked_about_it(
        content: Content) -> None:
    text = codec.search_text(took_further(content))
    assert text.count(MOMENT) == 1 and "Hva skjedde" not in text


@pytest.mark.parametrize("lang", [language.code for language in LANGUAGES])
def test_every_language_quotes_a_moment_as_search_reads_it(lang: str) -> None:
    t = load_strings(lang)
    for part in ("what", "meaning", "now"):
        question = t("moments.step.question", question=t(f"moments.step.{part}"),
                     moment="Hun lo – «endelig» i dag")
        assert codec.moment_words(question) == "Hun lo – «endelig» i dag"


def test_a_question_refleks_did_not_quote_is_searched_whole() -> None:
    c = CheckIn(answers=[Answer("moment.x.what", "Hva skjedde med Kari-saken?",
                                "Noe.", "moment")])
    assert "Kari-saken" in codec.search_text(c)


def test_an_older_journal_is_indexed_again_by_its_moments_words(
        content: Content, journal_path: Path) -> None:
    """A journal of version 5 indexed what was written about a moment, not the moment."""
    with Journal.open(journal_path) as j:  # today's writes, then version 5's index
        cid = j.save(took_further(content)).id
        other = j.save(make_checkin("2026-11-30", answer="Om møtet.")).id
    conn = sql.connect(journal_path, isolation_level=None)  # the SQLite refleks uses
    body = conn.execute("SELECT body FROM checkins WHERE id = ?", (cid,)).fetchone()[0]
    old = "\n\n".join(a["text"] for a in json.loads(body)["answers"])
    conn.execute("UPDATE search SET text = ? WHERE rowid = ?", (old, cid))
    conn.execute("DROP TABLE chime_marks")  # version 8's
    conn.execute("PRAGMA user_version = 5")
    conn.close()
    with Journal.open(journal_path, read_only=True) as j:  # as `list` reads it, unchanged
        assert len(j.search("stillheten")) == 0
    with Journal.open(journal_path) as j:
        assert j.version == schema.CURRENT_VERSION
        assert [s.id for s in j.search("stillheten")] == [cid]
        assert [s.id for s in j.search("møtet")] == [other]
        assert j.integrity_problems() == []
