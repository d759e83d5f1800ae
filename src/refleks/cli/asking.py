"""A yes-or-no question at the terminal, asked one way by every command.

``delete`` once wanted "yes" typed out and then the check-in's number, while
``moments delete``, ``encrypt`` and ``export`` asked ``[y/N]``: two habits for one
kind of question. Now each asks ``[y/N]`` (``[j/N]`` in Norwegian), and "no" is what
Enter, end of input or any other answer means.
"""

from __future__ import annotations


def agreed(question: str) -> bool:
    """True for an answer that starts with y or j (yes, ja); end of input is a no."""
    try:
        answer = input(question).strip().casefold()
    except EOFError:
        return False
    return answer[:1] in ("y", "j")
