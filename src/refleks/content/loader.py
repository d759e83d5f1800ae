"""Turn a content folder into ``Content``, or into every problem it has.

The YAML is composed into nodes (not plain dicts) so each problem can name
``file:line:column``. All problems are collected before anything is reported: a
content editor fixes a folder in one pass, not one error at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from refleks.content import model as m
from refleks.content.ui import LANGUAGES, Strings, load_strings
from refleks.errors import RefleksError
from refleks.settings import locale_language

CONTENT_FILES = ("sources", "guide", "areas", "chime", "methods", "collections")
COLLECTION_KINDS = ("questions", "statements", "cards", "challenges")
MIN_AREA_QUESTIONS = 3
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
OWN_SOURCE = "refleks"


_SPEAKER: ContextVar[Strings | None] = ContextVar("content_check_strings", default=None)


def _say(problem: str, /, **values: object) -> str:
    """A problem described in the interface language of this check."""
    t = _SPEAKER.get()
    if t is None:
        t = load_strings(locale_language())
    return t(f"content_check.{problem}", **values)


@contextmanager
def speaking(t: Strings | None) -> Iterator[None]:
    token = _SPEAKER.set(t)
    try:
        yield
    finally:
        _SPEAKER.reset(token)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ContentError(RefleksError):
    """The content folder has problems; ``str()`` lists every one, a line each."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def _yaml() -> Any:
    import yaml

    return yaml


