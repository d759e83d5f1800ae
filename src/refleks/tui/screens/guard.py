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
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Static, TextArea

from refleks.content.ui import Strings
from refleks.guard import Finding, Guard
from refleks.guard.positions import around
from refleks.safe_text import visible
from refleks.tui.screens.base import Dialog
from refleks.tui.widgets.buttons import Button

if TYPE_CHECKING:
    from textual.screen import Screen

    from refleks.tui.session import Session

FIXED_ROWS = 7  # the frame (2), the title (1), the buttons (3) and a spare row

_guards: dict[int, Guard] = {}


def session_guard(session: Session) -> Guard:
    """The guard for the session's content, built once per content object."""
    content = session.env.content
    guard = _guards.get(id(content))
    if guard is None:
        _guards.clear()
        guard = _guards[id(content)] = Guard.for_content(content)
    return guard


def excerpt(text: str, finding: Finding) -> Content:
    """The passage highlighted in its line, cut to a few words either side. For a
    combination, the passage from its first part to its last, each part highlighted:
    it is the three together that may identify someone."""
    before, after = around(text, finding.start, finding.end)
    pieces: list[str | tuple[str, str]] = [visible(before)]
    spans = finding.parts or ((finding.start, finding.end, finding.kind),)
    at = finding.start
    for part_start, part_end, _ in spans:
        if part_start > at:
            pieces.append(visible(text[at:part_start]))
        pieces.append((visible(" ".join(text[part_start:part_end].split())), "reverse bold"))
        at = part_end
    pieces.append(visible(after))
    return Content.assemble(*pieces)


# One piece of what is about to be saved: where it was written (a question, "Free
# notes"; "" for a text of one piece) and the text itself.
Passage = tuple[str, str]


class GuardScreen(Dialog[bool]):
    """Returns True for "keep as written", False for "rewrite" (and Esc)."""

    # The footer names how to choose (Tab, Enter, Esc) as every dialog answered by its
    # buttons does: ``Dialog``'s own keys.
    BINDINGS = [
        # ↓ is named in the footer while there is more found than shows (at 60×18 a
        # phone number can be below the fold); ↑ and the page keys go with it unnamed.
        Binding("down", "findings('scroll_down')", "keys.more_found", key_display="↑↓"),
        *(Binding(key, f"findings('{how}')", show=False) for key, how in (
            ("up", "scroll_up"), ("pageup", "scroll_page_up"),
            ("pagedown", "scroll_page_down"))),
    ]

    def __init__(self, t: Strings, text: str, findings: list[Finding],
                 found: list[tuple[str, str, list[Finding]]] | None = None,
                 *, shared: bool = False) -> None:
        """``found``: for a text of many pieces (a check-in), each piece's label, text
        and findings, so the person can tell where to rewrite. ``shared``: on the team's
        shared screen, where everyone in the room reads the dialog and the log is the
        team's, it says so instead of "only shown to you"."""
        super().__init__(t, cancelled=False)
        self.found = found if found is not None else [("", text, findings)]
        self.words = "guard_view.shared_" if shared else "guard_view."

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="dialog", classes="wide guard"):
            yield Static(t(f"{self.words}title"), classes="screen-title")
            # Everything between the title and the buttons scrolls, so the two choices
            # stay in view however much was found and however small the terminal.
            # Never a stop for Tab: there it took the brackets from both buttons and
            # Enter pressed nothing. The arrow keys scroll it from either button.
            with VerticalScroll(id="guard-findings", can_focus=False):
                yield Static(t(f"{self.words}intro"), classes="body-text paragraph")
                for where, text, findings in self.found:
                    if where:
                        yield Static(Content(t("guard_view.where", where=where)),
                                     classes="guard-where")
                    for finding in findings:
                        label = t(f"guard.kind.{finding.kind}")
                        yield Static(Content.assemble((f"{label}: ", "bold"),
                                                      excerpt(text, finding)),
                                     classes="guard-finding")
                yield Static(t(f"{self.words}never"), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(t("guard_view.rewrite"), id="rewrite", variant="primary")
                yield Button(t("guard_view.keep"), id="keep")

    def on_mount(self) -> None:
        self.fit_height()
        self.query_one("#rewrite", Button).focus()

    def on_resize(self) -> None:
        self.fit_height()

    def fit_height(self) -> None:
        """The scrolling part gets what the screen has left after the title, the
        buttons and the frame (9 of every 10 rows are the dialog's at most)."""
        rows = self.app.size.height * 9 // 10 - FIXED_ROWS
        self.query_one("#guard-findings").styles.max_height = max(3, rows)
        # whether all that was found shows is known once it is laid out at this height
        self.call_after_refresh(self.refresh_bindings)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "findings":
            try:
                findings = self.query_one("#guard-findings", VerticalScroll)
            except NoMatches:
                return False
            return findings.max_scroll_y > 0  # nothing hidden: nothing to name
        return super().check_action(action, parameters)

    def action_findings(self, how: str) -> None:
        getattr(self.query_one("#guard-findings", VerticalScroll), f"action_{how}")()

    @on(Button.Pressed, "#rewrite")
    def rewrite(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#keep")
    def keep(self) -> None:
        self.dismiss(True)


def confirm_text(screen: Screen[Any], guard: Guard, t: Strings, text: str,
                 save: Callable[[], object], field: TextArea | None = None) -> None:
    """Call ``save`` now if nothing in ``text`` may identify anyone; otherwise ask first.
    ``field``: where ``text`` was written (``text`` its whole text, or that stripped);
    "Rewrite" puts the cursor there, at the first finding, as the check-in does."""
    findings = guard.scan(text)
    if not findings:
        save()
        return

    def answered(keep: bool | None) -> None:
        if keep:
            save()
        elif field is not None:  # where ``text`` starts in the field (it may be stripped)
            back_to(field, max(0, field.text.find(text)) + min(f.start for f in findings))

    screen.app.push_screen(GuardScreen(t, text, findings), answered)


def back_to(field: TextArea, offset: int) -> None:
    """The cursor in ``field`` at ``offset`` (a character of its text), in view."""
    before = field.text[:offset]
    row = before.count("\n")
    field.focus()
    field.move_cursor((row, offset - (before.rfind("\n") + 1)))
    field.scroll_cursor_visible()


def confirm_passages(screen: Screen[Any], guard: Guard, t: Strings,
                     passages: list[Passage], save: Callable[[], object],
                     rewrite: Callable[[int], object] | None = None, *,
                     shared: bool = False) -> None:
    """As ``confirm_text``, for a text written in pieces: each finding is shown under
    the question or field it was written in. ``rewrite`` (given the index of the first
    passage with a finding) takes the person there when they choose to rewrite;
    ``shared``: the dialog is on the team's shared screen and says so."""
    found = [(where, text, hits) for where, text in passages
             if text.strip() and (hits := guard.scan(text))]
    if not found:
        save()
        return
    first = next(i for i, (_, text) in enumerate(passages)
                 if text.strip() and guard.scan(text))

    def answered(keep: bool | None) -> None:
        if keep:
            save()
        elif keep is False and rewrite is not None:
            rewrite(first)

    screen.app.push_screen(GuardScreen(t, "", [], found, shared=shared), answered)
