"""The ways a journal leaves refleks: one table of export formats.

``refleks export --format``, the file suffix that chooses a format, the app's export
dialog (its choices, their labels, the suggested file name, whether a team export is
possible) and the writers in ``sharing`` all read ``FORMATS``. Adding a format is a row
here and its three renderers: from an open journal (the command line streams a whole
journal, each format from the store's quickest source), from check-ins in hand (the
app, and a team's redacted copies) and from moments alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.journal.json_io import Counted
    from refleks.journal.model import CheckIn
    from refleks.journal.moments import Moment
    from refleks.journal.queries import Filter
    from refleks.journal.store import Journal


@dataclass(frozen=True)
class JournalExport:
    """What the command line exports: the open journal (None: there is none yet), which
    check-ins, the moments already chosen, and the document's subtitle (the period)."""

    journal: Journal | None
    flt: Filter
    moments: Sequence[Moment]
    t: Strings
    lang: str
    subtitle: str | None
    count_sections: bool = True  # only when a file is written is the count said
    # The content in ``t``'s language: a readable document names what it knows as the
    # content does now (``content.names``); None: as stored.
    content: Content | None = None


@dataclass(frozen=True)
class ExportFormat:
    """One export format and how it is made."""

    name: str  # as ``--format`` takes it and the dialog returns it
    suffixes: tuple[str, ...]  # the first is a new file's; any of them chooses the format
    label_key: str  # the dialog's label; ``{what}`` is all, selection, one or moments
    # For a person to read, so it can go to a team with only the ticked parts. JSON is
    # the whole record, for moving a journal: drafts included, never redacted.
    readable: bool
    from_journal: Callable[[JournalExport], tuple[Iterable[str], Counted[Any]]]
    # (check-ins, t, lang, moments, content): ``content`` as ``JournalExport.content``
    from_checkins: Callable[[Iterable[CheckIn], Strings, str, Iterable[Moment],
                             Content | None], Iterable[str]]
    from_moments: Callable[[list[Moment], Strings, str, Content | None], Iterable[str]]
    aliases: tuple[str, ...] = ()

    @property
    def suffix(self) -> str:
        return self.suffixes[0]

    def label(self, t: Strings, what: str) -> str:
        return t(self.label_key.format(what=what))


# -- Markdown: the readable document -----------------------------------------------------------


def _markdown_from_journal(job: JournalExport) -> tuple[Iterable[str], Counted[Any]]:
    from functools import partial
    from itertools import chain

    from refleks.journal.json_io import Counted
    from refleks.journal.labels import Labels
    from refleks.journal.markdown import markdown_document, render_markdown, render_readable
    from refleks.journal.moments_text import render_moments

    counted: Counted[Any] = Counted([])
    if job.journal is None:
        return render_markdown([], job.t, job.lang, subtitle=job.subtitle), counted
    # Pre-rendered from the stored rows: no CheckIn objects (most of an export's time).
    sections: Iterable[str] = job.journal.iter_rendered(
        partial(render_readable, labels=Labels(job.t, job.content)), job.flt)
    if job.count_sections:
        sections = counted = Counted(sections)
    return chain(markdown_document(sections, job.t, subtitle=job.subtitle),
                 render_moments(job.moments, job.t, job.content)), counted


def _markdown_from_checkins(checkins: Iterable[CheckIn], t: Strings, lang: str,
                            moments: Iterable[Moment], content: Content | None,
                            ) -> Iterator[str]:
    from refleks.journal.markdown import render_markdown
    from refleks.journal.moments_text import render_moments

    yield from render_markdown(checkins, t, lang, content=content)
    yield from render_moments(moments, t, content)


def _markdown_from_moments(moments: list[Moment], t: Strings, lang: str,
                           content: Content | None) -> Iterator[str]:
    from refleks.journal.markdown_text import heading
    from refleks.journal.moments_text import render_moments

    yield heading(1, t("journal.md.title")) + "\n"
    yield from render_moments(moments, t, content)


# -- JSON: the whole record, to move a journal ----------------------------------------------


def _json_from_journal(job: JournalExport) -> tuple[Iterable[str], Counted[Any]]:
    from refleks.journal.json_io import Counted, iter_json_objects
    from refleks.journal.moments import export_objects

    if job.journal is None:
        return iter_json_objects([]), Counted([])
    counted = Counted(job.journal.iter_export_objects(job.flt))  # stored text, as stored
    return iter_json_objects(counted, export_objects(job.moments)), counted


def _json_from_checkins(checkins: Iterable[CheckIn], t: Strings, lang: str,
                        moments: Iterable[Moment], content: Content | None) -> Iterator[str]:
    from refleks.journal.json_io import iter_json

    return iter_json(checkins, moments)


def _json_from_moments(moments: list[Moment], t: Strings, lang: str,
                       content: Content | None) -> Iterator[str]:
    from refleks.journal.json_io import iter_json

    return iter_json([], moments)


# -- HTML: the supervision pack ----------------------------------------------------------------


def _html_from_journal(job: JournalExport) -> tuple[Iterable[str], Counted[Any]]:
    from refleks.journal.html import PackLabels, pack_document
    from refleks.journal.json_io import Counted
    from refleks.journal.pack_facts import facts_from_journal

    # As the Markdown export: each check-in from its stored row, without a CheckIn; the
    # running headers, title page and overview first, streamed from the columns and side
    # tables (``pack_facts``).
    labels = PackLabels(job.t, job.content, texts_visible=True)
    counted: Counted[Any] = Counted(job.journal.iter_rendered(labels.checkin, job.flt)
                                    if job.journal is not None else [])
    return pack_document(counted, job.t, job.lang, labels,
                         facts=facts_from_journal(job.journal, job.flt),
                         subtitle=job.subtitle, moments=job.moments), counted


def _html_from_checkins(checkins: Iterable[CheckIn], t: Strings, lang: str,
                        moments: Iterable[Moment], content: Content | None) -> Iterator[str]:
    from refleks.journal.html import render_html

    return render_html(checkins, t, lang, moments=moments, content=content)


def _html_from_moments(moments: list[Moment], t: Strings, lang: str,
                       content: Content | None) -> Iterator[str]:
    from refleks.journal.html import render_html

    return render_html([], t, lang, moments=moments, content=content)


FORMATS: tuple[ExportFormat, ...] = (
    # The first is the default: for a file whose suffix names no format, and in the dialog.
    ExportFormat("markdown", (".md",), "export_view.markdown", True, _markdown_from_journal,
                 _markdown_from_checkins, _markdown_from_moments, aliases=("md",)),
    ExportFormat("json", (".json",), "export_view.json_{what}", False, _json_from_journal,
                 _json_from_checkins, _json_from_moments),
    ExportFormat("html", (".html", ".htm"), "export_view.html", True, _html_from_journal,
                 _html_from_checkins, _html_from_moments),
)
DEFAULT = FORMATS[0]
NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)


def by_name(name: str) -> ExportFormat | None:
    """The format ``--format`` names (any case, an alias too), or None."""
    wanted = name.strip().lower()
    for fmt in FORMATS:
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    return None


def named(name: str) -> ExportFormat:
    """The format the app asked for by name (a dialog's choice, never typed words): the
    default for a name the table does not have."""
    return by_name(name) or DEFAULT


def by_suffix(suffix: str) -> ExportFormat:
    """The format a file's suffix asks for; Markdown for any other."""
    for fmt in FORMATS:
        if suffix.lower() in fmt.suffixes:
            return fmt
    return DEFAULT
