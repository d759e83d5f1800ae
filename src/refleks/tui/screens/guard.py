"""The confidentiality guard, shown: what may identify someone, and "rewrite or keep?".

Before text is saved as final (a completed check-in, a moment, a later note) the
screen that saves calls ``confirm_text``. When the guard finds nothing, the save goes
straight on; when it finds something, this dialog shows each passage highlighted in
its line and asks. "Keep as written" saves as it is — the guard never blocks — and
"Rewrite" (or Esc) returns to the text, unchanged and unsaved. Nothing it found is
kept anywhere: the findings live in this dialog and go with it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from refleks.content.ui import Strings
from refleks.guard import Finding, Guard
from refleks.safe_text import visible
from refleks.tui.screens.base import Dialog

if TYPE_CHECKING:
    from textual.screen import Screen

    from refleks.tui.session import Session

CONTEXT = 28  # characters shown either side of a passage

_guards: dict[int, Guard] = {}


def session_guard(session: Session) -> Guard:
    """The guard for the session's content, built once per content object."""
    content = session.content
    guard = _guards.get(id(content))
    if guard is None:
        _guards.clear()
        guard = _guards[id(content)] = Guard.for_content(content)
    return guard


def excerpt(text: str, finding: Finding) -> Content:
    """The passage highlighted in its line, cut to a few words either side."""
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    line_end = len(text) if line_end < 0 else line_end
    start = max(line_start, finding.start - CONTEXT)
    end = min(line_end, finding.end + CONTEXT)
    before = ("…" if start > line_start else "") + text[start:finding.start]
    after = text[finding.end:end] + ("…" if end < line_end else "")
    passage = " ".join(text[finding.start:finding.end].split())
    return Content.assemble(visible(before), (visible(passage), "reverse bold"),
                            visible(after))


class GuardScreen(Dialog[bool]):
    """Returns True for "keep as written", False for "rewrite" (and Esc)."""

    def __init__(self, t: Strings, text: str, findings: list[Finding]) -> None:
        super().__init__(t, cancelled=False)
        self.text = text
        self.findings = findings

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog", classes="wide"):
            yield Static(t("guard_view.title"), classes="screen-title")
            yield Static(t("guard_view.intro"), classes="body-text paragraph")
            with VerticalScroll(id="guard-findings"):
                for finding in self.findings:
                    label = t(f"guard.kind.{finding.kind}")
                    yield Static(Content.assemble((f"{label}: ", "bold"),
                                                  excerpt(self.text, finding)),
                                 classes="guard-finding")
            yield Static(t("guard_view.never"), classes="hint paragraph")
            with Horizontal(classes="buttons"):
                yield Button(t("guard_view.rewrite"), id="rewrite", variant="primary")
                yield Button(t("guard_view.keep"), id="keep")

    def on_mount(self) -> None:
        self.query_one("#rewrite", Button).focus()

    @on(Button.Pressed, "#rewrite")
    def rewrite(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#keep")
    def keep(self) -> None:
        self.dismiss(True)


def confirm_text(screen: Screen[Any], guard: Guard, t: Strings, text: str,
                 save: Callable[[], object]) -> None:
    """Call ``save`` now if nothing in ``text`` may identify anyone; otherwise ask first."""
    findings = guard.scan(text)
    if not findings:
        save()
        return

    def answered(keep: bool | None) -> None:
        if keep:
            save()

    screen.app.push_screen(GuardScreen(t, text, findings), answered)
