"""The "Over time" screen, driven from the home screen with a frozen clock and a small
journal whose every date is known: the grid, a value's thread, the kind "not since"
lines, the cadence and "a year ago"."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import ContentSwitcher, OptionList, Static
from tui_helpers import frozen_clock
from tui_helpers import make_session as shared_session

from refleks.insights import week_start
from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus, FollowUp
from refleks.journal.store import Journal
from refleks.tui.app import make_app
from refleks.tui.screens.home import HomeScreen
from refleks.tui.screens.journal import EntryScreen
from refleks.tui.screens.overtime import OverTimeScreen, ThreadScreen
from refleks.tui.session import Session
from refleks.tui.widgets.entry_view import EntryView
from refleks.tui.widgets.focus_grid import INDENT, NAME_WIDTH, FocusGridView

SIZE = (80, 24)
TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 30)  # a Monday, with nothing written yet this week


FrozenClock = frozen_clock(datetime(2026, 11, 30, 10, 0, tzinfo=TZ))


def make_session(path: Path, lang: str = "nb") -> Session:
    return shared_session(path, lang, now=FrozenClock)


def on(day: date, area: str, focus: list[tuple[str, str, str]], *, answer: str = "",
       chime: tuple[str, str] | None = None, status: str = "complete") -> CheckIn:
    when = datetime(day.year, day.month, day.day, 15, 0, tzinfo=TZ)
    checkin = CheckIn(started_at=when, updated_at=when, status=status,  # type: ignore[arg-type]
                      completed_at=when if status == "complete" else None,
                      area_id=area, area_title=AREA_TITLES[area],
                      focus=[Focus(v, n, a) for v, n, a in focus])
    if answer:
        checkin.answers = [Answer(f"{area}.q1", "Hva la du merke til?", answer)]
    if chime:
        checkin.chime = [ChimeReflection(chime[0], chime[0], chime[1], "?", "…")]  # type: ignore[arg-type]
    return checkin


AREA_TITLES = {"relasjonell": "Relasjonelle verdier og holdninger",
               "menneskesyn": "Menneskesyn og profesjonell holdning",
               "etikk": "Etiske og rettighetsbaserte verdier"}


def a_year(path: Path) -> dict[str, CheckIn]:
    """Five completed check-ins in the last year, one long before, and a draft."""
    old = on(date(2024, 6, 3), "relasjonell", [("empati", "Empati", "Lytte")])
    year_ago = on(date(2025, 12, 2), "relasjonell",
                  [("tillit", "Tillit", "Holde avtaler"), ("varme", "Varme", "Smile mer")],
                  answer="Jeg husker den første samtalen på kafeen.",
                  chime=("chime.hope", "present"))
    march = on(date(2026, 3, 4), "etikk",
               [("selvbestemmelse", "Selvbestemmelse", "Spørre før jeg bestemmer")],
               chime=("chime.connectedness", "missing"))
    first = on(date(2026, 11, 11), "relasjonell",
               [("tillit", "Tillit", "Si hva jeg gjør"), ("naervaer", "Nærvær", "Telefonen bort")],
               chime=("chime.hope", "present"))
    second = on(date(2026, 11, 18), "menneskesyn",
                [("tillit", "Tillit", "Ringe tilbake samme dag"),
                 ("hap", "Håp", "Spørre om drømmer")],
                answer="Han ville møtes på kafeen i stedet for på kontoret.",
                chime=("chime.hope", "missing"))
    second.follow_ups = [
        FollowUp("tillit", "Tillit", "Si hva jeg gjør", "Det ga ro i samtalene.", True, first.uid),
        FollowUp("naervaer", "Nærvær", "Telefonen bort", "Glemte det.", False, first.uid),
    ]
    third = on(date(2026, 11, 25), "menneskesyn",
               [("hap", "Håp", "Feire små ting"), ("varme", "Varme", "Hilse først")])
    third.follow_ups = [FollowUp("tillit", "Tillit", "Ringe tilbake samme dag",
                                 "Gikk bra igjen.", False, second.uid)]
    draft = on(date(2026, 11, 29), "etikk", [("ydmykhet", "Ydmykhet", "")], status="draft")
    items = {"old": old, "year_ago": year_ago, "march": march, "first": first,
             "second": second, "third": third, "draft": draft}
    with Journal.open(path) as journal:
        journal.merge(items.values())
    return items


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


def lines_of(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def grid_row(grid: FocusGridView, value_id: str) -> tuple[str, str, str]:
    """(name, week cells, count) of one row, as the practitioner sees them."""
    text = str(grid.get_option(value_id).prompt)
    start = INDENT + NAME_WIDTH + 1
    return text[:start].strip(), text[start:start + 52], text[start + 52:].strip()


async def open_overtime(pilot) -> OverTimeScreen:  # type: ignore[no-untyped-def]
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("o")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, OverTimeScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def show_tab(pilot, key: str) -> None:  # type: ignore[no-untyped-def]
    """Press a tab's number and let the worker it may start finish."""
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def column(day: date) -> int:
    return (week_start(day) - (week_start(TODAY) - timedelta(weeks=51))).days // 7


