"""Settings: command-line options first, then the config file, then the environment.

The config file is a small TOML file a person may edit and comment. It is read with
the standard library's ``tomllib`` (fast, on every start) and written with ``tomlkit``
(only when a setting changes), which escapes any text correctly and keeps the
person's comments and layout.

The language, when neither option nor config names one, comes from ``REFLEKS_LANG``,
then the locale: the ``LANG``-style variables (what a terminal sets), then the operating
system's own setting (a Windows or macOS machine often sets no variable at all).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from refleks.errors import ConfigError
from refleks.languages import (
    ALIASES,
    CODES,
    VARIABLE,
    asked_code,
    locale_code,
    locale_language,
    normalise,
)

LOCK_MINUTES_MAX = 1440  # a day: longer is as good as never, which 0 says plainly


@dataclass(frozen=True)
class Settings:
    lang: str | None = None  # None: from the locale
    content: str | None = None  # a team's content folder
    cadence_days: int = 7
    theme: str | None = None
    welcomed: bool = False  # the first-run greeting has been shown
    team_log: str | None = None  # the team log's file (e.g. on a shared drive)
    lock_minutes: int = 10  # the app locks after this many minutes without a key; 0: never
    # the check-in as plain lines at the prompt (``refleks --plain``); None: not set,
    # and not written to the file
    plain: bool | None = None


def resolve_language(cli_lang: str | None, settings: Settings) -> str:
    """``--lang``, then the config's ``lang``, then ``REFLEKS_LANG`` and the locale.

    Lenient, for the words of an error: a ``REFLEKS_LANG`` refleks does not know is
    passed over here; ``check_language_variable`` refuses it where it would be used."""
    for candidate in (cli_lang, settings.lang):
        if candidate:
            return normalise(candidate) or candidate
    return locale_language()


def asked_language(cli_lang: str | None, settings: Settings) -> str | None:
    """The code asked for, as ``resolve_language`` follows it, before it is mapped to a
    language refleks speaks (``nn`` stays ``nn``): to say when another answers for it."""
    return cli_lang or settings.lang or asked_code()


def check_language_variable(cli_lang: str | None, settings: Settings) -> None:
    """A ``REFLEKS_LANG`` that would choose the language must name one refleks has (a
    typing error there is said, not silently English); the variable is named."""
    if cli_lang or settings.lang:
        return
    given = os.environ.get(VARIABLE, "")
    code = locale_code(given)
    if code is not None and code not in ALIASES:
        raise ConfigError("variable_lang", path=VARIABLE, languages=", ".join(CODES))


def load_settings(path: Path) -> Settings:
    """Read the config file; a missing file means defaults, a broken one a clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise ConfigError("unreadable", path=path, reason=exc.strerror) from exc
    import tomllib  # only when there is a file to read: ~3 ms at start-up otherwise

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("malformed", path=path, reason=exc) from exc
    known = {f.name for f in fields(Settings)}
    for key in data:
        if key not in known:
            raise ConfigError("unknown", path=path, key=key, known=", ".join(sorted(known)))
    settings = Settings(**data)
    if settings.lang is not None and settings.lang not in ALIASES:
        raise ConfigError("lang", path=path, languages=", ".join(CODES))
    if (not isinstance(settings.cadence_days, int) or isinstance(settings.cadence_days, bool)
            or settings.cadence_days < 1):
        raise ConfigError("cadence", path=path)
    if (not isinstance(settings.lock_minutes, int) or isinstance(settings.lock_minutes, bool)
            or not 0 <= settings.lock_minutes <= LOCK_MINUTES_MAX):
        raise ConfigError("lock", path=path, most=LOCK_MINUTES_MAX)
    for key in ("content", "theme", "team_log"):
        if getattr(settings, key) is not None and not isinstance(getattr(settings, key), str):
            raise ConfigError("text", path=path, key=key)
    if not isinstance(settings.welcomed, bool):
        raise ConfigError("bool", path=path, key="welcomed")
    if settings.plain is not None and not isinstance(settings.plain, bool):
        raise ConfigError("bool", path=path, key="plain")
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
