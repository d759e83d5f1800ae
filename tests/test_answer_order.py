"""Issue 22's rule for the order of what was written: the check-in's own order of parts,
whatever order the answers were written or rewritten in.

A new user answered two questions and a dilemma, chose "Rewrite" in the guard, fixed the
second answer and saved: the second answer then came after the dilemma in the summary,
``show``, the Markdown export and the pack. "Why this one?" sat among the reflection
answers, and how last week's method went came after the moments, not in the follow-up.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from journal_helpers import make_checkin, when

from refleks.checkin import CheckinFlow, Step
from refleks.cli import main
from refleks.content.model import Content
from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.store import Journal

Q1, Q2, Q3 = "Hvordan viser jeg respekt?", "Hvem var det?", "Hva lærte jeg?"
DILEMMA = "Skal jeg ringe familien?"
WHY = "Det er deres hjem og deres rom"
METHOD_QUESTION = "Du valgte å prøve «Bygg relasjonen». Hvordan gikk det?"


def test_a_rewritten_answer_keeps_its_place(content: Content) -> None:
    """Emptied while rewritten (select all, type anew) and written again: back between
    the first question and the dilemma, not after everything written since."""
    flow = CheckinFlow(content, CheckIn(started_at=when("2026-11-30")))
    flow.choose_area("etikk")
    flow.next()
    q1, q2 = [p for p in flow.prompts() if p.kind == "reflect"][:2]
    dilemma = next(p for p in flow.prompts() if p.kind == "dilemma")
    flow.set_answer(q1, "Jeg banket på.")
    flow.set_answer(q2, "Olena, født 12.03.1985")
    flow.set_answer(dilemma, "Jeg spurte henne først.")
    flow.set_answer(q2, "")
    flow.set_answer(q2, "En beboer")
    assert [a.question_id for a in flow.checkin.answers] == [q1.id, q2.id, dilemma.id]
    assert flow.checkin.answers[1].text == "En beboer"


def test_a_later_question_answered_first_goes_after_an_earlier_one(content: Content) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=when("2026-11-30")))
    flow.choose_area("etikk")
    q1, q2, q3 = [p for p in flow.prompts() if p.kind == "reflect"][:3]
    flow.set_answer(q3, "tre")
    flow.set_answer(q1, "en")
    flow.set_answer(q2, "to")
    assert [a.question_id for a in flow.checkin.answers] == [q1.id, q2.id, q3.id]


def test_each_why_is_kept_in_the_order_of_the_focus_values(content: Content) -> None:
    flow = CheckinFlow(content, CheckIn(started_at=when("2026-11-30")))
    flow.go_to(Step.FOCUS)
    flow.toggle_focus("respekt")
    flow.toggle_focus("tillit")
    flow.set_why("tillit", "Tillit – hvorfor denne?", "fordi")
    flow.set_why("respekt", "Respekt – hvorfor denne?", "derfor")
    assert [a.question_id for a in flow.checkin.answers] == ["why.respekt", "why.tillit"]


def out_of_order() -> CheckIn:
    """A week-two check-in whose answers were stored in the order they were last
    edited (as refleks stored them before): every part in the wrong place."""
    checkin = make_checkin("2026-11-30", area="etikk", area_title="Etikk",
                           focus=("respekt", "tillit"))
    checkin.answers = [
        Answer("why.respekt", "Respekt – hvorfor denne?", WHY, kind="why"),
        Answer("etikk.dilemma.1", DILEMMA, "Jeg spurte henne først.", kind="dilemma"),
        Answer("etikk.q2", Q2, "En beboer"),
        Answer("method-follow-up.method.1", METHOD_QUESTION, "Det gikk fint.",
               kind="method_follow_up"),
        Answer("etikk.q1", Q1, "Jeg banket på."),
    ]
    checkin.focus = [Focus("respekt", "Respekt", "Banke på."), Focus("tillit", "Tillit", "")]
    return checkin


@pytest.fixture
def stored(journal_path: Path, content: Content) -> Path:
    checkin = out_of_order()
    dilemma = content.area("etikk").dilemmas[0]  # type: ignore[union-attr]
    checkin.answers[1].question_id = dilemma.id
    with Journal.open(journal_path) as j:
        j.save(checkin)
    return journal_path


def in_order(document: str, *pieces: str) -> None:
    """Each piece is in ``document`` after the one before it."""
    at = 0
    for piece in pieces:
        found = document.find(piece, at)
        assert found != -1, f"{piece!r} not after {document[:at][-80:]!r}"
        at = found + len(piece)


def check_the_order(document: str, why_label: str) -> None:
    in_order(document, "Oppfølging av forrige ukes fokus", "Respekt", METHOD_QUESTION,
             "Det gikk fint.", Q1, "Jeg banket på.", Q2, "En beboer", DILEMMA,
             "Jeg spurte henne først.", "CHIME", "Fokusverdier for neste uke", "Respekt",
             "Banke på.", why_label, WHY, "Tillit", "Ukens metode")
    assert "Respekt – hvorfor denne?" not in document  # not a question of its own


def test_show_reads_in_the_check_ins_order(stored: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "nb", "show", "1"]) == 0
    check_the_order(capsys.readouterr().out, "Hvorfor denne?")


def test_the_markdown_export_reads_in_the_check_ins_order(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "logg.md"
    assert main(["--lang", "nb", "export", "-o", str(out)]) == 0, capsys.readouterr().err
    markdown = out.read_text(encoding="utf-8")
    check_the_order(markdown, "*Hvorfor denne?*")
    assert re.search(r"- \*\*Respekt\*\*: Banke på\.\n\n  \*Hvorfor denne\?\* " + WHY,
                     markdown)  # inside Respekt's list item


def test_the_pack_reads_in_the_check_ins_order(
        stored: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pakke.html"
    assert main(["--lang", "nb", "export", "-o", str(out)]) == 0, capsys.readouterr().err
    html = out.read_text(encoding="utf-8")
    check_the_order(html, "<em>Hvorfor denne?</em>")
    assert (f"<li>\n<p><strong>Respekt</strong>: Banke på.</p>\n"
            f"<p><em>Hvorfor denne?</em> {WHY}</p>\n</li>") in html


def test_a_why_for_a_value_no_longer_chosen_is_still_shown() -> None:
    """Nothing written disappears: a why whose value left the focus (an older draft)
    stays among the answers, under its question."""
    from refleks.content.ui import load_strings
    from refleks.journal.markdown import render_checkin

    checkin = out_of_order()
    checkin.focus = checkin.focus[1:]
    markdown = render_checkin(checkin, load_strings("nb"))
    in_order(markdown, Q1, DILEMMA, "Respekt – hvorfor denne?", WHY, "CHIME")


def test_a_check_in_in_order_renders_as_before(content: Content) -> None:
    """Nothing to put in order: the same list back (the pack's bytes stay the same)."""
    from refleks.content.ui import load_strings
    from refleks.journal.labels import Labels

    labels = Labels(load_strings("nb"), content)
    answered = [({"kind": "reflect", "question_id": f"etikk.q{i}"}, "x") for i in (1, 2, 3)]
    assert labels.in_order("etikk", answered) is answered
    assert labels.in_order("etikk", answered[::-1]) == answered


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_pack_of_whys_and_method_follow_ups_is_the_one_markdown_it_makes(
        lang: str, content: Content) -> None:
    """The pack's quick walk puts each why into its value's list item as markdown-it
    makes the Markdown's: whatever was written (every payload, awkward characters)."""
    import random

    from test_pack_same_html import PAYLOADS, awkward_text, the_old_way, varied_checkin

    from refleks.content.loader import load_content
    from refleks.content.ui import load_strings
    from refleks.journal import html
    from refleks.paths import bundled_content_dir

    rng = random.Random(22)
    checkins = []
    for n, text in enumerate([*PAYLOADS, *(awkward_text(rng) for _ in range(150))]):
        c = varied_checkin(n, text)
        for value_id in c.focus_ids[n % 2:]:
            c.answers.insert(n % 3, Answer(f"why.{value_id}", f"{value_id} – hvorfor?",
                                           text if n % 2 else awkward_text(rng), kind="why"))
        c.answers.insert(n % 4, Answer("method-follow-up.m", f"Hvordan gikk {text}?", text,
                                       kind="method_follow_up"))
        if n % 5 == 0:
            c.focus = c.focus[:1]  # a why left without its value
        checkins.append(c)
    t, there = load_strings(lang), load_content(bundled_content_dir(), lang)
    made = when("2026-12-07", 10)
    quick = "".join(html.render_html(checkins, t, lang, made=made, content=there))
    with the_old_way():
        old = "".join(html.render_html(checkins, t, lang, made=made, content=there))
    assert quick.count("<em>" + t("journal.md.why")) > 100
    assert quick == old


def test_one_focus_value_whose_action_runs_over_two_lines_is_a_tight_list() -> None:
    """As markdown-it reads the Markdown: one item without a blank line is tight (the
    quick pack made it loose, a paragraph in the item, before)."""
    from test_pack_same_html import the_old_way

    from refleks.content.ui import load_strings
    from refleks.journal import html

    checkin = make_checkin("2026-11-30")
    checkin.focus = [Focus("tillit", "Tillit", "første linje\nandre linje")]
    t = load_strings("nb")
    quick = "".join(html.render_html([checkin], t, "nb", made=when("2026-12-07", 10)))
    with the_old_way():
        old = "".join(html.render_html([checkin], t, "nb", made=when("2026-12-07", 10)))
    assert "<li><strong>Tillit</strong>: første linje<br />\nandre linje</li>" in quick
    assert quick == old
