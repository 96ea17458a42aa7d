"""What differs between SQLite and PostgreSQL: connecting, locking for a write, full-text search.

Everything else in the store is one SQLAlchemy Core query for both. A ``Dialect`` is chosen from
the URL by ``for_url``:

    SQLite      WAL, foreign keys, busy_timeout; BEGIN IMMEDIATE for writes; FTS5 (``articles_fts``)
    PostgreSQL  an advisory lock for writes; a GIN index on to_tsvector; websearch_to_tsquery
"""

from __future__ import annotations

import re
import sqlite3
import time
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, Connection
from sqlalchemy.pool import StaticPool

from backchannel.store._records import SearchHit

# Execution option that marks a connection as about to write (see ``Store._write``).
WRITE = "backchannel_write"

# One writer at a time on PostgreSQL, as on SQLite: a transaction-scoped advisory lock.
_PG_WRITE_LOCK = 0x6261636B63  # "backc"

_MARK_START, _MARK_END, _ELLIPSIS = "«", "»", "…"

# Exactly the expression of the GIN index ix_articles_search (migration 0001), so that it is used.
PG_DOCUMENT = "to_tsvector('english', left(coalesce(a.title, '') || ' ' || a.text, 100000))"


class Dialect:
    name = ""

    def __init__(self, url: URL, timeout: float) -> None:
        self.url = url
        self.timeout = timeout

    def engine(self) -> Engine:
        raise NotImplementedError

    def lock_for_write(self, conn: Connection) -> None:
        """Called first in every write transaction."""

    def search(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        raise NotImplementedError

    @property
    def display(self) -> str:
        return self.url.render_as_string(hide_password=True)


class SQLite(Dialect):
    name = "sqlite"

    @property
    def display(self) -> str:
        return self.url.database or ":memory:"

    def engine(self) -> Engine:
        memory = self.url.database in (None, "", ":memory:")
        kwargs: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
        engine = create_engine(self.url, connect_args={"check_same_thread": False}, **kwargs)
        busy_ms = int(self.timeout * 1000)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            # 1. Take transaction control away from the sqlite3 module (it would not BEGIN
            #    before a SELECT or DDL); ``_begin`` below emits BEGIN itself.
            # 2. Wait for a busy database instead of failing at once; enforce foreign keys; WAL
            #    so that readers never block the writer (a no-op for a memory database).
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
                cursor.execute("PRAGMA foreign_keys = ON")
                _use_wal(cursor, self.timeout)
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # A writer takes the write lock up front, so that the reads it makes before writing
            # (which hashes are known, which ids are taken) cannot go stale.
            write = conn.get_execution_options().get(WRITE)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    def search(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        match = fts5_query(query)
        if match is None:
            return []
        rows = conn.execute(
            text(
                "SELECT a.id, a.title, "
                f"snippet(articles_fts, 1, '{_MARK_START}', '{_MARK_END}', '{_ELLIPSIS}', 24) "
                "FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid "
                "WHERE articles_fts MATCH :match "
                "ORDER BY bm25(articles_fts, 2.0, 1.0), a.seq LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
        return [SearchHit(r[0], r[1], r[2]) for r in rows]


def _use_wal(cursor: Any, timeout: float) -> None:
    """Switch the file to WAL (it stays so). While another connection is switching it, SQLite
    answers "locked" at once rather than waiting for busy_timeout: so wait here. Where WAL is not
    possible (some network file systems) SQLite keeps its journal mode, which is safe too."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class PostgreSQL(Dialect):
    name = "postgresql"

    def engine(self) -> Engine:
        return create_engine(
            self.url,
            connect_args={"connect_timeout": max(1, int(self.timeout))},
            pool_pre_ping=True,
        )

    def lock_for_write(self, conn: Connection) -> None:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})

    def search(self, conn: Connection, query: str, limit: int) -> list[SearchHit]:
        if not re.search(r"\w", query):
            return []
        # ts_headline is costly, so it runs only on the rows that are returned.
        headline = f"StartSel={_MARK_START}, StopSel={_MARK_END}, MaxWords=30, MinWords=10, MaxFragments=1"
        rows = conn.execute(
            text(
                "WITH q AS (SELECT websearch_to_tsquery('english', :query) AS q), "
                "hits AS (SELECT a.seq, a.id, a.title, a.text, "
                f"ts_rank({PG_DOCUMENT}, q.q) AS rank "
                "FROM articles AS a, q "
                f"WHERE {PG_DOCUMENT} @@ q.q "
                "ORDER BY rank DESC, a.seq LIMIT :limit) "
                "SELECT hits.id, hits.title, ts_headline('english', hits.text, q.q, :headline) "
                "FROM hits, q ORDER BY hits.rank DESC, hits.seq"
            ),
            {"query": query, "limit": limit, "headline": headline},
        )
        return [SearchHit(r[0], r[1], r[2]) for r in rows]


def for_url(url: URL, timeout: float) -> Dialect:
    if url.get_backend_name() == "sqlite":
        return SQLite(url, timeout)
    return PostgreSQL(url, timeout)


# ---------------------------------------------------------------------------------------------
# A safe FTS5 query
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')


def _phrase(words: str) -> str | None:
    """An FTS5 string: double quotes doubled, so nothing inside can be read as syntax."""
    if not re.search(r"\w", words):
        return None
    return '"' + words.replace('"', '""') + '"'


def fts5_query(query: str) -> str | None:
    """A user's query as FTS5 syntax that cannot fail to parse, with websearch's meaning: words and
    "quoted phrases" are all required, ``OR`` between two of them means either, and ``-word``
    excludes. Every other character is literal. None when nothing searchable is left."""
    wanted: list[str] = []
    unwanted: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(query):
        quoted, bare = match.groups()
        if bare == "OR":
            pending_or = bool(wanted)
            continue
        if bare is not None and bare.startswith("-"):
            phrase = _phrase(bare[1:])
            if phrase is not None:
                unwanted.append(phrase)
            continue
        phrase = _phrase(quoted if quoted is not None else bare)
        if phrase is None:
            continue
        if pending_or:
            wanted.append("OR")
        wanted.append(phrase)
        pending_or = False
    if not wanted:
        return None
    if not unwanted:
        return " ".join(wanted)
    return f"({' '.join(wanted)}) NOT ({' OR '.join(unwanted)})"
