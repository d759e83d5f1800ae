"""Markdown whose words are data: the one way the app shows a page of text as Markdown.

The pages (a library page, a check-in or a moment as the export writes it, a team's
minutes) are built from a content folder's text and the journal's, escaped on the way
in (``journal.markdown_text``), so no ``[a link](…)`` or ``<…>`` of theirs is a link.
Textual's own parser would still turn any bare ``https://…`` or ``www.…`` in them into
a link to click (linkify): here nothing does, and should a link ever get through, it
opens nothing.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from textual.widgets import Markdown


def data_parser() -> MarkdownIt:
    """Textual's default parser ("gfm-like": tables, strikethrough) without linkify."""
    return MarkdownIt("gfm-like", {"linkify": False})


class PlainMarkdown(Markdown):
    """A Markdown page in which no text becomes a link (see the module's docstring)."""

    def __init__(self, markdown: str | None = None, **kwargs: Any) -> None:
        super().__init__(markdown, parser_factory=data_parser, open_links=False, **kwargs)
