"""Deleting a check-in from the journal's screens, and bringing the last one back.

The browser and the reader both delete; each holds a ``Deletions`` and calls ``ask``
from a worker of its own, so the questions read top to bottom, each awaiting its
dialog's answer. What was deleted can be undone until the app closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.errors import RefleksError
from refleks.tui.i18n import error_text

if TYPE_CHECKING:
    from refleks.tui.screens.base import SessionScreen


class Deletions:
    """Delete and undo for one screen; the screen shows the result."""

    def __init__(self, screen: SessionScreen) -> None:
        self.screen = screen
        self.env = screen.env
        self.ui = screen.ui

    async def ask(self, key: int) -> bool:
        """A draft: asked once. A completed check-in: asked twice, backed up, undoable.

        Runs in a worker (it waits for the dialogs); True when it was deleted.
        """
        from refleks.content.names import shown_name
        from refleks.dates import format_date
        from refleks.safe_text import visible
        from refleks.tui.screens.confirm import ConfirmScreen

        app, journal = self.screen.app, self.env.journal
        t = self.env.t
        checkin = journal.get(key)
        if checkin is None:
            return False
        # which one, by name: the dialog covers the list, and the highlighted row is
        # told by colour alone
        when = format_date(checkin.started_at, t)
        area = shown_name(self.env.content, "area", checkin.area_id, checkin.area_title)
        if area:  # in the language in use, as the list beside it names it
            when += f" – {visible(area)}"
        question = "journal_view.delete_draft" if checkin.is_draft else "journal_view.delete_one"
        if not await app.push_screen_wait(ConfirmScreen(
                t, t(question, when=when), t("journal_view.delete_yes"),
                t("journal_view.delete_no"), careful=True)):
            return False
        if not checkin.is_draft and not await app.push_screen_wait(ConfirmScreen(
                t, t("journal_view.delete_really"), t("journal_view.delete_yes"),
                t("journal_view.delete_no"), careful=True)):
            return False
        try:
            if not checkin.is_draft:
                journal.backup()  # it stays in the newest backup, whatever happens
            journal.delete(key)
        except RefleksError as exc:
            self.screen.notify(error_text(exc, t), severity="error", markup=False)
            return False
        self.ui.deleted.append(checkin)
        self.screen.notify(t("journal_view.deleted"), timeout=8)
        return True

    def undo(self) -> bool:
        """The check-in deleted last, back in the journal; True when one came back."""
        deleted, t = self.ui.deleted, self.env.t
        if not deleted:
            self.screen.notify(t("journal_view.nothing_to_undo"))
            return False
        checkin = deleted.pop()
        try:
            self.env.journal.merge([checkin])
        except RefleksError as exc:
            deleted.append(checkin)
            self.screen.notify(error_text(exc, t), severity="error", markup=False)
            return False
        self.screen.notify(t("journal_view.restored"))
        return True
