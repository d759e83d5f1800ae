"""Asking the journal: filters, full-text search, and the rows that come back.

The store runs the SQL; this module says what to ask (``Filter`` → ``WHERE``, a
person's words → an FTS5 query) and what the answers become (``Summary`` rows built
lazily, whole ``CheckIn`` rows). Kept apart from the store so the shape of a question
can be read, and tested, without a connection.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, overload

from refleks.journal import codec
from refleks.safe_text import visible

# Around the matched words in ``Summary.snippet`` (control characters never typed).
MATCH_START = "\x02"
MATCH_END = "\x03"
SNIPPET_SQL = f"snippet(search, 0, '{MATCH_START}', '{MATCH_END}', '…', 16)"


@dataclass
class Filter:
    """Which check-ins to list or export. Dates are the local day a check-in was started."""

    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    area_id: str | None = None
    value_id: str | None = None  # one of the check-in's focus values
    search: str | None = None  # words, each matched as a prefix, all must occur
    include_drafts: bool = True


@dataclass
class Summary:
    """One line of the journal's table of contents."""

    id: int
    uid: str
    started_at: datetime
    completed_at: datetime | None
    status: str
    area_id: str | None
    area_title: str
    focus: list[tuple[str, str]]  # (value_id, value_name) as shown
    method_id: str | None
    method_title: str = ""
    lang: str = ""
    updated_at: datetime | None = None
    snippet: str | None = None  # with a search: the text around the match, see MATCH_START

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class SummaryList(Sequence[Summary]):
    """Summaries built from their rows only when read.

    The journal browser shows a screenful of 5,000 check-ins; building every Summary
    up front was most of its opening time. Iterating builds them all, as a list would.
    """

    def __init__(self, rows: list[tuple[Any, ...]],
                 snippet: Callable[[int], str | None] | None = None) -> None:
        self._rows = rows
        self._built: list[Summary | None] = [None] * len(rows)
        self._snippet = snippet  # fetches a search snippet by id, when asked for lazily

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Summary: ...
    @overload
    def __getitem__(self, index: slice) -> list[Summary]: ...

    def __getitem__(self, index: int | slice) -> Summary | list[Summary]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        found = self._built[index]
        if found is None:
            found = self._built[index] = summary_from_row(self._rows[index])
            if self._snippet is not None:
                found.snippet = visible_snippet(self._snippet(found.id))
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"SummaryList({len(self)} check-ins)"


def summary_from_row(row: tuple[Any, ...]) -> Summary:
    """A row of ``summaries_sql`` → its Summary, every text through ``visible`` (stored
    text leaves the journal as text that cannot act on a terminal; see ``rows``)."""
    parse = codec.parse_iso
    return Summary(
        id=row[0], uid=row[1], started_at=parse(row[2]),
        completed_at=parse(row[3]) if row[3] else None, status=row[4],
        area_id=row[5] and visible(row[5]), area_title=visible(row[6]),
        method_id=row[7] and visible(row[7]), method_title=visible(row[8]),
        lang=row[9], updated_at=parse(row[10]),
        focus=[(visible(v), visible(n)) for v, n in json.loads(row[11] or "[]")],
        snippet=visible_snippet(row[12]),
    )


def visible_snippet(snippet: str | None) -> str | None:
    """A search snippet with control characters made visible, its match marks kept."""
    if not snippet:
        return snippet
    return MATCH_START.join(
        MATCH_END.join(visible(piece) for piece in part.split(MATCH_END))
        for part in snippet.split(MATCH_START)
    )