async def test_the_grid_shows_each_focus_value_week_by_week(journal_path: Path) -> None:
    a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_overtime(pilot)
        grid = app.screen.query_one("#focus-grid", FocusGridView)
        assert grid.has_focus
        assert app.screen.sub_title == "desember 2025 – november 2026"
        assert app.screen.reflections is None  # the text is read only for the other tabs
        headings = [str(o.prompt).strip() for o in grid.options if o.disabled]
        assert headings == [AREA_TITLES["relasjonell"], AREA_TITLES["menneskesyn"],
                            AREA_TITLES["etikk"]]
        rows = [o.id for o in grid.options if not o.disabled]
        # content order inside each area; the draft's value is not there
        assert rows == ["empati", "tillit", "naervaer", "varme", "hap", "selvbestemmelse"]
        name, cells, count = grid_row(grid, "tillit")
        assert name == "Tillit" and count == "2"
        assert [i for i, c in enumerate(cells) if c == "●"] == [
            column(date(2026, 11, 11)), column(date(2026, 11, 18))] == [48, 49]
        assert set(cells) == {"●", "·"} and cells[-1] == "·"  # this week: nothing yet
        # Varme a year ago falls just before the 52 weeks: one week in the grid
        assert grid_row(grid, "varme")[2] == "1"
        assert grid_row(grid, "selvbestemmelse")[1].index("●") == column(date(2026, 3, 4))
        # Empati was a focus in 2024: a row, but no weeks and no count
        assert grid_row(grid, "empati")[1:] == ("·" * 52, "")
        # it fits 80 columns: no row is wider than the list
        width = grid.scrollable_content_region.width
        assert all(len(line) <= width for line in lines_of(grid))
        assert grid.max_scroll_x == 0
        ruler = text_of(app, "#focus-ruler")
        assert ruler.split() == ["des", "jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug",
                                 "sep", "okt", "nov"]
        start = INDENT + NAME_WIDTH + 1  # the month's name above its first Monday
        assert ruler.index("des") == start + column(date(2025, 12, 8)) == start
        assert ruler.index("jan") == start + column(date(2026, 1, 5))
        assert ruler.index("nov") == start + column(date(2026, 11, 2))


