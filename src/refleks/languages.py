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

    __slots__ = ("code", "locale_prefixes", "own_name", "windows_primary")

    def __init__(self, code: str, own_name: str, locale_prefixes: tuple[str, ...],
                 windows_primary: int) -> None:
        self.code = code
        self.own_name = own_name  # shown as it is, in every interface language
        self.locale_prefixes = locale_prefixes  # ``nn`` and ``no`` read as bokmål
        # The primary language of a Windows LANGID (its low ten bits): 0x14 is Norwegian,
        # for Bokmål (0x0414), Nynorsk (0x0814) and plain "Norwegian" (0x0014) alike.
        self.windows_primary = windows_primary

    def plural(self, count: int) -> str:
        """The plural category for ``count`` (``one`` or ``other``, as in CLDR).

        Both languages so far use the singular for exactly one. A language with other
        forms gets a rule of its own here, and its ``ui`` files keys for each form.
        """
        return "one" if count == 1 else "other"


LANGUAGES: tuple[Language, ...] = (
    # Bokmål first: the source documents' own language, and the one compared against.
    Language("nb", "Norsk bokmål", ("nb", "nn", "no"), 0x14),
    Language("en", "English", ("en",), 0x09),
)
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
FALLBACK = "en"  # for a locale that names a language refleks does not speak
ALIASES: dict[str, str] = {prefix: language.code for language in LANGUAGES
                           for prefix in language.locale_prefixes}
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")


def by_code(code: str) -> Language:
    """The table's row for ``code`` (one of ``CODES``)."""
    for language in LANGUAGES:
        if language.code == code:
            return language
    raise KeyError(code)


def normalise(code: str | None) -> str | None:
    """A language code as given (``nb``, ``nn``, ``no``, ``en``) → the code refleks speaks
    it in, or ``None`` for a code it does not know."""
    return ALIASES.get(code) if code else None


def language_of_locale(name: str | None) -> str | None:
    """The language a locale name chooses (``nb_NO.UTF-8`` → ``nb``, ``de_DE`` → ``en``),
    or ``None`` when the name says nothing (unset, ``C``, ``POSIX``)."""
    if not name or name in ("C", "POSIX", "C.UTF-8"):
        return None
    prefix = name.split(":")[0].split(".")[0].split("_")[0].split("-")[0].lower()
    return ALIASES.get(prefix, FALLBACK)


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
            return FALLBACK
        return next((language.code for language in LANGUAGES
                     if language.windows_primary == langid & 0x3FF), FALLBACK)
    import locale

    try:
        code = locale.getlocale()[0]
    except ValueError:
        code = None
    return language_of_locale(code) or FALLBACK


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for: the ``LANG``-style variables first (what a
    terminal sets), then the operating system's own setting."""
    env = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        language = language_of_locale(env.get(variable, ""))
        if language is not None:
            return language
    return system_language()
