"""The languages refleks speaks: one table, read by everything that names a language.

The command line's ``--lang`` choices, the config file's check, the locale the
language is taken from, the shell prompt's ``status``, the content check's comparison
of the language folders, the plural forms and the Settings screen's choices all read
``LANGUAGES``. Adding a language is a row here and a ``content/<code>/`` folder.

This is a base module (nothing of refleks below it) and a cheap one: no dataclasses,
no typing at run time, because ``refleks status`` in a shell prompt imports it and
pays for every import many times a day.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing alone costs ``status`` a third
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    # What base modules call to have a text said in the reader's language: a key and its
    # values → the words (``content.ui.Strings`` is the one there is).
    Speaker = Callable[..., str]


class Language:
    """One language: its code, its own name, and the locale names that choose it."""

    __slots__ = ("code", "locale_prefixes", "own_name", "stands_in_for", "windows_primary")

    def __init__(self, code: str, own_name: str, locale_prefixes: tuple[str, ...],
                 windows_primary: int, stands_in_for: tuple[str, ...] = ()) -> None:
        self.code = code
        self.own_name = own_name  # shown as it is, in every interface language
        self.locale_prefixes = locale_prefixes  # ``no`` reads as bokmål
        # The primary language of a Windows LANGID (its low ten bits): 0x14 is Norwegian,
        # for Bokmål (0x0414), Nynorsk (0x0814) and plain "Norwegian" (0x0014) alike.
        self.windows_primary = windows_primary
        # Languages refleks does not have yet, answered in this one meanwhile (and the
        # person is told so once: ``stand_in``): a Nynorsk or Northern Sámi reader in
        # Norway reads bokmål, not English. A row of their own replaces this.
        self.stands_in_for = stands_in_for

    def plural(self, count: int) -> str:
        """The plural category for ``count`` (``one`` or ``other``, as in CLDR).

        Both languages so far use the singular for exactly one. A language with other
        forms gets a rule of its own here, and its ``ui`` files keys for each form.
        """
        return "one" if count == 1 else "other"


LANGUAGES: tuple[Language, ...] = (
    # Bokmål first: the source documents' own language, and the one compared against.
    Language("nb", "Norsk bokmål", ("nb", "no"), 0x14, stands_in_for=("nn", "se")),
    Language("en", "English", ("en",), 0x09),
)
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
FALLBACK = "en"  # for a locale that names a language refleks does not speak
ALIASES: dict[str, str] = {prefix: language.code for language in LANGUAGES
                           for prefix in (*language.locale_prefixes, *language.stands_in_for)}
STAND_INS: dict[str, str] = {asked: language.code for language in LANGUAGES
                             for asked in language.stands_in_for}
# refleks' own variable: above the locale's, below ``--lang`` and the config's ``lang``
# (those are the person's own choice, made in refleks; this one is set once for a
# shell, a login script or a shortcut, where the locale names the wrong language).
VARIABLE = "REFLEKS_LANG"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
# Where macOS keeps the person's preferred languages (System Settings › Language &
# Region): read with ``plistlib`` rather than running ``defaults read -g AppleLanguages``,
# a process of its own (~30 ms) on every start, and absent in some sandboxes.
MACOS_PREFERENCES = "~/Library/Preferences/.GlobalPreferences.plist"


def by_code(code: str) -> Language:
    """The table's row for ``code`` (one of ``CODES``)."""
    for language in LANGUAGES:
        if language.code == code:
            return language
    raise KeyError(code)


def normalise(code: str | None) -> str | None:
    """A language code as given (``nb``, ``nn``, ``no``, ``se``, ``en``) → the code
    refleks speaks it in, or ``None`` for a code it does not know."""
    return ALIASES.get(code) if code else None


