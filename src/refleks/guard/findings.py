"""What the guard reports: a finding's kind, its span and a combination's parts."""

from __future__ import annotations

from typing import NamedTuple

KINDS = ("national_id", "phone", "email", "birth_date", "birth_year", "address", "name",
         "combination")
PARTS = ("age", "place", "condition")  # what a combination is made of

# One part of a combination: (start, end, one of PARTS).
Part = tuple[int, int, str]


class Finding(NamedTuple):
    """One passage that may identify someone: ``text[start:end]`` is of ``kind``.

    A tuple rather than a frozen dataclass: a long text can hold hundreds of thousands
    (a list of names), and a tuple is made several times faster.
    """

    start: int
    end: int
    kind: str
    parts: tuple[Part, ...] = ()  # a combination's age, place and condition, in order




def _finding(start: int, end: int, kind: str) -> Finding:
    """``Finding(start, end, kind)``, made without the named tuple's own ``__new__``
    (a Python function): a text can hold hundreds of thousands of names."""
    return tuple.__new__(Finding, (start, end, kind, ()))


