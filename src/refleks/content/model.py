"""The content as typed, immutable objects; nothing else in refleks sees raw YAML."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Value:
    id: str
    name: str
    meaning: str
    area_id: str
    source: str
    pillar: bool = False  # one of area 2's five "grunnpilarer" the other values grow from
    # A line refleks adds beside the document's meaning, where the document's word means
    # something else to a Norwegian practitioner (samtykkekompetanse); shown with its own
    # credit, so the document's words stay as the document wrote them.
    note: str = ""
    note_source: str = ""  # who wrote the note; empty: the value's own source

    @property
    def note_by(self) -> str:
        return self.note_source or self.source


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    hint: str = ""
    source: str = ""
    adapted_from: str = ""  # the document whose words refleks reworded (source: refleks)
    hint_source: str = ""  # who wrote the hint; empty: the question's own source

    @property
    def hint_by(self) -> str:
        return self.hint_source or self.source


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    source: str = ""


@dataclass(frozen=True)
class Dilemma:
    id: str
    title: str
    text: str
    source: str = ""
    # A question refleks asks after the document's dilemma, where the dilemma takes
    # something as given that practice should question (coercion); shown with its own
    # credit under the document's words.
    follow_up: str = ""
    follow_up_source: str = ""  # who wrote the follow-up; empty: the dilemma's source


@dataclass(frozen=True)
class Area:
    id: str
    number: int
    title: str
    intro: str
    source: str
    values: tuple[Value, ...]
    questions: tuple[Question, ...]
    examples_intro: str = ""
    examples: tuple[Example, ...] = ()
    dilemmas: tuple[Dilemma, ...] = ()


@dataclass(frozen=True)
class Quality:
    id: str
    name: str
    meaning: str
    source: str


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    source: str


@dataclass(frozen=True)
class Section:
    """A titled piece of the guide with ordered steps (how to use, the way forward)."""

    title: str
    intro: str
    closing: str
    source: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Guide:
    intro_title: str
    intro: str
    not_a_test: str
    source: str
    howto: Section
    qualities_title: str
    qualities_intro: str
    qualities: tuple[Quality, ...]
    way_forward: Section


@dataclass(frozen=True)
class ChimeElement:
    id: str
    name: str
    model_name: str
    description: str
    needs: tuple[str, ...]
    questions: tuple[Question, ...]
    source: str
    description_source: str = ""
    needs_source: str = ""


@dataclass(frozen=True)
class MethodPoint:
    title: str
    text: str


@dataclass(frozen=True)
class Method:
    id: str
    number: int
    title: str
    summary: str
    points: tuple[MethodPoint, ...]
    prompt: str
    source: str
    prompt_source: str = ""  # the weekly suggestion is refleks's; empty: the method's source

    @property
    def prompt_by(self) -> str:
        return self.prompt_source or self.source


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    source: str
    title: str = ""
    remedy: str = ""
    title_source: str = ""  # who wrote the title; empty: the item's own source


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    intro: str
    source: str
    kind: str  # questions | statements | cards | challenges
    items: tuple[Item, ...]
    intro_source: str = ""  # who wrote the intro; empty: the collection's source
    title_source: str = ""  # who wrote the title; empty: the collection's source


@dataclass(frozen=True)
class GuardWords:
    """``guard.yaml``: given names the confidentiality guard looks for, and those of
    them that are also ordinary words (looked for only in the middle of a sentence);
    places (municipalities, towns) and diagnoses or rare circumstances, which identify
    together with an age; and, for each list, where it comes from."""

    names: tuple[str, ...] = ()
    common_words: tuple[str, ...] = ()
    sami_names: tuple[str, ...] = ()
    immigrant_names: tuple[str, ...] = ()  # common among people who came to Norway
    places: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()  # word beginnings: "schizofren" is schizofreni …
    names_source: str = ""
    sami_names_source: str = ""
    immigrant_names_source: str = ""
    places_source: str = ""
    conditions_source: str = ""


@dataclass(frozen=True)
class Content:
    """Everything refleks shows, in one language."""

    lang: str
    sources: tuple[Source, ...]
    guide: Guide
    areas: tuple[Area, ...]
    chime_intro: str
    chime_source: str
    chime: tuple[ChimeElement, ...]
    methods_intro: str
    methods_source: str
    methods: tuple[Method, ...]
    collections: tuple[Collection, ...]
    guard: GuardWords = GuardWords()
    # The document whose CHIME intro refleks reworded (the intro is then refleks's,
    # "Adapted from: …"); empty: the intro is ``chime_source``'s own words.
    chime_intro_adapted_from: str = ""

    @cached_property
    def values_by_id(self) -> dict[str, Value]:
        return {value.id: value for area in self.areas for value in area.values}

    @cached_property
    def areas_by_id(self) -> dict[str, Area]:
        return {area.id: area for area in self.areas}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    def value_ids(self) -> set[str]:
        return set(self.values_by_id)

    def area_ids(self) -> set[str]:
        return set(self.areas_by_id)

    def value(self, value_id: str) -> Value | None:
        return self.values_by_id.get(value_id)

    def area(self, area_id: str) -> Area | None:
        return self.areas_by_id.get(area_id)

    def chime_element(self, element_id: str) -> ChimeElement | None:
        return next((e for e in self.chime if e.id == element_id), None)

    def method(self, method_id: str) -> Method | None:
        return next((m for m in self.methods if m.id == method_id), None)

    def source_title(self, source_id: str) -> str:
        source = self.sources_by_id.get(source_id)
        return source.title if source else source_id

    def counts(self) -> dict[str, int]:
        """How much there is of each kind, for the one-line summary of ``content check``."""
        return {
            "areas": len(self.areas),
            "values": sum(len(a.values) for a in self.areas),
            "questions": sum(len(a.questions) for a in self.areas),
            "dilemmas": sum(len(a.dilemmas) for a in self.areas),
            "qualities": len(self.guide.qualities),
            "chime": len(self.chime),
            "methods": len(self.methods),
            "collections": len(self.collections),
            "items": sum(len(c.items) for c in self.collections),
        }
