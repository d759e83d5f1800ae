"""Everything written in a check-in, piece by piece, with where it was written.

The confidentiality guard looks at each piece before a check-in is completed and, when
it finds something, shows it under the question it was written in; "rewrite" goes back
to that step (and question). The app and the plain line dialogue (``refleks --plain``)
both ask it here, so they show the same places and go back to the same steps.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.checkin.parts import Step
from refleks.safe_text import visible
from refleks.textfit import fit

if TYPE_CHECKING:
    from refleks.checkin.flow import CheckinFlow
    from refleks.content.ui import Strings

# One piece: where it was written (as the guard shows it), the text, and the step and
# question "rewrite" goes back to.
Passage = tuple[str, str, tuple[Step, int]]


def written_passages(flow: CheckinFlow, t: Strings) -> list[Passage]:
    """Everything written in a check-in, each piece with where it was written (as the
    guard shows it, and as the step and question "rewrite" goes back to)."""
    def where(text: str) -> str:
        return fit(" ".join(visible(text).split()), 60).rstrip()

    def answered_in(question_id: str) -> tuple[Step, int]:
        prompts = [p.id for p in flow.prompts()] if flow.area is not None else []
        if question_id in prompts:
            return Step.REFLECT, prompts.index(question_id)
        if question_id.startswith("moment."):
            return Step.MOMENTS, 0
        if question_id.startswith("why."):
            return Step.FOCUS, 0
        return Step.FOLLOW_UP, 0  # the method followed up

    checkin = flow.checkin
    passages = [(where(a.question_text), a.text, answered_in(a.question_id))
                for a in checkin.answers]
    passages += [(where(f.value_name), f.text, (Step.FOLLOW_UP, 0)) for f in checkin.follow_ups]
    passages += [(where(r.element_name), r.text, (Step.CHIME, 0)) for r in checkin.chime]
    passages += [(where(f"{f.value_name} – {t('checkin.focus.action')}"), f.action,
                  (Step.FOCUS, 0)) for f in checkin.focus]
    passages.append((t("checkin.summary.notes"), checkin.notes, (Step.SUMMARY, 0)))
    return passages
