"""The team session says what is true, in the words a room reads (issue 22): where a
title comes from, the share step's minutes on a clock, a role's prompt, the minutes'
own bullets and one mark for a choice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from team_helpers import FakeClock, team_app, team_at, until
from tui_helpers import screen_text

from refleks.team.flow import TeamStep

SIZE = (80, 24)


def choosing(title: str) -> Any:
    def choose(flow: Any) -> None:
        flow.choose_theme(next(theme.id for theme in flow.themes
                               if theme.title.startswith(title)))
    return choose


def timer_text(app: Any) -> str:
    from textual.widgets import Digits

    return str(app.screen.query_one("#timer", Digits).value)


async def test_the_read_step_says_where_a_title_is_from_in_a_sentence_of_its_own(
        journal_path: Path) -> None:
    """A card's text is refleks's under the recovery team's title: it read "Tittel:
    Kilde: Recoveryteam", a credit line behind a label."""
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=(100, 60)) as pilot:
        await team_at(pilot, TeamStep.READ, choosing("Drømmen"))
        page = screen_text(app)
    assert "Tittelen er fra Recoveryteam." in page
    assert "Tittel:" not in page and "Skrevet for refleks" in page


async def test_the_share_step_counts_down_its_planned_minutes_while_it_is_shown(
        journal_path: Path) -> None:
    clock = FakeClock()
    app = team_app(journal_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await team_at(pilot, TeamStep.SHARE)
        planned = screen.flow.plan.share
        assert timer_text(app) == f"{planned}:00"
        clock.advance(65)
        await until(pilot, lambda: timer_text(app) == f"{planned - 2}:55")
        await pilot.press("ctrl+n")  # on to the focus: the sharing's clock stops
        clock.advance(120)
        await pilot.press("ctrl+b")  # back: it goes on from where it was
        await until(pilot, lambda: screen.flow.step is TeamStep.SHARE
                    and bool(app.screen.query("#timer")))
        assert timer_text(app) == f"{planned - 2}:55"


async def test_the_role_prompt_starts_a_sentence_with_a_capital(journal_path: Path) -> None:
    def one_value(flow: Any) -> None:
        flow.toggle_focus("tillit")

    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.FOCUS, one_value)
        labels = [str(w.render()) for w in app.screen.query(".focus-label")]
    assert "Hvem tar det opp neste gang? (en rolle, ikke et navn)" in labels, labels


def test_the_minutes_write_the_teams_own_points_as_a_list_and_keep_them_safe() -> None:
    """Written "- Vi lytter" a line, the minutes said "\\- Vi lytter\\": escaped dashes
    and a backslash at every line's end. Each point is a list item now, still unable to
    become a heading, a link or emphasis."""
    from datetime import datetime, timedelta, timezone

    from refleks.content.ui import load_strings
    from refleks.team.minutes import render_minutes
    from refleks.team.model import TeamFollowUp, TeamSession

    session = TeamSession(lang="nb", started_at=datetime(2026, 11, 30, 9,
                                                         tzinfo=timezone(timedelta(hours=1))))
    session.key_points = ("- Vi lytter i morgenmøtet\n- Si det *først*\n\n"
                          "- # ikke en overskrift\n[lenke](http://x)")
    session.follow_ups = [TeamFollowUp("tillit", "Tillit", "Si det først",
                                       "- Det gikk bra\n- Ikke hver gang")]
    text = render_minutes([session], load_strings("nb"))
    assert ("- Vi lytter i morgenmøtet\n- Si det \\*først\\*\n- \\# ikke en overskrift\n"
            "- \\[lenke\\](http://x)\n") in text
    assert "  - Det gikk bra\n  - Ikke hver gang\n" in text
    assert "\\-" not in text and "morgenmøtet\\" not in text


async def test_a_chosen_length_and_a_kept_follow_up_carry_one_mark_not_two(
        journal_path: Path) -> None:
    """The toggles draw (•) and [x]; a "✓" beside them said the same thing twice."""
    from datetime import timedelta

    from team_helpers import TODAY

    from refleks.team.model import TeamFocus, TeamSession
    from refleks.team.store import TeamLog

    log = TeamLog(journal_path.with_name("team-log.json"))
    earlier = TeamSession(lang="nb", started_at=TODAY - timedelta(days=14))
    earlier.focus = [TeamFocus("tillit", "Tillit", "Si det først", "møteleder")]
    log.add_session(earlier, 0)
    app = team_app(journal_path, FakeClock())
    async with app.run_test(size=SIZE) as pilot:
        await team_at(pilot, TeamStep.FOLLOW_UP)
        await pilot.press("tab", "space")  # keep it
        await until(pilot, lambda: app.screen.flow.session.follow_ups[0].keep)
        assert "[x]" in screen_text(app) and "✓" not in screen_text(app)
        await team_at(pilot, TeamStep.CHOOSE)
        assert "(•)" in screen_text(app) and "✓" not in screen_text(app)
