"""The supervision pack made quickly is the pack markdown-it made: the same bytes.

Issue 24: the pack used to hand every check-in's Markdown to markdown-it (13–20× the
Markdown export's time). Now ``render_readable`` walks a check-in straight into HTML
(``html.PackLabels``) and only what that cannot answer for goes to markdown-it. The
old way is kept here, and only here, as the oracle (``the_old_way``): each check-in's
Markdown through markdown-it. Both make a varied journal — every field, every injection
payload the other tests use, Markdown-looking text, long answers, both languages —
and a few hundred generated check-ins of awkward characters; the bytes must match.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from journal_helpers import make_checkin, when
from test_hostile import HOSTILE as CONTROL_PAYLOADS
from test_hostile_content import ESCAPES, MARKUP
from test_html_export import HOSTILE as HTML_PAYLOAD

from refleks.cli import main
from refleks.content.loader import load_content
from refleks.content.ui import load_strings
from refleks.journal import html, markdown_html
from refleks.journal.labels import Labels
from refleks.journal.markdown import readable, render_readable
from refleks.journal.model import (
    Answer,
    CheckIn,
    ChimeReflection,
    Focus,
    FollowUp,
    LaterNote,
    Readable,
)
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir
from refleks.safe_text import visible

MARKDOWN_LOOKING = [
    "# Ikke en overskrift\n## heller ikke\n####### sju", "- punkt\n* punkt\n+ punkt",
    "1. første\n2) andre\n1234567890. langt", "> sitat\n>> dypere", "```\nkode\n```",
    "~~~\nkode\n~~~", "***\n---\n___", "Setext\n===\n\nOg\n---", "| a | b |\n|---|---|",
    "[ref]: http://example.com\n[ref]", "<div>blokk</div>\n<!-- kommentar -->",
    "&amp; &#x41; &copy; & < > \" '", "*em* _em_ **sterk** __sterk__ ~~borte~~ `kode`",
    "linje med \\ skråstrek\\\nog en til \\", "slutter med skråstrek \\",
    "    fire mellomrom\n\tfane\n  to", "trailing  \nspaces   \n\nny",
    "\n\n\nmange\n\n\n\nlinjer\n\n",
    "\u00a0hardt mellomrom\u00a0\n\u2003em\u2003", "vindu\r\nlinje\rgammel mac", "\f\vside\f",
    "\u2028linjeskille\u2029avsnitt", "**Tillit**: ikke en liste", "<http://example.com>",
    "æøå ÆØÅ – «sitat» “anførsel” … 😀 \u200d\u00ad", "\\*\\_\\#", "#", "-", "1.", "*", "",
    "   ", "\n",
]
PAYLOADS = [HTML_PAYLOAD, ESCAPES, MARKUP, *CONTROL_PAYLOADS, *MARKDOWN_LOOKING]
LONG = "\n\n".join(f"Avsnitt {n}. " + "Jeg lyttet mer enn jeg snakket. " * 40
                   for n in range(60))  # ~100 KB


def varied_checkin(n: int, text: str) -> CheckIn:
    """Every field filled, ``text`` in each text a person (or a file) can fill."""
    c = make_checkin(f"2026-10-{1 + n % 28:02d}", answer=f"Svar {text}",
                     area_title=f"Område {text}" if n % 3 else "Relasjonelle verdier")
    c.started_at += timedelta(minutes=n)
    c.answers.append(Answer(f"ukjent.q{n}", f"Spørsmål {text}", text))
    c.answers.append(Answer(f"moment.m{n}.what", "Hva skjedde? – «et øyeblikk»", text or "x",
                            kind="moment"))
    c.answers.append(Answer(f"moment.m{n}.now", f"Hva nå? – {text}", "Neste uke.",
                            kind="moment"))
    c.chime.append(ChimeReflection("chime.meaning", f"Mening {text}", "missing", text, text))
    c.focus = [Focus("tillit", "Tillit", text), Focus(f"ukjent{n}", text, "Øve."),
               Focus("naervaer", "", text)]
    c.follow_ups.append(FollowUp(f"ukjent{n}", text, text, text, keep=n % 2 == 0))
    c.method_id, c.method_title = (None, "") if n % 4 == 0 else (f"m{n}", f"Metode {text}")
    c.notes = text
    c.later_notes.append(LaterNote(c.started_at + timedelta(days=1), text))
    if n % 5 == 4:
        c.status, c.completed_at = "draft", None
    return c


def a_moment(n: int, text: str) -> Moment:
    return Moment(text=text or "Stille.", created_at=when("2026-11-20", 8 + n % 12, n % 60),
                  values=[MomentValue("tillit", "Tillit"), MomentValue(f"x{n}", text)],
                  chime_id="chime.hope" if n % 2 else None, chime_name=text)


@contextmanager
def the_old_way() -> Iterator[None]:
    """The pack as it was made before issue 24: each check-in's Markdown (and each
    piece of it) through markdown-it."""
    render = html._markdown_it().render

    def checkin(self: html.PackLabels, r: Readable, level: int = 2) -> str:
        return render(visible(render_readable(r, self.markdown, level)))

    with pytest.MonkeyPatch.context() as m:
        m.setattr(html, "_to_html", lambda: render)
        m.setattr(html.PackLabels, "checkin", checkin)
        yield


@pytest.fixture
def varied(journal_path: Path) -> Path:
    with Journal.open(journal_path) as j:
        for n, text in enumerate(PAYLOADS):
            j.save(varied_checkin(n, text))
        j.save(varied_checkin(len(PAYLOADS), LONG))
        j.save(make_checkin("2026-11-02"))
        for n, text in enumerate(PAYLOADS[:12]):
            j.moments.add(a_moment(n, text))
    return journal_path


@pytest.fixture
def still() -> Iterator[None]:
    """One minute for both exports: the title page says when the pack was made."""
    with time_machine.travel(when("2026-12-07", 10), tick=False):
        yield


def export(capsys: pytest.CaptureFixture[str], out: Path, *args: str) -> bytes:
    code = main([*args, "export", "--drafts", "--format", "html", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    return out.read_bytes()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_export_is_the_pack_markdown_it_made(capsys: pytest.CaptureFixture[str],
                                                 varied: Path, tmp_path: Path, lang: str,
                                                 still: None) -> None:
    quick = export(capsys, tmp_path / "quick.html", "--lang", lang)
    with the_old_way():
        old = export(capsys, tmp_path / "old.html", "--lang", lang)
    assert quick.count(b'<section class="entry">') == len(PAYLOADS) + 2
    assert b"&lt;script&gt;" in quick and "␛".encode() in quick  # escaped; ESC shown
    assert quick == old


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_app_s_pack_of_check_ins_in_hand_is_the_same(lang: str, still: None) -> None:
    """``render_html`` (the app's export, and a team's copy) from ``CheckIn`` objects
    whose text has not been through ``visible``."""
    checkins = [varied_checkin(n, text) for n, text in enumerate(PAYLOADS)]
    moments = [a_moment(n, text) for n, text in enumerate(PAYLOADS[:8])]
    t, content = load_strings(lang), load_content(bundled_content_dir(), lang)
    quick = "".join(html.render_html(checkins, t, lang, moments=moments, content=content))
    with the_old_way():
        old = "".join(html.render_html(checkins, t, lang, moments=moments, content=content))
    assert quick == old


# Characters the renderers treat differently, and a little plain text around them.
AWKWARD = (list(" \n\n\n\\\\`*_[]<>&#+-=~|!:.)0123456789\"'") + ["\t", "\r", "\x00", "\x0b",
           "\x0c", "\x1b", "\x85", "\x9b", "\xa0", "\u2003", "\u2028", "\u3000", "\ufeff",
           "\u200d", "–", "ø", "😀"] + ["Tillit ", "hun sa ", "1. ", "- ", "# ", "  ", "\\\n",
           "\n\n", "**", "__"] * 3)


def awkward_text(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(["", "Bare vanlig tekst.", "Første avsnitt.\n\nAndre.",
                           "En linje\nog en til."])
    return "".join(rng.choice(AWKWARD) for _ in range(rng.randint(1, 40)))


def awkward_checkin(rng: random.Random, n: int) -> CheckIn:
    c = varied_checkin(n, awkward_text(rng))
    for answer in c.answers:
        answer.text = awkward_text(rng)
    c.focus = [Focus(rng.choice(["tillit", f"x{n}"]), awkward_text(rng), awkward_text(rng))
               for _ in range(rng.randint(0, 3))]
    c.notes = awkward_text(rng)
    return c


@pytest.mark.parametrize("shown", [False, True], ids=["in hand", "stored rows"])
def test_generated_check_ins_of_awkward_characters_come_out_the_same(shown: bool) -> None:
    """Check-in by check-in: the quick walk against markdown-it on its Markdown. With
    ``shown`` the texts have been through ``visible`` first, as a stored row's have."""
    rng = random.Random(24)
    render = html._markdown_it().render
    for lang in ("nb", "en"):
        t = load_strings(lang)
        labels = html.PackLabels(t, texts_visible=shown)
        plain = Labels(t)
        for n in range(250):
            r = readable(awkward_checkin(rng, n))
            if shown:
                r = r._replace(body=_visible_tree(r.body), area_title=visible(r.area_title),
                               method=visible(r.method))
            assert labels.checkin(r) == render(visible(render_readable(r, plain))), n


