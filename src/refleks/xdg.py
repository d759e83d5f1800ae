"""refleks' folders on Linux in the plain cases, without importing ``platformdirs``.

``platformdirs`` costs ~5 ms to import (it brings ``tempfile``, ``random``,
``shutil``), paid by every command and by the status line in a shell prompt. On Linux
its answer is simple when the XDG variable is absolute, or unset with an absolute
``HOME``: that case is answered here, with ``os`` and ``sys`` only; anything else
(another system, a relative path, Android) returns ``None`` and ``platformdirs`` answers.
"""

from __future__ import annotations

import os
import sys


def linux_folder(variable: str, fallback: str) -> str | None:
    """``platformdirs``' Linux folder for refleks (e.g. ``XDG_CONFIG_HOME``, ``.config``),
    or ``None`` when the case is not a plain one."""
    if not sys.platform.startswith("linux") or "ANDROID_DATA" in os.environ:
        return None
    base = os.environ.get(variable, "")
    if not base:
        home = os.environ.get("HOME", "")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, fallback)
    elif not os.path.isabs(base):
        return None
    return os.path.join(base, "refleks")