@dataclass
class Reader:
    """Reads one YAML file's nodes, recording problems with their positions."""

    path: Path
    display: str
    problems: list[Problem]
    ids: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # id → position
    sources: list[tuple[str, Any]] = field(default_factory=list)  # referenced source ids

    def problem(self, node: Any, message: str) -> None:
        mark = node.start_mark if node is not None else None
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        self.problems.append(Problem(self.display, line, column, message))

    def compose(self) -> Any:
        yaml = _yaml()
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.problems.append(Problem(self.display, 1, 1, _say("file_missing")))
            return None
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(self.display, 1, 1, _say("unreadable", reason=exc)))
            return None
        try:
            node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            reason = exc.problem or exc.context or ""
            self.problems.append(Problem(self.display, line, column,
                                         _say("malformed", reason=reason)))
            return None
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.display, 1, 1, _say("malformed", reason=exc)))
            return None
        if node is None:
            self.problems.append(Problem(self.display, 1, 1, _say("empty_file")))
        return node

    # -- shapes ---------------------------------------------------------------------

    def mapping(self, node: Any, what: str, allowed: Iterable[str]) -> dict[str, Any] | None:
        yaml = _yaml()
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, _say("not_mapping", what=what))
            return None
        fields: dict[str, Any] = {}
        allowed_set = set(allowed)
        for key_node, value_node in node.value:
            key = key_node.value
            if key in fields:
                self.problem(key_node, _say("field_twice", key=key, what=what))
                continue
            if key not in allowed_set:
                known = ", ".join(sorted(allowed_set))
                self.problem(key_node, _say("unknown_field", key=key, what=what, known=known))
                continue
            fields[key] = (key_node, value_node)
        fields["__node__"] = node
        return fields

    def _get(self, fields: dict[str, Any], key: str, what: str, required: bool) -> Any:
        if key in fields:
            return fields[key][1]
        if required:
            self.problem(fields["__node__"], _say("missing_field", key=key, what=what))
        return None

    def text(self, fields: dict[str, Any], key: str, what: str, required: bool = True) -> str:
        yaml = _yaml()
        node = self._get(fields, key, what, required)
        if node is None:
            return ""
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            if isinstance(node, yaml.ScalarNode):
                if required:
                    self.problem(node, _say("empty_field", key=key, what=what))
                return ""
            self.problem(node, _say("not_text", key=key, what=what))
            return ""
        value = str(node.value).strip()
        if not value and required:
            self.problem(node, _say("empty_field", key=key, what=what))
        return value

    def integer(self, fields: dict[str, Any], key: str, what: str, required: bool = True) -> int:
        yaml = _yaml()
        node = self._get(fields, key, what, required)
        if node is None:
            return 0
        if not isinstance(node, yaml.ScalarNode) or not re.fullmatch(r"\d+", node.value):
            self.problem(node, _say("not_number", key=key, what=what))
            return 0
        return int(node.value)

    def sequence(
        self, fields: dict[str, Any], key: str, what: str, required: bool = True
    ) -> list[Any]:
        yaml = _yaml()
        node = self._get(fields, key, what, required)
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, _say("not_list", key=key, what=what))
            return []
        if not node.value and required:
            self.problem(node, _say("empty_field", key=key, what=what))
        return list(node.value)

    def strings(self, fields: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
        yaml = _yaml()
        out = []
        for node in self.sequence(fields, key, what):
            if isinstance(node, yaml.ScalarNode) and str(node.value).strip():
                out.append(str(node.value).strip())
            else:
                self.problem(node, _say("bad_entry", key=key, what=what))
        return tuple(out)

    def ident(self, fields: dict[str, Any], what: str) -> str:
        value = self.text(fields, "id", what)
        if not value:
            return ""
        node = fields["id"][1]
        if not ID_PATTERN.match(value):
            self.problem(node, _say("bad_id", id=value))
        if value in self.ids:
            first = self.ids[value]
            self.problem(node, _say("duplicate_id", id=value, where=f"{first[0]}:{first[1]}"))
        else:
            self.ids[value] = (self.display, node.start_mark.line + 1, node.start_mark.column + 1)
        return value

    def source(self, fields: dict[str, Any], what: str, inherited: str = "") -> str:
        if "source" not in fields:
            if not inherited:
                self.problem(fields["__node__"], _say("missing_field", key="source", what=what))
            return inherited
        value = self.text(fields, "source", what)
        if value:
            self.sources.append((value, fields["source"][1]))
        return value or inherited

    def items(
        self,
        fields: dict[str, Any],
        key: str,
        what: str,
        build: Callable[[dict[str, Any], str], Any],
        allowed: Iterable[str],
        required: bool = True,
    ) -> tuple[Any, ...]:
        built = []
        allowed = tuple(allowed)
        for index, node in enumerate(self.sequence(fields, key, what, required), start=1):
            label = f"{what} {key}[{index}]"
            item_fields = self.mapping(node, label, allowed)
            if item_fields is not None:
                result = build(item_fields, label)
                if result is not None:
                    built.append(result)
        return tuple(built)


@dataclass
class LanguageFolder:
    """The result of reading one language: content (if it could be built) and ids."""

    lang: str
    ids: dict[str, tuple[str, int, int]]
    ui_keys: dict[str, tuple[str, int, int]]
    content: m.Content | None


def _read_sources(r: Reader, root: Any) -> tuple[m.Source, ...]:
    top = r.mapping(root, "sources.yaml", ["sources"])
    if top is None:
        return ()

    def build(f: dict[str, Any], what: str) -> m.Source:
        return m.Source(
            r.ident(f, what), r.text(f, "title", what), r.text(f, "description", what, False)
        )

    return r.items(top, "sources", "sources.yaml", build, ["id", "title", "description"])


def _read_section(r: Reader, f: dict[str, Any], key: str, inherited: str) -> m.Section:
    node = r._get(f, key, "guide.yaml", True)
    empty = m.Section("", "", "", inherited, ())
    if node is None:
        return empty
    s = r.mapping(node, key, ["title", "intro", "closing", "source", "steps"])
    if s is None:
        return empty
    source = r.source(s, key, inherited)

    def build(sf: dict[str, Any], what: str) -> m.Step:
        return m.Step(
            r.ident(sf, what), r.text(sf, "title", what), r.text(sf, "text", what),
            r.source(sf, what, source),
        )

    steps = r.items(s, "steps", key, build, ["id", "title", "text", "source"])
    return m.Section(
        r.text(s, "title", key), r.text(s, "intro", key, False),
        r.text(s, "closing", key, False), source, steps,
    )


def _read_guide(r: Reader, root: Any) -> m.Guide | None:
    fields = ["intro", "not_a_test", "howto", "qualities", "way_forward"]
    top = r.mapping(root, "guide.yaml", fields)
    if top is None:
        return None
    intro_title = intro_text = source = ""
    intro_node = r._get(top, "intro", "guide.yaml", True)
    i = None
    if intro_node is not None:
        i = r.mapping(intro_node, "intro", ["title", "text", "source"])
    if i is not None:
        intro_title, intro_text = r.text(i, "title", "intro"), r.text(i, "text", "intro")
        source = r.source(i, "intro")
    quality_title = quality_intro = ""
    qualities: tuple[m.Quality, ...] = ()
    q_node = r._get(top, "qualities", "guide.yaml", True)
    if q_node is not None and (
        q := r.mapping(q_node, "qualities", ["title", "intro", "source", "items"])
    ):
        quality_title = r.text(q, "title", "qualities")
        quality_intro = r.text(q, "intro", "qualities", False)
        q_source = r.source(q, "qualities", source)

        def build(f: dict[str, Any], what: str) -> m.Quality:
            return m.Quality(
                r.ident(f, what), r.text(f, "name", what), r.text(f, "meaning", what),
                r.source(f, what, q_source),
            )

        qualities = r.items(q, "items", "qualities", build, ["id", "name", "meaning", "source"])
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


def _question_builder(r: Reader, inherited: str) -> Callable[[dict[str, Any], str], m.Question]:
    def build(f: dict[str, Any], what: str) -> m.Question:
        return m.Question(
            r.ident(f, what), r.text(f, "text", what), r.text(f, "hint", what, False),
            r.source(f, what, inherited),
        )

    return build


def _read_areas(r: Reader, root: Any) -> tuple[m.Area, ...]:
    top = r.mapping(root, "areas.yaml", ["areas"])
    if top is None:
        return ()

    def build_area(f: dict[str, Any], what: str) -> m.Area:
        area_id = r.ident(f, what)
        what = _say("what_area", id=area_id) if area_id else what
        source = r.source(f, what)

        def build_value(vf: dict[str, Any], vwhat: str) -> m.Value:
            return m.Value(
                r.ident(vf, vwhat), r.text(vf, "name", vwhat), r.text(vf, "meaning", vwhat),
                area_id, r.source(vf, vwhat, source),
            )

        def build_example(ef: dict[str, Any], ewhat: str) -> m.Example:
            return m.Example(r.ident(ef, ewhat), r.text(ef, "text", ewhat),
                             r.source(ef, ewhat, source))

        def build_dilemma(df: dict[str, Any], dwhat: str) -> m.Dilemma:
            return m.Dilemma(
                r.ident(df, dwhat), r.text(df, "title", dwhat), r.text(df, "text", dwhat),
                r.source(df, dwhat, source),
            )

        declared = r.integer(f, "value_count", what)
        values = r.items(f, "values", what, build_value, ["id", "name", "meaning", "source"])
        if declared and "values" in f and len(values) != declared:
            r.problem(f["value_count"][1], _say("value_count", what=what, declared=declared,
                                                count=len(values)))
        questions = r.items(f, "questions", what, _question_builder(r, source),
                            ["id", "text", "hint", "source"])
        if "questions" in f and len(questions) < MIN_AREA_QUESTIONS:
            r.problem(f["questions"][0], _say("few_questions", what=what, count=len(questions),
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
            examples=r.items(f, "examples", what, build_example, ["id", "text", "source"], False),
            dilemmas=r.items(f, "dilemmas", what, build_dilemma,
                             ["id", "title", "text", "source"], False),
        )

    allowed = ["id", "number", "title", "intro", "source", "value_count", "values", "questions",
               "examples_intro", "examples", "dilemmas"]
    return r.items(top, "areas", "areas.yaml", build_area, allowed)


def _read_chime(r: Reader, root: Any) -> tuple[str, str, tuple[m.ChimeElement, ...]]:
    top = r.mapping(root, "chime.yaml", ["intro", "source", "elements"])
    if top is None:
        return "", "", ()
    source = r.source(top, "chime.yaml")

    def build(f: dict[str, Any], what: str) -> m.ChimeElement:
        element_id = r.ident(f, what)
        what = _say("what_chime", id=element_id) if element_id else what
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
                              ["id", "text", "hint", "source"]),
            source=own,
            description_source=description_source or own,
            needs_source=needs_source or own,
        )

    allowed = ["id", "name", "model_name", "description", "description_source", "needs",
               "needs_source", "questions", "source"]
    elements = r.items(top, "elements", "chime.yaml", build, allowed)
    return r.text(top, "intro", "chime.yaml"), source, elements