def _visible_tree(node: object) -> object:
    if isinstance(node, str):
        return visible(node)
    if isinstance(node, list):
        return [_visible_tree(item) for item in node]
    if isinstance(node, dict):
        return {key: _visible_tree(value) for key, value in node.items()}
    return node


def test_the_block_converter_agrees_with_markdown_it_on_generated_markdown() -> None:
    """``MarkdownBlocks`` (labels, moments, a check-in the long way) on the writer's
    shapes put together at random, and on random text."""
    rng = random.Random(2024)
    render = html._markdown_it().render
    blocks = markdown_html.MarkdownBlocks(lambda: render)
    shapes = ["## Tittel", "### Et spørsmål?", "#### Tillit", "*Fullført 2. november*",
              "Vanlig avsnitt.", "Linje\\\nlinje", "- **Tillit**: gjøre", "- **A**\n- **B**: b",
              "- **A**: a\\\n  b\n\n  c\n\n- **B**", "  innrykk", "\\# ikke", "1\\. ikke",
              "Tekst med \\* og \\\\ og \\[", "*", "**", "# ", "-", "- ", "-  x", "*a *",
              "* a*", "## lukket ##", "## \\#", "<b>", "&amp;", "`k`"]
    for n in range(1500):
        if n % 3:
            markdown = "\n\n".join(rng.choice(shapes) for _ in range(rng.randint(1, 8))) + "\n"
        else:
            markdown = "".join(rng.choice(AWKWARD) for _ in range(rng.randint(1, 60)))
        markdown = visible(markdown)
        assert blocks(markdown) == render(markdown), repr(markdown)


