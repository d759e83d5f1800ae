"""The bundled content is read from a JSON cache, so that a start reads no YAML
(start-up ≤ 1.3× a bare Textual app's memory, bench/startup.py); the YAML files stay
the truth, and a cache that is not whole is never trusted."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from journal_helpers import make_checkin
from terminal_helpers import home_shown_script

from refleks.content import cache as content_cache
from refleks.content import loader
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "refleks"


@pytest.fixture
def yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages read from YAML, in order: a read from the cache adds none."""
    reads: list[str] = []
    real = loader.read_language

    def counted(base: Path, lang: str, problems: list[loader.Problem]) -> loader.LanguageFolder:
        reads.append(lang)
        return real(base, lang, problems)

    monkeypatch.setattr(loader, "read_language", counted)
    return reads


def cache_file(cache_home: Path, lang: str) -> Path:
    [found] = cache_home.glob(f"content-{lang}-*.json")
    return found


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_cached_content_is_the_content_read_from_yaml(
        cache_home: Path, yaml_reads: list[str], lang: str) -> None:
    base = bundled_content_dir()
    from_yaml = loader.load_content(base, lang, check_all=True)
    first = content_cache.cached_content(base, lang)  # built, and the cache written
    from_cache = content_cache.cached_content(base, lang)
    assert yaml_reads == ["nb", "en", lang]  # the second start read no YAML
    assert from_cache == from_yaml == first
    assert from_cache.values_by_id == from_yaml.values_by_id
    assert type(from_cache.areas) is tuple and type(from_cache.guard.names) is tuple
    assert from_cache.guard.names  # the lists came back, not the defaults


def test_every_model_class_round_trips_through_json() -> None:
    content = loader.load_content(bundled_content_dir(), "nb", check_all=False)
    assert content_cache.from_json(content_cache.to_json(content), "nb") == content


def test_a_frozenset_is_read_back_as_one() -> None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Tagged:
        tags: frozenset[str]
        count: int

    encoded = orjson.loads(orjson.dumps(content_cache.encode(Tagged(frozenset({"b", "a"}), 2))))
    assert encoded == {"tags": ["a", "b"], "count": 2}
    assert content_cache.decode(Tagged, encoded) == Tagged(frozenset({"a", "b"}), 2)


def _content_json(cache_home: Path) -> dict[str, object]:
    document = orjson.loads(cache_file(cache_home, "nb").read_bytes())
    assert isinstance(document, dict)
    return document


def _replace_first_value(document: dict[str, object], key: str, new: object) -> bytes:
    content = document["content"]
    assert isinstance(content, dict)
    area = content["areas"][0]
    area["values"][0][key] = new
    return orjson.dumps(document)


