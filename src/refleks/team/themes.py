"""What a team can take up: every theme the content offers, and which to suggest.

A theme is drawn from the content as it is: an area with its values and questions,
one of the ethical dilemmas, a reflection card, the dialogue questions for sharing
experience, a practice question, or one of the ten methods. Its id (``kind:id``) is
what the team log remembers, so the suggestion can be the theme the team has not
taken up for the longest time (never taken up first, in the content's order).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from refleks.content.model import Content
from refleks.team.model import TeamSession, ThemeRef

KINDS = ("area", "dilemma", "card", "dialogue", "practice", "method")
DIALOGUE_COLLECTION = "team-questions"
PRACTICE_COLLECTION = "practice-questions"
CARDS_COLLECTION = "reflection-cards"


@dataclass(frozen=True)
class Theme:
    """One theme: ``text`` to read together, ``points`` listed under it (values, the
    method's points) and ``questions`` for the quiet individual reflection."""

    id: str
    kind: str
    title: str
    text: str
    source: str
    points: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    adapted_from: str = ""  # the text is refleks's rewording of this document
    title_source: str = ""  # who named the theme, when not the text's author
    # (source, adapted_from) of each question, when not the text's: what refleks wrote
    # is never shown under a document's name (issue 11)
    question_credits: tuple[tuple[str, str], ...] = ()

    def ref(self) -> ThemeRef:
        return ThemeRef(self.id, self.kind, self.title, self.text)


def build_themes(content: Content) -> list[Theme]:
    """Every theme, grouped by kind in ``KINDS`` order."""
    themes: list[Theme] = []
    for area in content.areas:
        themes.append(Theme(
            f"area:{area.id}", "area", area.title, area.intro.strip(), area.source,
            points=tuple(f"{v.name} – {v.meaning}" for v in area.values),
            questions=tuple(q.text for q in area.questions),
            question_credits=tuple((q.source or area.source, q.adapted_from)
                                   for q in area.questions)))
    for area in content.areas:
        for dilemma in area.dilemmas:
            said = dilemma.source or area.source
            follow_up = ((dilemma.follow_up,) if dilemma.follow_up else ())
            follow_up_by = dilemma.follow_up_source or said
            themes.append(Theme(f"dilemma:{dilemma.id}", "dilemma", dilemma.title,
                                dilemma.text, said, questions=(dilemma.text, *follow_up),
                                question_credits=((said, ""),
                                                  *((follow_up_by, ""),) * len(follow_up))))
    collections = {c.id: c for c in content.collections}
    cards = collections.get(CARDS_COLLECTION)
    if cards is not None:
        for item in cards.items:
            themes.append(Theme(f"card:{item.id}", "card", item.title or item.id, item.text,
                                item.source or cards.source, questions=(item.text,),
                                title_source=item.title_source))
    dialogue = collections.get(DIALOGUE_COLLECTION)
    if dialogue is not None and dialogue.items:
        themes.append(Theme(f"dialogue:{dialogue.id}", "dialogue", dialogue.title,
                            dialogue.intro, dialogue.intro_source or dialogue.source,
                            questions=tuple(i.text for i in dialogue.items),
                            question_credits=tuple((i.source or dialogue.source, "")
                                                   for i in dialogue.items)))
    practice = collections.get(PRACTICE_COLLECTION)
    if practice is not None:
        for item in practice.items:
            themes.append(Theme(f"practice:{item.id}", "practice", item.title or item.text,
                                item.text, item.source or practice.source,
                                questions=(item.text,), title_source=item.title_source))
    for method in content.methods:
        themes.append(Theme(
            f"method:{method.id}", "method", f"{method.number}. {method.title}",
            method.summary.strip(), method.source,
            points=tuple(f"{p.title} – {p.text}" for p in method.points)))
    return themes


def last_taken_up(sessions: Iterable[TeamSession]) -> dict[str, datetime]:
    """When each theme was last taken up by the team (completed sessions only)."""
    last: dict[str, datetime] = {}
    for session in sessions:
        if session.theme is None or session.when is None:
            continue
        seen = last.get(session.theme.id)
        if seen is None or session.when > seen:
            last[session.theme.id] = session.when
    return last


def suggest(themes: list[Theme], last: dict[str, datetime]) -> Theme:
    """The theme not taken up for the longest: never first (content order), then oldest."""

    def key(item: tuple[int, Theme]) -> tuple[int, float, int]:
        index, theme = item
        when = last.get(theme.id)
        return (0, 0.0, index) if when is None else (1, when.timestamp(), index)

    return min(enumerate(themes), key=key)[1]
