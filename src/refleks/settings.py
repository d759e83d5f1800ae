"""Settings: command-line options first, then the config file, then the environment.

The config file is a small TOML file a person may edit and comment. It is read with
the standard library's ``tomllib`` (fast, on every start) and written with ``tomlkit``
(only when a setting changes), which escapes any text correctly and keeps the
person's comments and layout.

The language, when neither option nor config names one, comes from the locale: the
``LANG``-style variables first (what a terminal sets), then the operating system's own
setting (a Windows or macOS machine often sets no variable at all).
"""

from __future__ import annotations

import os
import sys
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
    team_log: str | None = None  # the team log's file (e.g. on a shared drive)


def _language_of(code: str | None) -> str | None:
    """``nb`` for a Norwegian locale name (``nb_NO.UTF-8``, ``nn``, ``no``), else ``en``;
    ``None`` when the name says nothing (unset, ``C``, ``POSIX``)."""
    if not code or code in ("C", "POSIX", "C.UTF-8"):
        return None
    language = code.split(":")[0].split(".")[0].split("_")[0].lower()
    return "nb" if language in NORWEGIAN_LOCALES else "en"


# The primary language of a Windows LANGID (its low ten bits): 0x14 is Norwegian, for
# Bokmål (0x0414), Nynorsk (0x0814) and plain "Norwegian" (0x0014) alike.
WINDOWS_NORWEGIAN = 0x14


def system_language() -> str:
    """The operating system's language when no ``LANG``-style variable is set.

    On Windows the display language the person chose (``GetUserDefaultUILanguage``):
    ``locale.getlocale()`` there gives names like ``Norwegian Bokmål_Norway`` that
    follow the regional format, not the language read. Elsewhere the C library's
    locale, which Python set from the environment at start.
    """
    if sys.platform == "win32":
        import ctypes

        try:
            langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
        except (AttributeError, OSError):
            return "en"
        return "nb" if langid & 0x3FF == WINDOWS_NORWEGIAN else "en"
    import locale

    try:
        code = locale.getlocale()[0]
    except ValueError:
        code = None
    return _language_of(code) or "en"


def locale_language(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """``nb`` for a Norwegian locale (nb, nn, no), otherwise ``en``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        language = _language_of(env.get(var, ""))
        if language is not None:
            return language
    return system_language()


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
    import tomllib  # only when there is a file to read: ~3 ms at start-up otherwise

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
    for key in ("content", "theme", "team_log"):
        if getattr(settings, key) is not None and not isinstance(getattr(settings, key), str):
            raise _config_error(path, "text", key=key)
    if not isinstance(settings.welcomed, bool):
        raise _config_error(path, "bool", key="welcomed")
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    """Write the config atomically and owner-only, leaving out unset values.

    The file is updated rather than rewritten: keys, comments and layout the person
    wrote stay as they were, and only the changed values are replaced.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from refleks.files import write_text

    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, TOMLKitError):
        document = tomlkit.document()  # nothing readable to keep
    for f in fields(Settings):
        value = getattr(settings, f.name)
        if value is None:
            document.pop(f.name, None)
        elif f.name not in document or document[f.name] != value:
            document[f.name] = value
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_text(path, document.as_string(), overwrite=True)


def updated(settings: Settings, **changes: object) -> Settings:
    return replace(settings, **changes)  # type: ignore[arg-type]
