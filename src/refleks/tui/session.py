"""What every screen receives: the run's ``Environment`` and the UI's own state.

The language, the interface text, the content, the journal and the settings live in
the ``Environment`` the command line resolved, once (the content only loaded when a
screen first asks for it, which keeps start-up to what the first screen needs). What
only the app keeps while it runs — the clocks it reads, how long a draft waits before
it is saved, what can still be undone — is ``UiState``. Screens receive both as a
``Session`` rather than reaching up into the App.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refleks.environment import Environment
    from refleks.journal.model import CheckIn
    from refleks.journal.moments import Moment


@dataclass
class UiState:
    """The app's own state, kept while it runs and replaced in tests."""

    now: type[datetime] = datetime  # replaced in tests to freeze the clock
    monotonic: Callable[[], float] = time.monotonic  # the team timer's clock; fake in tests
    draft_save_delay: float = 0.5  # seconds: the most typing a killed terminal can lose
    save_retry_delay: float = 2.0  # seconds between tries while a draft cannot be saved
    autosave_wait: float = 0.5  # seconds a draft save waits for another program's write
    deleted: list[CheckIn] = field(default_factory=list)  # undoable until the app closes
    deleted_moments: list[Moment] = field(default_factory=list)  # the same, for moments
    idle_clock: Callable[[], float] = time.monotonic  # the lock's clock; fake in tests
    idle_check_every: float = 5.0  # seconds between looks at how long no key was pressed
    passphrase_typed: bool = False  # asked at the start: the lock asks for it again
    back_from_lock: object = None  # the screen a lock was over, as it was when it locked
    editor_plain_text_said: bool = False  # the own editor's file is plain: said this run

    def current_time(self) -> datetime:
        return self.now.now().astimezone()


@dataclass
class Session:
    """What the app is started with and hands to each screen."""

    env: Environment
    ui: UiState = field(default_factory=UiState)
