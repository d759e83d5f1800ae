"""A sample journal for the supervision pack's checks and pictures (scripts/check_pack.sh).

Six weeks of made-up check-ins in Norwegian and English, with focus values kept and
changed, CHIME elements, a moment taken further and one not: every part of the pack
(title page, overview, running headers, moments) has something to show. No real text.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus, FollowUp
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.store import Journal

OSLO = timezone(timedelta(hours=1))
WEEKS = [  # (focus values, area, CHIME present, CHIME missing)
    (("tillit", "empati"), ("relasjonell", "Relasjonelle verdier og holdninger"),
     "chime.hope", "chime.empowerment"),
    (("tillit", "naervaer"), ("relasjonell", "Relasjonelle verdier og holdninger"),
     "chime.connectedness", "chime.meaning"),
    (("tillit", "naervaer"), ("samarbeid", "Samarbeid og medvirkning"),
     "chime.hope", "chime.identity"),
    (("medvirkning",), ("samarbeid", "Samarbeid og medvirkning"),
     "chime.empowerment", "chime.hope"),
    (("medvirkning", "empati"), ("relasjonell", "Relasjonelle verdier og holdninger"),
     "chime.meaning", ""),
]


def main(path: Path) -> None:
    path.unlink(missing_ok=True)
    start = datetime(2026, 10, 26, 14, 0, tzinfo=OSLO)
    with Journal.open(path) as journal:
        taken = Moment(text="Han spurte om vi kunne gå tur i stedet for å sitte inne.",
                       created_at=start + timedelta(days=9), lang="nb",
                       values=[MomentValue("medvirkning", "Medvirkning")])
        journal.moments.add(taken)
        journal.moments.add(Moment(text="A quiet thank-you at the door.",
                                   created_at=start + timedelta(days=24), lang="en"))
        before: tuple[str, ...] = ()
        for week, (focus, (area_id, area_title), present, missing) in enumerate(WEEKS):
            when = start + timedelta(weeks=week)
            lang = "en" if week == 3 else "nb"
            c = CheckIn(started_at=when, completed_at=when + timedelta(minutes=25),
                        status="complete", lang=lang, area_id=area_id, area_title=area_title)
            c.answers.append(Answer(f"{area_id}.q1", "Hva la du merke til denne uka?",
                                    "Jeg lyttet mer enn jeg snakket, og ventet før jeg svarte. "
                                    * (12 if week == 1 else 2)))
            if week == 2:
                c.answers += [
                    Answer(f"moment.{taken.uid}.what", "Hva skjedde? – " + taken.text,
                           "Vi gikk en runde rundt vannet, og han snakket mer enn før.",
                           kind="moment"),
                    Answer(f"moment.{taken.uid}.now", "Hva nå? – " + taken.text,
                           "Spørre ham neste gang hva han vil.", kind="moment")]
            c.chime.append(ChimeReflection(present, "", "present", "", "Et lite tegn."))
            if missing:
                c.chime.append(ChimeReflection(missing, "", "missing", "", "Lite denne uka."))
            c.follow_ups = [FollowUp(v, v, "Øve videre.", "Det gikk greit.", keep=v in focus)
                            for v in before]
            c.focus = [Focus(v, v.capitalize(), "Øve på dette i morgenmøtet.") for v in focus]
            journal.save(c)
            before = focus


if __name__ == "__main__":
    main(Path(sys.argv[1]))
