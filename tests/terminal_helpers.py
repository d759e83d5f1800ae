"""refleks as whole processes, the way a person starts it: at the shell, or in a real
(pseudo-)terminal whose keys go in and whose picture comes out as text.

Each process starts on the test's fixed calendar (``ON_A_FIXED_CALENDAR``), as the test
itself does, so what the app offers does not depend on today's date.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta

# ``python -c`` with the calendar starting at the moment in argv[1], the clock running on
# from there: conftest's ``fixed_calendar`` for a whole process. Otherwise it would see
# today's date, and what the check-in offers depends on the week and on how long ago the
# last one was.
ON_A_FIXED_CALENDAR = """
import sys
from datetime import datetime

import time_machine

with time_machine.travel(datetime.fromisoformat(sys.argv.pop(1)), tick=True):
    from refleks.cli import main

    sys.exit(main())
"""

ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)")


def command(*argv: str, later: timedelta = timedelta(0), before: str = "") -> list[str]:
    """``refleks *argv``, started ``later`` than the test's own (fixed) now; ``before``
    is Python run first, in the same process (a fault put in on purpose, say)."""
    when = datetime.now().astimezone() + later
    return [sys.executable, "-c", before + ON_A_FIXED_CALENDAR, when.isoformat(), *argv]


class Terminal:
    """refleks in a pseudo-terminal of ``size``: keys go in, and what it draws comes
    out, read here as plain text (escape codes taken away)."""

    def __init__(self, *argv: str, later: timedelta = timedelta(0), before: str = "",
                 size: tuple[int, int] = (80, 24), extra: dict[str, str] | None = None) -> None:
        """``extra``: environment variables over the test's own (``NO_COLOR``, ``TERM``)."""
        import fcntl
        import pty
        import struct
        import termios

        self.primary, secondary = pty.openpty()
        columns, rows = size
        fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        name = os.ttyname(secondary)

        def own_terminal() -> None:  # a session whose controlling terminal is the pty
            os.setsid()
            os.close(os.open(name, os.O_RDWR))

        environment = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        self.process = subprocess.Popen(
            command(*argv, later=later, before=before), stdin=secondary, stdout=secondary,
            stderr=secondary, preexec_fn=own_terminal,
            env={**environment, "TERM": "xterm-256color", **(extra or {})})
        os.close(secondary)
        self.drawn = b""
        self.since = 0  # where the picture drawn after the last keys begins

    def _read(self) -> bool:
        """Read what it has drawn, if anything comes within a moment; whether it did (a
        pty gives a few KiB a read, so what was drawn may take several)."""
        import select

        if not select.select([self.primary], [], [], 0.02)[0]:
            return False
        try:
            chunk = os.read(self.primary, 1 << 16)
        except OSError:  # EIO: the other end has gone, and all it drew has been read
            return False
        self.drawn += chunk
        return bool(chunk)

    def text(self) -> str:
        """What was drawn since the last keys, as text."""
        return ESCAPES.sub("", self.drawn[self.since:].decode("utf-8", "replace"))

    def until(self, condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
        """Keep reading what it draws (so it is never stuck writing) until ``condition``."""
        deadline = time.monotonic() + seconds
        while not condition():
            assert self.process.poll() is None, f"refleks ended: {self.text()[-2000:]!r}"
            assert time.monotonic() < deadline, f"{what}: never; {self.text()[-2000:]!r}"
            self._read()

    def sees(self, words: str) -> None:
        self.until(lambda: words in self.text(), f"{words!r} on the screen")

    def press(self, keys: str) -> None:
        self.since = len(self.drawn)
        os.write(self.primary, keys.encode())

    def ended(self, seconds: float = 60) -> int:
        """Its exit code, once it has ended (all it drew read meanwhile)."""
        deadline = time.monotonic() + seconds
        while self.process.poll() is None:
            assert time.monotonic() < deadline, f"still running: {self.text()[-2000:]!r}"
            self._read()
        while self._read():  # what it drew just before it ended
            pass
        return self.process.returncode

    def kill(self) -> None:
        """SIGKILL: the power cable, the laptop taken away, a frozen session ended."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def close(self) -> None:
        self.kill()
        os.close(self.primary)


def home_shown_script(report: str) -> str:
    """``python -c`` code that starts the app as ``refleks`` does, headless, and exits
    as soon as home is shown, after writing ``report`` (Python, with ``self`` the home
    screen) to stderr: what a test of the start-up looks at, in a process of its own."""
    body = "\n".join("    " + line for line in report.strip().splitlines())
    return f"""
import functools, sys
from textual.app import App
import refleks.tui.app as tui_app
import refleks.cli.app_commands as app_commands
from refleks.tui.screens.home import HomeScreen

tui_app.RefleksApp.run = functools.partialmethod(App.run, headless=True, size=(80, 24))
app_commands.need_terminal = lambda env: None
shown = HomeScreen.on_mount

def on_mount(self):
    shown(self)
{body}
    self.app.call_after_refresh(self.app.exit)

HomeScreen.on_mount = on_mount
from refleks.cli import main
sys.exit(main([]))
"""
