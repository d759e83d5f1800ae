"""What the check-in and the team session share: a draft saved as it goes, and what
happens when it cannot be saved.

A save can fail (the journal locked by a long import, a full disk, a team log folder
gone). The screen then says so once, keeps saying it in its header, tries again on a
timer until it works, and says when it has. Leaving (Esc, or ctrl+q for the whole app)
while the last save failed asks a different question: the ordinary one promises the
draft is kept, which would not be true, and what was typed must never be dropped
without asking.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.timer import Timer

from refleks.errors import RefleksError
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import SessionScreen
from refleks.tui.session import Session
from refleks.tui.widgets.editor import BoundedTextArea


class DraftScreen(SessionScreen):
    """A screen whose draft is saved shortly after every change (``save_now``).

    ``WORDS`` names the section of the interface text with its words: ``save_failed``,
    ``save_retrying``, ``unsaved``, ``saved_again``, ``leave_question``, ``leave_yes``,
    ``leave_no``, ``leave_unsaved`` and ``leave_unsaved_yes``.
    """

    WORDS = "checkin"

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._save_timer: Timer | None = None
        self.unsaved = False  # the last save failed; a retry is scheduled
        self._calm_sub_title: str | None = ""  # the header subtitle while all is saved

    def save_now(self) -> None:
        """Write the draft if anything changed since the last write."""
        raise NotImplementedError

    @on(BoundedTextArea.Returned)
    def own_editor_returned(self) -> None:
        """The text came back from the person's own editor: saved at once, as it was
        just before the editor opened."""
        self.save_now()

    def schedule_save(self) -> None:
        if self._save_timer is None:
            self._save_timer = self.set_timer(self.ui.draft_save_delay, self.save_now)

    def stop_save_timer(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def save_failed(self, exc: RefleksError) -> None:
        """Say once that saving failed, show it until it works, and try again soon."""
        t = self.env.t
        if not self.unsaved:
            self.notify(f"{error_text(exc, t)} {t(f'{self.WORDS}.save_retrying')}",
                        title=t(f"{self.WORDS}.save_failed"), severity="error", timeout=15,
                        markup=False)
            self._calm_sub_title = self.sub_title
        self.unsaved = True
        self.sub_title = t(f"{self.WORDS}.unsaved")
        if self.is_mounted and self._save_timer is None:
            self._save_timer = self.set_timer(self.ui.save_retry_delay, self.save_now)

    def save_succeeded(self) -> None:
        if self.unsaved:
            self.unsaved = False
            self.sub_title = self._calm_sub_title
            self.notify(self.env.t(f"{self.WORDS}.saved_again"), timeout=5)

    def ask_to_leave(self, leave: Callable[[], object]) -> None:
        """Ask before leaving: the draft is kept, or (the last save failed) it would be
        lost, and then the cursor starts on "Stay"."""
        from refleks.tui.screens.confirm import ConfirmScreen

        t = self.env.t
        words = self.WORDS
        if self.unsaved:
            question = ConfirmScreen(t, t(f"{words}.leave_unsaved"),
                                     t(f"{words}.leave_unsaved_yes"), t(f"{words}.leave_no"),
                                     careful=True)
        else:
            question = ConfirmScreen(t, t(f"{words}.leave_question"), t(f"{words}.leave_yes"),
                                     t(f"{words}.leave_no"))

        def answered(yes: bool | None) -> None:
            if yes:
                leave()

        self.app.push_screen(question, answered)
