"""The first-run greeting, and the same text from help: what refleks is and is not."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from refleks.content.ui import Strings
from refleks.tui.screens.base import SessionModal
from refleks.tui.session import Session


def privacy_words(t: Strings, path: Path) -> list[str]:
    """What is true of the journal at ``path``, as paragraphs: unencrypted, who can read
    it and how to encrypt it; encrypted, what that protects and what it does not, and
    where the plain backups from before the encryption still are; and whether a cloud
    client syncs its folder."""
    from refleks.journal.backups import plain_backups
    from refleks.journal.cipher import is_encrypted
    from refleks.synced import synced_by

    encrypted = is_encrypted(path)
    words = [t("welcome.private_encrypted" if encrypted else "welcome.private_plain")]
    plain = plain_backups(path) if encrypted else []
    if plain:
        words.append(t.count("welcome.private_plain_backups", len(plain),
                             folder=plain[0].parent))
    folder = path.parent.resolve()
    service = synced_by(folder)
    if service is not None:
        words.append(t("welcome.private_synced", folder=folder, service=service))
    return words


class WelcomeScreen(SessionModal[None]):
    DEFAULT_CLASSES = "opaque"  # covers home entirely: no border peeking out beside it
    BINDINGS = [Binding("escape,enter", "cancel", "keys.continue")]

    def __init__(self, session: Session) -> None:
        super().__init__(session, cancelled=None)

    def compose(self) -> ComposeResult:
        t = self.env.t
        with Vertical(id="dialog", classes="wide welcome"):
            yield Static(t("welcome.title"), classes="screen-title")
            with VerticalScroll(id="welcome-text"):
                for key in ("what", "not_a_test"):
                    yield Static(t(f"welcome.{key}"), classes="body-text paragraph")
                for words in privacy_words(t, self.env.journal_path):
                    yield Static(Content(words), classes="body-text paragraph privacy")
                for key in ("confidential", "how"):
                    yield Static(t(f"welcome.{key}"), classes="body-text paragraph")
            # A full button (not compact): it has to look like something to press.
            yield Button(t("welcome.start"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)
