"""Issue 25: the supervision pack a supervisor would ask for.

Read as the person who receives it: the title page says which period and how much,
each moment is shown once, the languages are marked for a screen reader, every page
has its number and its check-in's name, and an overview shows what the person has
been working on (a chart in shapes, the same as a table), without a word of the
journal but names. The printed pack is checked in ``test_html_export``.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from journal_helpers import make_checkin, when

from refleks.cli import main
from refleks.journal.model import Answer, Focus
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal

NASTY = '"; } body { display: none } @page { @top-left { content: "x <script>alert(1)</script>'


@pytest.fixture
def journal(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        first = make_checkin("2026-11-03", focus=("empati", "tillit"))
        j.save(first)
        taken = Moment(text="Hun lo for første gang.", created_at=when("2026-11-05", 14),
                       values=[MomentValue("tillit", "Tillit")])
        j.moments.add(taken)
        j.moments.add(Moment(text="Et stille øyeblikk i gangen.",
                             created_at=when("2026-11-06", 9)))
        second = make_checkin("2026-11-10", focus=("tillit", "naervaer"))
        second.answers.append(Answer(f"moment.{taken.uid}.what",
                                     "Hva skjedde? – Hun lo for første gang.",
                                     "Vi spilte kort, og hun vant.", kind="moment"))
        j.save(second)
        third = make_checkin("2026-11-24", area="ukjent", area_title=NASTY, focus=())
        third.focus = [Focus("ukjent-verdi", NASTY, "")]
        j.save(third)
    return journal_path


def export(capsys: pytest.CaptureFixture[str], tmp_path: Path, lang: str, *extra: str) -> str:
    out = tmp_path / f"pakke-{lang}.html"
    code = main(["--lang", lang, "export", "-o", str(out), *extra])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    return out.read_text(encoding="utf-8")


def title_page(html: str) -> str:
    return html.split('<section class="title-page">', 1)[1].split("</section>", 1)[0]


def test_the_title_page_says_the_period_how_much_and_what_it_is(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    nb = title_page(export(capsys, tmp_path, "nb"))
    assert "3. november 2026 – 24. november 2026" in nb  # no filters: still the period
    assert "3 refleksjoner · 2 øyeblikk notert" in nb
    assert "Laget med refleks, 30. november 2026" in nb
    assert "Delt fordi jeg selv valgte det" in nb and "helsehjelp til noen" in nb
    en = title_page(export(capsys, tmp_path, "en", "--since", "2026-11-08"))
    assert "10 November 2026 – 24 November 2026" in en  # the check-ins included
    assert "2 reflections" in en
    assert "Shared by choice" in en and "not a record of anyone&#x27;s care" in en
    assert "Chosen by you: From 8 November 2026" in en


def test_a_moment_taken_further_is_shown_once_in_its_checkin(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "nb")
    assert html.count("Hun lo for første gang.") == 1
    assert "Vi spilte kort, og hun vant." in html
    between = html.split('<section class="entry moments">', 1)[1]
    assert "Et stille øyeblikk i gangen." in between
    assert "1 øyeblikk du gikk videre med, står i refleksjonen sin" in between


def test_each_checkin_is_marked_in_its_own_language_inside_a_main_landmark(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "en")
    assert '<html lang="en">' in html
    assert len(re.findall(r'<div class="checkin" id="c\d" lang="nb">', html)) == 3
    assert html.count("<main>") == 1 and html.count("</main>") == 1
    assert "<h2>Overview</h2>" in html and "Focus values, week by week" in html
    assert ">Empathy<" in html and ">Trust<" in html  # value names in the pack's language


def test_every_page_has_its_number_and_its_checkins_name(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "nb")
    head = html.split("</head>", 1)[0]
    assert re.search(r"@bottom-right \{ content: counter\(page\) \" / \" counter\(pages\)", head)
    assert "#c0 { page: c0; }" in head and "#c2 { page: c2; }" in head
    first = re.search(r"@page c0 \{ @top-left \{ content: \"([^\"]*)\"; \} \}", head)
    assert first is not None
    shown = re.sub(r"\\([0-9a-f]{6}) ", lambda m: chr(int(m.group(1), 16)), first.group(1))
    assert shown == "3. november 2026 – Relasjonelle verdier og holdninger"
    # A name that tries to end the rule stays inside its string.
    styles = head.split("<style>", 2)[2]
    assert "<script" not in styles and '"; }' not in styles.replace('"; } }', "")


def test_the_overview_draws_the_weeks_in_shapes_and_the_same_as_a_table(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "nb")
    overview = html.split('<section class="overview">', 1)[1].split("</section>", 1)[0]
    svg = overview.split("<svg", 1)[1].split(">", 1)[1].split("</svg>", 1)[0]
    # Weeks 45, 46 and 48; Tillit a focus in 45, kept in 46: a circle, then a square.
    assert [w for w in re.findall(r">u\.(\d+)<", svg)] == ["45", "46", "48"]
    assert svg.count("<circle") == 4 + 1 and svg.count("<rect") == 1 + 1  # + the legend
    words = re.sub(r"<[^>]+>", "\n", svg).split("\n")
    texts = {w.strip() for w in words if w.strip()}
    assert texts <= {"u.45", "u.46", "u.48", "Empati", "Tillit", "Nærvær",
                     escape(NASTY[:29] + "…"),
                     "Nytt fokus den uka", "Beholdt fra uka før",
                     overview.split('<title id="chart-label">')[1].split("</title>")[0]}
    assert "<script" not in overview and "&lt;script" not in svg  # shortened, escaped
    table = overview.split('<table class="sr-only">', 1)[1].split("</table>", 1)[0]
    assert ('<th scope="row">Uke 46, 2026</th><td></td><td>Beholdt</td><td>Nytt fokus</td>'
            in table)
    assert "Relasjonelle verdier og holdninger (2 refleksjoner)" in overview
    assert "Håp og optimisme" in overview  # CHIME, most present, per week
    assert "Sjekk inn" not in overview and "lyttet" not in overview  # no answers


def test_an_empty_period_says_so_without_a_chart(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "nb", "--since", "2026-11-06", "--until", "2026-11-07")
    overview = html.split('<section class="overview">', 1)[1].split("</section>", 1)[0]
    assert "<svg" not in overview and "Ingen refleksjoner i denne pakken." in overview
    assert "6. november 2026" in title_page(html)  # the moment's day: the period


def test_export_ids_writes_only_the_reflections_named(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "nb", "--ids", "3,1")
    assert html.count('<section class="entry">') == 2
    assert "Refleksjon nr. 1, 3" in title_page(html)
    assert "3. november 2026 – 24. november 2026" in title_page(html)
    assert "Et stille øyeblikk i gangen." not in html  # no moment was chosen
    out = tmp_path / "valgt.md"
    assert main(["--lang", "nb", "export", "--ids", "2", "-o", str(out)]) == 0
    markdown = out.read_text(encoding="utf-8")
    assert "## 10. november 2026" in markdown and "## 3. november 2026" not in markdown
    capsys.readouterr()
    for value, said in (("3,x", "--ids: «3,x» er ikke en liste med refleksjonsnumre"),
                        ("2,99", "--ids: ingen refleksjon har nummer 99")):
        code = main(["--lang", "nb", "export", "--ids", value, "-o", str(tmp_path / "x.md")])
        err = capsys.readouterr().err
        assert code != 0 and said in err and "Traceback" not in err
        assert len(err.strip().splitlines()) == 1


def test_the_export_says_how_to_print_without_the_browsers_header_and_footer(
        capsys: pytest.CaptureFixture[str], journal: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.html"
    assert main(["--lang", "en", "export", "-o", str(out)]) == 0
    said = capsys.readouterr().out
    assert '"Headers and footers"' in said and "--no-pdf-header-footer" in said
    assert main(["--lang", "nb", "export", "-o", str(tmp_path / "p.md")]) == 0
    assert "--no-pdf-header-footer" not in capsys.readouterr().out  # Markdown: no print
