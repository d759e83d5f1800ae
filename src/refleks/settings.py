"""Settings: command-line options first, then the config file, then the environment.

The config file is a small TOML file (``refleks config path`` shows where); it is read
with the standard library and written by hand, because it only ever holds a few
flat keys.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from refleks.content.ui import LANGUAGES
from refleks.errors import RefleksError

NORWEGIAN_LOCALES = ("nb", "nn", "no")


@dataclass(frozen=True)
class Settings:
    lang: str | None = None  # None: from the locale
    content: str | None = None  # a team's content folder
    cadence_days: int = 7
    theme: str | None = None
    welcomed: bool = False  # the first-run greeting has been shown


def locale_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """``nb`` for a Norwegian locale (nb, nn, no), otherwise ``en``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            code = value.split(":")[0].split(".")[0].split("_")[0].lower()
            return "nb" if code in NORWEGIAN_LOCALES else "en"
    return "en"


def resolve_language(cli_lang: str | None, settings: Settings) -> str:
    for candidate in (cli_lang, settings.lang):
        if candidate:
            return "nb" if candidate in NORWEGIAN_LOCALES else candidate
    return locale_language()


def _config_error(path: Path, problem: str, **values: object) -> RefleksError:
    """The config decides the language, so its own errors speak the locale's."""
    from refleks.content.ui import load_strings

    t = load_strings(locale_language())
    return RefleksError(f"{path}: {t(f'cli.config_{problem}', **values)}")


def load_settings(path: Path) -> Settings:
    """Read the config file; a missing file means defaults, a broken one a clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise _config_error(path, "unreadable", reason=exc.strerror) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise _config_error(path, "malformed", reason=exc) from exc
    known = {f.name for f in fields(Settings)}
    for key in data:
        if key not in known:
            raise _config_error(path, "unknown", key=key, known=", ".join(sorted(known)))
    settings = Settings(**data)
    if settings.lang is not None and settings.lang not in (*LANGUAGES, "nn", "no"):
        raise _config_error(path, "lang", languages=", ".join(LANGUAGES))
    if (not isinstance(settings.cadence_days, int) or isinstance(settings.cadence_days, bool)
            or settings.cadence_days < 1):
        raise _config_error(path, "cadence")
    for key in ("content", "theme"):
        if getattr(settings, key) is not None and not isinstance(getattr(settings, key), str):
            raise _config_error(path, "text", key=key)
    if not isinstance(settings.welcomed, bool):
        raise _config_error(path, "bool", key="welcomed")
    return settings


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def save_settings(path: Path, settings: Settings) -> None:
    """Write the config atomically, owner-only, leaving out unset values."""
    lines = [
        f"{f.name} = {_toml_value(getattr(settings, f.name))}"
        for f in fields(Settings)
        if getattr(settings, f.name) is not None
    ]
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def updated(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)  # type: ignore[arg-type]