def locale_code(name: str | None) -> str | None:
    """The language part of a locale name or language tag (``nn_NO.UTF-8`` → ``nn``,
    ``nb-NO`` → ``nb``, ``no:en`` → ``no``), or ``None`` when the name says nothing
    (unset, ``C``, ``POSIX``)."""
    if not name or name in ("C", "POSIX", "C.UTF-8"):
        return None
    return name.split(":")[0].split(".")[0].split("_")[0].split("-")[0].lower() or None


def language_of_locale(name: str | None) -> str | None:
    """The language a locale name chooses (``nb_NO.UTF-8`` → ``nb``, ``de_DE`` → ``en``),
    or ``None`` when the name says nothing (unset, ``C``, ``POSIX``)."""
    code = locale_code(name)
    return None if code is None else ALIASES.get(code, FALLBACK)


def system_locale() -> str | None:
    """The operating system's own language setting, as a locale name or tag.

    On Windows the display language the person chose (``GetUserDefaultUILanguage``,
    its LCID named by ``locale.windows_locale``: 0x0814 → ``nn_NO``): ``getlocale()``
    there gives names like ``Norwegian Bokmål_Norway`` that follow the regional format,
    not the language read. On macOS the first of the preferred languages that refleks
    has (or stands in for), since a Mac often starts a program with no ``LANG`` at all.
    Elsewhere, and when those say nothing, the C library's locale, which Python set
    from the environment at start.
    """
    import locale

    if sys.platform == "win32":
        import ctypes

        try:
            langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())
        except (AttributeError, OSError):
            return None
        named = locale.windows_locale.get(langid)
        if named is not None:
            return named
        # a neutral id (0x0014, "Norwegian") has no name of its own: its primary language
        return next((language.code for language in LANGUAGES
                     if language.windows_primary == langid & 0x3FF), None)
    if sys.platform == "darwin":
        preferred = macos_languages()
        known = [tag for tag in preferred if locale_code(tag) in ALIASES]
        if known or preferred:
            return (known or preferred)[0]
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


def macos_languages(path: str = MACOS_PREFERENCES) -> list[str]:
    """macOS's preferred languages, most wanted first (``["nb-NO", "en-NO"]``), or none
    when the file is missing or not as expected."""
    import plistlib

    try:
        with open(os.path.expanduser(path), "rb") as file:
            preferences = plistlib.load(file)
    except (OSError, ValueError, plistlib.InvalidFileException):
        return []
    languages = preferences.get("AppleLanguages") if isinstance(preferences, dict) else None
    if not isinstance(languages, list):
        return []
    return [tag for tag in languages if isinstance(tag, str)]


def system_language() -> str:
    """The language of the operating system's own setting (``system_locale``)."""
    return language_of_locale(system_locale()) or FALLBACK


def asked_code(environ: Mapping[str, str] | None = None) -> str | None:
    """The language code the surroundings ask for, before refleks maps it to one it
    speaks: ``REFLEKS_LANG``, then the ``LANG``-style variables (what a terminal sets),
    then the operating system's own setting. ``None``: nothing says. A
    ``REFLEKS_LANG`` naming a language refleks does not know is passed over here (the
    words of its error come from the locale); ``settings`` refuses it where it counts."""
    env = os.environ if environ is None else environ
    own = locale_code(env.get(VARIABLE, ""))
    if own in ALIASES:
        return own
    for variable in LOCALE_VARIABLES:
        code = locale_code(env.get(variable, ""))
        if code is not None:
            return code
    return locale_code(system_locale())


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the surroundings ask for (``asked_code``), in one refleks speaks."""
    code = asked_code(environ)
    return FALLBACK if code is None else ALIASES.get(code, FALLBACK)


def stand_in(asked: str | None) -> tuple[str, str] | None:
    """(the language asked for, the one it is answered in) when refleks does not have
    the one asked for yet and speaks a neighbour instead (``nn`` → ``nb``), else None."""
    if asked is None or asked not in STAND_INS:
        return None
    return asked, STAND_INS[asked]
