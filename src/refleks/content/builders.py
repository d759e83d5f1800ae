"""One builder per content file: YAML nodes in, frozen ``model`` objects out.

Each builder reads through a ``Reader`` so that a wrong or missing field becomes a
``Problem`` at its position and the builder still returns what it could, letting one
pass find every problem. The keys each object accepts are its dataclass's fields
(``keys_of``); the literal key lists left here describe a file's own grouping (the
guide's ``intro`` and ``qualities`` blocks, a file's top level), which no dataclass has.
"""

from __future__ import annotations

from collections.abc import Callable

from yaml.nodes import Node

from refleks.content import model as m
from refleks.content.problems import say
from refleks.content.yaml_nodes import Fields, Reader, keys_of

COLLECTION_KINDS = ("questions", "statements", "cards", "challenges")
MIN_AREA_QUESTIONS = 3


def read_sources(r: Reader, root: Node) -> tuple[m.Source, ...]:
    top = r.mapping(root, "sources.yaml", ["sources"])
    if top is None:
        return ()

    def build(f: Fields, what: str) -> m.Source:
        return m.Source(
            r.ident(f, what), r.text(f, "title", what), r.text(f, "description", what, False)
        )

    return r.items(top, "sources", "sources.yaml", build, keys_of(m.Source))


def _read_section(r: Reader, f: Fields, key: str, inherited: str) -> m.Section:
    node = r.get(f, key, "guide.yaml", True)
    empty = m.Section("", "", "", inherited, ())
    if node is None:
        return empty
    s = r.mapping(node, key, keys_of(m.Section))
    if s is None:
        return empty
    source = r.source(s, key, inherited)

    def build(sf: Fields, what: str) -> m.Step:
        return m.Step(
            r.ident(sf, what), r.text(sf, "title", what), r.text(sf, "text", what),
            r.source(sf, what, source),
        )

    steps = r.items(s, "steps", key, build, keys_of(m.Step))
    return m.Section(
        r.text(s, "title", key), r.text(s, "intro", key, False),
        r.text(s, "closing", key, False), source, steps,
    )


def read_guide(r: Reader, root: Node) -> m.Guide | None:
    top = r.mapping(root, "guide.yaml", ["intro", "not_a_test", "howto", "qualities",
                                         "way_forward"])
    if top is None:
        return None
    intro_title = intro_text = source = ""
    intro_node = r.get(top, "intro", "guide.yaml", True)
    i = None
    if intro_node is not None:
        i = r.mapping(intro_node, "intro", ["title", "text", "source"])
    if i is not None:
        intro_title, intro_text = r.text(i, "title", "intro"), r.text(i, "text", "intro")
        source = r.source(i, "intro")
    quality_title = quality_intro = ""
    qualities: tuple[m.Quality, ...] = ()
    q_node = r.get(top, "qualities", "guide.yaml", True)
    if q_node is not None and (
        q := r.mapping(q_node, "qualities", ["title", "intro", "source", "items"])
    ):
        quality_title = r.text(q, "title", "qualities")
        quality_intro = r.text(q, "intro", "qualities", False)
        q_source = r.source(q, "qualities", source)

        def build(f: Fields, what: str) -> m.Quality:
            return m.Quality(
                r.ident(f, what), r.text(f, "name", what), r.text(f, "meaning", what),
                r.source(f, what, q_source),
            )

        qualities = r.items(q, "items", "qualities", build, keys_of(m.Quality))
    return m.Guide(
        intro_title=intro_title,
        intro=intro_text,
        not_a_test=r.text(top, "not_a_test", "guide.yaml"),
        source=source,
        howto=_read_section(r, top, "howto", source),
        qualities_title=quality_title,
        qualities_intro=quality_intro,
        qualities=qualities,
        way_forward=_read_section(r, top, "way_forward", source),
    )


