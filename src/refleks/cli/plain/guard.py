"""The confidentiality guard at the prompt: what was found, under the question it was
written in, and "rewrite or keep?".

The app shows the same findings in a dialog (``tui.screens.guard``); here they are
lines, each passage quoted in its line with a few words either side, since nothing can
be highlighted. Rewriting goes back to the question where the first finding was
written; keeping saves as written. Nothing found is never said: the check-in saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from refleks.checkin.passages import written_passages
from refleks.guard.positions import around
from refleks.safe_text import visible

if TYPE_CHECKING:
    from refleks.checkin import CheckinFlow, Step
    from refleks.cli.plain.lines import Lines
    from refleks.content.ui import Strings
    from refleks.guard import Finding


def ask_about_findings(flow: CheckinFlow, lines: Lines, t: Strings) -> tuple[Step, int] | None:
    """``None`` to save (nothing found, or "keep as written"); else the step and the
    question in it to go back to, where the first finding was written."""
    from refleks.guard import Guard

    guard = Guard.for_content(flow.content)
    found = [(where, text, hits, back) for where, text, back in written_passages(flow, t)
             if text.strip() and (hits := guard.scan(text))]
    if not found:
        return None
    lines.blank()
    lines.say(t("guard_view.title"), t("guard_view.intro"))
    for where, text, hits, _ in found:
        lines.data(t("guard_view.where", where=where))
        for finding in hits:
            lines.data(f"  {t(f'guard.kind.{finding.kind}')}: {excerpt(text, finding)}")
    lines.say(t("guard_view.never"))
    rewrite, keep = t("plain.guard.rewrite_letter"), t("plain.guard.keep_letter")
    while True:
        answer = lines.ask_line(t("plain.guard.ask") + " ").casefold()
        if not answer or answer[:1] == rewrite or answer == t("guard_view.rewrite").casefold():
            break
        if answer[:1] == keep or answer == t("guard_view.keep").casefold():
            return None
        lines.say(t("plain.not_a_choice", typed=visible(answer)))
    where, _, _, back = found[0]
    lines.say(t("plain.guard.back_to", where=where))
    return back


def excerpt(text: str, finding: Finding) -> str:
    """The passage in its line, a few words either side, in quotation marks (the app
    shows it highlighted; here the marks say where it is)."""
    before, after = around(text, finding.start, finding.end)
    passage = " ".join(text[finding.start:finding.end].split())
    return visible(f"{before}“{passage}”{after}")
