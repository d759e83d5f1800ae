"""What ``--area`` and ``--value`` accept: an id, or the name a person sees.

People type what the screen and the tables show them ("Tillit", "trust"), not the
internal ids; both languages' names are accepted, case-blind, and a miss names the
known ones, so nobody has to guess.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.errors import RefleksError, UsageError

if TYPE_CHECKING:
    from refleks.environment import Environment


def _names(env: Environment, kind: str) -> dict[str, str]:
    """Every way the content names an area or value → its id: the id itself and the
    shown name in both languages, folded for a case-blind match. Empty if the content
    cannot be loaded (then the journal's own ids are what is checked against)."""
    from refleks.content.loader import load_content
    from refleks.languages import CODES

    names: dict[str, str] = {}
    for lang in (env.lang, *(other for other in CODES if other != env.lang)):
        try:
            content = env.content if lang == env.lang else load_content(env.content_dir, lang)
        except (RefleksError, ImportError, AttributeError, OSError):
            continue
        if kind == "area":
            pairs = [(a.id, a.title) for a in content.areas]
        else:
            pairs = [(v.id, v.name) for a in content.areas for v in a.values]
        for item_id, name in pairs:
            names.setdefault(item_id.casefold(), item_id)
            names.setdefault(" ".join(name.split()).casefold(), item_id)
    return names


def resolve_id(env: Environment, kind: str, typed: str, used: set[str]) -> str:
    """The id meant by ``--area``/``--value``: an id, or the name shown in either
    language, in any case. A miss names the known ones (and the closest, if any)."""
    import difflib

    if typed in used:
        return typed
    names = _names(env, kind)
    key = " ".join(typed.split()).casefold()
    found = names.get(key) or {u.casefold(): u for u in used}.get(key)
    if found is not None:
        return found
    message = env.t(f"journal.args.unknown_{kind}", id=typed)
    close = difflib.get_close_matches(key, sorted(names), n=1)
    if close:
        message = env.t("journal.args.did_you_mean", message=message,
                        suggestion=_shown_name(env, kind, names[close[0]]))
    shown = sorted({_shown_name(env, kind, i) for i in {*names.values(), *used}},
                   key=str.casefold)
    if shown:
        message += " " + env.t("journal.args.known", known=", ".join(shown))
    raise UsageError(message)


def _shown_name(env: Environment, kind: str, item_id: str) -> str:
    """The name a person sees for an id, in the chosen language (the id if unknown)."""
    try:
        content = env.content
    except (RefleksError, ImportError, AttributeError, OSError):
        return item_id
    if kind == "area":
        area = content.area(item_id)
        return area.title if area is not None else item_id
    value = content.value(item_id)
    return value.name if value is not None else item_id