# -- search ----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def fts_query(text: str) -> str | None:
    """User words → an FTS5 query: each word a quoted prefix, all of them required.

    Quoting makes any input safe (no FTS syntax errors from ``"``, ``*``, ``-``, ``:``);
    NFC keeps a decomposed "å" one letter.
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


# -- filters → SQL ---------------------------------------------------------------------------


def where(flt: Filter | None) -> tuple[str, list[Any], str | None]:
    """SQL conditions on ``checkins c`` for a filter; the FTS query when there is a search."""
    clauses: list[str] = []
    params: list[Any] = []
    query = None
    if flt is None:
        return "", params, None
    if flt.since is not None:
        clauses.append("substr(c.started_at, 1, 10) >= ?")
        params.append(flt.since.isoformat())
    if flt.until is not None:
        clauses.append("substr(c.started_at, 1, 10) <= ?")
        params.append(flt.until.isoformat())
    if flt.area_id is not None:
        clauses.append("c.area_id = ?")
        params.append(flt.area_id)
    if flt.value_id is not None:
        clauses.append("EXISTS (SELECT 1 FROM focus f WHERE f.checkin_id = c.id "
                       "AND f.value_id = ?)")
        params.append(flt.value_id)
    if not flt.include_drafts:
        clauses.append("c.status = 'complete'")
    if flt.search is not None:
        query = fts_query(flt.search) or '""'
    return " AND ".join(clauses), params, query


_FOCUS_SQL = (
    "(SELECT json_group_array(json_array(value_id, value_name)) FROM "
    "(SELECT value_id, value_name FROM focus WHERE checkin_id = c.id "
    "ORDER BY position))"
)
SUMMARY_COLUMNS = (
    "c.id, c.uid, c.started_at, c.completed_at, c.status, c.area_id, "
    "c.area_title, c.method_id, c.method_title, c.lang, c.updated_at, "
    f"{_FOCUS_SQL}"
)


def summaries_sql(flt: Filter | None, *,
                  lazy_snippets: bool) -> tuple[str, list[Any], str | None]:
    """The summaries query, newest first: (sql, params, FTS query or None).

    With a search and ``lazy_snippets`` the snippet column is left NULL, to be
    fetched per row with ``SNIPPET_SQL`` when the row is read.
    """
    conditions, params, query = where(flt)
    if query is not None:
        snippet = "NULL" if lazy_snippets else SNIPPET_SQL
        sql = (f"SELECT {SUMMARY_COLUMNS}, {snippet} "
               "FROM search JOIN checkins c ON c.id = search.rowid "
               "WHERE search MATCH ?" + (f" AND {conditions}" if conditions else ""))
        params = [query, *params]
    else:
        sql = (f"SELECT {SUMMARY_COLUMNS}, NULL FROM checkins c"
               + (f" WHERE {conditions}" if conditions else ""))
    return sql + " ORDER BY c.started_utc DESC, c.id DESC", params, query


def stream_sql(columns: str, flt: Filter | None,
               oldest_first: bool) -> tuple[str, list[Any]]:
    """``columns`` of the check-ins matching ``flt``, in time order, for streaming."""
    conditions_sql, params, query = where(flt)
    conditions = [conditions_sql] if conditions_sql else []
    if query is not None:
        conditions.append("c.id IN (SELECT rowid FROM search WHERE search MATCH ?)")
        params = [*params, query]
    sql = f"SELECT {columns} FROM checkins c"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    order = "ASC" if oldest_first else "DESC"
    return sql + f" ORDER BY c.started_utc {order}, c.uid {order}", params


# -- a value's thread ------------------------------------------------------------------------

# Both in the order ``iter_checkins`` streams (oldest first), completed check-ins only,
# read from the tables kept beside the bodies: no body is decoded.
THREAD_FOCUS_SQL = (
    "SELECT c.id, c.uid, c.started_at, c.completed_at, f.action FROM focus f "
    "JOIN checkins c ON c.id = f.checkin_id "
    "WHERE f.value_id = ? AND c.status = 'complete' "
    "ORDER BY c.started_utc, c.uid, f.position"
)
THREAD_FOLLOW_UPS_SQL = (
    "SELECT u.from_uid, u.text, u.keep FROM follow_ups u "
    "JOIN checkins c ON c.id = u.checkin_id "
    "WHERE u.value_id = ? AND c.status = 'complete' AND u.from_uid != '' "
    "ORDER BY c.started_utc, c.uid, u.position"
)