DAMAGES: dict[str, Callable[[bytes, dict[str, object]], bytes]] = {
    "empty": lambda data, doc: b"",
    "garbage": lambda data, doc: os.urandom(64) + b"\xff\xfe",
    "truncated": lambda data, doc: data[: len(data) // 2],
    "deeply nested": lambda data, doc: b"[" * 100_000,
    "a list": lambda data, doc: b"[1, 2, 3]",
    "the content alone": lambda data, doc: orjson.dumps(doc["content"]),
    "another format": lambda data, doc: orjson.dumps({**doc, "format": 999}),
    "the format as true": lambda data, doc: orjson.dumps({**doc, "format": True}),
    "another language": lambda data, doc: orjson.dumps(
        {**doc, "content": {**doc["content"], "lang": "en"}}),  # type: ignore[dict-item]
    "a field missing": lambda data, doc: orjson.dumps(
        {**doc, "content": {k: v for k, v in doc["content"].items()  # type: ignore[attr-defined]
                            if k != "guard"}}),
    "a field too many": lambda data, doc: orjson.dumps(
        {**doc, "content": {**doc["content"], "extra": "x"}}),  # type: ignore[dict-item]
    "a number as text": lambda data, doc: _replace_first_value(doc, "name", 7),
    "a flag as a number": lambda data, doc: _replace_first_value(doc, "pillar", 1),
    "a control character": lambda data, doc: _replace_first_value(
        doc, "name", "Tillit\x1b]0;x\x07"),
    "a list as text": lambda data, doc: _replace_first_value(doc, "name", ["a"]),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_cache_is_rebuilt_and_the_content_is_right(
        cache_home: Path, yaml_reads: list[str], damage: str) -> None:
    base = bundled_content_dir()
    right = content_cache.cached_content(base, "nb")
    path = cache_file(cache_home, "nb")
    path.write_bytes(DAMAGES[damage](path.read_bytes(), _content_json(cache_home)))

    assert content_cache.cached_content(base, "nb") == right
    assert yaml_reads == ["nb", "nb"]  # read from YAML again
    assert content_cache.cached_content(base, "nb") == right
    assert yaml_reads == ["nb", "nb"]  # and the fresh cache is whole


@pytest.mark.parametrize("make", ["folder", "fifo", "dangling symlink"])
def test_something_other_than_a_file_in_the_cache_s_place_is_not_read(
        cache_home: Path, yaml_reads: list[str], make: str) -> None:
    base = bundled_content_dir()
    right = content_cache.cached_content(base, "nb")
    path = cache_file(cache_home, "nb")
    path.unlink()
    if make == "folder":
        path.mkdir()
    elif make == "fifo":
        os.mkfifo(path)  # read as it was, it would hang the start
    else:
        path.symlink_to(cache_home / "nowhere.json")
    assert content_cache.cached_content(base, "nb") == right
    assert yaml_reads == ["nb", "nb"]


def test_a_cache_folder_that_cannot_be_made_costs_only_speed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, yaml_reads: list[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    base = bundled_content_dir()
    expected = loader.load_content(base, "nb", check_all=False)
    assert content_cache.cached_content(base, "nb") == expected
    assert content_cache.cached_content(base, "nb") == expected
    assert yaml_reads == ["nb", "nb", "nb"]


def test_a_read_only_cache_file_that_cannot_be_replaced_costs_only_speed(
        cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr("refleks.files.write_bytes", refused)
    base = bundled_content_dir()
    expected = loader.load_content(base, "nb", check_all=False)
    assert content_cache.cached_content(base, "nb") == expected
    assert list(cache_home.glob("content-*")) == []


def test_a_changed_content_file_gives_the_new_text(
        tmp_path: Path, cache_home: Path, yaml_reads: list[str]) -> None:
    base = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), base)
    before = content_cache.content_through_cache(base, "nb")
    assert content_cache.content_through_cache(base, "nb") == before
    assert yaml_reads == ["nb"]
    areas = base / "nb" / "areas.yaml"
    old_title = before.areas[0].title
    areas.write_text(areas.read_text(encoding="utf-8").replace(
        old_title, "Et nytt navn på det første området", 1), encoding="utf-8")

    after = content_cache.content_through_cache(base, "nb")
    assert after.areas[0].title == "Et nytt navn på det første området"
    assert yaml_reads == ["nb", "nb"]
    assert [p.name for p in cache_home.glob("content-nb-*.json")] == [
        cache_file(cache_home, "nb").name]  # the old cache is gone


def test_a_new_cache_format_is_not_read_from_an_old_file(
        cache_home: Path, yaml_reads: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    base = bundled_content_dir()
    content_cache.cached_content(base, "nb")
    monkeypatch.setattr(content_cache, "CONTENT_CACHE_FORMAT", 2)
    content_cache.cached_content(base, "nb")
    assert yaml_reads == ["nb", "nb"]


def test_a_team_folder_is_checked_in_full_from_yaml(
        tmp_path: Path, cache_home: Path, yaml_reads: list[str]) -> None:
    base = tmp_path / "team"
    shutil.copytree(bundled_content_dir(), base)
    content_cache.cached_content(base, "nb")
    content_cache.cached_content(base, "nb")
    assert yaml_reads == ["nb", "en", "nb", "en"]
    assert list(cache_home.glob("content-*")) == []


HOME_SHOWN = home_shown_script(
    'print("home shown", "yaml" in sys.modules, file=sys.stderr)\n'
    'print(*(str(line.render()) for line in self.query(".focus-line")), file=sys.stderr)\n'
)


def test_after_one_start_the_app_shows_home_without_yaml(
        isolated_home: Path, cache_home: Path, journal_path: Path) -> None:
    # The last check-in was written in English and the app speaks Norwegian: home names
    # its focus values from the content (with an empty journal home reads no content).
    journal = Journal.open(journal_path)
    journal.save(dataclasses.replace(make_checkin(), lang="en"))
    journal.close()
    (isolated_home / "config.toml").write_text("welcomed = true\n", encoding="utf-8")
    env = {**os.environ, "LANG": "nb_NO.UTF-8"}

    def start() -> str:
        done = subprocess.run([sys.executable, "-c", HOME_SHOWN], capture_output=True,
                              text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "home shown" in start()  # the first start builds the caches
    second = start()
    assert "home shown False" in second
    assert "Nærvær" in second, second  # the name from the content, not "Naervaer" as stored


def test_content_check_reads_yaml_even_with_a_cache(cache_home: Path, yaml_reads: list[str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from refleks.cli import main

    content_cache.cached_content(bundled_content_dir(), "nb")
    assert main(["content", "check"]) == 0
    assert sorted(yaml_reads) == ["en", "nb", "nb"]


@pytest.mark.parametrize("cached", [b"[1]", b'{"a": 1}', b"null", b"\xff\xfe",
                                    b'{"home.greeting": ["x"]}'])
def test_an_interface_text_cache_of_another_shape_is_built_anew(
        cache_home: Path, cached: bytes) -> None:
    """The interface text's own cache (``ui-<lang>-….json``): a file of valid JSON in
    another shape stopped every command with a TypeError (``dict([1])``); now it is
    read as missing, and the texts come from the YAML again."""
    from refleks.content import ui

    ui.load_strings.cache_clear()
    first = ui.load_strings("en")
    (cache,) = cache_home.rglob("ui-en-*.json")
    cache.write_bytes(cached)
    ui.load_strings.cache_clear()
    try:
        again = ui.load_strings("en")
    finally:
        ui.load_strings.cache_clear()
    assert again("home.greeting") == first("home.greeting") != "home.greeting"
    assert cache.read_bytes() != cached  # written again, whole


def test_an_interface_text_cache_that_is_a_fifo_does_not_hang_the_start(
        cache_home: Path) -> None:
    from refleks.content import ui

    ui.load_strings.cache_clear()
    first = ui.load_strings("en")
    (cache,) = cache_home.rglob("ui-en-*.json")
    cache.unlink()
    os.mkfifo(cache)
    ui.load_strings.cache_clear()
    try:
        assert ui.load_strings("en")("home.greeting") == first("home.greeting")
    finally:
        ui.load_strings.cache_clear()
