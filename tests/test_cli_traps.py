"""Around the check-in, at the shell and in the words: counts in both forms, ids and
names both accepted, numbers that do not move, and exit codes the README promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from refleks.cli.app_commands import content_summary
from refleks.content.ui import flatten, load_strings
from refleks.paths import bundled_content_dir

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "refleks"

# Keys whose {count} is a bare number beside a noun-free phrase ("2 of 2–3 chosen",
# "One year ago (3)", "the latest 20 of 31"): no singular form is needed. The content
# check's two messages are for content authors and are said by the domain with t(),
# not t.count: left for its owner.
NUMBER_ONLY = {"checkin.focus.count", "overtime.tab_year_some", "overtime.thread_more",
               "content_check.value_count", "content_check.few_questions",
               "journal.restore.list_item"}  # its {count} is already "3 reflections"


def ui_table(lang: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((REPO / "content" / lang / "ui").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        table.update({k: v for k, v in flatten(path.stem, data) if isinstance(v, str)})
    return table


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_count_in_the_text_has_a_singular_and_a_plural(lang: str) -> None:
    table = ui_table(lang)
    for key, text in table.items():
        if "{count}" in text and key not in NUMBER_ONLY:
            assert key.endswith(("_one", "_other")), f"{lang}: {key} counts without forms"


def test_every_counted_key_in_the_code_has_both_forms_in_both_languages() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r"""\.count\(\s*["']([a-z_]+\.[a-z_.]+)["']""",
                               path.read_text(encoding="utf-8")))
    assert used
    for lang in ("nb", "en"):
        table = ui_table(lang)
        for key in used:
            assert f"{key}_other" in table and f"{key}_one" in table, f"{lang}: {key}"


@pytest.mark.parametrize(("lang", "expected"), [
    ("nb", "1 område, 1 verdi, 2 spørsmål"),
    ("en", "1 area, 1 value, 2 questions"),
])
def test_the_content_summary_counts_each_kind_in_its_form(lang: str, expected: str) -> None:
    t = load_strings(lang, bundled_content_dir())
    assert content_summary({"areas": 1, "values": 1, "questions": 2}, t) == expected
