"""Export, delete and undo, shared by the journal browser and the entry reader.

Both screens offer the same care for check-ins, so the asking (dialogs), the writing
(in a worker) and the notifying live here once, as methods of a base both screens
build on, rather than as free functions handed the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING

from refleks.errors import RefleksError
from refleks.journal.model import CheckIn
from refleks.journal.queries import Filter
from refleks.tui.i18n import error_text
from refleks.tui.screens.base import SessionScreen

if TYPE_CHECKING:
    from refleks.journal.moments import Moment
    from refleks.tui.screens.export import ExportRequest


class JournalActions(SessionScreen):
    def ask_export(self, what: str, count: int, flt: Filter | None,
                   keys: list[int] | None, day: date | None = None,
                   moments: list[Moment] | None = None) -> None:
        """Ask where and how, ask before overwriting, then write in a worker.

        ``day`` names the file for one check-in by its own date, not today's. With
        ``moments`` (from the moments list) only those are written.
        """
        from refleks.paths import documents_dir
        from refleks.tui.screens.confirm import ConfirmScreen
        from refleks.tui.screens.export import ExportScreen

        t = self.session.t
        folder = documents_dir()
        if not folder.is_dir():
            from pathlib import Path

            folder = Path.home()

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            if request.path.exists():
                def answered(overwrite: bool | None) -> None:
                    if overwrite:
                        self.write_export(request, flt, keys, overwrite=True,
                                          moments=moments)

                self.app.push_screen(ConfirmScreen(
                    t, t("export_view.overwrite", path=request.path),
                    t("export_view.overwrite_yes"), t("export_view.overwrite_no"),
                    careful=True), answered)
            else:
                self.write_export(request, flt, keys, overwrite=False, moments=moments)

        day = day or self.session.current_time().date()
        self.app.clear_notifications()  # a previous export's word would cover the dialog
        self.app.push_screen(ExportScreen(t, folder, day, what, count), chosen)

    def write_export(self, request: ExportRequest, flt: Filter | None,
                     keys: list[int] | None, *, overwrite: bool,
                     moments: list[Moment] | None = None) -> None:
        from refleks.journal.sharing import export_checkins, export_moments

        session = self.session
        t = session.t

        def run() -> None:
            journal = session.journal
            checkins: Iterable[CheckIn]
            if keys is not None:
                checkins = (c for c in (journal.get(k) for k in keys) if c is not None)
            else:
                checkins = journal.iter_checkins(flt)
            done = "export_view.done"
            try:
                if moments is not None:  # only the moments chosen in their list
                    done = "moment_view.exported"
                    count = export_moments(request.path, moments, request.format, t,
                                           session.lang, overwrite=overwrite)
                else:
                    # The moments of the same period go along, unless one check-in was
                    # chosen.
                    count = export_checkins(
                        request.path, checkins, request.format, t, session.lang,
                        parts=request.parts, overwrite=overwrite,
                        moments=journal.moments.for_export(flt) if keys is None else [])
            except RefleksError as exc:
                message = error_text(exc, session.t)
                self.app.call_from_thread(self.notify, message, severity="error", timeout=10,
                                          markup=False)
                return
            except OSError as exc:
                self.app.call_from_thread(self.notify, f"{request.path}: {exc.strerror}",
                                          severity="error", timeout=10, markup=False)
                return
            self.app.call_from_thread(
                self.notify, t.count(done, count, path=request.path),
                title=t("export_view.done_title"), timeout=10, markup=False)

        self.run_worker(run, thread=True, exclusive=True, group="export")

    def ask_delete(self, key: int, after: Callable[[], None]) -> None:
        """A draft: asked once. A completed check-in: asked twice, backed up, undoable."""
        from refleks.tui.screens.confirm import ConfirmScreen

        session = self.session
        t = session.t
        checkin = session.journal.get(key)
        if checkin is None:
            return

        def delete() -> None:
            try:
                if not checkin.is_draft:
                    session.journal.backup()  # it stays in the newest backup, whatever happens
                session.journal.delete(key)
            except RefleksError as exc:
                self.notify(error_text(exc, session.t), severity="error", markup=False)
                return
            session.deleted.append(checkin)
            self.notify(t("journal_view.deleted"), timeout=8)
            after()

        def second(yes: bool | None) -> None:
            if yes:
                delete()

        def first(yes: bool | None) -> None:
            if not yes:
                return
            if checkin.is_draft:
                delete()
            else:
                self.app.push_screen(ConfirmScreen(
                    t, t("journal_view.delete_really"), t("journal_view.delete_yes"),
                    t("journal_view.delete_no"), careful=True), second)

        # which one, by name: the dialog covers the list, and the highlighted row is
        # told by colour alone
        from refleks.dates import format_date
        from refleks.safe_text import visible

        when = format_date(checkin.started_at, t)
        if checkin.area_title:
            when += f" – {visible(checkin.area_title)}"
        question = "journal_view.delete_draft" if checkin.is_draft else "journal_view.delete_one"
        self.app.push_screen(ConfirmScreen(t, t(question, when=when), t("journal_view.delete_yes"),
                                           t("journal_view.delete_no"), careful=True), first)

    def undo_delete(self, after: Callable[[], None]) -> None:
        session = self.session
        t = session.t
        if not session.deleted:
            self.notify(t("journal_view.nothing_to_undo"))
            return
        checkin = session.deleted.pop()
        try:
            session.journal.merge([checkin])
        except RefleksError as exc:
            session.deleted.append(checkin)
            self.notify(error_text(exc, session.t), severity="error", markup=False)
            return
        self.notify(t("journal_view.restored"))
        after()