def _read_methods(r: Reader, root: Any) -> tuple[str, str, tuple[m.Method, ...]]:
    top = r.mapping(root, "methods.yaml", ["intro", "source", "methods"])
    if top is None:
        return "", "", ()
    source = r.source(top, "methods.yaml")

    def build(f: dict[str, Any], what: str) -> m.Method:
        method_id = r.ident(f, what)
        what = _say("what_method", id=method_id) if method_id else what

        def build_point(pf: dict[str, Any], pwhat: str) -> m.MethodPoint:
            return m.MethodPoint(r.text(pf, "title", pwhat), r.text(pf, "text", pwhat))

        return m.Method(
            id=method_id,
            number=r.integer(f, "number", what),
            title=r.text(f, "title", what),
            summary=r.text(f, "summary", what),
            points=r.items(f, "points", what, build_point, ["title", "text"]),
            prompt=r.text(f, "prompt", what),
            source=r.source(f, what, source),
        )

    allowed = ["id", "number", "title", "summary", "points", "prompt", "source"]
    methods = r.items(top, "methods", "methods.yaml", build, allowed)
    return r.text(top, "intro", "methods.yaml"), source, methods


def _read_collections(r: Reader, root: Any) -> tuple[m.Collection, ...]:
    top = r.mapping(root, "collections.yaml", ["collections"])
    if top is None:
        return ()

    def build(f: dict[str, Any], what: str) -> m.Collection:
        collection_id = r.ident(f, what)
        what = _say("what_collection", id=collection_id) if collection_id else what
        source = r.source(f, what)
        kind = r.text(f, "kind", what)
        if kind and kind not in COLLECTION_KINDS:
            r.problem(f["kind"][1], _say("bad_kind", kind=kind, what=what,
                                         kinds=", ".join(COLLECTION_KINDS)))

        def build_item(itf: dict[str, Any], iwhat: str) -> m.Item:
            return m.Item(
                id=r.ident(itf, iwhat), text=r.text(itf, "text", iwhat),
                source=r.source(itf, iwhat, source), title=r.text(itf, "title", iwhat, False),
                remedy=r.text(itf, "remedy", iwhat, False),
            )

        return m.Collection(
            id=collection_id, title=r.text(f, "title", what),
            intro=r.text(f, "intro", what, False), source=source, kind=kind,
            items=r.items(f, "items", what, build_item,
                          ["id", "title", "text", "remedy", "source"]),
        )

    allowed = ["id", "title", "intro", "source", "kind", "items"]
    return r.items(top, "collections", "collections.yaml", build, allowed)