async def test_enter_on_a_value_opens_its_thread(journal_path: Path) -> None:
    checkins = a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_overtime(pilot)
        await pilot.press("down", "enter")  # Empati → Tillit
        assert isinstance(app.screen, ThreadScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.title == "Tråden: Tillit"
        summary = text_of(app, "#thread-summary")
        assert "3 ganger" in summary and "2. desember 2025" in summary
        thread = app.screen.query_one("#thread-list", OptionList)
        entries = [line for line in lines_of(thread)]
        assert len(entries) == 3
        assert entries[0].splitlines() == [
            "2. desember 2025", "  Handling: Holde avtaler",
            "  Uka etter skrev du ikke noe om den."]
        assert entries[1].splitlines() == [
            "11. november 2026", "  Handling: Si hva jeg gjør",
            "  Uka etter: Det ga ro i samtalene. (beholdt som fokus)"]
        assert entries[2].splitlines()[2] == "  Uka etter: Gikk bra igjen."
        assert thread.has_focus and thread.highlighted == 2  # the latest, at the bottom
        await pilot.press("enter")
        assert isinstance(app.screen, EntryScreen)
        await pilot.pause()
        source = app.screen.query_one("#entry", EntryView).source
        assert "Han ville møtes på kafeen i stedet for på kontoret." in source
        await pilot.press("p")  # the one before, in the thread
        await pilot.pause()
        assert "Si hva jeg gjør" in app.screen.query_one("#entry", EntryView).source
        shown = app.screen.query_one("#entry", EntryView).source
        assert checkins["second"].answers[0].text not in shown
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, OverTimeScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_newest_focus_waits_for_its_follow_up(journal_path: Path) -> None:
    a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_overtime(pilot)
        await pilot.press("down", "down", "down", "enter")  # Varme
        await app.workers.wait_for_complete()
        await pilot.pause()
        last = lines_of(app.screen.query_one("#thread-list", OptionList))[-1]
        assert last.splitlines() == ["25. november 2026", "  Handling: Hilse først",
                                     "  Oppfølgingen kommer i neste refleksjon."]


async def test_areas_and_chime_not_visited_are_said_kindly(journal_path: Path) -> None:
    a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overtime(pilot)
        await show_tab(pilot, "2")
        assert screen.query_one(ContentSwitcher).current == "visits"
        noticing = text_of(app, "#noticing").splitlines()
        assert noticing == [
            "Du har ikke sett på etiske og rettighetsbaserte verdier siden mars.",
            "Du har ikke utforsket refleksive og lærende holdninger ennå. "
            "Kanskje en uke, når du har lyst?",
            "Du har ikke skrevet om «tilhørighet og tilknytning» siden mars.",
            "Du har ikke skrevet om «identitet og egenverd», «mening og mestring» og "
            "«selvstendighet og sjølråderett» det siste året. "
            "Det kan være verdt å kjenne etter en uke.",
        ]
        areas = text_of(app, "#areas").splitlines()
        assert areas[1].split() == ["Relasjonelle", "verdier", "og", "holdninger", "2", "11.",
                                    "november", "2026"]
        assert areas[4].split()[-3:] == ["–", "ikke", "ennå"]
        chime = {line.split("  ")[0]: line.split() for line in text_of(app, "#chime").splitlines()}
        assert chime["Håp og optimisme"][-5:] == ["2", "1", "18.", "november", "2026"]
        everything = "\n".join(str(w.render()) for w in screen.query(Static)).lower()
        for harsh in ("poeng", "score", "mislykk", "brutt", "dårlig", "bør"):
            assert harsh not in everything


async def test_cadence_counts_months_and_the_usual_spacing(journal_path: Path) -> None:
    a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_overtime(pilot)
        await show_tab(pilot, "3")
        chart = text_of(app, "#cadence-chart").splitlines()
        assert chart[-2].split() == ["des", "jan", "feb", "mar", "apr", "mai", "jun", "jul",
                                     "aug", "sep", "okt", "nov"]
        assert chart[-1].split() == ["1", "·", "·", "1", "·", "·", "·", "·", "·", "·", "·", "3"]
        assert chart[0].strip() == "███"  # only November reaches the top
        words = text_of(app, "#cadence-words")
        assert "på rad" not in words  # no run of weeks: a streak by another name
        assert "Det går som regel omtrent en uke mellom refleksjonene dine." in words
        assert "5 refleksjoner det siste året." in words
        assert "En uke uten refleksjon er bare en uke." in words


async def test_a_year_ago_is_shown_and_opens(journal_path: Path) -> None:
    a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overtime(pilot)
        assert text_of(app, "#tab-bar").split("   ") == [
            "▶ 1 Fokus", "2 Områder og CHIME", "3 Rytme", "4 For ett år siden (1)"]
        await show_tab(pilot, "4")
        assert "30. november 2025" in text_of(app, "#year-intro")
        listing = screen.query_one("#year-list", OptionList)
        assert listing.has_focus
        assert lines_of(listing) == [
            "2. desember 2025 · Relasjonelle verdier og holdninger\n"
            "  Fokus: Tillit, Varme\n"
            "  «Jeg husker den første samtalen på kafeen.»"]
        await pilot.press("enter")
        assert isinstance(app.screen, EntryScreen)
        await pilot.pause()
        shown = app.screen.query_one("#entry", EntryView).source
        assert "Jeg husker den første samtalen på kafeen." in shown


async def test_in_english_the_same_kindness(journal_path: Path) -> None:
    a_year(journal_path)
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        await open_overtime(pilot)
        await show_tab(pilot, "2")
        noticing = text_of(app, "#noticing")
        assert "You have not looked at ethical and rights-based values since March." in noticing
        await show_tab(pilot, "3")
        words = text_of(app, "#cadence-words")
        assert "There is usually about a week between your reflections." in words
        assert "in a row" not in words


async def test_an_empty_journal_is_an_invitation(journal_path: Path) -> None:
    app = make_app(make_session(journal_path, lang="en"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_overtime(pilot)
        assert not screen.query_one("#focus-grid").display
        assert "When you have chosen focus values" in text_of(app, "#focus-intro")
        await show_tab(pilot, "2")
        assert text_of(app, "#noticing").startswith("Once you have written a few reflections")
        await show_tab(pilot, "3")
        words = text_of(app, "#cadence-words")
        assert "No reflections in the past year yet." in words and "row" not in words
        await show_tab(pilot, "4")
        assert "Nothing was written around this week a year ago" in text_of(app, "#year-intro")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


def test_grid_rows_never_overflow_with_long_names() -> None:
    from refleks.tui.widgets.focus_grid import GridRow, row_content

    row = GridRow("x", "Beskyttelse uten overstyring", frozenset({0, 51}), 123)
    text = str(row_content(row, 52))
    assert len(text) == INDENT + NAME_WIDTH + 1 + 52 + 4
    assert text.startswith("  Beskyttelse uten o…") and text.endswith("● 123")


async def test_a_narrow_terminal_shows_the_latest_weeks_that_fit(journal_path: Path) -> None:
    a_year(journal_path)
    app = make_app(make_session(journal_path))
    async with app.run_test(size=(64, 20)) as pilot:
        await open_overtime(pilot)
        grid = app.screen.query_one("#focus-grid", FocusGridView)
        width = grid.scrollable_content_region.width
        assert all(len(line) <= width for line in lines_of(grid))
        shown = 64 - 1 - (INDENT + NAME_WIDTH + 1) - 4  # beside the scrollbar
        text = str(grid.get_option("tillit").prompt)
        cells = text[INDENT + NAME_WIDTH + 1:][:shown]
        assert [i for i, c in enumerate(cells) if c == "●"] == [48 - 52 + shown, 49 - 52 + shown]
        assert text.endswith("2")
        assert text_of(app, "#focus-ruler").split()[-1] == "nov"
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert grid_row(grid, "tillit")[2] == "2"
        assert len(grid_row(grid, "tillit")[1]) == 52 and grid.highlighted == 1


def test_the_grid_at_80x24(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    a_year(journal_path)
    assert snap_compare(make_app(make_session(journal_path)), terminal_size=SIZE, press=["o"])


def test_areas_and_chime_at_80x24(snap_compare, journal_path: Path) -> None:  # type: ignore[no-untyped-def]
    a_year(journal_path)

    async def open_areas(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_overtime(pilot)
        await show_tab(pilot, "2")

    assert snap_compare(make_app(make_session(journal_path)), terminal_size=SIZE,
                        run_before=open_areas)
