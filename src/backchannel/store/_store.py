"""The store: articles, their events and the clusters that link them, in SQLite or PostgreSQL.

Writes are serialised (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so the reads a
writer makes before it writes cannot go stale. Every database error leaves as a ``StoreError``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, case, delete, func, select, update

from backchannel.errors import StoreError
from backchannel.model import Cluster, Event
from backchannel.store import _linking
from backchannel.store import _queries as q
from backchannel.store._dialects import WRITE, Dialect
from backchannel.store._errors import translated
from backchannel.store._ingest import CHUNK, Batch, chunks, known_hashes, utcnow
from backchannel.store._migrate import migrate
from backchannel.store._records import (
    UNSTORABLE,
    IngestReport,
    SearchHit,
    StoredArticle,
    WeekCount,
    check_row,
    cluster_from_record,
    cluster_row,
    dumps,
    event_from_record,
    stored_article,
)
from backchannel.store._schema import articles, cluster_keys, clusters, events


class Store:
    """Articles, events and clusters in one database. Open it with ``open_store``."""

    def __init__(self, engine: Engine, dialect: Dialect) -> None:
        self._engine = engine
        self._dialect = dialect
        self._closed = False
        with translated(self.name):
            migrate(self._read, self._write, dialect.name, self.name)

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The database, for messages: a path, or a URL without its password."""
        return self._dialect.display

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for ad-hoc queries (the tables are in ``_schema``)."""
        return self._engine

    def close(self) -> None:
        self._closed = True
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.name}>"

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection in one transaction, so that related reads see one snapshot."""
        if self._closed:
            raise StoreError(f"the store {self.name} is closed; open it again with open_store")
        with translated(self.name), self._engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A write transaction holding the write lock: commits on success, rolls back on error."""
        if self._closed:
            raise StoreError(f"the store {self.name} is closed; open it again with open_store")
        with translated(self.name), self._engine.connect() as conn:
            conn.execution_options(**{WRITE: True})
            with conn.begin():
                self._dialect.lock_for_write(conn)
                yield conn

    # -- articles ----------------------------------------------------------------------------

    def ingest(
        self,
        items: Iterable[StoredArticle],
        batch_size: int = 200,
        *,
        progress: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Store new articles with their events, one transaction per ``batch_size`` articles.

        An article whose text is already stored is a duplicate and is skipped. One whose id is
        taken by another text is stored as ``<id>~<hash8>`` (its events follow it) and listed in
        ``renamed``. If ``items`` raises, the batches before are committed and the one being read is
        not written; ``progress`` is called with the running report after each commit.
        """
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        report = IngestReport()
        for batch in chunks(items, batch_size):
            with self._write() as conn:
                Batch(conn, report).write(batch)
            report.batches += 1
            if progress is not None:
                progress(report)
        return report

    def has_hash(self, content_hash: str) -> bool:
        """Whether an article with this text (``Article.content_hash``) is stored."""
        return bool(self.known_hashes([content_hash]))

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The given content hashes that are stored, so a pipeline can skip those articles."""
        with self._read() as conn:
            return known_hashes(conn, hashes)

    def article(self, article_id: str) -> StoredArticle | None:
        """One article with its events, in the order they were given."""
        with self._read() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            return None if row is None else self._with_events(conn, [row])[0]

    def articles(self, limit: int | None = 100, offset: int = 0) -> list[StoredArticle]:
        """Articles with their events, in the order they were stored."""
        with self._read() as conn:
            stmt = select(articles).order_by(articles.c.seq).limit(limit).offset(offset)
            return self._with_events(conn, list(conn.execute(stmt).mappings()))

    def count_articles(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(articles)).scalar_one())

    def _with_events(self, conn: Connection, rows: Sequence[RowMapping]) -> list[StoredArticle]:
        by_article: dict[str, list[Event]] = {row["id"]: [] for row in rows}
        for ids in chunks(by_article, CHUNK):
            stmt = (
                select(events.c.article_id, events.c.record)
                .where(events.c.article_id.in_(ids))
                .order_by(events.c.article_id, events.c.ord)
            )
            for article_id, record in conn.execute(stmt):
                by_article[article_id].append(event_from_record(record))
        return [stored_article(row, by_article[row["id"]]) for row in rows]

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles matching words and "quoted phrases", best first: all are required, ``OR``
        between two means either, ``-word`` excludes (PostgreSQL's websearch syntax, on SQLite too).
        Any string is a valid query; one with no words finds nothing."""
        query = UNSTORABLE.sub(" ", query)  # a NUL cannot even be sent to PostgreSQL
        with self._read() as conn:
            return self._dialect.search(conn, query, limit)

    # -- events ------------------------------------------------------------------------------

    def event(self, event_id: str) -> Event | None:
        with self._read() as conn:
            record = conn.execute(select(events.c.record).where(events.c.id == event_id)).scalar()
            return None if record is None else event_from_record(record)

    def events(
        self,
        *,
        actor: str | None = None,
        with_actor: str | None = None,
        country: str | None = None,
        country_pair: tuple[str, str] | None = None,
        event_type: str | None = None,
        status: str | None = None,
        quad: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        cluster_id: str | None = None,
        article_id: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Event]:
        """Events matching every filter given, oldest first (unknown dates last).

        ``actor`` and ``with_actor`` each match a participant (an actor or recipient) by ``kb_id``,
        or by name or words as written, case-insensitively as a substring; together they ask for
        two distinct participants (a dyad). ``country`` (an ISO-3 code, as stored) asks for a
        participant from that country; ``country_pair`` for two distinct participants, one from
        each, in either role. ``start``/``end`` keep events whose interval overlaps them.
        """
        conds = q.event_conditions(
            actor=actor, with_actor=with_actor, country=country, country_pair=country_pair,
            event_type=event_type, status=status, quad=quad, start=start, end=end,
            cluster_id=cluster_id, article_id=article_id,
        )  # fmt: skip
        stmt = select(events.c.record).where(*conds).order_by(*q.event_order()).limit(limit).offset(offset)
        with self._read() as conn:
            return [event_from_record(record) for record in conn.execute(stmt).scalars()]

    def count_events(
        self,
        *,
        actor: str | None = None,
        with_actor: str | None = None,
        country: str | None = None,
        country_pair: tuple[str, str] | None = None,
        event_type: str | None = None,
        status: str | None = None,
        quad: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        cluster_id: str | None = None,
        article_id: str | None = None,
    ) -> int:
        """How many events ``events`` would return with the same filters and no limit."""
        conds = q.event_conditions(
            actor=actor, with_actor=with_actor, country=country, country_pair=country_pair,
            event_type=event_type, status=status, quad=quad, start=start, end=end,
            cluster_id=cluster_id, article_id=article_id,
        )  # fmt: skip
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(events).where(*conds)).scalar_one())

    def weekly_counts(
        self,
        *,
        country_a: str | None = None,
        country_b: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> list[WeekCount]:
        """Events per ISO week of their start day, type and quad, for the events with a participant
        from ``country_a`` (and one from ``country_b``) that start within ``[start, end]``.
        ``clusters`` counts the distinct real-world events among them."""
        countries = [c for c in (country_a, country_b) if c]
        conds = q.event_conditions(
            country=countries[0] if len(countries) == 1 else None,
            country_pair=(countries[0], countries[1]) if len(countries) == 2 else None,
        )
        conds.append(events.c.date_start.is_not(None))
        if start is not None:
            conds.append(events.c.date_start >= start)
        if end is not None:
            conds.append(events.c.date_start <= end)
        real = case((events.c.cluster_id != "", events.c.cluster_id), else_=events.c.id)
        columns = (events.c.date_start, events.c.event_type, events.c.quad, real)
        stmt = select(*columns, func.count()).where(*conds).group_by(*columns)
        with self._read() as conn:
            rows = list(conn.execute(stmt))
        return _by_week(rows)

    # -- clusters ----------------------------------------------------------------------------

    def put_clusters(self, items: Iterable[Cluster], keys: Mapping[str, Sequence[str]] | None = None) -> int:
        """Insert or replace clusters, in one transaction. ``keys[cluster.id]`` are its participant
        keys (``Actor.key``) for ``cluster_candidates``; by default the keys of its actors."""
        keys = keys or {}
        now = utcnow()
        count = 0
        with self._write() as conn:
            for chunk in chunks(items, CHUNK):
                ids = [c.id for c in chunk]
                conn.execute(delete(cluster_keys).where(cluster_keys.c.cluster_id.in_(ids)))
                conn.execute(delete(clusters).where(clusters.c.id.in_(ids)))
                rows, key_rows = [], []
                for cluster in {c.id: c for c in chunk}.values():  # the last of a repeated id wins
                    rows.append(cluster_row(cluster, now))
                    chosen = keys.get(cluster.id)
                    names = chosen if chosen is not None else [a.key for a in cluster.actors]
                    key_rows += [{"cluster_id": cluster.id, "key": k} for k in dict.fromkeys(names)]
                for row in [*rows, *key_rows]:
                    check_row(row, f"cluster {row.get('id') or row.get('cluster_id')}")
                conn.execute(clusters.insert(), rows)
                if key_rows:
                    conn.execute(cluster_keys.insert(), key_rows)
                count += len(rows)
        return count

    def cluster(self, cluster_id: str) -> Cluster | None:
        with self._read() as conn:
            record = conn.execute(select(clusters.c.record).where(clusters.c.id == cluster_id)).scalar()
            return None if record is None else cluster_from_record(record)

    def clusters(
        self,
        *,
        actor: str | None = None,
        event_type: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[Cluster]:
        """Clusters matching every filter given, oldest first. ``actor`` matches a participant key,
        or a participant of a member event as ``events`` does."""
        conds = q.cluster_conditions(actor=actor, event_type=event_type, start=start, end=end)
        stmt = (
            select(clusters.c.record).where(*conds).order_by(*q.cluster_order()).limit(limit).offset(offset)
        )
        with self._read() as conn:
            return [cluster_from_record(record) for record in conn.execute(stmt).scalars()]

    def cluster_candidates(
        self,
        keys: Sequence[str],
        start: dt.date | None = None,
        end: dt.date | None = None,
        event_type: str | None = None,
        window_days: int = 3,
    ) -> list[Cluster]:
        """Clusters that share at least one participant key and whose interval, widened by
        ``window_days`` each side, overlaps ``[start, end]`` (any date when both are None)."""
        conds = q.candidate_conditions(keys, start, end, event_type, window_days)
        stmt = select(clusters.c.record).where(*conds).order_by(*q.cluster_order())
        with self._read() as conn:
            return [cluster_from_record(record) for record in conn.execute(stmt).scalars()]

    def cluster_members(self, cluster_ids: Iterable[str]) -> dict[str, list[Event]]:
        """The events of each cluster (by ``events.cluster_id``), in one snapshot."""
        with self._read() as conn:
            return _linking.cluster_members(conn, cluster_ids)

    def articles_by_id(self, article_ids: Iterable[str]) -> dict[str, StoredArticle]:
        """The stored articles with these ids, without their events; unknown ids are left out."""
        with self._read() as conn:
            return _linking.articles_by_id(conn, article_ids)

    def clusters_by_id(self, cluster_ids: Iterable[str]) -> dict[str, Cluster]:
        """The cluster records with these ids (for a timeline of stored events)."""
        with self._read() as conn:
            return _linking.clusters_by_id(conn, cluster_ids)

    def unrecorded_cluster_ids(self) -> list[str]:
        """Cluster ids that events carry but that have no cluster record (linked by an older version)."""
        with self._read() as conn:
            return _linking.unrecorded_cluster_ids(conn)

    def set_cluster(self, event_id: str, cluster_id: str) -> bool:
        """Assign an event to a cluster; False when there is no such event."""
        return self.set_clusters({event_id: cluster_id}) == 1

    def set_clusters(self, assignments: Mapping[str, str]) -> int:
        """Assign events to clusters in one transaction; returns how many events were found."""
        found = 0
        with self._write() as conn:
            for ids in chunks(assignments, CHUNK):
                stmt = select(events.c.id, events.c.record).where(events.c.id.in_(ids))
                for event_id, record in list(conn.execute(stmt)):
                    data = json.loads(record)
                    data["cluster_id"] = assignments[event_id]
                    values = {"cluster_id": data["cluster_id"], "record": dumps(data)}
                    check_row(values, f"event {event_id}")
                    conn.execute(update(events).where(events.c.id == event_id).values(**values))
                    found += 1
        return found


def _by_week(rows: Iterable[Sequence[Any]]) -> list[WeekCount]:
    counts: dict[tuple[str, str, int | None], tuple[int, set[str]]] = {}
    for day, event_type, quad, real, n in rows:
        year, week, _ = day.isocalendar()
        key = (f"{year}-W{week:02d}", event_type, quad)
        total, reals = counts.get(key, (0, set()))
        reals.add(real)
        counts[key] = (total + n, reals)
    return [
        WeekCount(week=week, event_type=event_type, quad=quad, count=total, clusters=len(reals))
        for (week, event_type, quad), (total, reals) in sorted(counts.items(), key=lambda kv: kv[0][:2])
    ]
