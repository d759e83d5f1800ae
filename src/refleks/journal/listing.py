"""Reading the journal in lists: summaries (searched, a page at a time, or streamed),
whole check-ins or export objects streamed for an export, and what the over-time views
read (a value's weeks, each area's last visit) from the indexed tables.

``Listing`` is one journal's list reads, held by the ``Journal`` (``store``) as
``journal.listing``, which lends it its file, connection and lock; the journal's own
methods of the same names hand over to it. These are the reads that must stay fast at
50,000 check-ins, and what makes them fast (the ids newest first, remembered while the
journal is unchanged) belongs to them alone.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from refleks.journal import codec, records
from refleks.journal.cipher import Key
from refleks.journal.database import DamagedRow, connect_ro, for_one_pass, guarded, stream
from refleks.journal.errors import JournalError
from refleks.journal.model import CheckIn, Readable
from refleks.journal.queries import (
    THREAD_FOCUS_SQL,
    THREAD_FOLLOW_UPS_SQL,
    Filter,
    Summary,
    SummaryList,
    body_snippet,
    fts_query,
    page_sql,
    search_words,
    stream_sql,
    summaries_sql,
    summary_from_row,
    where,
    with_snippet,
)
from refleks.journal.rows import (
    CHECKIN_COLUMNS,
    READABLE_COLUMNS,
    checkin_from_row,
    readable_from_row,
)
from refleks.journal.sql import Connection, OperationalError

T = TypeVar("T")


class Listing:
    """The list reads of a journal, and the over-time views' reads, through the
    journal's connection (under its lock) or connections of their own."""

    # One lock for every journal of the process, for ``_order`` (held for a PRAGMA, or
    # ~12 ms after a change).
    _order_lock = threading.Lock()

    def __init__(self, path: Path, conn: Connection, lock: threading.RLock,
                 key: Key | None = None) -> None:
        self.path = path
        self.key = key  # an encrypted journal's, for the connections of its own below
        self._conn = conn
        self._lock = lock
        # ``_newest_first``: (its own connection, data_version, ids).
        self._order: tuple[Connection, int, list[int]] | None = None

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchall()

    @guarded
    def summaries(self, flt: Filter | None = None, *, lazy_snippets: bool = False,
                  cancelled: Callable[[], bool] | None = None) -> SummaryList:
        """The check-ins matching ``flt``, newest first, without their full text.

        With a search, each summary has a snippet of the matching text. ``lazy_snippets``
        (the browser) reads only the ids up front and the rest, snippets too, a page at a
        time as rows are read — a screenful of 50,000 check-ins costs one small query.

        ``cancelled`` (with ``lazy_snippets``; for a search typed key by key in a worker
        thread): the ids are read through a read-only connection of their own, so the
        journal's lock is not held, and the query stops as soon as ``cancelled()`` is
        true — the list is then empty, for a caller who no longer wants it anyway.
        """
        words = search_words(flt.search) if flt is not None and flt.search else ()
        if lazy_snippets:
            sql, params, query = summaries_sql(flt, ids_only=True)
            if cancelled is None:
                ids = self._read(sql, params)
            elif query is not None and not where(flt)[0]:  # a search and nothing else
                ids = self._found_newest_first(query, cancelled)
            else:
                ids = self._read_cancellable(sql, params, cancelled)

            def fetch(wanted: list[int]) -> list[tuple[Any, ...]]:
                return self._summary_page(wanted, words if query is not None else None)

            return SummaryList(ids, fetch)
        sql, params, query = summaries_sql(flt)
        with self._lock:
            cursor = self._conn.execute(sql, params)
            rows = [with_snippet(row, words) for row in cursor]
        return SummaryList(rows)

    def _read_cancellable(self, sql: str, params: list[Any],
                          cancelled: Callable[[], bool]) -> list[tuple[Any, ...]]:
        conn = connect_ro(self.path, self.key)
        try:
            # Asked every ~2 ms of work: each ask takes the GIL from the screen's thread.
            conn.set_progress_handler(lambda: int(cancelled()), 20_000)
            return conn.execute(sql, params).fetchall()
        except OperationalError:
            if cancelled():
                return []
            raise
        finally:
            conn.close()

    def _found_newest_first(self, query: str, cancelled: Callable[[], bool]
                            ) -> list[tuple[Any, ...]]:
        """The ids an FTS ``query`` finds, newest first: what ``summaries_sql`` gives,
        without joining and sorting in SQL. The index gives the matching ids alone
        (~14 ms of 36,000 at 50,000 check-ins, against ~33 ms joined and sorted), and
        they are put in the order of every id newest first, which is remembered."""
        # One row, one text: a row each would hand the GIL to the screen's thread and
        # back 36,000 times, which stretches the search while the screen draws.
        found = self._read_cancellable(
            "SELECT group_concat(rowid) FROM search WHERE search MATCH ?", [query], cancelled)
        if not found or not found[0][0] or cancelled():
            return []
        matched = set(map(int, found[0][0].split(",")))
        return [(i,) for i in self._newest_first() if i in matched]

    def _newest_first(self) -> list[int]:
        """Every check-in's id, newest first, remembered until the journal changes.

        A read-only connection of its own, kept open, tells: its ``PRAGMA data_version``
        changes whenever any other connection (this journal's own writer, another
        refleks) has committed. Its reads end at once, so it never holds a snapshot.
        """
        with self._order_lock:
            conn, version, ids = self._order or (connect_ro(self.path, self.key), -1, [])
            now = int(conn.execute("PRAGMA data_version").fetchone()[0])
            if now != version:
                ids = [row[0] for row in conn.execute(
                    "SELECT id FROM checkins ORDER BY started_utc DESC, id DESC").fetchall()]
            self._order = (conn, now, ids)
            return ids

    def close(self) -> None:
        """Close the connection ``_newest_first`` keeps (the journal is closing)."""
        with self._order_lock:
            held, self._order = self._order, None
            if held is not None:
                held[0].close()

    @guarded
    def _summary_page(self, ids: list[int],
                      words: tuple[str, ...] | None) -> list[tuple[Any, ...]]:
        """Summary rows of ``ids``; with search ``words``, each with its snippet."""
        if words is None:
            return self._read(page_sql(len(ids), with_text=False), ids)
        rows = self._read(page_sql(len(ids), with_text=True), ids)
        return [(*row[:12], body_snippet(row[12], words)) for row in rows]

    @guarded
    def has_any(self, flt: Filter | None = None) -> bool:
        """Whether any check-in matches ``flt``: one id read, nothing built."""
        sql, params, _ = summaries_sql(flt, ids_only=True)
        return bool(self._read(f"{sql} LIMIT 1", params))

    def iter_summaries(self, flt: Filter | None = None) -> Iterator[Summary]:
        """The summaries of ``summaries(flt)`` one by one, through a connection of their
        own: memory stays flat (a long text read for its snippet is let go at once).

        With a search the ids come first, in order, and then the rows with the bodies
        snippets are cut from, a few hundred at a time: sorted in one query, every
        matching body would be held in SQLite's sorter at once (230 MiB at 50,000)."""
        sql, params, query = summaries_sql(flt)
        if query is None:
            for row in stream(self.path, sql, params, self.key):
                yield summary_from_row(row)
            return
        words = search_words(flt.search) if flt is not None and flt.search else ()
        ids_sql, ids_params, _ = summaries_sql(flt, ids_only=True)
        ids = [row[0] for row in stream(self.path, ids_sql, ids_params, self.key)]
        pages = (ids[first:first + 256] for first in range(0, len(ids), 256))
        with contextlib.closing(self._pages_reader()) as conn:
            for wanted in pages:
                rows = {row[0]: row for row in self._guarded_page(conn, wanted)}
                for cid in wanted:
                    found = rows.get(cid)
                    if found is not None:  # else deleted meanwhile
                        yield summary_from_row((*found[:12], body_snippet(found[12], words)))

    @guarded
    def _pages_reader(self) -> Connection:
        return for_one_pass(connect_ro(self.path, self.key))

    @guarded
    def _guarded_page(self, conn: Connection, ids: list[int]) -> list[tuple[Any, ...]]:
        """Whole summary rows of ``ids``, with their bodies, through ``conn``."""
        return conn.execute(page_sql(len(ids), with_text=True), ids).fetchall()

    def search(self, text: str, flt: Filter | None = None) -> SummaryList:
        """Full-text search over answers (and the moments taken further), CHIME
        reflections, actions, follow-ups and notes."""
        if fts_query(text) is None:
            return SummaryList([])
        base = flt or Filter()
        return self.summaries(Filter(base.since, base.until, base.area_id, base.value_id,
                                     text, base.include_drafts))

    # -- what the over-time views read ------------------------------------------------

    @guarded
    def thread_rows(self, value_id: str) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """A value's weeks as a focus (id, uid, started_at, completed_at, action) and the
        follow-ups on it (from_uid, text, keep), oldest first: ``insights.journal_thread``."""
        return (self._read(THREAD_FOCUS_SQL, (value_id,)),
                self._read(THREAD_FOLLOW_UPS_SQL, (value_id,)))

    @guarded
    def last_visit_per_area(self) -> dict[str, datetime]:
        """When each area was last visited in a completed check-in."""
        latest: dict[str, datetime] = {}
        for area_id, completed in self._read(
            "SELECT area_id, completed_at FROM checkins "
            "WHERE status = 'complete' AND area_id IS NOT NULL AND completed_at IS NOT NULL"
        ):
            when = records.parse_iso(completed)
            if area_id not in latest or when > latest[area_id]:
                latest[area_id] = when
        return latest

    @guarded
    def known_ids(self) -> tuple[set[str], set[str]]:
        """(area ids, value ids) the journal has used — valid filters even if the
        content has since dropped them."""
        areas = {r[0] for r in self._read("SELECT DISTINCT area_id FROM checkins "
                                          "WHERE area_id IS NOT NULL")}
        values = {r[0] for r in self._read("SELECT DISTINCT value_id FROM focus")}
        return areas, values

    def iter_checkins(self, flt: Filter | None = None, *,
                      oldest_first: bool = True) -> Iterator[CheckIn]:
        """Stream whole check-ins (for export) through a connection of their own.

        Memory stays flat however long the journal is, and a draft autosave from
        another thread is not held up while an export runs.
        """
        columns = ", ".join(f"c.{name.strip()}" for name in CHECKIN_COLUMNS.split(","))
        for row in stream(self.path, *stream_sql(columns, flt, oldest_first), key=self.key):
            try:
                checkin = checkin_from_row(row)
            except DamagedRow as exc:
                raise JournalError("errors.damaged", path=self.path) from exc
            yield checkin

    def iter_rendered(self, render: Callable[[Readable], T],
                      flt: Filter | None = None) -> Iterator[T]:
        """Each check-in, oldest first, as ``render`` makes it from its ``Readable``
        (``markdown.render_readable``: the Markdown export), streamed like
        ``iter_checkins`` but without building a ``CheckIn``.

        The body is decoded, not checked piece by piece: ``render`` reads it, so a body
        of the wrong shape (changed behind our back) shows up there and is reported,
        like one that does not decode, as a damaged journal, never as a traceback.
        """
        for row in stream(self.path, *stream_sql(READABLE_COLUMNS, flt, True), key=self.key):
            try:
                rendered = render(readable_from_row(row))
            except (DamagedRow, KeyError, TypeError, AttributeError, IndexError,
                    ValueError) as exc:
                raise JournalError("errors.damaged", path=self.path) from exc
            yield rendered

    def iter_rows(self, columns: str, flt: Filter | None = None) -> Iterator[tuple[Any, ...]]:
        """``columns`` of each check-in ``flt`` matches, in the export's order (the
        supervision pack reads its title page and overview this way, before the text)."""
        yield from stream(self.path, *stream_sql(columns, flt, True), key=self.key)

    def iter_export_objects(self, flt: Filter | None = None) -> Iterator[str]:
        """Each check-in as the JSON text of one export object, oldest first.

        The stored body is spliced in as it is (it is kept in the export's layout), so
        nothing is decoded and re-encoded; the text equals
        ``json.dumps(codec.to_dict(checkin), ensure_ascii=False)``.
        """
        columns = ", ".join(f"c.{key}" for key in (*codec.HEAD_KEYS, "body"))
        for row in stream(self.path, *stream_sql(columns, flt, True), key=self.key):
            yield codec.export_object(row[:-1], row[-1])