def _question_builder(r: Reader, inherited: str) -> Callable[[Fields, str], m.Question]:
    def build(f: Fields, what: str) -> m.Question:
        return m.Question(
            r.ident(f, what), r.text(f, "text", what), r.text(f, "hint", what, False),
            r.source(f, what, inherited), r.other_source(f, "adapted_from", what),
            r.other_source(f, "hint_source", what),
        )

    return build


def read_areas(r: Reader, root: Node) -> tuple[m.Area, ...]:
    top = r.mapping(root, "areas.yaml", ["areas"])
    if top is None:
        return ()

    def build_area(f: Fields, what: str) -> m.Area:
        area_id = r.ident(f, what)
        what = say("what_area", id=area_id) if area_id else what
        source = r.source(f, what)

        def build_value(vf: Fields, vwhat: str) -> m.Value:
            return m.Value(
                r.ident(vf, vwhat), r.text(vf, "name", vwhat), r.text(vf, "meaning", vwhat),
                area_id, r.source(vf, vwhat, source), r.flag(vf, "pillar", vwhat),
                note=r.text(vf, "note", vwhat, False),
                note_source=r.other_source(vf, "note_source", vwhat),
            )

        def build_example(ef: Fields, ewhat: str) -> m.Example:
            return m.Example(r.ident(ef, ewhat), r.text(ef, "text", ewhat),
                             r.source(ef, ewhat, source))

        def build_dilemma(df: Fields, dwhat: str) -> m.Dilemma:
            return m.Dilemma(
                r.ident(df, dwhat), r.text(df, "title", dwhat), r.text(df, "text", dwhat),
                r.source(df, dwhat, source),
                follow_up=r.text(df, "follow_up", dwhat, False),
                follow_up_source=r.other_source(df, "follow_up_source", dwhat),
            )

        declared = r.integer(f, "value_count", what)
        values = r.items(f, "values", what, build_value, keys_of(m.Value, without=["area_id"]))
        if declared and "values" in f and len(values) != declared:
            r.problem(f["value_count"][1], say("value_count", what=what, declared=declared,
                                               count=len(values)))
        questions = r.items(f, "questions", what, _question_builder(r, source),
                            keys_of(m.Question))
        if "questions" in f and len(questions) < MIN_AREA_QUESTIONS:
            r.problem(f["questions"][0], say("few_questions", what=what, count=len(questions),
                                             least=MIN_AREA_QUESTIONS))
        return m.Area(
            id=area_id,
            number=r.integer(f, "number", what),
            title=r.text(f, "title", what),
            intro=r.text(f, "intro", what),
            source=source,
            values=values,
            questions=questions,
            examples_intro=r.text(f, "examples_intro", what, False),
            examples=r.items(f, "examples", what, build_example, keys_of(m.Example), False),
            dilemmas=r.items(f, "dilemmas", what, build_dilemma, keys_of(m.Dilemma), False),
        )

    allowed = keys_of(m.Area, extra=["value_count"])
    return r.items(top, "areas", "areas.yaml", build_area, allowed)


def read_chime(r: Reader, root: Node) -> tuple[str, str, tuple[m.ChimeElement, ...], str]:
    """The intro, its source, the elements, and the document the intro was adapted
    from (``intro_adapted_from``: refleks reworded it; empty when it is the source's)."""
    top = r.mapping(root, "chime.yaml", ["intro", "intro_adapted_from", "source", "elements"])
    if top is None:
        return "", "", (), ""
    source = r.source(top, "chime.yaml")
    adapted_from = r.other_source(top, "intro_adapted_from", "chime.yaml")

    def build(f: Fields, what: str) -> m.ChimeElement:
        element_id = r.ident(f, what)
        what = say("what_chime", id=element_id) if element_id else what
        own = r.source(f, what, source)
        description_source = r.text(f, "description_source", what, False)
        needs_source = r.text(f, "needs_source", what, False)
        for key in ("description_source", "needs_source"):
            if key in f and r.text(f, key, what, False):
                r.sources.append((r.text(f, key, what, False), f[key][1]))
        return m.ChimeElement(
            id=element_id,
            name=r.text(f, "name", what),
            model_name=r.text(f, "model_name", what),
            description=r.text(f, "description", what),
            needs=r.strings(f, "needs", what),
            questions=r.items(f, "questions", what, _question_builder(r, own),
                              keys_of(m.Question)),
            source=own,
            description_source=description_source or own,
            needs_source=needs_source or own,
        )

    elements = r.items(top, "elements", "chime.yaml", build, keys_of(m.ChimeElement))
    return r.text(top, "intro", "chime.yaml"), source, elements, adapted_from


