"""Check-ins to put in test journals (imported by the ``test_journal_*`` modules)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from refleks.journal.model import (
    Answer,
    CheckIn,
    ChimeReflection,
    Focus,
    FollowUp,
    LaterNote,
)

OSLO_WINTER = timezone(timedelta(hours=1))
OSLO_SUMMER = timezone(timedelta(hours=2))


def when(day: str, hour: int = 9, minute: int = 0, tz: timezone = OSLO_WINTER) -> datetime:
    year, month, dom = (int(p) for p in day.split("-"))
    return datetime(year, month, dom, hour, minute, tzinfo=tz)


def make_checkin(
    day: str = "2026-11-30",
    *,
    area: str = "relasjonell",
    area_title: str = "Relasjonelle verdier og holdninger",
    focus: tuple[str, ...] = ("tillit", "naervaer"),
    answer: str = "Jeg lyttet mer enn jeg snakket denne uka.",
    status: str = "complete",
    uid: str | None = None,
) -> CheckIn:
    """A full check-in: every part of the model has something in it."""
    started = when(day)
    kwargs = {"uid": uid} if uid else {}
    return CheckIn(
        **kwargs,
        started_at=started,
        completed_at=started + timedelta(minutes=20) if status == "complete" else None,
        status=status,  # type: ignore[arg-type]
        lang="nb",
        area_id=area,
        area_title=area_title,
        answers=[
            Answer(f"{area}.q1", "Hvordan viser jeg empati og respekt i hverdagen?", answer),
            Answer(f"{area}.q2", "Når opplever jeg at tillit blir bygget?",
                   "Når jeg ringer tilbake når jeg har sagt det.\n\nOg når jeg tør å si nei."),
            Answer("dilemma.onsker-og-risiko", "En person vil flytte for seg selv.", "",
                   kind="dilemma"),
        ],
        chime=[ChimeReflection("chime.hope", "Håp", "present", "Hva ga håp denne uka?",
                               "Et lite smil i gangen.")],
        focus=[Focus(value, value.capitalize(), f"Øve på {value} i morgenmøtet.")
               for value in focus],
        follow_ups=[FollowUp("respekt", "Respekt", "Banke på før jeg går inn.",
                             "Det gikk bedre enn jeg trodde.", keep=True,
                             from_uid="earlier")],
        method_id="metode.refleksjonsgruppe",
        method_title="Refleksjonsgruppe",
        notes="Ta opp i veiledning.",
        later_notes=[LaterNote(started + timedelta(days=3), "Snakket med leder om dette.")],
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class OtherProgram:
    """Another program holding the journal's write lock, from a thread of its own, until
    the ``with`` block ends or 30 s have passed (``gone`` says it has let go)."""

    def __init__(self, journal_path: Path) -> None:
        import threading

        self.path = journal_path
        self.taken, self.let_go, self.gone = (threading.Event(), threading.Event(),
                                              threading.Event())
        self.thread = threading.Thread(target=self._hold)

    def _hold(self) -> None:
        # refleks' own driver: the write lock is a POSIX lock, which one SQLite library
        # does not see another take in the same process
        from refleks.journal import sql

        holder = sql.connect(self.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        self.taken.set()
        self.let_go.wait(30)
        holder.execute("ROLLBACK")
        holder.close()
        self.gone.set()

    def __enter__(self) -> OtherProgram:
        self.thread.start()
        self.taken.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.let_go.set()
        self.thread.join()
