"""The name to show for a value, area, method or CHIME element the journal stored.

The journal keeps every name beside its id as it was shown then ("Tålmodighet" beside
``taalmodighet``), so an entry still reads after a team's content is gone. Shown as
stored, a check-in made in Norwegian read "Tålmodighet — …" on an English home screen,
and a moment's tags were half in one language and half in the other. So the name is
the content's own, in the language in use, wherever the content knows the id; the
stored name stands only for an id the content no longer has (or never had: a team's
own folder). Every place that shows a stored name asks here, so all of them agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from refleks.content.model import Content

Kind = Literal["value", "area", "method", "chime"]


def content_name(content: Content, kind: Kind, item_id: str) -> str | None:
    """The content's name for ``item_id`` in its language, or None if it has none."""
    if kind == "value":
        value = content.value(item_id)
        return value.name if value else None
    if kind == "area":
        area = content.area(item_id)
        return area.title if area else None
    if kind == "method":
        method = content.method(item_id)
        return method.title if method else None
    element = content.chime_element(item_id)
    return element.name if element else None


def shown_name(content: Content | None, kind: Kind, item_id: str | None, stored: str) -> str:
    """The name to show for ``item_id``, stored as ``stored``: the content's, when it
    knows the id, else the stored name, else the id itself (else "").

    ``content`` None means the caller knows the stored names are already in the
    language in use (a record made in it) and would rather not load the content for
    them: the stored name is then shown, as it was.
    """
    if content is not None and item_id:
        found = content_name(content, kind, item_id)
        if found:
            return found
    return stored or item_id or ""
