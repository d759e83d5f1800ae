"""Team reflection: the facilitated session, its themes, and the shared team log.

Kept apart from ``refleks.journal`` on purpose: a personal journal is never shared,
a team log always is, and nothing from anyone's own journal goes into it.
"""
