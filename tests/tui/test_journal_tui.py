"""The journal browser from the keyboard: filters, search, reading, export, notes, deletion."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Select
from tui_helpers import SIZE, eventually, fill, make_session, settle, type_keys

from refleks.journal.model import Answer, CheckIn, Focus
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.journal import EntryScreen, JournalScreen
from refleks.tui.widgets.entry_view import EntryView
from refleks.tui.widgets.journal_list import JournalList

TZ = timezone(timedelta(hours=1))


def week(n: int, area: tuple[str, str], focus: list[tuple[str, str]], answer: str,
         status: str = "complete") -> CheckIn:
    when = datetime(2026, 11, 23, 18, tzinfo=TZ) - timedelta(weeks=n)
    c = CheckIn(started_at=when, updated_at=when, status=status, area_id=area[0],
                area_title=area[1], completed_at=when if status == "complete" else None)
    c.answers = [Answer(f"{area[0]}.q1", "Spørsmålet", answer)]
    c.focus = [Focus(v, name, f"Handling for {name}") for v, name in focus]
    return c


REL = ("relasjonell", "Relasjonelle verdier og holdninger")
ETH = ("etikk", "Etiske og rettighetsbaserte verdier")


@pytest.fixture
def filled(journal_path: Path) -> Path:
    journal = Journal.open(journal_path)
    journal.merge([
        week(0, REL, [("tillit", "Tillit"), ("varme", "Varme")], "Jeg lyttet mer enn jeg snakket."),
        week(1, ETH, [("selvbestemmelse", "Selvbestemmelse"), ("tillit", "Tillit")],
             "Hun bestemte selv, og jeg ventet."),
        week(2, REL, [("empati", "Empati"), ("varme", "Varme")], "En rolig uke."),
        week(40, ETH, [("antistigma", "Antistigma"), ("varme", "Varme")], "Langt tilbake."),
    ])
    journal.close()
    return journal_path


def table_rows(app) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#journal-table", JournalList).plain_rows()


async def test_newest_first_and_filters(filled: Path) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        rows = table_rows(app)
        assert [r[0] for r in rows] == ["23. november 2026", "16. november 2026",
                                        "9. november 2026", "16. februar 2026"]
        # by area: f opens the filters
        await pilot.press("f")
        app.screen.query_one("#area", Select).value = "etikk"
        await pilot.pause()
        assert [r[1] for r in table_rows(app)] == [ETH[1], ETH[1]]
        status = str(app.screen.query_one("#journal-status").render())
        assert "område Etiske og rettighetsbaserte verdier" in status
        # and a date range, typed as a person types it
        app.screen.query_one("#since", Input).focus()
        await type_keys(pilot, "2026-1x")
        await pilot.pause()
        assert "ikke en dato" in str(app.screen.query_one("#journal-status").render())
        await pilot.press("backspace", "1")
        await pilot.pause()
        assert len(table_rows(app)) == 1
        # a value, across areas (c clears, from the table)
        app.screen.query_one("#journal-table").focus()
        await pilot.press("c")
        assert len(table_rows(app)) == 4
        app.screen.query_one("#value", Select).value = "varme"
        await pilot.pause()
        assert len(table_rows(app)) == 3
        await pilot.press("escape")  # first Esc clears the filters
        assert len(table_rows(app)) == 4 and isinstance(app.screen, JournalScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, JournalScreen)


async def test_search_highlights_the_match(filled: Path) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "slash")
        await type_keys(pilot, "bestemte")  # search as you type
        await app.workers.wait_for_complete()  # the search runs in a worker thread
        await pilot.pause()
        table = app.screen.query_one("#journal-table", JournalList)
        assert len(table.rows) == 1
        cell = table.row_cells(0)[2]
        assert "bestemte" in cell.plain
        assert any(span.style == "bold reverse" and cell.plain[span.start:span.end] == "bestemte"
                   for span in cell.spans)
        assert "Treff" in str(app.screen.query_one("#journal-columns").render())


async def test_open_read_and_step_through(filled: Path) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        assert isinstance(app.screen, EntryScreen)
        markdown = app.screen.query_one("#entry", EntryView)
        assert "Jeg lyttet mer enn jeg snakket." in markdown.source
        await pilot.press("n")
        assert "Hun bestemte selv" in app.screen.query_one("#entry", EntryView).source
        await pilot.press("p")
        assert "Jeg lyttet" in app.screen.query_one("#entry", EntryView).source


async def test_a_long_answer_is_lines_of_one_view_read_to_its_end(journal_path: Path) -> None:
    """An answer of ~300 KB (1,200 paragraphs) opens as one view of lines, not a widget
    a paragraph (a 1 MB answer took seconds): its paragraphs kept apart, its text shown
    as written (no markup, no terminal codes), and End reaches its last words."""
    paragraphs = [f"Avsnitt {n}: vi snakket lenge om uka, om møtene som ble flyttet, og om "
                  f"alt som ble liggende igjen på pulten [b]uten[/b] at noen så det. " * 3
                  for n in range(1200)]
    paragraphs[600] = "Her står \x1b[31mrødt\x1b[0m og *stjerner* og [lenke](https://x.example)."
    journal = Journal.open(journal_path)
    journal.merge([week(0, REL, [("tillit", "Tillit"), ("varme", "Varme")],
                        "\n\n".join(paragraphs) + "\n\nHelt til slutt: ferdig.")])
    journal.close()
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        assert isinstance(app.screen, EntryScreen)
        assert len(app.screen.query("*")) < 20
        view = app.screen.query_one("#entry", EntryView)
        texts = [b.text.plain for b in view.blocks if b.kind == "paragraph"]
        assert sum(t.startswith("Avsnitt ") for t in texts) == 1199
        assert "Her står ␛[31mrødt␛[0m og *stjerner* og [lenke](https://x.example)." in texts
        await pilot.press("end")

        def drawn_with(words: str) -> list[Any]:
            return [strip for strip in app.screen._compositor.render_strips()
                    if words in strip.text]

        await eventually(pilot, lambda: bool(drawn_with("Helt til slutt: ferdig.")))
        view.scroll_to(y=view.first_line_of("Her står"), animate=False)
        await eventually(pilot, lambda: bool(drawn_with("Her står")))
        line = drawn_with("Her står")[0]
        assert "\x1b" not in line.text and "[lenke](https://x.example)" in line.text
        assert not any(segment.style and segment.style.link for segment in line)


async def test_a_later_note_leaves_the_original_untouched(filled: Path) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter", "a")
        await fill(pilot, "Leste dette igjen i mars.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Leste dette igjen i mars." in app.screen.query_one("#entry", EntryView).source
    latest = Journal.open(filled).latest()
    assert latest.answers[0].text == "Jeg lyttet mer enn jeg snakket."
    assert [n.text for n in latest.later_notes] == ["Leste dette igjen i mars."]


async def test_export_all_to_a_real_file_and_never_overwrite_silently(
    filled: Path, isolated_home: Path
) -> None:
    target = isolated_home / "ut.md"
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        path_input = app.screen.query_one("#export-path", Input)
        assert Path(path_input.value).name.startswith("refleks-alle-2026-")
        path_input.value = str(target)
        await pilot.click("#export")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = target.read_text(encoding="utf-8")
        assert "Jeg lyttet mer enn jeg snakket." in text and "Langt tilbake." in text
        assert oct(target.stat().st_mode & 0o777) == "0o600"
        # again: the file exists, so refleks asks, and "no" leaves it alone
        target.write_text("mine", encoding="utf-8")
        await pilot.press("e")
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export")
        await pilot.pause()
        assert "finnes allerede" in str(app.screen.query_one(".paragraph").render())
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("reader", [False, True], ids=["list", "entry"])
@pytest.mark.parametrize("key", ["e", "d"])
async def test_a_quick_second_key_opens_one_dialog(filled: Path, key: str, reader: bool) -> None:
    """``e`` or ``d`` pressed twice before the dialog is up asks once: a second chain
    would stack a second dialog (and for ``d`` a second delete, or a second dismiss of
    the reader popping the list)."""
    from refleks.tui.screens.base import Dialog

    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", *(["enter"] if reader else []))
        await settle(pilot)
        below = app.screen
        app.post_message(events.Key(key, key))  # both queued before the first is handled
        app.post_message(events.Key(key, key))
        await settle(pilot)
        dialogs = [s for s in app.screen_stack if isinstance(s, Dialog)]
        assert len(dialogs) == 1, app.screen_stack
        assert app.screen_stack[-2] is below


async def test_team_export_holds_only_what_was_ticked(filled: Path, isolated_home: Path) -> None:
    target = isolated_home / "team.md"
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e")
        await pilot.click("#team")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export")
        await app.workers.wait_for_complete()
    text = target.read_text(encoding="utf-8")
    assert "Handling for Tillit" in text
    assert "Jeg lyttet" not in text and "Hun bestemte selv" not in text


async def test_json_export_of_one_checkin(filled: Path, isolated_home: Path) -> None:
    target = isolated_home / "one.json"
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "down", "enter", "e")
        app.screen.query_one("#export-format").focus()
        await pilot.press("down", "enter")  # JSON
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.click("#export")
        await app.workers.wait_for_complete()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["checkins"]) == 1
    assert "Hun bestemte selv" in json.dumps(data, ensure_ascii=False)


async def test_deleting_asks_twice_and_can_be_undone(filled: Path) -> None:
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "d", "enter")  # the cursor starts on "Behold": nothing happens
        await pilot.pause()
        assert len(table_rows(app)) == 4
        await pilot.press("d", "shift+tab", "enter")  # first question: yes
        await pilot.pause()
        assert "Er du sikker?" in str(app.screen.query_one(".paragraph").render())
        await pilot.press("shift+tab", "enter")  # second: yes
        await pilot.pause()
        assert len(table_rows(app)) == 3
        assert Journal.open(filled).count() == 3
        backups = list((filled.parent / "backups").glob("*"))
        assert backups  # it stays in the newest backup
        await pilot.press("u")
        await pilot.pause()
        assert len(table_rows(app)) == 4
    assert "Jeg lyttet mer enn jeg snakket." in Journal.open(filled).latest().answers[0].text


async def test_a_draft_is_deleted_after_one_question_and_resumed_from_the_list(
    filled: Path,
) -> None:
    journal = Journal.open(filled)
    draft = week(-1, REL, [], "Et utkast")
    draft.status, draft.completed_at = "draft", None
    journal.save(draft)
    app = make_app(make_session(filled))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert "(utkast)" in table_rows(app)[0][0]
        await pilot.press("enter", "r")
        await pilot.pause()
        assert app.screen.flow.checkin.uid == draft.uid  # the check-in screen, resumed
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j", "d", "shift+tab", "enter")  # a draft: one question
        await pilot.pause()
        assert "(utkast)" not in table_rows(app)[0][0]
    assert Journal.open(filled).current_draft() is None


async def test_one_checkin_is_counted_in_the_singular(journal_path: Path) -> None:
    journal = Journal.open(journal_path)
    journal.merge([week(0, REL, [("tillit", "Tillit"), ("varme", "Varme")], "Én uke.")])
    journal.close()
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        status = str(app.screen.query_one("#journal-status").render())
        assert status == "1 refleksjon"
