"""What every screen needs, in one place: text, content, the journal and the settings.

Screens receive a ``Session`` rather than reaching up into the App, and the content
is only loaded when a screen first asks for it (the home screen does not), which
keeps start-up to what the first screen needs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from refleks.content.ui import Strings, load_strings
from refleks.settings import Settings, save_settings, updated

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.journal.model import CheckIn
    from refleks.journal.moments import Moment
    from refleks.journal.store import Journal


@dataclass
class Session:
    lang: str
    content_dir: Path
    journal: Journal
    settings: Settings
    config_path: Path | None = None  # None: settings are not saved (tests, read-only)
    strings: Strings | None = None
    _content: Content | None = field(default=None, repr=False)
    now: type[datetime] = datetime  # replaced in tests to freeze the clock
    draft_save_delay: float = 0.5  # seconds: the most typing a killed terminal can lose
    save_retry_delay: float = 2.0  # seconds between tries while a draft cannot be saved
    autosave_wait: float = 0.5  # seconds a draft save waits for another program's write
    deleted: list[CheckIn] = field(default_factory=list)  # undoable until the app closes
    deleted_moments: list[Moment] = field(default_factory=list)  # the same, for moments
    team_log_path: Path | None = None  # None: beside the journal
    monotonic: Callable[[], float] = time.monotonic  # the team timer's clock; fake in tests

    def __post_init__(self) -> None:
        if self.strings is None:
            self.strings = load_strings(self.lang, self.content_dir)

    @property
    def t(self) -> Strings:
        assert self.strings is not None
        return self.strings

    @property
    def content(self) -> Content:
        if self._content is None or self._content.lang != self.lang:
            from refleks.content.loader import load_content

            self._content = load_content(self.content_dir, self.lang)
        return self._content

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.strings = load_strings(lang, self.content_dir)
        self.save(updated(self.settings, lang=lang))

    def save(self, settings: Settings) -> None:
        self.settings = settings
        if self.config_path is not None:
            save_settings(self.config_path, settings)

    @property
    def team_log(self) -> Path:
        """Where the team log lives: as chosen, or ``team-log.json`` beside the journal."""
        if self.team_log_path is not None:
            return self.team_log_path
        return self.journal.path.with_name("team-log.json")

    def current_time(self) -> datetime:
        return self.now.now().astimezone()
