"""What a command or the app needs to start, resolved once from a few plain values.

The command line decides three things (``--lang``, ``--content``, ``--journal``); the
config file and the locale fill in the rest. ``Environment`` turns those plain values
into the language, the interface text, the settings, the content folder and the
journal path, each worked out only when first asked for, so ``refleks status`` never
loads the content and the app's first screen never waits for what it does not show.

It knows nothing of argparse or Textual: the CLI builds it from parsed options, the
TUI receives it in ``run(env)``, and a test builds it from plain values (or, with
``given``, from values already resolved). While the app runs it is also where the
language is switched and the settings are changed: one place holds them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from refleks.errors import UsageError

# The languages whose stand-in has been said (``Environment.stand_in_said``), in the data folder.
STAND_INS_SAID = "stand-ins-said"

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings
    from refleks.journal.cipher import Key
    from refleks.journal.store import Journal
    from refleks.settings import Settings


class PassphraseAsker(Protocol):
    """Asks for the passphrase of an encrypted journal and calls ``env.unlock`` with
    it until it opens the journal, or raises (the CLI's prompt; ``WrongPassphrase``
    after the last try)."""

    def __call__(self, env: Environment, /) -> None: ...


@dataclass
class Environment:
    """The resolved surroundings of one run of refleks.

    ``lang``, ``content`` and ``journal`` are what the person asked for on the command
    line (``None``: not asked); ``config`` is the config file (``None``: the usual place).
    """

    lang_option: str | None = None
    content_option: str | None = None
    journal_option: str | None = None
    config: Path | None = None
    team_log_option: str | None = None
    writes_settings: bool = True  # False: settings changed stay in memory (tests)
    _journal: Journal | None = field(default=None, init=False, repr=False)
    # An encrypted journal's key, once unlocked (``unlock``); None: plain, or not yet.
    key: Key | None = field(default=None, repr=False)
    # How to ask for the passphrase when an encrypted journal is opened without a key.
    ask_passphrase: PassphraseAsker | None = field(default=None, repr=False)
    # Built by ``given`` from values already resolved: nothing about the surroundings
    # (such as a language refleks stands in for) is said or remembered.
    _given: bool = field(default=False, init=False, repr=False)

    @classmethod
    def given(cls, *, lang: str, content_dir: Path, journal: Journal, settings: Settings,
              config_path: Path | None = None) -> Environment:
        """Values already resolved (tests, the snapshot app): nothing is read from a
        config file, and settings changed are saved only with ``config_path``."""
        env = cls(config=config_path, writes_settings=config_path is not None)
        # what the cached properties below would have worked out, given instead
        env.__dict__.update(lang=lang, content_dir=content_dir, settings=settings,
                            journal_path=journal.path)
        env._journal = journal
        env._given = True
        return env

    @cached_property
    def config_path(self) -> Path:
        from refleks.paths import config_path

        return self.config if self.config is not None else config_path()

    @cached_property
    def settings(self) -> Settings:
        from refleks.settings import load_settings

        return load_settings(self.config_path)

    @cached_property
    def lang(self) -> str:
        from refleks.settings import check_language_variable, resolve_language

        check_language_variable(self.lang_option, self.settings)
        return resolve_language(self.lang_option, self.settings)

    def stand_in_to_say(self) -> tuple[str, str] | None:
        """(asked, used) when the language asked for is one refleks does not have yet
        (Nynorsk, Northern Sámi) and bokmål answers for it, and that has not been said
        on this computer before; None otherwise. The app says it, then calls
        ``stand_in_said``."""
        from refleks.languages import stand_in
        from refleks.settings import asked_language

        if self._given:
            return None
        found = stand_in(asked_language(self.lang_option, self.settings))
        if found is None or found[1] != self.lang or found[0] in self._stand_ins_said():
            return None
        return found

    def stand_in_said(self, asked: str) -> None:
        """Remember that the stand-in for ``asked`` was said (a line per code in a small
        file in refleks' data folder), so it is said once, not at every start."""
        from refleks.files import write_text
        from refleks.paths import data_dir

        said = self._stand_ins_said() | {asked}
        folder = data_dir()
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_text(folder / STAND_INS_SAID, "".join(f"{code}\n" for code in sorted(said)),
                       overwrite=True)
        except OSError:
            pass  # not remembered: said once more next time, which does no harm

    @staticmethod
    def _stand_ins_said() -> set[str]:
        from refleks.paths import data_dir

        try:
            text = (data_dir() / STAND_INS_SAID).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return set()
        return {line.strip() for line in text.splitlines() if line.strip()}

    def set_language(self, lang: str) -> None:
        """Switch the language (the app's settings): new text at once, the content when
        next asked for, and remembered for the next start."""
        from refleks.settings import updated

        self.lang = lang
        for derived in ("t", "content"):
            self.__dict__.pop(derived, None)
        self.save_settings(updated(self.settings, lang=lang))

    @property
    def settings_file(self) -> Path | None:
        """Where settings changed in the app are written (``None``: nowhere)."""
        return self.config_path if self.writes_settings else None

    def save_settings(self, settings: Settings) -> None:
        """Settings changed in the app: used from now on, and written to the config."""
        self.settings = settings
        if self.settings_file is not None:
            from refleks.settings import save_settings

            save_settings(self.settings_file, settings)

    @cached_property
    def t(self) -> Strings:
        """The interface text in ``lang``, a team folder's own text over the bundled."""
        from refleks.content.ui import load_strings

        return load_strings(self.lang, self.content_dir)

    @property
    def team_content(self) -> bool:
        """A content folder was chosen (option or config) rather than the bundled one."""
        return bool(self.content_option or self.settings.content)

    @cached_property
    def content_dir(self) -> Path:
        from refleks.paths import bundled_content_dir

        chosen = self.content_option or self.settings.content
        if chosen:
            path = Path(chosen).expanduser()
            if not path.is_dir():
                from refleks.content.ui import load_strings

                message = load_strings(self.lang)("cli.not_a_folder", dir=path)
                raise UsageError(f"--content: {message}")
            return path
        return bundled_content_dir()

    @cached_property
    def content(self) -> Content:
        """The validated content in the chosen language; invalid content stops here.

        The bundled content is read from its JSON cache (no YAML at start-up); a team's
        own folder is checked in full from YAML."""
        from refleks.content.cache import cached_content

        return cached_content(self.content_dir, self.lang)

    def names_content(self) -> Content | None:
        """The content to name stored values, areas, methods and CHIME elements by, in
        the language in use (``content.names``); None when it cannot be read, and a
        listing or an export then shows the names as stored rather than failing."""
        from refleks.content.problems import ContentError

        try:
            return self.content
        except ContentError:
            return None

    @cached_property
    def journal_path(self) -> Path:
        from refleks.paths import given_journal_path, link_leads_outside, own_journal_path

        if self.journal_option:
            return Path(self.journal_option).expanduser()
        given = given_journal_path()
        if given is not None:
            return given
        path = own_journal_path()
        # Planted, or left from another setup: a link out of refleks' own folder is
        # refused rather than followed.
        target = link_leads_outside(path, path.parent)
        if target is not None:
            from refleks.journal.errors import JournalError

            raise JournalError("errors.link_outside", path=path, target=target)
        return path

    @cached_property
    def team_log_path(self) -> Path:
        """``--team-log``, then the config's ``team_log``, then beside the journal."""
        chosen = self.team_log_option or self.settings.team_log
        if chosen:
            return Path(chosen).expanduser()
        return self.journal_path.with_name("team-log.json")

    @property
    def own_folder(self) -> Path | None:
        """refleks' own data folder when the journal is in it (made owner-only)."""
        from refleks.paths import data_dir

        folder = data_dir()
        return folder if self.journal_path.parent == folder else None

    @property
    def journal_encrypted(self) -> bool:
        """Whether the journal file is an encrypted one (by its header)."""
        from refleks.journal.cipher import is_encrypted

        return is_encrypted(self.journal_path)

    def unlock(self, passphrase: str) -> bool:
        """Keep the journal's key if ``passphrase`` opens it; False (nothing changed,
        on disk or here) if it does not. Call before ``journal`` opens it."""
        from refleks.journal.cipher import WrongPassphrase, unlock

        try:
            self.key = unlock(self.journal_path, passphrase)
        except WrongPassphrase:
            return False
        return True

    def recall(self) -> bool:
        """Take the key remembered on this computer (``refleks passphrase --remember``)
        if it still opens the encrypted journal; whether it did."""
        from refleks.journal.keychain import recall

        if self.key is None and self.journal_encrypted:
            self.key = recall(self.journal_path)
        return self.key is not None

    def unlocked_key(self) -> Key | None:
        """The key to open the journal with: the remembered one, else asked for
        (``ask_passphrase``) when the journal is encrypted and not yet unlocked; without
        a way to ask, None, and opening it says the journal is encrypted."""
        if (self.key is None and self.ask_passphrase is not None and self.journal_encrypted
                and not self.recall()):
            self.ask_passphrase(self)
        return self.key

    @property
    def journal(self) -> Journal:
        """The journal, opened (and created if new) on first use; ``close`` closes it."""
        if self._journal is None:
            from refleks.journal.store import Journal

            self._journal = Journal.open(self.journal_path, self.unlocked_key(),
                                         own_folder=self.own_folder)
        return self._journal

    def existing_journal(self, *, for_writing: bool = False) -> Journal | None:
        """The journal if its file exists, else ``None``: reading never creates one,
        and never writes (it works beside a writer and from read-only media).
        ``for_writing`` (``delete``): opened to change it, but still never created."""
        from refleks.journal.store import Journal

        try:
            os.stat(self.journal_path)
        except FileNotFoundError:  # nothing there, or a link to nothing
            return None
        except OSError:
            pass  # a symlink loop, no permission: opening it says so in words
        key = self.unlocked_key()
        if for_writing:
            return Journal.open(self.journal_path, key, create=False,
                                own_folder=self.own_folder)
        return Journal.open(self.journal_path, key, create=False, read_only=True)

    def resolve_for_app(self, *, personal: bool = True) -> None:
        """Resolve now what the app's first screen reads (words, config, team log, and
        the journal unless it waits for its passphrase on a screen of its own), so that
        a problem with any of them is one line at the shell, before a screen opens.

        An encrypted journal opens with the key remembered on this computer, if there
        is one. ``personal=False`` (``refleks team``, the team's shared screen, which
        never reads the personal journal): an encrypted journal is left closed, and no
        one is asked for its passphrase in front of the room."""
        self.t, self.config_path, self.team_log_path  # noqa: B018 - resolving is the point
        if self.team_content:
            self.content  # noqa: B018 - a team's own folder is checked here too
        if self.key is not None or not self.journal_encrypted or (personal and self.recall()):
            self.journal  # noqa: B018
        # else the app asks for the passphrase first (a team never needs it)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None
