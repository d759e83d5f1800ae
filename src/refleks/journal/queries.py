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

import orjson

from refleks.journal import codec, records
from refleks.journal.snippets import (
    fts_query,
    make_snippet,
    search_words,
)
from refleks.safe_text import visible
from refleks.textfit import MATCH_END, MATCH_START

# The search words and snippets live in ``snippets``; callers find them here too.
__all__ = ["GONE", "MATCH_END", "MATCH_START", "PAGE", "THREAD_FOCUS_SQL",
           "THREAD_FOLLOW_UPS_SQL", "Filter", "Summary", "SummaryList", "body_snippet",
           "fts_query", "make_snippet", "page_sql", "search_words", "stream_sql",
           "summaries_sql", "summary_from_row", "visible_snippet", "where", "with_snippet"]

PAGE = 64  # summaries read together when a lazy list is read
GONE = "1970-01-01T00:00:00+00:00"  # the date of a row deleted after its id was read


@dataclass
class Filter:
    """Which check-ins to list or export. Dates are the local day a check-in was started."""

    since: date | None = None  # inclusive
    until: date | None = None  # inclusive
    area_id: str | None = None
    value_id: str | None = None  # one of the check-in's focus values
    search: str | None = None  # words, each matched as a prefix, all must occur
    include_drafts: bool = True
    ids: tuple[int, ...] | None = None  # only these check-ins (the person marked them)


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

    The journal browser shows a screenful of 50,000 check-ins; building every Summary
    up front was most of its opening time. With ``fetch`` the list holds only the ids
    (in order) and reads the full rows a page at a time, the rows around the one asked
    for, in one query. Iterating builds them all, as a list would.
    """

    def __init__(self, rows: list[tuple[Any, ...]],
                 fetch: Callable[[list[int]], list[tuple[Any, ...]]] | None = None) -> None:
        self._rows = rows  # whole rows, or (id,) with ``fetch``
        self._built: list[Summary | None] = [None] * len(rows)
        self._fetch = fetch

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def ids(self) -> list[int]:
        """Every check-in's id, in order, without building a summary."""
        return [row[0] for row in self._rows]

    @overload
    def __getitem__(self, index: int) -> Summary: ...
    @overload
    def __getitem__(self, index: slice) -> list[Summary]: ...

    def __getitem__(self, index: int | slice) -> Summary | list[Summary]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        found = self._built[index]
        if found is None:
            if self._fetch is None:
                found = self._built[index] = summary_from_row(self._rows[index])
            else:
                self._read_page(index % len(self._rows))
                found = self._built[index]
                assert found is not None
        return found

    def _read_page(self, index: int) -> None:
        first = index - index % PAGE
        wanted = [i for i in range(first, min(first + PAGE, len(self._rows)))
                  if self._built[i] is None]
        assert self._fetch is not None
        rows = {row[0]: row for row in self._fetch([self._rows[i][0] for i in wanted])}
        for i in wanted:
            row = rows.get(self._rows[i][0])
            if row is None:  # deleted since the ids were read: keep the place
                row = (self._rows[i][0], "", GONE, None, "", None, "", None, "", "", GONE,
                       "[]", None)
            self._built[i] = summary_from_row(row)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"SummaryList({len(self)} check-ins)"


def summary_from_row(row: tuple[Any, ...]) -> Summary:
    """The one place a Summary is made from a row (``SUMMARY_COLUMNS`` + snippet), every
    text through ``visible`` (stored text leaves the journal as text that cannot act on
    a terminal; see ``rows``)."""
    parse = records.parse_iso
    return Summary(
        id=row[0], uid=row[1], started_at=parse(row[2]),
        completed_at=parse(row[3]) if row[3] else None, status=row[4],
        area_id=row[5] and visible(row[5]), area_title=visible(row[6]),
        method_id=row[7] and visible(row[7]), method_title=visible(row[8]),
        lang=row[9], updated_at=parse(row[10]),
        focus=[(visible(v), visible(n)) for v, n in json.loads(row[11] or "[]")],
        snippet=visible_snippet(row[12]),
    )


# What ``visible`` changes, less the two match marks (a snippet without any is as shown).
_OTHER_CONTROLS = re.compile("[\x00\x01\x04-\x08\x0b-\x1f\x7f\x80-\x9f]")


def visible_snippet(snippet: str | None) -> str | None:
    """A search snippet with control characters made visible, its match marks kept."""
    if not snippet or _OTHER_CONTROLS.search(snippet) is None:  # the usual case
        return snippet
    return MATCH_START.join(
        MATCH_END.join(visible(piece) for piece in part.split(MATCH_END))
        for part in snippet.split(MATCH_START)
    )


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
    if flt.ids is not None:
        clauses.append(f"c.id IN ({', '.join('?' * len(flt.ids)) or 'NULL'})")
        params.extend(flt.ids)
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


# A body for a snippet, as SQLite keeps it (UTF-8): orjson reads the bytes, so the text is
# not first made a Python string by the driver and then encoded again (a third of the
# decoding of ``list --search``).
BODY_BYTES = "CAST(c.body AS BLOB)"


def summaries_sql(flt: Filter | None, *, ids_only: bool = False
                  ) -> tuple[str, list[Any], str | None]:
    """The summaries query, newest first: (sql, params, FTS query or None).

    With a search the last two columns are NULL and the check-in's body, of which
    ``with_snippet`` makes the snippet (the index keeps no copy of the text, and FTS5's
    ``snippet()`` was quadratic in the matches of one text anyway); without, NULL, NULL.
    ``ids_only`` asks for just the ids, in order — a lazy list reads the rest a page at
    a time (``page_sql``).
    """
    conditions, params, query = where(flt)
    if ids_only:
        columns = "c.id"
    elif query is not None:
        columns = f"{SUMMARY_COLUMNS}, NULL, {BODY_BYTES}"
    else:
        columns = f"{SUMMARY_COLUMNS}, NULL, NULL"
    if query is not None:
        sql = (f"SELECT {columns} "
               "FROM search JOIN checkins c ON c.id = search.rowid "
               "WHERE search MATCH ?" + (f" AND {conditions}" if conditions else ""))
        params = [query, *params]
    else:
        sql = (f"SELECT {columns} FROM checkins c"
               + (f" WHERE {conditions}" if conditions else ""))
    return sql + " ORDER BY c.started_utc DESC, c.id DESC", params, query


def with_snippet(row: tuple[Any, ...], words: Sequence[str]) -> tuple[Any, ...]:
    """A row of ``summaries_sql`` as ``summary_from_row`` reads it, its snippet made
    from the body it ends with."""
    return (*row[:12], body_snippet(row[13], words))


def body_snippet(body: str | bytes | None, words: Sequence[str]) -> str | None:
    """The snippet of a check-in found by ``words``, cut from its stored body: the
    text the index was given (``codec.body_search_text``, NFC as ``rows.index_text``
    stores it). A body that does not decode has none (opening it reports it)."""
    if body is None:
        return None
    try:
        text = codec.body_search_text(orjson.loads(body))
    except (ValueError, TypeError, AttributeError):
        return None
    return make_snippet(unicodedata.normalize("NFC", text), words)


def page_sql(count: int, *, with_text: bool) -> str:
    """Whole summary rows (and the body, for a snippet) of ``count`` ids, in any order."""
    text = BODY_BYTES if with_text else "NULL"
    marks = ", ".join("?" * count)
    return f"SELECT {SUMMARY_COLUMNS}, {text} FROM checkins c WHERE c.id IN ({marks})"


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
