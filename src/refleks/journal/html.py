"""The supervision pack: the journal as one self-contained HTML file that prints on A4.

Practitioners take their reflections to supervision ("veiledning") and appraisal
talks, and most of them cannot open or print Markdown. This renders the *same*
Markdown the export writes (``render_readable``, ``render_moment``), so the two never
drift, and wraps it in a page with its own print style: a title page with the period
and a line saying it is private reflection, not a record; each check-in on a new page;
headings never left alone at a page's foot.

The HTML is what markdown-it-py makes of that Markdown, byte for byte, but made
without parsing it again (that made the pack 13–20× slower than the Markdown export):
``PackLabels`` gives ``render_readable`` every piece as HTML, so one walk of a check-in
serves both formats, and a check-in it cannot answer for exactly goes through
markdown-it as before (``markdown_html``).

Everything the person wrote is escaped twice over: the Markdown export already
escapes it, and markdown-it runs with raw HTML, links and images switched off (the
direct conversion takes nothing but escaped text), so nothing in a journal can become
markup or reach for the network. A Content-Security-Policy of ``default-src 'none'``
says the same to the browser: the file loads nothing from anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from refleks.journal.markdown import Labels, readable, render_readable
from refleks.journal.markdown_html import plain_texts_html, texts_html
from refleks.journal.markdown_text import heading, plain_joined
from refleks.safe_text import visible

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.journal.model import CheckIn, Readable
    from refleks.journal.moments import Moment
    from refleks.journal.pack_facts import EntryFacts, PackFacts

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
.title-page .counts { margin: 0 0 2em; }
.overview table { border-collapse: collapse; margin: .4em 0 1em; }
.overview th, .overview td { border: 1px solid #bbb; padding: .2em .5em; text-align: left;
                              vertical-align: top; }
.focus-chart { margin: .4em 0 1em; }
.chart { max-width: 100%; height: auto; font-family: "DejaVu Sans", Arial, sans-serif;
         font-size: 11px; }
.chart .grid { stroke: #ccc; stroke-width: 1; }
.chart .new { fill: #fff; stroke: #000; stroke-width: 2; }
.chart .kept { fill: #000; }
.chart text { fill: #1d1d1f; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
           overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
/* Page numbers and each check-in's name in the margins (CSS paged media; a browser
   without margin boxes prints the pages without them). */
@page { size: A4; margin: 20mm 18mm 22mm;
        @bottom-right { content: counter(page) " / " counter(pages);
                        font: 9pt "DejaVu Sans", Arial, sans-serif; color: #444; } }
@page :first { @bottom-right { content: none; } }
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


def _to_html() -> Callable[[str], str]:
    """The pack's Markdown → HTML: markdown-it's output, made quickly (a test puts
    markdown-it's own ``render`` here to compare the two)."""
    from refleks.journal.markdown_html import MarkdownBlocks

    return MarkdownBlocks(lambda: _markdown_it().render)


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
    body: str = _markdown_it().render(visible(markdown))
    return _head(title, lang) + body + "</body>\n</html>\n"


# Stand-ins for a check-in's date and time while its heading and "completed" line are
# made HTML once (an area, a document): letters only, so they are plain text wherever
# they stand, as the date they stand for is (``_PLAIN_DATE``).
_DAY, _CLOCK = "Refleksdatoen", "Refleksklokka"
# A date that reads as itself in the pack's HTML wherever it stands in a heading or
# label, as the stand-in does: letters and digits, with single spaces, dots, commas,
# colons, hyphens or slashes between them (nothing markdown-it, the quick path or the
# HTML escape would touch, nothing at either end that the heading or emphasis would
# trim or read as a delimiter).
_PLAIN_DATE = re.compile(r"[^\W_]+(?:[ .,:/-]+[^\W_]+)*")


class _Indirect(Exception):
    """Something in a check-in the pack cannot be sure to make as markdown-it would:
    that check-in goes the long way, its Markdown through markdown-it."""


class _Headings(dict[str, str]):
    """The pack's headings of one level by their text, made on first use."""

    def __init__(self, level: int, labels: PackLabels) -> None:
        super().__init__()
        self.level, self.labels = level, labels

    def __missing__(self, text: str) -> str:
        found = self.labels.html(heading(self.level, text))
        if len(self) < 10_000:
            self[text] = found
        return found


class PackLabels(Labels):
    """``Labels`` for the pack: every piece of a check-in as the HTML markdown-it makes
    of its Markdown, so ``render_readable`` walks a check-in straight into HTML.

    The words and headings are made as Markdown (``Labels``) and turned into HTML once
    (``markdown_html.MarkdownBlocks``); the person's texts are escaped as Markdown
    (``blocks``) and made HTML all at once (``markdown_html.texts_html``). What that
    cannot answer for exactly (a character markdown-it treats specially, a name it
    might read as markup) sends the whole check-in the long way: its Markdown, through
    markdown-it. Everything is shown through ``visible`` first, as the Markdown was.
    """

    def __init__(self, t: Strings, content: Content | None = None, *,
                 texts_visible: bool = False) -> None:
        super().__init__(t, content)
        # A stored row's texts have passed ``visible`` (``rows.readable_from_row``), and
        # the Markdown made of them holds no control character: nothing left to show.
        self.texts_visible = texts_visible
        self.to_html = _to_html()
        self.markdown = Labels(t, content)  # for a check-in that goes the long way
        self.draft = self.html(self.draft)
        self.follow_up_action = self.html(self.follow_up_action)
        self.follow_up_keep = self.html(self.follow_up_keep)
        self._html_levels: dict[int, _Headings] = {}
        self._html_titles: dict[tuple[int, str], str] = {}  # "" where none fits
        self._html_completed: str | None = None  # made on first use; "" where none fits
        self._html_emphasis: dict[str, str] = {}
        self._strong: dict[str, str | None] = {}
        self.taken_further: set[str] = set()  # moment uids written about in a check-in

    def html(self, markdown: str) -> str:
        """A piece of the export's Markdown as the pack's HTML."""
        return self.to_html(visible(markdown))

    def checkin(self, r: Readable, level: int = 2) -> str:
        """One check-in as HTML: the walk of the Markdown export, made HTML directly.
        The moments taken further in it are noted, so the pack shows each moment once."""
        for answer in r.body["answers"]:
            if answer["kind"] == "moment" and answer["text"].strip():
                parts = answer["question_id"].split(".")
                if len(parts) >= 3:
                    self.taken_further.add(parts[1])
        try:
            return render_readable(r, self, level)
        except _Indirect:
            return self.html(render_readable(r, self.markdown, level))

    def headings(self, level: int) -> dict[str, str]:
        found = self._html_levels.get(level)
        if found is None:
            found = self._html_levels[level] = _Headings(level, self)
        return found

    def _fits(self, day: str) -> bool:
        """A date fits the pack's templates only if it is plain in HTML too
        (``_PLAIN_DATE``); any other goes the long way, as Markdown made HTML."""
        return super()._fits(day) and _PLAIN_DATE.fullmatch(day) is not None

    def _template(self, made: str, with_stand_ins: str, *stand_ins: tuple[str, str]) -> str:
        """``with_stand_ins`` (a heading or label made HTML with ``_DAY``/``_CLOCK``
        where the date and time go) as a template, if putting this check-in's values
        (``stand_ins``: stand-in, value) back in gives ``made``, its HTML made the long
        way; else "" (that area or document goes the long way every time)."""
        filled = with_stand_ins
        for stand_in, value in stand_ins:
            if filled.count(stand_in) != 1:
                return ""
            filled = filled.replace(stand_in, value)
        return with_stand_ins if filled == made else ""

    def title(self, started_at: datetime, area_title: str, level: int) -> str:
        """The heading as HTML. Made once an area and level, with a stand-in for the
        date: a check-in's own went through the Markdown-to-HTML conversion every time
        (~12 µs, 0.3 s of a pack of 50,000 check-ins)."""
        day, fits = self._date(started_at)
        if fits:
            template = self._html_titles.get((level, area_title))
            if template:
                return template.replace(_DAY, day)
            if template is None:
                made = self.html(super().title(started_at, area_title, level))
                template = ("" if _DAY in area_title else self._template(
                    made, self.html(self._title(_DAY, area_title, level)), (_DAY, day)))
                if len(self._html_titles) < 10_000:
                    self._html_titles[(level, area_title)] = template
                return made
        return self.html(super().title(started_at, area_title, level))

    def completed_line(self, when: datetime) -> str:
        """When the check-in was completed, as HTML: made once, as ``title``."""
        day, fits = self._date(when)
        template = self._html_completed
        clock = f"{when.hour:02d}:{when.minute:02d}"
        if fits and template:
            return template.replace(_CLOCK, clock).replace(_DAY, day)
        made = self.html(super().completed_line(when))
        if fits and template is None:
            try:
                with_stand_ins = self.html(self._completed_line(_DAY, _CLOCK))
            except (KeyError, IndexError, ValueError):
                with_stand_ins = ""
            self._html_completed = self._template(made, with_stand_ins,
                                                  (_CLOCK, clock), (_DAY, day))
        return made

    def emphasis(self, text: str) -> str:
        found = self._html_emphasis.get(text)
        if found is None:
            found = self.html(super().emphasis(text))
            if len(self._html_emphasis) < 10_000:
                self._html_emphasis[text] = found
        return found

    def stamp(self, when: datetime) -> str:
        return self.html(super().stamp(when))

    def texts(self, texts: list[str]) -> list[str]:
        if self.texts_visible:  # the common case: HTML straight from the texts
            joined = plain_joined(texts)
            if joined is not None:
                made = plain_texts_html(joined, len(texts))
                if made is not None:
                    return made
        escaped = super().texts(texts)
        made = texts_html(escaped if self.texts_visible else [visible(text) for text in escaped])
        if made is None:
            raise _Indirect
        return made

    def focus_list(self, items: list[tuple[str, str]]) -> str:
        """As ``Labels.focus_list``, from actions already HTML (a paragraph each, or
        paragraphs): tight while every action is one line, or the only one is one
        paragraph (Markdown's list has no blank line then)."""
        from refleks.journal.markdown_html import plain_strong

        tight = all(action.count("\n") <= 1 for _, action in items) or (
            len(items) == 1 and items[0][1].count("<p>") == 1)
        out = ["<ul>\n"]
        for name, action in items:
            lead = self._strong.get(name, "")
            if lead == "":
                lead = self._strong[name] = plain_strong(visible(self.inline(name)))
            if lead is None:
                raise _Indirect
            if not action:
                out.append(f"<li>{lead}</li>\n" if tight else f"<li>\n<p>{lead}</p>\n</li>\n")
            elif tight:
                out.append(f"<li>{lead}: {action[3:-5]}</li>\n")  # inside <p>…</p>\n
            else:
                out.append(f"<li>\n<p>{lead}: {action[3:]}</li>\n")
        out.append("</ul>\n")
        return "".join(out)

    def with_why(self, action: str, why: str) -> str:
        """As ``Labels.with_why``, from texts already HTML: the words lead the why's
        first paragraph."""
        if not why:
            return action
        lead = self.emphasis(self.words["why"])  # <p><em>…</em></p>\n
        if not (lead.startswith("<p>") and lead.endswith("</p>\n") and why.startswith("<p>")):
            raise _Indirect
        return f"{action}<p>{lead[3:-5]} {why[3:]}"

    def from_markdown(self, parts: list[str]) -> list[str]:
        return [self.html(part) for part in parts]

    def join(self, parts: list[str]) -> str:
        return "".join(parts)


def render_html(checkins: Iterable[CheckIn], t: Strings, lang: str, *,
                moments: Iterable[Moment] = (), subtitle: str | None = None,
                made: datetime | None = None, content: Content | None = None,
                ) -> Iterator[str]:
    """The whole document, streamed a check-in at a time; names as ``content`` has
    them (``content.names``)."""
    from refleks.journal.pack_facts import facts_from_checkins

    checkins = list(checkins)
    labels = PackLabels(t, content)
    return pack_document((labels.checkin(readable(c)) for c in checkins), t, lang, labels,
                         facts=facts_from_checkins(checkins), moments=moments,
                         subtitle=subtitle, made=made)


class _CssEscapes(dict[int, str]):
    """For ``str.translate``: every character but letters, digits and spaces as a CSS
    hex escape, so a name can never end the string or the rule (the space after each
    escape ends it, and is not shown). Made once a character, in C after that."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        found = char if char.isalnum() or char == " " else f"\\{code:06x} "
        if len(self) < 10_000:
            self[code] = found
        return found


_CSS_ESCAPES = _CssEscapes()


def _css_string(text: str) -> str:
    """``text`` as a CSS string, escaped (``_CssEscapes``)."""
    return '"' + text.translate(_CSS_ESCAPES) + '"'


class _RunningHeaders:
    """Each check-in on pages of its own name, whose top margin names it (date and
    area): CSS paged media, which a browser without margin boxes simply leaves out.

    Chromium has no ``string-set`` or ``position: running()``, so a margin box cannot
    take its text from the page; a named page a check-in, with its own ``@page`` rule,
    is what it prints. The rules are written into ``<head>`` as the facts stream past
    (``pack_document``), each made from its area's heading, worded once an area."""

    def __init__(self, labels: PackLabels) -> None:
        self.labels = labels
        self._headings: dict[tuple[str | None, str], tuple[str, str, str] | None] = {}
        self._days: dict[int, str] = {}  # a day's ordinal → its date for CSS ("": none)

    def _heading(self, area_id: str | None, area_title: str) -> tuple[str, str, str] | None:
        """The area's heading with ``\\x00`` for its date, and the parts around the
        date with their whitespace folded and escaped for CSS (before, after); None
        where the date cannot simply be put in (an area whose name looks like the
        placeholder)."""
        key = (area_id, area_title)
        if key in self._headings:
            return self._headings[key]
        area = (self.labels.name("area", area_id, area_title)
                if area_title or area_id else "")
        template = "\x00"
        if area.strip():
            template = ("" if "\x00" in area
                        else self.labels.t("journal.md.checkin_heading", date="\x00", area=area))
        found: tuple[str, str, str] | None = None
        if template.count("\x00") == 1:  # NUL is no whitespace: folded as the date is
            before, _, after = " ".join(template.split()).partition("\x00")
            found = (template, before.translate(_CSS_ESCAPES), after.translate(_CSS_ESCAPES))
        if len(self._headings) < 10_000:
            self._headings[key] = found
        return found

    def _day(self, when: datetime) -> str:
        """The date as the header shows it, escaped for CSS (remembered a day), or ""
        where it is not already folded (empty, or whitespace of its own to fold)."""
        key = when.toordinal()
        found = self._days.get(key)
        if found is None:
            day = self.labels.date(when)
            found = day.translate(_CSS_ESCAPES) if day and day == " ".join(day.split()) else ""
            if len(self._days) < 100_000:
                self._days[key] = found
        return found

    def rule(self, n: int, entry: EntryFacts) -> str:
        """The ``@page`` rule of check-in ``n``. Its text is folded and escaped as a
        whole, so a folded date (``_day``) goes between the area's folded, escaped
        heading (``_heading``) as it is: the escape is character by character, and the
        date has no whitespace at its ends to fold with its neighbours'."""
        around = self._heading(entry.area_id, entry.area_title)
        day = self._day(entry.started_at)
        if around is not None and day:
            shown = f'"{around[1]}{day}{around[2]}"'
        else:
            date = self.labels.date(entry.started_at)
            if around is not None:
                head = around[0].replace("\x00", date)
            else:
                area = self.labels.name("area", entry.area_id, entry.area_title)
                head = self.labels.t("journal.md.checkin_heading", date=date, area=area)
            shown = _css_string(" ".join(head.split()))
        return f"#c{n} {{ page: c{n}; }}\n@page c{n} {{ @top-left {{ content: {shown}; }} }}\n"


def _title_page(t: Strings, labels: PackLabels, facts: PackFacts, subtitle: str | None,
                made: datetime) -> str:
    """What this is: the period included, how much, when it was made, and whose."""
    title = t("journal.md.title")
    period = facts.period
    lines = [f'<section class="title-page">\n<h1>{escape(title)}</h1>\n']
    if period is not None:
        first, last = (labels.date(day) for day in period)
        shown = (t("html.period_one_day", first=first) if first == last
                 else t("html.period", first=first, last=last))
        lines.append(f'<p class="period">{escape(shown)}</p>\n')
    counts = t.count("html.checkins", facts.count)
    if facts.moment_times:
        counts += " · " + t.count("html.moments", len(facts.moment_times))
    lines.append(f'<p class="counts">{escape(counts)}</p>\n')
    if subtitle:
        lines.append(f'<p class="chosen">{escape(t("html.selected", what=subtitle))}</p>\n')
    lines.append(f'<p class="private">{escape(t("html.private"))}</p>\n'
                 f'<p class="made">{escape(t("html.made", when=labels.moment(made)))}</p>\n'
                 "</section>\n")
    return "".join(lines)


def pack_document(checkins: Iterable[str], t: Strings, lang: str, labels: PackLabels, *,
                  facts: Iterable[EntryFacts], moments: Iterable[Moment] = (),
                  subtitle: str | None = None, made: datetime | None = None,
                  ) -> Iterator[str]:
    """The pack around check-ins already made HTML (``labels.checkin``): the export
    streams them from the stored rows, without building a ``CheckIn``, as it does for
    Markdown. ``facts`` (streamed first, in the same order) give each check-in's running
    header, then, folded into ``PackFacts`` on the way, the title page, the overview
    and each check-in's language."""
    from refleks.journal.moments_text import render_moment
    from refleks.journal.pack_facts import PackFacts
    from refleks.journal.pack_overview import overview

    made = made or datetime.now().astimezone()
    moments = list(moments)
    gathered = PackFacts([m.created_at for m in moments])
    headers = _RunningHeaders(labels)
    head = _head(t("journal.md.title"), lang)
    rules = [head[:-len("</head>\n<body>\n")] + "<style>\n"]
    for n, entry in enumerate(facts):
        gathered.add(entry)
        rules.append(headers.rule(n, entry))
        if len(rules) >= 1_000:
            yield "".join(rules)
            rules.clear()
    rules.append("</style>\n</head>\n<body>\n<main>\n")
    yield ("".join(rules) + _title_page(t, labels, gathered, subtitle, made)
           + overview(gathered, labels))
    langs = gathered.langs
    wrote_any = False
    for n, checkin in enumerate(checkins):
        entry_lang = langs[n] if n < len(langs) else ""
        attrs = f' id="c{n}" lang="{escape(entry_lang)}"' if entry_lang else f' id="c{n}"'
        yield (f'<section class="entry">\n<div class="checkin"{attrs}>\n{checkin}</div>\n'
               "</section>\n")
        wrote_any = True
    first = True
    elsewhere = 0
    for moment in moments:
        if moment.uid in labels.taken_further:
            elsewhere += 1  # shown once: in its check-in, with what was written about it
            continue
        if first:
            yield (f'<section class="entry moments">\n'
                   f'<h2>{escape(t("moments.md.section"))}</h2>\n')
            first = False
        yield (f'<div lang="{escape(moment.lang)}">\n'
               + labels.html(render_moment(moment, t, level=3, labels=labels.markdown))
               + "</div>\n")
        wrote_any = True
    if elsewhere:
        if first:
            yield f'<section class="entry moments">\n<h2>{escape(t("moments.md.section"))}</h2>\n'
            first = False
        yield f'<p class="elsewhere">{escape(t.count("html.moments_elsewhere", elsewhere))}</p>\n'
        wrote_any = True
    if not first:
        yield "</section>\n"
    if not wrote_any:
        yield f'<p class="empty">{escape(t("journal.md.empty"))}</p>\n'
    yield "</main>\n</body>\n</html>\n"