def _read_ui(folder: Path, base: Path, problems: list[Problem]) -> dict[str, tuple[str, int, int]]:
    """Check ``ui/*.yaml`` parse and hold only text; return each key's position."""
    yaml = _yaml()
    keys: dict[str, tuple[str, int, int]] = {}
    if not folder.is_dir():
        return keys
    for path in sorted(folder.glob("*.yaml")):
        r = Reader(path, _display(path, base), problems)
        root = r.compose()
        if root is None:
            continue

        def walk(prefix: str, node: Any, r: Reader = r) -> None:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    walk(f"{prefix}.{key_node.value}", value_node)
            elif isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
                keys[prefix] = (r.display, node.start_mark.line + 1, node.start_mark.column + 1)
            else:
                r.problem(node, _say("ui_not_text", key=prefix))

        walk(path.stem, root)
    return keys


def _display(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base.parent))
    except ValueError:
        return str(path)


def read_language(base: Path, lang: str, problems: list[Problem]) -> LanguageFolder:
    """Read and check one language folder; problems are appended, never raised."""
    folder = base / lang
    if not folder.is_dir():
        problems.append(Problem(_display(folder, base), 1, 1, _say("no_language", lang=lang)))
        return LanguageFolder(lang, {}, {}, None)
    start = len(problems)
    ids: dict[str, tuple[str, int, int]] = {}
    referenced: list[tuple[str, Any, Reader]] = []
    roots: dict[str, tuple[Reader, Any]] = {}
    for name in CONTENT_FILES:
        path = folder / f"{name}.yaml"
        r = Reader(path, _display(path, base), problems, ids)
        roots[name] = (r, r.compose())

    def read(name: str, fn: Callable[[Reader, Any], Any], empty: Any) -> Any:
        r, root = roots[name]
        if root is None:
            return empty
        result = fn(r, root)
        referenced.extend((source_id, node, r) for source_id, node in r.sources)
        return result

    sources = read("sources", _read_sources, ())
    guide = read("guide", _read_guide, None)
    areas = read("areas", _read_areas, ())
    chime_intro, chime_source, chime = read("chime", _read_chime, ("", "", ()))
    methods_intro, methods_source, methods = read("methods", _read_methods, ("", "", ()))
    collections = read("collections", _read_collections, ())

    known_sources = {s.id for s in sources}
    if roots["sources"][1] is not None:
        for source_id, node, r in referenced:
            if source_id not in known_sources:
                r.problem(node, _say("unknown_source", source=source_id))
    numbers: dict[int, str] = {}
    for method in methods:
        if method.number in numbers:
            roots["methods"][0].problem(None, _say("method_twice", number=method.number))
        numbers[method.number] = method.id

    ui_keys = _read_ui(folder / "ui", base, problems)
    content = None
    if len(problems) == start and guide is not None:
        content = m.Content(
            lang=lang, sources=sources, guide=guide, areas=areas, chime_intro=chime_intro,
            chime_source=chime_source, chime=chime, methods_intro=methods_intro,
            methods_source=methods_source, methods=methods, collections=collections,
        )
    return LanguageFolder(lang, ids, ui_keys, content)


