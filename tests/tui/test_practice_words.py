"""What practice asks of the words around a reflection (issue 23, "Practice").

The coercion dilemma takes coercion as given; refleks asks after it whether it was
necessary, marked as written for refleks wherever the dilemma is shown. Help and the
welcome say that age, place and diagnosis together can identify a person, and help says
where a reflection that weighs heavily can go: supervision, or a colleague.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_helpers import SIZE, checkin_at, eventually, make_session, screen_text

from refleks.checkin import Step
from refleks.content.loader import load_content
from refleks.paths import bundled_content_dir
from refleks.team.themes import build_themes
from refleks.tui.app import make_app
from refleks.tui.screens.help import HelpScreen
from refleks.tui.screens.welcome import WelcomeScreen

COERCION = "dilemma.maktbruk-med-respekt"


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_coercion_dilemma_asks_whether_it_was_necessary(lang: str) -> None:
    content = load_content(bundled_content_dir(), lang)
    dilemma = next(d for a in content.areas for d in a.dilemmas if d.id == COERCION)
    assert dilemma.source == "verdier-og-holdninger"  # the dilemma is the document's
    assert dilemma.follow_up_source == "refleks"       # the question after it is not
    asked = {"nb": ("nødvendig", "mindre inngripende", "etterpå"),
             "en": ("necessary", "less restrictive", "afterwards")}[lang]
    assert all(word in dilemma.follow_up for word in asked)
    # the team's theme asks it too, with its own credit
    theme = next(t for t in build_themes(content) if t.id == f"dilemma:{COERCION}")
    assert theme.questions == (dilemma.text, dilemma.follow_up)
    assert theme.question_credits[1] == ("refleks", "")


async def test_the_checkin_shows_the_follow_up_as_written_for_refleks(
        journal_path: Path) -> None:
    """Walked to as a person does, ctrl+n from the area's questions to the last extra."""
    app = make_app(make_session(journal_path))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await checkin_at(pilot, Step.REFLECT, lambda flow: flow.choose_area("etikk"))
        for _ in range(len(screen.flow.prompts())):
            if "Maktbruk med respekt" in screen_text(app):
                break
            await pilot.press("ctrl+n")
            await pilot.pause()
        shown = flat(screen_text(app))
        dilemma = next(d for a in screen.flow.content.areas for d in a.dilemmas
                       if d.id == COERCION)
        follow_up = flat(dilemma.follow_up)
        assert follow_up.startswith("Var tvangen virkelig nødvendig?") and follow_up in shown
        # the document's credit between the dilemma and the question, refleks's below it
        before, after = shown.split(follow_up)
        assert after.strip().startswith("Skrevet for refleks")
        assert before.rstrip().endswith(
            "Kilde: Verdier og holdninger i recoveryorientert praksis")


@pytest.mark.parametrize(("lang", "combination", "heavy"), [
    ("nb", "Også alder, sted og diagnose kan sammen være nok til å kjenne igjen en person.",
     "Veier en refleksjon tungt, ta den med i veiledning, eller snakk med en kollega"),
    ("en", "Age, place and diagnosis together can be enough to identify a person.",
     "If a reflection weighs heavily, take it to supervision, or talk to a colleague")])
async def test_help_and_the_welcome_say_it(journal_path: Path, lang: str, combination: str,
                                            heavy: str) -> None:
    app = make_app(make_session(journal_path, lang=lang, welcomed=False))
    async with app.run_test(size=SIZE) as pilot:
        await eventually(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert combination in flat(screen_text(app))
        await pilot.press("escape")
        await pilot.press("question_mark")
        await eventually(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = flat(screen_text(app))
        assert combination in shown and heavy in shown
