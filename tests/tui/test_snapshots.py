"""How the main screens look at 80×24, with a frozen clock and a fixed journal.

After an intended change of look: ``pytest tests/tui/test_snapshots.py --snapshot-update``
and review the SVGs in ``__snapshots__``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from tui_helpers import fill, frozen_clock, make_session, settle

from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.store import Journal
from refleks.tui.app import make_app

TZ = timezone(timedelta(hours=1))
TODAY = datetime(2026, 11, 30, 9, 0, tzinfo=TZ)


FrozenClock = frozen_clock(TODAY)


def snapshot_app(journal_path: Path, lang: str = "nb"):  # type: ignore[no-untyped-def]
    journal = Journal.open(journal_path)
    if journal.count() == 0:
        when = TODAY - timedelta(days=5)
        last = CheckIn(uid="0" * 32, lang=lang, started_at=when, updated_at=when,
                       completed_at=when, status="complete", area_id="relasjonell",
                       area_title="Relasjonelle verdier og holdninger")
        last.answers = [Answer("relasjonell.q1", "Hvordan viser jeg empati og respekt?",
                               "Jeg lyttet mer enn jeg snakket.")]
        last.focus = [Focus("tillit", "Tillit", "Si hva jeg gjør før jeg gjør det"),
                      Focus("naervaer", "Nærvær", "Legge bort telefonen i samtaler")]
        journal.merge([last])
    journal.close()
    return make_app(make_session(journal_path, lang, now=FrozenClock))


def test_home(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snapshot_app(journal_path), terminal_size=(80, 24))


def test_reflect_step(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = snapshot_app(journal_path)

    async def write_a_little(pilot) -> None:  # type: ignore[no-untyped-def]
        # start, skip the follow-up, take the suggested area (menneskesyn), read it, on,
        # write a little
        await pilot.press("n", "ctrl+n", "enter", "enter")
        await fill(pilot, "Jeg spurte hva som er viktig for henne.")

    assert snap_compare(app, terminal_size=(80, 24), run_before=write_a_little)


def test_focus_step(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = snapshot_app(journal_path)

    async def choose(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n")
        screen = pilot.app.screen
        screen.flow.set_keep("tillit", True)
        screen.flow.toggle_focus("likeverd")
        screen.flow.set_action("likeverd", "Spørre hva som er viktig for deg")
        from refleks.checkin import Step

        screen.flow.go_to(Step.FOCUS)
        await screen.show_step()
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=choose)


def test_summary(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = snapshot_app(journal_path)

    async def to_summary(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("n")
        screen = pilot.app.screen
        flow = screen.flow
        flow.set_follow_up("tillit", "Det gikk bedre enn jeg trodde.")
        flow.set_keep("tillit", True)
        flow.choose_area("etikk")
        flow.set_answer(flow.prompts()[0], "Jeg lot ham velge tidspunkt selv.")
        flow.choose_chime("chime.empowerment", "present")
        flow.set_chime_text("Han ringte selv for første gang.")
        flow.toggle_focus("selvbestemmelse")
        flow.set_action("selvbestemmelse", "Spørre før jeg foreslår")
        flow.choose_method("method.1")
        from refleks.checkin import Step

        flow.go_to(Step.SUMMARY)
        await screen.show_step()
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=to_summary)


def _filled_journal(journal_path: Path) -> None:
    """Eight fixed weeks of check-ins, so the browser has something to show."""
    journal = Journal.open(journal_path)
    areas = [("relasjonell", "Relasjonelle verdier og holdninger"),
             ("etikk", "Etiske og rettighetsbaserte verdier")]
    values = [("tillit", "Tillit"), ("varme", "Varme"), ("selvbestemmelse", "Selvbestemmelse")]
    checkins = []
    for week in range(8):
        when = TODAY - timedelta(weeks=week, days=1)
        area = areas[week % 2]
        checkin = CheckIn(uid=f"{week:032d}", started_at=when, updated_at=when,
                          completed_at=when, status="complete", area_id=area[0],
                          area_title=area[1])
        checkin.answers = [Answer(f"{area[0]}.q1", "Hvordan viser jeg empati og respekt?",
                                  f"Uke {week}: jeg lyttet, og spurte hva som er viktig.")]
        checkin.focus = [Focus(*values[week % 3], "Spørre hva som er viktig"),
                         Focus(*values[(week + 1) % 3], "Holde det jeg lover")]
        checkins.append(checkin)
    journal.merge(checkins)
    journal.close()


def test_journal_browser(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    _filled_journal(journal_path)
    assert snap_compare(snapshot_app(journal_path), terminal_size=(80, 24), press=["j"])


def test_one_checkin_in_the_journal(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    _filled_journal(journal_path)
    assert snap_compare(snapshot_app(journal_path), terminal_size=(80, 24),
                        press=["j", "down", "enter"])
