"""Saying where a text comes from, truthfully, in one place for the library and the check-in.

Text refleks wrote says so ("Written for refleks"); text refleks reworded from a
document names that document as adapted ("Adapted from: …"); everything else names
its document. A screen never prints a container's source for an item that has its own.
"""

from __future__ import annotations

from refleks.content.model import ChimeElement, Content
from refleks.content.ui import Strings

REFLEKS = "refleks"


def credit(content: Content, t: Strings, source: str, adapted_from: str = "") -> str:
    """The one line that tells the reader who wrote a text."""
    if source == REFLEKS:
        if adapted_from:
            return t("library.adapted_from", source=content.source_title(adapted_from))
        return t("library.source_refleks")
    return f"{t('library.source')}: {content.source_title(source)}"


def title_credit(content: Content, t: Strings, source: str) -> str:
    """Where a title comes from, for a title taken from elsewhere than its text: one
    sentence of its own ("The title is from Recovery team"), not the text's credit line
    behind a label ("Title: Source: Recovery team")."""
    if source == REFLEKS:
        return t("library.title_refleks")
    return t("library.title_from", source=content.source_title(source))


def chime_label(element: ChimeElement) -> str:
    """``Håp og optimisme (Hope)``, but never ``Hope and optimism (Hope)``.

    The model's English word is added only when the name does not already hold it.
    """
    if element.model_name.casefold() in element.name.casefold():
        return element.name
    return f"{element.name} ({element.model_name})"
