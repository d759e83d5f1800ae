"""The supervision pack: ``refleks export --format html``.

The file must open in any browser, print cleanly on A4 and load nothing: checked
by reading the HTML, and — where Chromium and poppler are installed — by printing it
to PDF the way a person would and reading the PDF back with poppler's parser.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from journal_helpers import make_checkin, when

from refleks.cli import main
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal

HOSTILE = ("Jeg lyttet mer. <script>alert(1)</script> ![x](http://example.com/x.png) "
           "[lenke](http://example.com) <http://example.com> <img src=x onerror=alert(1)>"
           "\n\n# ikke en overskrift\n\n\x1b]0;tittel\x07 og *stjerner*")


@pytest.fixture
def filled(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
            j.save(make_checkin(day, focus=("empati", "tillit"), answer=HOSTILE))
        j.moments.add(Moment(text="Hun lo for første gang. <b>fet</b>",
                             created_at=when("2026-11-18", 14),
                             values=[MomentValue("tillit", "Tillit")]))
    return journal_path


def export(capsys: pytest.CaptureFixture[str], tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "pakke.html"
    code = main(["--lang", "nb", "export", "-o", str(out), *extra])
    assert code == 0, capsys.readouterr().err
    capsys.readouterr()
    return out.read_text(encoding="utf-8")


def test_html_is_chosen_by_the_file_name_and_is_one_page_of_html(
        capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "--since", "2026-11")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"nb\">")
    assert html.rstrip().endswith("</html>")
    assert '<section class="title-page">' in html
    assert "Privat refleksjon, ikke dokumentasjon." in html
    assert "Fra og med 1. november 2026" in html  # the period on the title page
    assert html.count('<section class="entry">') == 3
    assert "Øyeblikk mellom refleksjonene" in html and "Hun lo for første gang." in html


def test_everything_written_is_escaped_and_nothing_is_loaded(
        capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "--format", "html")
    body = html.split("</head>", 1)[1]
    for tag in ("<script", "<img", "<a ", "<iframe", "<link", "<b>", "<h1>ikke"):
        assert tag not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;fet&lt;/b&gt;" in body
    assert "\x1b" not in html and "␛" in html  # an escape code is shown, not obeyed
    head = html.split("</head>", 1)[0]
    assert "default-src 'none'" in head
    assert not re.search(r"<[^>]*\s(src|href)\s*=|url\(|@import", html)


def test_print_css_breaks_pages_between_checkins_and_keeps_headings(
        capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "--format", "html")
    assert "@page { size: A4;" in html
    assert re.search(r"\.entry \{[^}]*break-before: page", html)
    assert re.search(r"h1, h2, h3, h4 \{[^}]*break-after: avoid", html)


def test_a_selection_that_matches_nothing_writes_no_pack(capsys: pytest.CaptureFixture[str],
                                                         filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "pakke.html"
    code = main(["--lang", "nb", "export", "-o", str(out), "--since", "2027"])
    assert code == 1 and not out.exists()
    assert "Ingenting å eksportere" in capsys.readouterr().err


def test_a_period_with_only_moments_still_gives_a_pack(capsys: pytest.CaptureFixture[str],
                                                       filled: Path, tmp_path: Path) -> None:
    html = export(capsys, tmp_path, "--since", "2026-11-17", "--until", "2026-11-20")
    assert "Hun lo for første gang." in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


@pytest.mark.skipif(not (CHROMIUM and POPPLER),
                    reason="needs chromium and poppler-utils (apt-get install chromium "
                           "poppler-utils) to print the pack as a person would")
def test_the_pack_prints_on_a4_one_checkin_a_page(capsys: pytest.CaptureFixture[str],
                                                   filled: Path, tmp_path: Path) -> None:
    export(capsys, tmp_path, "--format", "html")
    pdf = tmp_path / "pakke.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    (tmp_path / "pakke.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)  # A4
    texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            check=True, capture_output=True, text=True).stdout
             for n in range(1, pages + 1)]
    lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in texts]
    # The title page says the period and how much; the overview is the next page.
    assert lines[0][:3] == ["Refleksjonslogg", "2. november 2026 – 16. november 2026",
                            "3 refleksjoner · 1 øyeblikk notert"]
    assert "Privat refleksjon" in texts[0] and "Lyttet" not in texts[0]
    assert lines[1][0] == "Oversikt"
    for shown in ("Fokusverdier uke for uke", "u.45", "u.46", "u.47", "Empati", "Tillit",
                  "Relasjonelle verdier og holdninger (3 refleksjoner)", "Uke 45, 2026",
                  "Håp og optimisme"):
        assert shown in texts[1]
    # Every page but the title page: its number at the foot, "n / pages".
    for n, page in enumerate(lines[1:], start=2):
        assert page[-1].replace(" ", "") == f"{n}/{pages}"
    # Each check-in starts a page of its own, its name in the top margin of every page.
    header = re.compile(r"(\d+)\. ?november 2026 – ?Relasjonelle verdier og holdninger")
    starts = [n for n, page in enumerate(lines) if len(page) > 1 and header.fullmatch(page[0])
              and page[1].replace(" ", "") == page[0].replace(" ", "")]
    assert [lines[n][1].split(" –")[0] for n in starts] == [
        "2. november 2026", "9. november 2026", "16. november 2026"]
    for n, page in enumerate(lines[starts[0]:], start=starts[0]):
        if "Øyeblikk mellom refleksjonene" not in page:
            assert header.fullmatch(page[0]), (n, page[0])
    assert any(page[0] == "Øyeblikk mellom refleksjonene" for page in lines)
    assert pages <= 2 + 3 * 2 + 1
    written = "".join(texts)
    assert written.count("<script>alert(1)</script>") == 3  # shown as text, not run