def read_methods(r: Reader, root: Node) -> tuple[str, str, tuple[m.Method, ...]]:
    top = r.mapping(root, "methods.yaml", ["intro", "source", "methods"])
    if top is None:
        return "", "", ()
    source = r.source(top, "methods.yaml")

    def build(f: Fields, what: str) -> m.Method:
        method_id = r.ident(f, what)
        what = say("what_method", id=method_id) if method_id else what

        def build_point(pf: Fields, pwhat: str) -> m.MethodPoint:
            return m.MethodPoint(r.text(pf, "title", pwhat), r.text(pf, "text", pwhat))

        return m.Method(
            id=method_id,
            number=r.integer(f, "number", what),
            title=r.text(f, "title", what),
            summary=r.text(f, "summary", what),
            points=r.items(f, "points", what, build_point, keys_of(m.MethodPoint)),
            prompt=r.text(f, "prompt", what),
            source=r.source(f, what, source),
            prompt_source=r.other_source(f, "prompt_source", what),
        )

    methods = r.items(top, "methods", "methods.yaml", build, keys_of(m.Method))
    return r.text(top, "intro", "methods.yaml"), source, methods


def read_collections(r: Reader, root: Node) -> tuple[m.Collection, ...]:
    top = r.mapping(root, "collections.yaml", ["collections"])
    if top is None:
        return ()

    def build(f: Fields, what: str) -> m.Collection:
        collection_id = r.ident(f, what)
        what = say("what_collection", id=collection_id) if collection_id else what
        source = r.source(f, what)
        kind = r.text(f, "kind", what)
        if kind and kind not in COLLECTION_KINDS:
            r.problem(f["kind"][1], say("bad_kind", kind=kind, what=what,
                                        kinds=", ".join(COLLECTION_KINDS)))

        def build_item(itf: Fields, iwhat: str) -> m.Item:
            return m.Item(
                id=r.ident(itf, iwhat), text=r.text(itf, "text", iwhat),
                source=r.source(itf, iwhat, source), title=r.text(itf, "title", iwhat, False),
                remedy=r.text(itf, "remedy", iwhat, False),
                title_source=r.other_source(itf, "title_source", iwhat),
            )

        return m.Collection(
            id=collection_id, title=r.text(f, "title", what),
            intro=r.text(f, "intro", what, False), source=source, kind=kind,
            items=r.items(f, "items", what, build_item, keys_of(m.Item)),
            intro_source=r.other_source(f, "intro_source", what),
            title_source=r.other_source(f, "title_source", what),
        )

    return r.items(top, "collections", "collections.yaml", build, keys_of(m.Collection))


def read_guard(r: Reader, root: Node) -> m.GuardWords:
    """``guard.yaml``: the confidentiality guard's names (optional file, see loader)."""
    top = r.mapping(root, "guard.yaml", keys_of(m.GuardWords))
    if top is None:
        return m.GuardWords()
    what = "guard.yaml"

    def words(key: str) -> tuple[str, ...]:
        return r.strings(top, key, what) if key in top else ()

    def source(key: str) -> str:
        return r.text(top, key, what, required=False)

    return m.GuardWords(
        names=r.strings(top, "names", what), common_words=words("common_words"),
        sami_names=words("sami_names"), immigrant_names=words("immigrant_names"),
        places=words("places"), conditions=words("conditions"),
        names_source=source("names_source"), sami_names_source=source("sami_names_source"),
        immigrant_names_source=source("immigrant_names_source"),
        places_source=source("places_source"), conditions_source=source("conditions_source"),
    )
