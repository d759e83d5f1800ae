"""The supervision pack: the journal as one self-contained HTML file that prints on A4.

Practitioners take their reflections to supervision ("veiledning") and appraisal
talks, and most of them cannot open or print Markdown. This renders the *same*
Markdown the export writes (``render_checkin``, ``render_moment``) with
markdown-it-py, so the two never drift, and wraps it in a page with its own print
style: a title page with the period and a line saying it is private reflection, not a
record; each check-in on a new page; headings never left alone at a page's foot.

Everything the person wrote is escaped twice over: the Markdown export already
escapes it, and markdown-it runs with raw HTML, links and images switched off, so
nothing in a journal can become markup or reach for the network. A
Content-Security-Policy of ``default-src 'none'`` says the same to the browser: the
file loads nothing from anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from refleks.journal.markdown import Labels, render_checkin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.journal.model import CheckIn
    from refleks.journal.moments import Moment

CSS = """
:root { color-scheme: light; }
html { font-family: "Source Serif Pro", Georgia, "DejaVu Serif", serif; font-size: 11.5pt;
       line-height: 1.45; color: #1d1d1f; background: #fff; }
body { max-width: 42em; margin: 2em auto; padding: 0 1.2em; }
h1, h2, h3, h4 { font-family: "Source Sans Pro", "Helvetica Neue", Arial, "DejaVu Sans",
                 sans-serif; line-height: 1.2; break-after: avoid; page-break-after: avoid;
                 break-inside: avoid; }
h2 { font-size: 1.45em; margin: 0 0 .3em; border-bottom: 1px solid #bbb; padding-bottom: .2em; }
h3 { font-size: 1.12em; margin: 1.3em 0 .3em; }
h4 { font-size: 1em; margin: 1em 0 .2em; }
p, li { orphans: 3; widows: 3; }
ul { padding-left: 1.3em; }
em { color: #444; }
.title-page { min-height: 80vh; display: flex; flex-direction: column;
              justify-content: center; }
.title-page h1 { font-size: 2.2em; margin: 0 0 .4em; }
.title-page .period { font-size: 1.25em; margin: 0 0 2em; }
.title-page .private { border-left: 3px solid #888; padding-left: .8em; color: #333; }
.title-page .made { color: #666; font-size: .9em; }
.entry { margin-top: 3em; }
.empty { color: #555; font-style: italic; }
@page { size: A4; margin: 20mm 18mm 22mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  .title-page { min-height: 0; height: 240mm; break-after: page; page-break-after: always; }
  .entry { margin-top: 0; break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
"""


def _markdown_it() -> MarkdownIt:
    """CommonMark without raw HTML, links or images: text stays text, offline."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["image", "link", "autolink", "html_inline", "html_block"])
    return md


def _head(title: str, lang: str) -> str:
    """The page up to ``<body>``: its own print style, and nothing loaded from anywhere."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )


def render_page(markdown: str, title: str, lang: str) -> str:
    """One Markdown document (a team's minutes) as a page that prints like the pack,
    escaped the same way: the Markdown writer escaped what was typed, and markdown-it
    runs without raw HTML, links or images."""
    from refleks.safe_text import visible

    body: str = _markdown_it().render(visible(markdown))
    return _head(title, lang) + body + "</body>\n</html>\n"


def render_html(checkins: Iterable[CheckIn], t: Strings, lang: str, *,
                moments: Iterable[Moment] = (), subtitle: str | None = None,
                made: datetime | None = None, content: Content | None = None,
                ) -> Iterator[str]:
    """The whole document, streamed a check-in at a time; names as ``content`` has
    them (``content.names``)."""
    from refleks.journal.moments_text import render_moment
    from refleks.safe_text import visible

    md = _markdown_it()
    title = t("journal.md.title")
    made = made or datetime.now().astimezone()
    labels = Labels(t, content)
    yield (
        _head(title, lang)
        + '<section class="title-page">\n'
        f"<h1>{escape(title)}</h1>\n"
        + (f'<p class="period">{escape(subtitle)}</p>\n' if subtitle else "")
        + f'<p class="private">{escape(t("html.private"))}</p>\n'
        f'<p class="made">{escape(t("html.made", when=labels.moment(made)))}</p>\n'
        "</section>\n"
    )
    wrote_any = False
    for checkin in checkins:
        text = visible(render_checkin(checkin, t, level=2, labels=labels))
        yield f'<section class="entry">\n{md.render(text)}</section>\n'
        wrote_any = True
    first = True
    for moment in moments:
        if first:
            yield (f'<section class="entry moments">\n'
                   f'<h2>{escape(t("moments.md.section"))}</h2>\n')
            first = False
        yield md.render(visible(render_moment(moment, t, level=3, labels=labels)))
        wrote_any = True
    if not first:
        yield "</section>\n"
    if not wrote_any:
        yield f'<p class="empty">{escape(t("journal.md.empty"))}</p>\n'
    yield "</body>\n</html>\n"
