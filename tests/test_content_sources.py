"""Every item says truthfully where it comes from, and the English keeps to its glossary.

Practitioners trust refleks only if it is exact about what the source documents say and
what refleks wrote itself, so these tests pin the content side of that promise: each item
resolves to a document in ``sources.yaml``, the text refleks wrote is marked ``refleks``,
the documents are described as they describe themselves, and the English uses one word
for each term in ``content/en/GLOSSARY.md``.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from refleks.content.loader import load_content
from refleks.content.model import Content
from refleks.paths import bundled_content_dir

REFLEKS = "refleks"


@pytest.fixture(scope="module")
def both() -> tuple[Content, Content]:
    base = bundled_content_dir()
    return load_content(base, "nb", check_all=True), load_content(base, "en", check_all=True)


# -- sources -------------------------------------------------------------------------------


def shown_items(content: Content) -> Iterator[tuple[str, str]]:
    """(what, source) for everything the library or the check-in can show.

    An item without its own source inherits its container's, as content/README.md says.
    """
    guide = content.guide
    yield "guide.intro", guide.source
    for name, section in (("guide.howto", guide.howto), ("guide.way_forward", guide.way_forward)):
        yield name, section.source
        for step in section.steps:
            yield step.id, step.source or section.source
    for quality in guide.qualities:
        yield quality.id, quality.source
    for area in content.areas:
        yield area.id, area.source
        for value in area.values:
            yield value.id, value.source or area.source
            if value.note:
                yield f"{value.id}.note", value.note_by
        for question in area.questions:
            yield question.id, question.source or area.source
            if question.hint:
                yield f"{question.id}.hint", question.hint_source or question.source or area.source
            if question.adapted_from:
                yield f"{question.id}.adapted_from", question.adapted_from
        for example in area.examples:
            yield example.id, example.source or area.source
        for dilemma in area.dilemmas:
            yield dilemma.id, dilemma.source or area.source
            if dilemma.follow_up:
                yield f"{dilemma.id}.follow_up", dilemma.follow_up_source or dilemma.source
    if content.chime_intro_adapted_from:
        yield "chime.intro", REFLEKS
        yield "chime.intro.adapted_from", content.chime_intro_adapted_from
    else:
        yield "chime.intro", content.chime_source
    for element in content.chime:
        yield element.id, element.source or content.chime_source
        yield f"{element.id}.description", element.description_source or element.source
        yield f"{element.id}.needs", element.needs_source or element.source
        for question in element.questions:
            yield question.id, question.source or element.source
            if question.adapted_from:
                yield f"{question.id}.adapted_from", question.adapted_from
    yield "methods.intro", content.methods_source
    for method in content.methods:
        yield method.id, method.source or content.methods_source
        yield f"{method.id}.prompt", method.prompt_source or method.source
    for collection in content.collections:
        yield collection.id, collection.source
        yield f"{collection.id}.title", collection.title_source or collection.source
        if collection.intro:
            yield f"{collection.id}.intro", collection.intro_source or collection.source
        for item in collection.items:
            yield item.id, item.source or collection.source
            if item.title:
                yield f"{item.id}.title", item.title_source or item.source or collection.source


def source_of(content: Content, item_id: str) -> str:
    return dict(shown_items(content))[item_id]


@pytest.mark.parametrize("lang", [0, 1], ids=["nb", "en"])
def test_every_shown_item_resolves_to_a_listed_source(both, lang: int) -> None:
    content = both[lang]
    known = set(content.sources_by_id)
    unknown = [(what, source) for what, source in shown_items(content) if source not in known]
    assert unknown == []
    assert len(list(shown_items(content))) > 250


def test_both_languages_give_each_item_the_same_source(both) -> None:
    nb, en = both
    assert dict(shown_items(nb)) == dict(shown_items(en))


@pytest.mark.parametrize("lang", [0, 1], ids=["nb", "en"])
def test_what_refleks_wrote_is_marked_refleks(both, lang: int) -> None:
    content = both[lang]
    written = [
        *[f"refleksiv.q{n}" for n in range(1, 7)],       # area 4: the document has none
        "etikk.q1", "etikk.q2", "etikk.q3",                # adapted from the intro's "we"
        *[q.id for e in content.chime for q in e.questions],
        *[i.id for c in content.collections if c.id == "reflection-cards" for i in c.items],
        *[f"{m.id}.prompt" for m in content.methods],
    ]
    written += [f"etikk.q{n}.hint" for n in (1, 2, 3)]
    written += ["team-questions.intro", "society.title"]
    # titles the documents do not have: 003 heads only its first four practice
    # questions, the slides' bullets have none, 002 and 004 none over these paragraphs
    titled = [f"practice.{q}" for q in ("resources", "decisions", "whole-person", "evaluation")]
    titled += [i.id for c in content.collections if c.id == "attitudes" for i in c.items]
    titled += ["value-base.felles", "value-base.behov", "about.roller", "about.tverrfaglig"]
    written += [f"{item}.title" for item in titled]
    sources = dict(shown_items(content))
    assert len(written) == 6 + 3 + 15 + 5 + 10 + 3 + 2 + 4 + 9 + 4
    assert {item: sources[item] for item in written} == dict.fromkeys(written, REFLEKS)


@pytest.mark.parametrize("lang", [0, 1], ids=["nb", "en"])
def test_what_refleks_reworded_names_the_document(both, lang: int) -> None:
    sources = dict(shown_items(both[lang]))
    adapted = {k.removesuffix(".adapted_from"): v for k, v in sources.items()
               if k.endswith(".adapted_from")}
    assert adapted == {
        "etikk.q1": "verdier-og-holdninger", "etikk.q2": "verdier-og-holdninger",
        "etikk.q3": "verdier-og-holdninger", "chime.connectedness.q2": "ti-metoder",
        "chime.hope.q2": "ti-metoder", "chime.meaning.q1": "ti-metoder",
        # the citation and "97 papers" are refleks's, in ti-metoder's intro
        "chime.intro": "ti-metoder",
    }
    # the cards' titles are the recovery team's; the text on them is refleks's
    assert sources["card.drommen.title"] == "recoveryteam"
    assert sources["card.drommen"] == REFLEKS


@pytest.mark.parametrize("lang", [0, 1], ids=["nb", "en"])
def test_references_refleks_added_are_refleks_and_the_documents_stay_as_cited(
        both, lang: int) -> None:
    """004 cites the Norwegian translation of Slade; the English original (2009) is
    named by refleks, in an item of its own. 002 names the Leamy paper (authors in
    another order); the full reference in published order is written by refleks."""
    sources = dict(shown_items(both[lang]))
    items = {i.id: i.text for c in both[lang].collections for i in c.items}
    assert sources["ref.100-rad"] == "recoveryteam" and "2009" not in items["ref.100-rad"]
    assert sources["ref.slade-2009"] == REFLEKS
    assert "Slade" in items["ref.slade-2009"] and "(2009)" in items["ref.slade-2009"]
    assert sources["ref.leamy"] == REFLEKS


@pytest.mark.parametrize("lang", [0, 1], ids=["nb", "en"])
def test_samtykkekompetanse_keeps_the_documents_words_and_refleks_names_the_law(
        both, lang: int) -> None:
    """001 describes informed consent under the word samtykkekompetanse, which in
    Norwegian law is the capacity to consent: the meaning stays the document's, and a
    note written for refleks names the difference and the law."""
    value = both[lang].value("samtykkekompetanse")
    assert value is not None
    meaning = {0: "forståelig og relevant informasjon",
               1: "information that is relevant and easy to understand"}[lang]
    assert meaning in " ".join(value.meaning.split())
    assert value.source == "verdier-og-holdninger" and value.note_by == REFLEKS
    note = " ".join(value.note.split())
    assert "§ 4-3" in note
    assert {0: "informert samtykke", 1: "informed consent"}[lang] in note
    assert {0: "evnen til", 1: "being able to"}[lang] in note
    # only this value has a note: the others are the document's words alone
    notes = [v.id for a in both[lang].areas for v in a.values if v.note]
    assert notes == ["samtykkekompetanse"]


@pytest.mark.parametrize("lang", [0, 1], ids=["nb", "en"])
def test_area_two_marks_its_five_pillars(both, lang: int) -> None:
    content = both[lang]
    pillars = [v.id for a in content.areas for v in a.values if v.pillar]
    assert pillars == ["likeverd", "styrkefokus", "hap", "ydmykhet", "respekt-for-livshistorie"]
    assert {content.value(v).area_id for v in pillars} == {"menneskesyn"}  # type: ignore[union-attr]


def test_the_documents_are_described_as_they_describe_themselves(both) -> None:
    nb, en = both
    ks_nb = nb.sources_by_id["ks-verdigrunnlag"].description
    ks_en = en.sources_by_id["ks-verdigrunnlag"].description
    assert "22. november 2017" in ks_nb and "anbefaler" in ks_nb and "vedtatt" not in ks_nb
    assert "22 November 2017" in ks_en and "recommends" in ks_en and "adopted in" not in ks_en
    assert "8. april 2019" in nb.sources_by_id["recoveryteam"].description
    assert "8 April 2019" in en.sources_by_id["recoveryteam"].description
    for content in both:
        for undated in ("recovery-slides", "verdier-og-holdninger", "ti-metoder"):
            assert "2016" not in content.sources_by_id[undated].description


def test_chime_cites_leamy_and_colleagues_in_their_published_order(both) -> None:
    """The paper's own title ("… in mental illness", not 002's "mental health") and what
    the review synthesised: 97 papers, not 97 studies."""
    order = r"Leamy, M\., Bird, V\., Le Boutillier, C\., Williams, J\. (and|og) Slade, M\. \(2011\)"
    papers = {"nb": "97 artikler", "en": "97 papers"}
    for content in both:
        reference = next(i.text for c in content.collections for i in c.items
                         if i.id == "ref.leamy")
        flat = " ".join(reference.split())
        assert re.search(order, flat)
        assert ("Conceptual framework for personal recovery in mental illness: systematic "
                "review and narrative synthesis") in flat
        assert "199(6), 445–452" in reference
        assert papers[content.lang] in flat and "stud" not in flat
        intro = " ".join(content.chime_intro.split())
        assert papers[content.lang] in intro and "2011" in intro
        assert "97 publ" not in intro
        slade = next(i.text for c in content.collections for i in c.items
                     if i.id == "ref.slade-2009")
        assert "100 ways to support recovery" in " ".join(slade.split())


def test_the_english_says_what_the_recovery_team_says_and_no_more(both) -> None:
    """Shown under the recovery team's name, the English adds nothing to 004: the peer
    principle without a gloss, and "viktigste aktør i eget liv" as the main actor."""
    _, en = both
    items = {i.id: " ".join(i.text.split()) for c in en.collections for i in c.items}
    assert items["team-values.10"] == "We want an approach built on the peer principle."
    assert "the main actor in their own life" in items["about.individuell-prosess"]
    assert "matters most" not in items["about.individuell-prosess"]


def test_the_suggestion_for_the_week_is_one_register_in_both_languages(both) -> None:
    """The suggestion under each method is an imperative in both languages ("Spør minst
    én person …" / "Ask at least one person …"), not softened in one of them ("You
    could …", "Tør du …?"): the method step has already asked whether you want to try a
    method, and the method's own points are imperatives."""
    nb, en = both
    hedged = {"nb": re.compile(r"\b(du kan|du kunne|tør du)\b", re.IGNORECASE),
              "en": re.compile(r"\b(you could|you might|perhaps you|could you)\b", re.IGNORECASE)}
    assert [(lang, method.id) for lang, content in (("nb", nb), ("en", en))
            for method in content.methods if hedged[lang].search(method.prompt)] == []


def test_english_chime_names_are_the_established_ones(both) -> None:
    _, en = both
    assert [e.name for e in en.chime] == [
        "Connectedness", "Hope and optimism about the future", "Identity", "Meaning in life",
        "Empowerment"]


# -- the glossary --------------------------------------------------------------------------

GLOSSARY = bundled_content_dir() / "en" / "GLOSSARY.md"


def glossary_rules(path: Path = GLOSSARY) -> list[tuple[str, re.Pattern[str]]]:
    """(Norwegian term, banned English rendering) from the glossary's table.

    A row is ``| Norwegian | English | not |``; the "not" cell holds regular expressions
    in backticks, separated by ``;``. A ``|`` inside a pattern is written ``\\|``.
    """
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or line.startswith(("| ---", "| Norwegian")):
            continue
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert len(cells) == 3, f"a glossary row needs three cells: {line}"
        for pattern in re.findall(r"`([^`]+)`", cells[2]):
            pattern = pattern.replace("\\|", "|")
            rules.append((cells[0], re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)))
    return rules


def texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every text a reader sees in a YAML tree: values, not keys, not ids."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "id":
                yield from texts(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from texts(value, f"{where}[{n}]")
    elif isinstance(node, str):
        yield where, node


def banned_renderings(folder: Path) -> list[str]:
    rules = glossary_rules()
    found = []
    for path in sorted(folder.rglob("*.yaml")):
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        for where, text in texts(tree):
            for term, rule in rules:
                if match := rule.search(text):
                    found.append(f"{path.relative_to(folder)}: {where}: "
                                 f"'{match.group(0)}' for {term}")
    return found


def test_the_glossary_has_rules() -> None:
    rules = glossary_rules()
    terms = {term for term, _ in rules}
    assert {"pårørende", "mestring", "likeverd", "ansvarlighet", "brukermedvirkning",
            "erfaringskompetanse", "recovery", "likemannsprinsippet", "kollegastøtte",
            "myndighet (over eget liv)", "tiltak", "særlig om"} <= terms


def test_english_keeps_to_the_glossary() -> None:
    assert banned_renderings(bundled_content_dir() / "en") == []


@pytest.mark.parametrize("bad", ["next of kin", "a sense of mastery", "arenas",
                                 "Map resources", "above all about"])
def test_the_glossary_test_catches_a_rejected_rendering(tmp_path: Path, bad: str) -> None:
    folder = tmp_path / "en"
    shutil.copytree(bundled_content_dir() / "en", folder)
    home = folder / "ui" / "home.yaml"
    home.write_text(home.read_text(encoding="utf-8").replace(
        "subtitle: weekly reflection", f"subtitle: weekly reflection with {bad}"),
        encoding="utf-8")
    found = banned_renderings(folder)
    assert len(found) == 1 and found[0].startswith("ui/home.yaml: subtitle:")


def translated_phrases(path: Path = GLOSSARY) -> list[re.Pattern[str]]:
    """The glossary's "Phrases that read as translated": each ``"phrase" (… →`` as a
    pattern (``…`` stands for any words, ``{name}`` for a field)."""
    text = path.read_text(encoding="utf-8").split("## Phrases that read as translated")[1]
    phrases = re.findall(r'"([^"]+)"\s*\([^)→]*→', " ".join(text.split()))
    return [re.compile(r"\s+".join(re.escape(word) for word in phrase.split())
                       .replace("…", ".{0,80}?"), re.IGNORECASE) for phrase in phrases]


def translated_phrases_in(folder: Path) -> list[str]:
    patterns = translated_phrases()
    return [f"{path.relative_to(folder)}: {where}: {pattern.pattern}"
            for path in sorted(folder.rglob("*.yaml"))
            for where, text in texts(yaml.safe_load(path.read_text(encoding="utf-8")))
            for pattern in patterns if pattern.search(" ".join(text.split()))]


@pytest.mark.parametrize("old", [
    "a sense of mastery", "Mastery can be learned", "Meeting people with dignity",
    "How do we meet people", "the people I meet", "treatment and follow-up",
    "co-creation", "hospital trusts", "family and network", "control and an overview",
    "look to our colleagues for guidance", "Most missing", "Free notes",
    "whoever has the floor", "Take this one further", "take it further",
    "an empty text is not one", "pauses the time", "differently from tomorrow",
    "Development areas", "the people you work with", "someone you work with"])
def test_an_old_calque_anywhere_in_the_english_fails(tmp_path: Path, old: str) -> None:
    """Issue 23's calques, put back into one interface string: the glossary's table or
    its phrases find each of them, once. (The rest of the English is clean: see
    test_english_keeps_to_the_glossary.)"""
    folder = tmp_path / "en"
    (folder / "ui").mkdir(parents=True)
    home = folder / "ui" / "home.yaml"
    original = bundled_content_dir() / "en" / "ui" / "home.yaml"
    home.write_text(original.read_text(encoding="utf-8").replace(
        "subtitle: weekly reflection", f"subtitle: weekly reflection, {old}"),
        encoding="utf-8")
    found = banned_renderings(folder) + translated_phrases_in(folder)
    assert len(found) == 1 and found[0].startswith("ui/home.yaml: subtitle:"), found


def test_the_glossary_lets_the_right_words_through() -> None:
    """What issue 23 chose, and words it keeps, pass: the Follow-up step, a group that
    meets, the learning network, supervision, coping, 'especially', the team log, a
    family member's guidance and a need that is met."""
    rules = [rule for _, rule in glossary_rules()] + translated_phrases()
    for fine in ["Follow-up", "a group that meets regularly", "the KS recovery learning network",
                 "Use supervision", "coping strategies", "coping with it", "especially on Tuesday",
                 "saved in the team log", "getting guidance in how to be the best possible support",
                 "don't meet the person's needs", "Treating people with dignity",
                 "the people you support", "Least present", "Other notes",
                 "Come back to this one", "areas to develop", "health trusts",
                 "co-production", "a sense of achievement", "your journal"]:
        assert not [rule.pattern for rule in rules if rule.search(fine)], fine


def test_phrases_that_read_as_translated_do_not_come_back() -> None:
    patterns = translated_phrases()
    assert len(patterns) >= 9
    found = [f"{path.name}: {where}: {pattern.pattern}"
             for path in sorted((bundled_content_dir() / "en").rglob("*.yaml"))
             for where, text in texts(yaml.safe_load(path.read_text(encoding="utf-8")))
             for pattern in patterns if pattern.search(" ".join(text.split()))]
    assert found == []


def test_mestring_is_coping_or_achievement_never_mastery() -> None:
    rules = [rule for term, rule in glossary_rules() if term.startswith("mestring")]
    assert not any(rule.search("their coping strategies") for rule in rules)
    assert not any(rule.search("coping with it") for rule in rules)
    assert not any(rule.search("a sense of achievement") for rule in rules)
    assert any(rule.search("a sense of mastery") for rule in rules)
    assert any(rule.search("Mastery can be learned") for rule in rules)


def test_the_new_source_fields_are_checked(tmp_path: Path) -> None:
    from refleks.content.loader import check_folder
    from refleks.content.ui import load_strings

    folder = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), folder)
    areas = folder / "en" / "areas.yaml"
    areas.write_text(areas.read_text(encoding="utf-8")
                     .replace("pillar: true", "pillar: maybe", 1)
                     .replace("adapted_from: verdier-og-holdninger", "adapted_from: nowhere", 1),
                     encoding="utf-8")
    problems = [str(p) for p in check_folder(folder, load_strings("en"))[0]]
    assert any("'pillar'" in p and "true or false" in p for p in problems)
    assert any("unknown source 'nowhere'" in p for p in problems)
