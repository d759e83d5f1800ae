"""Interface text: every word the program says comes from ``content/<lang>/ui/*.yaml``.

Each file is a namespace (``ui/home.yaml`` holds ``home.*``). A team's own content
folder may leave ``ui/`` out, or miss keys: the bundled text fills the gaps, so a
team variant can never make the interface go blank.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

LANGUAGES = ("nb", "en")


def yaml_loader() -> Any:
    """The fastest safe YAML loader available (libyaml when installed)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def flatten(prefix: str, node: Any) -> Iterator[tuple[str, Any]]:
    """Nested mappings → dotted keys (``home.actions.start``)."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from flatten(f"{prefix}.{key}" if prefix else str(key), value)
    else:
        yield prefix, node


def read_ui_folder(folder: Path) -> dict[str, str]:
    """All ``ui/*.yaml`` in one language folder as a flat table; unreadable files skipped.

    Validation (``refleks content check``) is where broken files are reported; here
    we only need the text that is there.
    """
    import yaml

    table: dict[str, str] = {}
    if not folder.is_dir():
        return table
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml_loader())
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        for key, value in flatten(path.stem, data or {}):
            if isinstance(value, str):
                table[key] = value
    return table


class Strings:
    """Look up interface text by key: ``t("home.title")``, ``t("home.last", date=…)``."""

    def __init__(self, lang: str, table: Mapping[str, str]) -> None:
        self.lang = lang
        self._table = dict(table)

    def __call__(self, key: str, /, **values: object) -> str:
        text = self._table.get(key)
        if text is None:
            return key  # visible, so a missing key is noticed, but never a crash
        if values:
            try:
                return text.format(**values)
            except (KeyError, IndexError, ValueError):
                return text
        return text

    def has(self, key: str) -> bool:
        return key in self._table

    def keys(self) -> set[str]:
        return set(self._table)


def load_strings(lang: str, content_dir: Path | None = None) -> Strings:
    """Interface text for ``lang``: the bundled text, overlaid by a team folder's own."""
    from refleks.paths import bundled_content_dir

    bundled = bundled_content_dir()
    table = read_ui_folder(bundled / lang / "ui")
    if content_dir is not None and content_dir.resolve() != bundled.resolve():
        table.update(read_ui_folder(content_dir / lang / "ui"))
    return Strings(lang, table)
