"""The bundled content is complete and valid; broken content is reported precisely."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from refleks.content.loader import check_folder, load_content
from refleks.content.ui import load_strings
from refleks.paths import bundled_content_dir

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

VALUE_IDS = {
    "relasjonell": ["empati", "respekt", "tillit", "autentisitet", "naervaer", "talmodighet",
                    "anerkjennelse", "varme", "lyttende-holdning", "tilgjengelighet"],
    "menneskesyn": ["likeverd", "styrkefokus", "hap", "ydmykhet", "respekt-for-livshistorie",
                    "brukerperspektiv", "individuell-tilpasning", "tro-pa-egenkraft",
                    "partnerskap", "normalisering"],
    "etikk": ["selvbestemmelse", "brukermedvirkning", "inkludering", "antistigma",
              "rettferdighet", "menneskerettighetsfokus", "etisk-ansvarlighet",
              "trygghet-og-forutsigbarhet", "samtykkekompetanse", "beskyttelse-uten-overstyring"],
    "refleksiv": ["ta-imot-tilbakemelding", "selvinnsikt", "kompetansedeling",
                  "kritisk-bevissthet", "refleksjonsevne", "nysgjerrighet",
                  "toleranse-for-usikkerhet", "fleksibilitet", "ansvarlighet", "laeringsvilje"],
}
CHIME = {
    "chime.connectedness": ("Tilhørighet og tilknytning", "Connectedness"),
    "chime.hope": ("Håp og optimisme", "Hope"),
    "chime.identity": ("Identitet og egenverd", "Identity"),
    "chime.meaning": ("Mening og mestring", "Meaning"),
    "chime.empowerment": ("Selvstendighet og sjølråderett", "Empowerment"),
}
QUALITIES = ["quality.empati-nysgjerrighet", "quality.talmodighet-fleksibilitet",
             "quality.ydmykhet-refleksjonsevne"]
DILEMMAS = ["dilemma.onsker-og-risiko", "dilemma.tale-usikkerhet",
            "dilemma.maktbruk-med-respekt"]


@pytest.fixture(scope="module")
def both():
    base = bundled_content_dir()
    return load_content(base, "nb", check_all=True), load_content(base, "en", check_all=True)


def test_bundled_content_has_no_problems() -> None:
    problems, folders = check_folder(bundled_content_dir())
    assert problems == []
    assert folders["nb"].content is not None and folders["en"].content is not None


@pytest.mark.parametrize("lang", [0, 1])
def test_every_value_quality_chime_method_and_dilemma_is_there(both, lang: int) -> None:
    content = both[lang]
    assert [a.id for a in content.areas] == list(VALUE_IDS)
    for area in content.areas:
        assert [v.id for v in area.values] == VALUE_IDS[area.id]
        assert all(v.name and v.meaning for v in area.values)
        assert len(area.questions) >= 3
    assert [q.id for q in content.guide.qualities] == QUALITIES
    assert [e.id for e in content.chime] == list(CHIME)
    assert [e.model_name for e in content.chime] == [en for _, en in CHIME.values()]
    assert all(e.needs and e.questions and e.description for e in content.chime)
    assert [m.id for m in content.methods] == [f"method.{n}" for n in range(1, 11)]
    assert all(m.points and m.prompt for m in content.methods)
    dilemmas = [d.id for a in content.areas for d in a.dilemmas]
    assert dilemmas == DILEMMAS
    assert len(content.guide.howto.steps) == 4
    assert len(content.guide.way_forward.steps) == 4


def test_norwegian_chime_names_are_the_brochures(both) -> None:
    nb, en = both
    assert [e.name for e in nb.chime] == [name for name, _ in CHIME.values()]
    assert [e.name for e in en.chime] != [e.name for e in nb.chime]  # really translated


def test_english_is_a_translation_not_a_copy(both) -> None:
    nb, en = both
    nb_values = [v.meaning for v in nb.values_by_id.values()]
    en_values = [v.meaning for v in en.values_by_id.values()]
    same = [a for a, b in zip(nb_values, en_values, strict=True) if a == b]
    assert same == []
    assert load_strings("en")("home.start") != load_strings("nb")("home.start")


def test_every_item_names_a_known_source(both) -> None:
    for content in both:
        known = {s.id for s in content.sources}
        assert {"verdier-og-holdninger", "ks-verdigrunnlag", "ti-metoder", "recoveryteam",
                "recovery-slides", "refleks"} <= known
        sources = [v.source for v in content.values_by_id.values()]
        sources += [c.source for c in content.collections]
        sources += [i.source for c in content.collections for i in c.items]
        sources += [m.source for m in content.methods] + [e.source for e in content.chime]
        assert set(sources) <= known


def _normalise(text: str) -> str:
    return re.sub(r"[^a-zæøå]+", " ", text.lower()).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not beside the repo")
def test_norwegian_value_names_come_from_the_documents(both) -> None:
    nb, _ = both
    seed = _normalise((SEEDS / "001_10f787f371a8f68c.txt").read_text(encoding="utf-8"))
    seed = seed.replace("samtykkekompetans e", "samtykkekompetanse")
    missing = [v.name for v in nb.values_by_id.values() if _normalise(v.name) not in seed]
    assert missing == []


def test_no_contact_details_from_the_sources() -> None:
    for path in bundled_content_dir().rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.]+@[\w.]+\.\w+", text), path


# -- broken content ------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of the bundled content to break in small ways."""
    target = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` with ``new``; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old):], encoding="utf-8")
    return text.count("\n", 0, index) + 1


def _problems(folder: Path) -> list[str]:
    problems, _ = check_folder(folder, load_strings("en"))
    return [str(p) for p in problems]


def test_malformed_yaml_names_file_and_line(folder: Path) -> None:
    line = _edit(folder / "nb" / "areas.yaml", "    values:\n", "    values: [\n")
    problems = _problems(folder)
    assert any(p.startswith("content/nb/areas.yaml:") and "malformed YAML" in p for p in problems)
    reported = int(next(p for p in problems if "malformed" in p).split(":")[1])
    assert reported >= line


def test_missing_required_field(folder: Path) -> None:
    line = _edit(folder / "en" / "areas.yaml", "        meaning:", "        meening:")
    problems = _problems(folder)
    assert f"content/en/areas.yaml:{line}:9: unknown field 'meening'" in " ".join(problems)
    assert any("missing the required field 'meaning'" in p for p in problems)


def test_the_allowed_fields_are_the_models_fields(folder: Path) -> None:
    """A field added to a dataclass is accepted in YAML without restating it anywhere."""
    import dataclasses

    from refleks.content.model import Area, Value

    _edit(folder / "en" / "areas.yaml", "        meaning:", "        meening:")
    _edit(folder / "en" / "areas.yaml", "    value_count:", "    value_cuont:")
    problems = " ".join(_problems(folder))
    value_keys = sorted(f.name for f in dataclasses.fields(Value) if f.name != "area_id")
    area_keys = sorted([f.name for f in dataclasses.fields(Area)] + ["value_count"])
    assert (f"unknown field 'meening' in area 'relasjonell' values[1] "
            f"(known: {', '.join(value_keys)})") in problems
    assert f"(known: {', '.join(area_keys)})" in problems


def test_empty_required_field(folder: Path) -> None:
    path = folder / "nb" / "chime.yaml"
    text = path.read_text(encoding="utf-8")
    name_line = next(i for i, ln in enumerate(text.splitlines(), 1) if "name:" in ln)
    original = text.splitlines()[name_line - 1]
    _edit(path, original, original.split("name:")[0] + 'name: ""')
    assert any(p.startswith(f"content/nb/chime.yaml:{name_line}:") and "'name'" in p
               and "is empty" in p for p in _problems(folder))


def test_wrong_type(folder: Path) -> None:
    line = _edit(folder / "nb" / "areas.yaml", "value_count: 10", "value_count: ti")
    assert any(p.startswith(f"content/nb/areas.yaml:{line}:") and "whole number" in p
               for p in _problems(folder))


def test_duplicate_id(folder: Path) -> None:
    line = _edit(folder / "nb" / "areas.yaml", "id: respekt\n", "id: empati\n")
    problems = _problems(folder)
    assert any(p.startswith(f"content/nb/areas.yaml:{line}:") and "duplicate id 'empati'" in p
               for p in problems)


def test_unknown_source_reference(folder: Path) -> None:
    line = _edit(folder / "en" / "methods.yaml", "source: ti-metoder", "source: ti-metodr")
    assert any(p.startswith(f"content/en/methods.yaml:{line}:") and "unknown source 'ti-metodr'"
               in p for p in _problems(folder))


def test_item_missing_in_the_other_language(folder: Path) -> None:
    line = _edit(folder / "nb" / "areas.yaml", "id: varme\n", "id: varme-ny\n")
    problems = _problems(folder)
    assert any(p.startswith(f"content/nb/areas.yaml:{line}:")
               and "'varme-ny' is in 'nb' but missing in 'en'" in p for p in problems)
    assert any("'varme' is in 'en' but missing in 'nb'" in p for p in problems)


def test_interface_text_missing_in_one_language(folder: Path) -> None:
    path = folder / "en" / "ui" / "home.yaml"
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if not ln.startswith("quit:")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any("interface text 'home.quit' is in 'nb' but missing in 'en'" in p
               for p in _problems(folder))


def test_area_with_too_few_questions(tmp_path: Path) -> None:
    base = tmp_path / "content"
    for lang in ("nb", "en"):
        shutil.copytree(bundled_content_dir() / lang, base / lang)
        path = base / lang / "areas.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("      - id: relasjonell.q2")
        end = text.index("      - id: relasjonell.q4")
        path.write_text(text[:start] + text[end:], encoding="utf-8")
    problems = [str(p) for p in check_folder(base, load_strings("en"))[0]]
    assert any("area 'relasjonell' has 2 questions; at least 3 are needed" in p
               and p.startswith("content/nb/areas.yaml:") for p in problems)


def test_value_count_must_match(folder: Path) -> None:
    line = _edit(folder / "nb" / "areas.yaml", "value_count: 10", "value_count: 11")
    assert any(p.startswith(f"content/nb/areas.yaml:{line}:")
               and "declares value_count 11 but has 10 values" in p for p in _problems(folder))


def test_all_problems_are_collected_at_once(folder: Path) -> None:
    _edit(folder / "nb" / "areas.yaml", "value_count: 10", "value_count: 9")
    _edit(folder / "en" / "methods.yaml", "source: ti-metoder", "source: nowhere")
    _edit(folder / "nb" / "guide.yaml", "not_a_test:", "not_a_tst:")
    assert len(_problems(folder)) >= 4


def test_load_content_refuses_a_broken_team_folder(folder: Path) -> None:
    from refleks.content.loader import ContentError

    _edit(folder / "nb" / "areas.yaml", "value_count: 10", "value_count: 9")
    with pytest.raises(ContentError) as caught:
        load_content(folder, "en")
    assert "declares value_count 9" in str(caught.value)
    with pytest.raises(ContentError) as caught:
        load_content(folder, "nb")  # the problems in the language of the app
    assert "oppgir value_count 9, men har 10 verdier" in str(caught.value)
