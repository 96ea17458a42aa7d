"""What the store takes and gives beyond the data model, and how records become rows and back.

Events and clusters are read back from their JSON ``record``; articles from their columns. Every
string bound for a column is checked first: neither SQLite nor PostgreSQL text can hold an
unpaired surrogate, and PostgreSQL cannot hold NUL, so both are refused the same way on both.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

from backchannel.errors import StoreError
from backchannel.model import QUAD, Actor, Article, Cluster, DateSpan, Event


@dataclass(slots=True)
class StoredArticle:
    """An article as the store keeps it: the article, its resolved publication date, its display
    title (the given title unless a stage found a better one) and the events coded from it."""

    article: Article
    published: DateSpan = field(default_factory=DateSpan.unknown)
    title: str | None = None
    events: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.title is None:
            self.title = self.article.title


@dataclass(slots=True)
class IngestReport:
    """What one ``Store.ingest`` call did. ``renamed`` pairs a given id with the id it was stored
    under, for articles (and events) whose id was taken by a different text."""

    added: int = 0
    duplicates: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    events_added: int = 0
    events_renamed: list[tuple[str, str]] = field(default_factory=list)
    batches: int = 0


@dataclass(slots=True, frozen=True)
class SearchHit:
    """A full-text match. ``snippet`` marks the matched words with « and »."""

    article_id: str
    title: str | None
    snippet: str


class WeekCount(TypedDict):
    """One bar of the weekly chart: ISO week (``2021-W38``), type, quad, event mentions and the
    distinct real-world events (clusters) among them."""

    week: str
    event_type: str
    quad: int | None
    count: int
    clusters: int


# ---------------------------------------------------------------------------------------------
# Checks and JSON
# ---------------------------------------------------------------------------------------------

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def check_row(row: Mapping[str, Any], what: str) -> None:
    """Refuse a row with a string no database can hold (NUL, unpaired surrogates)."""
    for column, value in row.items():
        if isinstance(value, str) and UNSTORABLE.search(value):
            raise StoreError(
                f"{what}: {column} contains a NUL or unpaired surrogate character that a database "
                "cannot store; decode the input with errors='replace' and try again"
            )


def dumps(data: Any) -> str:
    """Compact JSON; escaped to ASCII only when a string holds an unpaired surrogate."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if UNSTORABLE.search(text):
        text = json.dumps(data, separators=(",", ":"))
    return text


# ---------------------------------------------------------------------------------------------
# Records to rows
# ---------------------------------------------------------------------------------------------


def article_row(item: StoredArticle, stored_id: str, now: dt.datetime) -> dict[str, Any]:
    article, span = item.article, item.published
    return {
        "id": stored_id,
        "content_hash": article.content_hash,
        "title": item.title,
        "given_title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "pub_start": span.start,
        "pub_end": span.end,
        "pub_granularity": span.granularity,
        "pub_basis": span.basis,
        "pub_text": span.text,
        "source": article.source,
        "text": article.text,
        "ingested_at": now,
    }


def event_row(event: Event, ord_: int) -> dict[str, Any]:
    return {
        "id": event.id,
        "article_id": event.article_id,
        "ord": ord_,
        "cluster_id": event.cluster_id,
        "event_type": event.event_type,
        "mode": event.mode,
        "status": event.status,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "granularity": event.date.granularity,
        "confidence": event.confidence,
        "quad": QUAD.get(event.event_type),
        "record": dumps(event.to_dict(trace=True)),
    }


def _positions(event: Event) -> Iterator[tuple[str, int, Actor]]:
    for i, actor in enumerate(event.actors):
        yield "actor", i, actor
    for i, actor in enumerate(event.recipients):
        yield "recipient", i, actor
    if event.initiator:
        yield "initiator", 0, event.initiator
    if event.attribution and event.attribution.source:
        yield "source", 0, event.attribution.source


def actor_rows(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event.id,
            "position": position,
            "ord": i,
            "name": actor.name,
            "text": actor.text,
            "country": actor.country,
            "sector": actor.sector,
            "role": actor.role,
            "kb_id": actor.kb_id,
            "name_fold": actor.name.casefold() if actor.name is not None else None,
            "text_fold": actor.text.casefold(),
        }
        for position, i, actor in _positions(event)
    ]


def cluster_row(cluster: Cluster, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": cluster.id,
        "event_type": cluster.event_type,
        "mode": cluster.mode,
        "date_start": cluster.date.start,
        "date_end": cluster.date.end,
        "reports": cluster.reports,
        "independent_sources": cluster.independent_sources,
        "record": dumps(cluster.to_dict()),
        "updated_at": now,
    }


# ---------------------------------------------------------------------------------------------
# Rows to records
# ---------------------------------------------------------------------------------------------


def stored_article(row: Mapping[Any, Any], events: list[Event]) -> StoredArticle:
    article = Article(
        id=row["id"],
        text=row["text"],
        title=row["given_title"],
        url=row["url"],
        outlet=row["outlet"],
        published=row["published"],
        source=row["source"],
    )
    span = DateSpan(
        row["pub_start"], row["pub_end"], row["pub_granularity"], row["pub_text"], row["pub_basis"]
    )
    return StoredArticle(article, span, row["title"], events)


def event_from_record(record: str) -> Event:
    return Event.from_dict(json.loads(record))


def cluster_from_record(record: str) -> Cluster:
    return Cluster.from_dict(json.loads(record))
