"""The store: articles, events and clusters in SQLite (a file, the default) or PostgreSQL (a server).

    open_store(url_or_path="backchannel.db", *, timeout=10.0) -> Store
    database_url(url_or_path) -> sqlalchemy URL        (what open_store will connect to)

    Store.ingest(items, batch_size=200, *, progress=None) -> IngestReport
    Store.has_hash(content_hash) -> bool           Store.known_hashes(hashes) -> set[str]
    Store.article(id) -> StoredArticle | None      Store.articles(limit, offset) -> list[StoredArticle]
    Store.count_articles() -> int                  Store.search(query, limit=20) -> list[SearchHit]
    Store.event(id) -> Event | None
    Store.events(*, actor, with_actor, country, country_pair, event_type, status, quad, start, end,
                 cluster_id, article_id, limit, offset) -> list[Event]
    Store.count_events(**the same filters) -> int
    Store.weekly_counts(*, country_a, country_b, start, end) -> list[WeekCount]
    Store.put_clusters(clusters, keys=None) -> int Store.cluster(id) -> Cluster | None
    Store.clusters(*, actor, event_type, start, end, limit, offset) -> list[Cluster]
    Store.cluster_candidates(keys, start, end, event_type, window_days=3) -> list[Cluster]
    Store.set_cluster(event_id, cluster_id) -> bool     Store.set_clusters(mapping) -> int
    Store.cluster_members(cluster_ids) -> dict[str, list[Event]]
    Store.articles_by_id(article_ids) -> dict[str, StoredArticle]
    Store.clusters_by_id(cluster_ids) -> dict[str, Cluster]
    Store.unrecorded_cluster_ids() -> list[str]
    Store.close(); ``with open_store(...) as store:``

The store takes and returns the records of ``backchannel.model``. Opening a database brings its
schema up to date (alembic migrations shipped in ``migrations/``). Every failure is a
``StoreError`` whose message says what to do; ``retryable`` is set when trying again can help.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from backchannel.errors import StoreError
from backchannel.store._dialects import for_url
from backchannel.store._errors import translated
from backchannel.store._records import IngestReport, SearchHit, StoredArticle, WeekCount
from backchannel.store._store import Store

__all__ = [
    "IngestReport",
    "SearchHit",
    "Store",
    "StoreError",
    "StoredArticle",
    "WeekCount",
    "database_url",
    "open_store",
]

_DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def database_url(url_or_path: str | Path) -> URL:
    """The URL for a path (a SQLite file) or a URL (``sqlite:///…``, ``postgresql://…``)."""
    if isinstance(url_or_path, Path) or "://" not in url_or_path:
        path = str(url_or_path)
        return URL.create("sqlite", database=None if path == ":memory:" else path)
    try:
        url = make_url(url_or_path)
    except (ArgumentError, ValueError):
        raise StoreError(f"cannot read the database URL {url_or_path!r}; give a file path or a URL") from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise StoreError(
            f"unsupported database {url.drivername!r}; give a file path, sqlite:///PATH or postgresql://…"
        )
    return url.set(drivername=driver)


def open_store(url_or_path: str | Path = "backchannel.db", *, timeout: float = 10.0) -> Store:
    """Open (creating if need be) a store and bring its schema up to date.

    A plain path is a SQLite file; ``sqlite:///…`` and ``postgresql://…`` URLs are used as given
    (``postgresql://`` with the psycopg 3 driver). ``timeout`` is how many seconds to wait for a
    busy SQLite database, or to connect to a server, before giving up.
    """
    dialect = for_url(database_url(url_or_path), timeout)
    try:
        engine = dialect.engine()
    except ImportError as exc:
        raise StoreError(
            f"no driver for {dialect.display} ({exc.name}); install it: pip install 'backchannel[postgres]'"
        ) from exc
    try:
        with translated(dialect.display):
            return Store(engine, dialect)
    except BaseException:
        engine.dispose()
        raise