def test_texts_not_made_by_the_writer_come_out_the_same_or_not_at_all() -> None:
    """``texts_html`` on texts ``blocks`` would never make (a space before a break, a
    paragraph ending in a hard break…): each answer it gives is markdown-it's."""
    rng = random.Random(25)
    render = html._markdown_it().render
    pieces = ["Tekst", "ord", " ", "\\\n", "\n", "\n\n", "Tekst", "\\\n", "\n\n", "\n",
              "\\", "\\*", "1", "-", "#", "\xa0", "x "]
    answered = 0
    for _ in range(3000):
        texts = [visible("".join(rng.choice(pieces) for _ in range(rng.randint(0, 6))))
                 for _ in range(rng.randint(1, 4))]
        made = markdown_html.texts_html(texts)
        if made is not None:
            answered += 1
            assert made == [render(text) if text else "" for text in texts], texts
    assert answered > 150


def test_the_common_case_never_reaches_markdown_it(
        capsys: pytest.CaptureFixture[str], journal_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A journal of ordinary writing is made without markdown-it at all: the quick path
    is the one taken (what the budget was measured on), not a way round it."""
    with Journal.open(journal_path) as j:
        for day in ("2026-11-02", "2026-11-09", "2026-11-16"):
            j.save(make_checkin(day))
        j.moments.add(Moment(text="Hun lo.", created_at=when("2026-11-18", 14)))

    def no_markdown_it() -> None:
        raise AssertionError("markdown-it was asked")

    monkeypatch.setattr(html, "_markdown_it", no_markdown_it)
    out = tmp_path / "pakke.html"
    assert main(["--lang", "nb", "export", "--format", "html", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('<section class="entry">') == 3


def test_the_odd_characters_are_every_whitespace_but_space_and_line_break() -> None:
    """The converter looks for these one by one; markdown-it trims or skips no
    whitespace ``str.isspace`` does not know."""
    from markdown_it.common.utils import MD_TRIM_CHARS, MD_WHITESPACE

    odd = {chr(c) for c in range(0x110000) if chr(c).isspace()} - {" ", "\n"}
    assert set(markdown_html._ODD_CHARACTERS) == odd | {"\x00"}
    assert set(MD_TRIM_CHARS) | {chr(c) for c in MD_WHITESPACE} <= odd | {" ", "\n"}
