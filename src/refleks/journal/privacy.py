"""What is true of one journal's privacy, in words: the welcome's, help's and the plain
dialogue's first greeting read it from here (the app and the line dialogue say the same)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from refleks.content.ui import Strings


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
