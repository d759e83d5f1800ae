"""Every text on screen says who wrote it; what refleks wrote never stands under a document.

Issue 11: the library printed only a collection's source, so the five reflection cards
(written for refleks) read as the recovery team's, and the method prompts as the
methods document's. The Pilot tests open the library as a person does (l, /, type) and
read the page (the search typed in one go, ``fill``: the words found are the subject,
not the typing); the last test walks every page the library can show.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tui_helpers import fill, make_session, screen_text, type_keys

from refleks.content.credit import REFLEKS, credit
from refleks.content.loader import load_content
from refleks.content.model import Content
from refleks.content.ui import load_strings
from refleks.paths import bundled_content_dir
from refleks.tui.app import make_app
from refleks.tui.screens.library import library_sections

TALL = (100, 60)


async def read_library_page(journal_path: Path, search: str, lang: str = "nb") -> str:
    app = make_app(make_session(journal_path, lang=lang))
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("l")  # home: l opens the library
        await pilot.press("slash")  # the library: / searches
        await fill(pilot, search)
        await pilot.pause()
        return screen_text(app)


def lines_after(page: str, start: str) -> list[str]:
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    return lines[index:]


async def test_a_method_says_its_prompt_is_refleks_and_its_text_the_documents(
        journal_path: Path) -> None:
    page = await read_library_page(journal_path, "Start alltid med personens")
    content = load_content(bundled_content_dir(), "nb")
    method = content.methods[0]
    after = lines_after(page, method.prompt[:40])
    assert after[1] == "Skrevet for refleks"
    assert "Kilde: 10 praktiske metoder for recovery-orientert praksis" in after[2:]


async def test_the_reflection_cards_are_not_shown_as_the_recovery_teams(
        journal_path: Path) -> None:
    page = await read_library_page(journal_path, "Refleksjonskort")
    cards = [line for line in page.splitlines() if line.startswith(
        ("Leve med:", "Drømmen:", "Tilhørighet:", "Ansvar:", "Håp og optimisme:"))]
    assert len(cards) == 5
    assert all(card.endswith("(Skrevet for refleks)") for card in cards)


async def test_a_chime_question_built_on_a_documents_says_adapted(journal_path: Path) -> None:
    page = await read_library_page(journal_path, "Hope and optimism", lang="en")
    content = load_content(bundled_content_dir(), "en")
    hope = content.chime_element("chime.hope")
    assert hope is not None
    assert "Hope and optimism about the future (Hope)" not in page  # no doubled label
    q1, q2, q3 = hope.questions
    assert lines_after(page, q1.text[:30])[1] == "Written for refleks"
    assert lines_after(page, q2.text[:30])[1] == (
        "Adapted from: 10 practical methods for recovery-oriented practice")
    assert lines_after(page, q3.text[:30])[1] == "Written for refleks"


async def test_the_chime_intro_says_refleks_adapted_it(journal_path: Path) -> None:
    """The citation and "97 papers" are refleks's words in 003's intro."""
    page = await read_library_page(journal_path, "Om CHIME")
    assert "Tilpasset fra: 10 praktiske metoder for recovery-orientert praksis" in page
    assert "Kilde: 10 praktiske metoder" not in page


# -- every page ----------------------------------------------------------------------------


def _credit_for(page: str, text: str, credits: set[str], listed: bool) -> str:
    """The credit that covers ``text`` on ``page``: one on its own line (an inline
    ``(*…*)`` for a list item), else for a list item the page's own (the last line),
    else the next credit line below it."""
    start = page.index(text)
    line_end = page.find("\n", start)
    line = page[start: line_end if line_end != -1 else len(page)]
    inline = [c for c in credits if line.endswith(f"(*{c}*)")]
    if inline:
        return inline[0]
    below = page[start + len(text):].lstrip("\n")
    right_below = [c for c in credits if below.startswith(f"*{c}*")]
    if right_below:
        return right_below[0]
    rest = page[page.rindex("\n\n*"):] if listed else page[start:]
    found = [(rest.find(f"*{c}*"), c) for c in credits if f"*{c}*" in rest]
    return min(found)[1]


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_item_on_every_page_resolves_to_its_own_source(lang: str) -> None:
    content: Content = load_content(bundled_content_dir(), lang)
    t = load_strings(lang)
    # the pages as they read: the content's words are escaped in their Markdown
    pages = [re.sub(r"\\(?=\W)", "", e.page)
             for _, entries in library_sections(content, t) for e in entries]
    every = "\n\n".join(pages)
    credits = {credit(content, t, s.id) for s in content.sources}
    credits |= {credit(content, t, REFLEKS, s.id) for s in content.sources}

    def check(text: str, source: str, adapted_from: str = "", listed: bool = False) -> None:
        page = next(p for p in pages if text in p)
        said = _credit_for(page, text, credits, listed)
        assert said == credit(content, t, source, adapted_from), text
        if source == REFLEKS:  # never under a document's name
            assert not said.startswith(t("library.source")), text

    checked = 0
    check(content.chime_intro.split("\n")[0], REFLEKS if content.chime_intro_adapted_from
          else content.chime_source, content.chime_intro_adapted_from)
    for method in content.methods:
        check(f"**{method.prompt}**", method.prompt_by)
        checked += 1
    for area in content.areas:
        for v in area.values:
            check(v.meaning, v.source)
            if v.note:  # refleks's line beside the document's meaning has its own credit
                check(v.note, v.note_by)
            checked += 1
        for q in area.questions:
            check(f"**{q.text}**", q.source or area.source, q.adapted_from)
            if q.hint:
                check(q.hint, q.hint_source or q.source or area.source)
            checked += 1
        for d in area.dilemmas:
            check(d.text, d.source or area.source)
            if d.follow_up:  # refleks's question after a document's dilemma
                check(f"**{d.follow_up}**", d.follow_up_source or d.source or area.source)
    for element in content.chime:
        for q in element.questions:
            check(f"**{q.text}**", q.source or element.source, q.adapted_from)
            checked += 1
    for c in content.collections:
        for item in c.items:
            check(item.text, item.source or c.source, listed=True)
            checked += 1
        if c.intro:
            check(c.intro, c.intro_source or c.source, listed=True)
    assert checked > 150
    assert every  # every page was built


# -- the check-in --------------------------------------------------------------------------


def _last_week(journal_path: Path) -> None:
    """A completed check-in five days ago: area 1, two focus values and method 1."""
    from datetime import datetime, timedelta

    from refleks.journal.model import CheckIn, Focus
    from refleks.journal.store import Journal

    when = datetime.now().astimezone() - timedelta(days=5)
    last = CheckIn(uid="1" * 32, started_at=when, updated_at=when, completed_at=when,
                   status="complete", area_id="relasjonell",
                   area_title="Relasjonelle verdier og holdninger", method_id="method.1",
                   method_title="Start alltid med personens egne mål")
    last.focus = [Focus("tillit", "Tillit", "Si hva jeg gjør"),
                  Focus("naervaer", "Nærvær", "Legge bort telefonen")]
    journal = Journal.open(journal_path)
    journal.merge([last])
    journal.close()


async def test_the_checkin_follows_up_last_weeks_method_and_asks_why(journal_path: Path) -> None:
    from textual.widgets import Input

    from refleks.journal.store import Journal
    from refleks.tui.screens.checkin.area import AreaStep
    from refleks.tui.screens.checkin.focus import FocusStep

    _last_week(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=TALL) as pilot:
        await pilot.press("n")  # start: the follow-up comes first
        shown = screen_text(app)
        assert "Du valgte å prøve «Start alltid med personens egne mål». Hvordan gikk det?" in shown
        app.screen.query_one("#method-follow-up").focus()
        await type_keys(pilot, "Bra")
        for box in ("#keep-0", "#keep-1"):  # keep both values as a focus
            app.screen.query_one(box).focus()
            await pilot.press("space")
        await pilot.press("ctrl+n")
        assert app.screen.query_one(AreaStep)
        # area 1 was chosen last week; the suggestion is one never chosen, and says so
        assert "(foreslått – du har ikke valgt det før)" in str(
            app.screen.query_one("#area-list").get_option_at_index(1).prompt)
        # the pillars of area 2 are marked where its values are shown
        assert "◆ Likeverd" in screen_text(app)
        await pilot.press("enter", "enter")  # take the suggestion, area 2, and on
        assert "Kilde: Verdier og holdninger i recoveryorientert praksis" in screen_text(app)
        await pilot.press("ctrl+f")  # past the questions, to CHIME
        chime = screen_text(app)  # the week's CHIME question is refleks's, or adapted by it
        assert "Skrevet for refleks" in chime or "Tilpasset fra: 10 praktiske" in chime
        await pilot.press("ctrl+n")
        focus = app.screen.query_one(FocusStep)
        why = [i for i in focus.query(".focus-why").results(Input)]
        assert [i.name for i in why] == ["tillit", "naervaer"]  # kept from the follow-up
        why[0].focus()
        await type_keys(pilot, "Tillit tar tid")
        await pilot.pause()
        app.screen.save_now()
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    texts = {a.question_id: (a.question_text, a.text) for a in draft.answers}
    assert texts["method-follow-up.method.1"] == (
        "Du valgte å prøve «Start alltid med personens egne mål». Hvordan gikk det?", "Bra")
    assert texts["why.tillit"] == ("Tillit — hvorfor denne?", "Tillit tar tid")
