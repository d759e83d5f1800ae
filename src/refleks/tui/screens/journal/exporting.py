"""Exporting from the journal's screens: where and how, whether to overwrite, then the
writing in a thread and a word when it is done.

The browser (the check-ins shown), the reader (one check-in) and the moments list (the
moments listed) each hold an ``Exporter`` and call ``ask`` from a worker of their own:
the questions read top to bottom, each awaiting its dialog's answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from refleks.errors import RefleksError
from refleks.journal.model import CheckIn
from refleks.journal.queries import Filter
from refleks.tui.i18n import error_text

if TYPE_CHECKING:
    from refleks.journal.moments import Moment
    from refleks.tui.screens.base import SessionScreen
    from refleks.tui.screens.export import ExportRequest


class Exporter:
    """Export for one screen: the file is written in a worker of that screen."""

    def __init__(self, screen: SessionScreen) -> None:
        self.screen = screen
        self.env = screen.env
        self.ui = screen.ui

    async def ask(self, what: str, count: int, flt: Filter | None,
                  keys: list[int] | None, day: date | None = None,
                  moments: list[Moment] | None = None) -> None:
        """Ask where and how, ask before overwriting, then write in a thread.

        Runs in a worker (it waits for the dialogs). ``day`` names the file for one
        check-in by its own date, not today's. With ``moments`` (from the moments list)
        only those are written.
        """
        from refleks.paths import documents_dir
        from refleks.tui.screens.confirm import ConfirmScreen
        from refleks.tui.screens.export import ExportScreen

        app, t = self.screen.app, self.env.t
        folder = documents_dir()
        if not folder.is_dir():
            from pathlib import Path

            folder = Path.home()
        day = day or self.ui.current_time().date()
        app.clear_notifications()  # a previous export's word would cover the dialog
        request = await app.push_screen_wait(ExportScreen(t, folder, day, what, count))
        if request is None:
            return
        overwrite = request.path.exists()
        if overwrite and not await app.push_screen_wait(ConfirmScreen(
                t, t("export_view.overwrite", path=request.path),
                t("export_view.overwrite_yes"), t("export_view.overwrite_no"),
                careful=True)):
            return
        self.write(request, flt, keys, overwrite=overwrite, moments=moments)

    def write(self, request: ExportRequest, flt: Filter | None, keys: list[int] | None, *,
              overwrite: bool, moments: list[Moment] | None = None) -> None:
        from refleks.journal.sharing import export_checkins, export_moments

        screen, env = self.screen, self.env
        t = env.t

        def run() -> None:
            journal = env.journal
            checkins: Iterable[CheckIn]
            if keys is not None:  # one, or those marked: oldest first, as any export
                checkins = sorted((c for c in (journal.get(k) for k in keys) if c is not None),
                                  key=lambda c: c.started_at)
            else:
                checkins = journal.iter_checkins(flt)
            done = "export_view.done"
            try:
                if moments is not None:  # only the moments chosen in their list
                    done = "moment_view.exported"
                    count = export_moments(request.path, moments, request.format, t,
                                           env.lang, overwrite=overwrite,
                                           content=env.names_content())
                else:
                    # The moments of the same period go along, unless one check-in was
                    # chosen.
                    count = export_checkins(
                        request.path, checkins, request.format, t, env.lang,
                        parts=request.parts, overwrite=overwrite,
                        moments=journal.moments.for_export(flt) if keys is None else [],
                        content=env.names_content())
            except RefleksError as exc:
                message = error_text(exc, env.t)
                screen.app.call_from_thread(screen.notify, message, severity="error",
                                            timeout=10, markup=False)
                return
            except OSError as exc:
                screen.app.call_from_thread(screen.notify, f"{request.path}: {exc.strerror}",
                                            severity="error", timeout=10, markup=False)
                return
            screen.app.call_from_thread(
                screen.notify, t.count(done, count, path=request.path),
                title=t("export_view.done_title"), timeout=10, markup=False)

        screen.run_worker(run, thread=True, exclusive=True, group="export")
