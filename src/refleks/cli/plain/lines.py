"""Plain lines in, plain lines out: the dialogue's only way to speak and listen.

What is written is text and line breaks, nothing else: no colour, no cursor movement,
no redrawing, so a screen reader reads it in order, a dumb terminal shows it as it is,
and a transcript (``script``, a pipe) is the dialogue itself. Text from the journal or
the content is data and passes through ``safe_text.visible`` first.

Lines are read from standard input's bytes, not with ``input()``: with the ``readline``
module loaded, ``input()`` may send the terminal escape codes of its own (bracketed
paste), and a line that is not UTF-8 must not end the dialogue. The terminal's own line
editing (Backspace, ctrl+u) works as at any shell prompt.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, BinaryIO, TextIO

from refleks.safe_text import visible

if TYPE_CHECKING:
    from refleks.content.ui import Strings

# What a key that is not a letter leaves in a line read in the terminal's cooked mode
# (an arrow key's ESC [ A, a function key), and any other control character: not text.
_KEY_CODES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|O.|.)?|[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


class Back(Exception):
    """The person typed the word for "back": one question back."""


class Leave(Exception):
    """The person typed the word for "quit", or ended the input (ctrl+d)."""


class SkipRest(Exception):
    """The person typed the word for "skip": past the rest of the questions."""


class Lines:
    """The prompt: ``say`` writes lines, ``ask_line`` and ``ask_text`` read answers.

    The command words are the interface text's (``plain.words.*``), in the language in
    use; a word counts only alone on its line, so an answer that uses it is an answer.
    Alone at any answer it is always a command, never stored: a person who means the
    word itself adds to it ("skip.", as the opening lines say).
    """

    def __init__(self, t: Strings, stdin: BinaryIO | None = None,
                 stdout: TextIO | None = None) -> None:
        self.t = t
        self.stdin = stdin if stdin is not None else sys.stdin.buffer
        self.stdout = stdout if stdout is not None else sys.stdout
        self.words = {name: t(f"plain.words.{name}").casefold()
                      for name in ("back", "quit", "skip", "remove", "editor")}
        self.ended = False  # the input has ended: the next read leaves
        # Said before the own editor opens (an encrypted journal: its file is plain text).
        self.before_editor: str | None = None

    # -- writing ------------------------------------------------------------------------

    def say(self, *lines: str) -> None:
        """Lines of the program's own words (or data already made ``visible``)."""
        self.stdout.write("".join(f"{line}\n" for line in lines))
        self.stdout.flush()

    def data(self, text: str, indent: str = "") -> None:
        """Stored or content text, as data: control characters shown, never obeyed."""
        self.say(*(indent + line for line in visible(text).split("\n")))

    def blank(self) -> None:
        self.say("")

    # -- reading ------------------------------------------------------------------------

    def read_line(self, prompt: str = "") -> str:
        """One line as typed (without its line break); ``Leave`` at the end of input."""
        if self.ended:
            raise Leave
        if prompt:
            self.stdout.write(prompt)
            self.stdout.flush()
        raw = self.stdin.readline()
        if not raw:
            self.ended = True
            if prompt:
                self.say("")  # ctrl+d leaves the cursor after the prompt
            raise Leave
        if not raw.endswith(b"\n"):
            self.ended = True  # the last line, without its break: taken, then leave
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        return _KEY_CODES.sub("", line)

    def command(self, line: str) -> str | None:
        """Which command word ``line`` is, if it is one alone."""
        typed = line.strip().casefold()
        return next((name for name, word in self.words.items() if typed == word), None)

    def ask_line(self, prompt: str, *, skip: bool = False, remove: bool = False) -> str:
        """One line; the command words leave, go back, or (``skip``) skip the rest.
        ``remove``: the word for "remove" is given back as it is, for the caller."""
        line = self.read_line(prompt)
        word = self.command(line)
        if word == "back":
            raise Back
        if word == "quit":
            raise Leave
        if word == "skip" and skip:
            raise SkipRest
        if word == "remove" and remove:
            return self.words["remove"]
        return line.strip()

    def ask_text(self, prompt: str = "> ", *, skip: bool = False,
                 current: str = "") -> str | None:
        """An answer of one or more lines, ended by an empty line; ``None`` if the first
        line was empty (skip the question). The end of input takes what was typed.
        The word for "editor" alone writes the answer (``current`` to begin with) in
        the person's own editor instead; if it cannot open, that is said and asked again."""
        while True:
            first = self.ask_line(prompt, skip=skip)
            if self.command(first) != "editor":
                break
            edited = self.in_own_editor(current)
            if edited is not None:
                return edited
        if not first or self.command(first) == "skip":  # the word skips, as the empty line
            return None
        lines = [first]
        while not self.ended:
            try:
                line = self.read_line()
            except Leave:
                break
            if not line.strip():
                break
            lines.append(line.rstrip())
        return "\n".join(lines)

    def ask_short(self, prompt: str, *, remove: bool = False) -> str | None:
        """A one-line answer (a focus value's action, its why); ``None`` if it was empty
        or the word for "skip" (what was there stays). The word for "editor" is
        answered, not stored: these are one line, written here (the app's fields for
        them are one line too, without the own editor)."""
        while True:
            line = self.ask_line(prompt, remove=remove)
            word = self.command(line)
            if word == "editor":
                self.say(self.t("plain.one_line"))
                continue
            return None if not line or word == "skip" else line

    def in_own_editor(self, text: str) -> str | None:
        """``text`` after the person's own editor (``$VISUAL``/``$EDITOR``) has had it,
        or ``None`` (said why) when it could not be used. The editor has the terminal
        while it runs; nothing of this dialogue is on the screen meanwhile."""
        from refleks.errors import message
        from refleks.own_editor import EditorError, edit

        if self.before_editor:
            self.say(self.before_editor)
        try:
            edited = edit(text)
        except EditorError as exc:
            self.say(message(exc, self.t))
            return None
        self.say(self.t("plain.from_editor"))
        self.data(edited, "  ")
        return edited

    def ask_yes_no(self, question: str, current: bool) -> bool:
        """Yes or no; an empty line keeps ``current``. Only the first letter counts."""
        t = self.t
        yes, no = t("plain.yes"), t("plain.no")
        while True:
            answer = self.ask_line(t("plain.yes_no", question=question,
                                     current=yes if current else no) + " ")
            if not answer:
                return current
            letter = answer[:1].casefold()
            if letter == yes[:1].casefold():
                return True
            if letter == no[:1].casefold():
                return False
            self.say(t("plain.not_a_choice", typed=visible(answer)))
