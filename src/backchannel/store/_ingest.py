"""Ingest, one batch at a time, inside the caller's write transaction.

1. Skip the articles whose text is stored, or seen earlier in the batch.
2. Give each remaining article a free id, and each of its events a free id: a taken id becomes
   ``<id>~<hash8>`` (the first 8 hex digits of the article's content hash).
3. Build and check every row, then insert: nothing is written if any row is refused.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, select

from backchannel.errors import StoreError
from backchannel.store._records import (
    IngestReport,
    StoredArticle,
    actor_rows,
    article_row,
    check_row,
    event_row,
)
from backchannel.store._schema import articles, event_actors, events

T = TypeVar("T")

# Bound parameters per IN (...) list: far below SQLite's limit of 32766.
CHUNK = 500


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def known_hashes(conn: Connection, hashes: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(dict.fromkeys(hashes), CHUNK):
        stmt = select(articles.c.content_hash).where(articles.c.content_hash.in_(chunk))
        found.update(conn.execute(stmt).scalars())
    return found


def _taken(conn: Connection, column: Any, values: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(dict.fromkeys(values), CHUNK):
        found.update(conn.execute(select(column).where(column.in_(chunk))).scalars())
    return found


class Batch:
    """One batch of articles written in the caller's transaction (steps in the module docstring)."""

    def __init__(self, conn: Connection, report: IngestReport) -> None:
        self.conn = conn
        self.report = report
        self.article_ids: set[str] = set()  # ids taken, in the database or earlier in the batch
        self.event_ids: set[str] = set()
        self.rows: dict[Table, list[dict[str, Any]]] = {articles: [], events: [], event_actors: []}

    def write(self, batch: list[StoredArticle]) -> None:
        fresh = self._fresh(batch)  # 1
        self.article_ids = _taken(self.conn, articles.c.id, (i.article.id for i in fresh))
        self.event_ids = _taken(self.conn, events.c.id, (e.id for i in fresh for e in i.events))
        now = utcnow()
        for item in fresh:  # 2
            self._add(item, now)
        for table, rows in self.rows.items():  # 3
            for row in rows:
                check_row(row, f"{table.name} row {row.get('id') or row.get('event_id')}")
        for table, rows in self.rows.items():
            if rows:
                self.conn.execute(table.insert(), rows)
        self.report.added += len(self.rows[articles])
        self.report.events_added += len(self.rows[events])

    def _fresh(self, batch: list[StoredArticle]) -> list[StoredArticle]:
        hashes = [item.article.content_hash for item in batch]
        seen = known_hashes(self.conn, hashes)
        fresh: list[StoredArticle] = []
        for item, content_hash in zip(batch, hashes, strict=True):
            if content_hash in seen:
                self.report.duplicates += 1
            else:
                seen.add(content_hash)
                fresh.append(item)
        return fresh

    def _add(self, item: StoredArticle, now: dt.datetime) -> None:
        given, content_hash = item.article.id, item.article.content_hash
        stored_id = self._free(given, content_hash, articles.c.id, self.article_ids)
        if stored_id != given:
            self.report.renamed.append((given, stored_id))
        self.rows[articles].append(article_row(item, stored_id, now))
        for i, event in enumerate(item.events):
            event_id = self._free(event.id, content_hash, events.c.id, self.event_ids)
            if event_id != event.id:
                self.report.events_renamed.append((event.id, event_id))
            stored = dataclasses.replace(event, id=event_id, article_id=stored_id)
            self.rows[events].append(event_row(stored, i))
            self.rows[event_actors] += actor_rows(stored)

    def _free(self, wanted: str, content_hash: str, column: Any, taken: set[str]) -> str:
        """``wanted`` if free, else ``wanted~<hash8>`` (longer hashes, then a counter, if need be)."""
        candidates = chain(
            (f"{wanted}~{content_hash[:n]}" for n in (8, 16, 64)),
            (f"{wanted}~{content_hash[:8]}-{n}" for n in range(2, 10_000)),
        )
        if wanted not in taken:
            taken.add(wanted)
            return wanted
        for candidate in candidates:
            if candidate not in taken and not _taken(self.conn, column, [candidate]):
                taken.add(candidate)
                return candidate
        raise StoreError(f"no free id for {wanted!r}; give the items unique ids")
