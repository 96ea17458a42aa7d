"""Ingest Article objects that are already in memory: ``api.ingest_paths`` without the reading.

1. skip the articles whose text the store holds (by content hash);
2. code the others with the pipeline (an article a stage fails on is reported and left out);
3. store them, one transaction per ``batch_size`` articles;
4. link their events to the clusters the store holds (``api.relink``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from backchannel.api import IngestSummary, relink
from backchannel.errors import StageError
from backchannel.model import Article
from backchannel.pipeline import Pipeline
from backchannel.store import Store, StoredArticle

log = logging.getLogger("backchannel.watch")


def ingest_articles(
    articles: Iterable[Article], store: Store, pipeline: Pipeline | None = None, batch_size: int = 200
) -> IngestSummary:
    """Steps 1 to 4 of the module docstring; returns what was read, known, added and failed."""
    given = list(articles)
    summary = IngestSummary(read=len(given))
    known = store.known_hashes(a.content_hash for a in given)  # 1
    fresh = [a for a in given if a.content_hash not in known]
    summary.known = len(given) - len(fresh)
    if not fresh:
        return summary
    pipe = pipeline or Pipeline()

    def failed(err: StageError) -> None:
        summary.failed.append(str(err))
        log.warning("%s", err)

    def coded() -> Iterator[StoredArticle]:  # 2
        for doc in pipe.documents(fresh, on_error=failed):
            yield StoredArticle(doc.article, doc.published, doc.title, doc.events)

    report = store.ingest(coded(), batch_size=batch_size)  # 3
    summary.added, summary.events = report.added, report.events_added
    relink(store)  # 4
    return summary