def _compare(a: LanguageFolder, b: LanguageFolder, what: str, problems: list[Problem]) -> None:
    mine = getattr(a, what)
    theirs = getattr(b, what)
    for key in sorted(set(mine) - set(theirs)):
        path, line, column = mine[key]
        kind = "missing_id" if what == "ids" else "missing_text"
        problems.append(Problem(path, line, column, _say(kind, key=key, here=a.lang,
                                                         there=b.lang)))


def check_folder(base: Path, t: Strings | None = None,
                 ) -> tuple[list[Problem], dict[str, LanguageFolder]]:
    """Every problem of a content folder (all languages), and what could be read.

    Problems are worded in ``t``'s language (by default the locale's).
    """
    with speaking(t):
        return _check_folder(base)


def _check_folder(base: Path) -> tuple[list[Problem], dict[str, LanguageFolder]]:
    problems: list[Problem] = []
    if not base.is_dir():
        return [Problem(str(base), 1, 1, _say("not_folder"))], {}
    folders = {lang: read_language(base, lang, problems) for lang in LANGUAGES}
    nb, en = folders["nb"], folders["en"]
    for a, b in ((nb, en), (en, nb)):
        if a.content is not None or a.ids:
            if b.ids or b.content is not None:
                _compare(a, b, "ids", problems)
            if b.ui_keys:
                _compare(a, b, "ui_keys", problems)
    return sorted(set(problems)), folders


def load_content(base: Path, lang: str, *, check_all: bool | None = None) -> m.Content:
    """The content of ``base`` in ``lang``, or ``ContentError`` with every problem.

    The bundled content is proven valid by the test suite, so only the requested
    language is read (half the start-up work); a team's own folder is checked in
    full, both languages, before it is used.
    """
    from refleks.paths import bundled_content_dir

    if check_all is None:
        check_all = base.resolve() != bundled_content_dir().resolve()
    with speaking(load_strings(lang)):
        if check_all:
            problems, folders = _check_folder(base)
            folder = folders.get(lang)
        else:
            problems = []
            folder = read_language(base, lang, problems)
        if problems or folder is None or folder.content is None:
            raise ContentError(problems or [Problem(str(base), 1, 1, _say("unreadable",
                                                                         reason="?"))])
    return folder.content

