"""The journal: a private SQLite record of every check-in."""
