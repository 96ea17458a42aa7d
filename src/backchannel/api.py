"""The library functions the command line calls, one per command.

extract_paths(inputs, *, on_skip) -> ExtractResult        no store, no server
ingest_paths(paths, store, *, progress) -> IngestSummary  read, skip known, code, store, link
timeline(store, actor, with_actor) -> list[TimelineRow]   clusters of contacts, oldest first
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from backchannel import link
from backchannel.errors import InputError, StageError
from backchannel.model import Article, Event
from backchannel.pipeline import Pipeline

log = logging.getLogger("backchannel")


@dataclass
class ExtractResult:
    events: list[Event]
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def read(paths: Iterable[str | Path], skipped: list[str]) -> Iterator[Article]:
    """Articles from any mix of files and folders; each unusable item is noted and skipped."""
    from backchannel.read import read_paths

    def note(err: InputError) -> None:
        skipped.append(str(err))
        log.warning("skipped %s", err)

    return read_paths(paths, on_skip=note)


def extract_paths(inputs: Iterable[str | Path], pipeline: Pipeline | None = None) -> ExtractResult:
    """Read, code and link the articles under ``inputs``; the contract's ``extract``."""
    result = ExtractResult(events=[])
    pipe = pipeline or Pipeline()

    def counted() -> Iterator[Article]:
        for article in read(inputs, result.skipped):
            result.articles += 1
            yield article

    def failed(err: StageError) -> None:
        result.failed.append(str(err))
        log.warning("%s", err)

    result.events = pipe.extract(counted(), on_error=failed)
    return result


@dataclass
class IngestSummary:
    read: int = 0
    known: int = 0
    added: int = 0
    events: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def ingest_paths(
    paths: Iterable[str | Path],
    store: object,
    pipeline: Pipeline | None = None,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 200,
) -> IngestSummary:
    """Read articles, skip those already stored (by content hash), code the new ones, store them in
    batches (one transaction each) and link their events to what the store holds."""
    from backchannel.store import Store, StoredArticle

    assert isinstance(store, Store)
    summary = IngestSummary()
    pipe = pipeline or Pipeline()
    fresh = _unseen(read(paths, summary.skipped), store, summary, batch_size)

    def failed(err: StageError) -> None:
        summary.failed.append(str(err))
        log.warning("%s", err)

    def stored() -> Iterator[StoredArticle]:
        for doc in pipe.documents(fresh, on_error=failed):
            if progress:
                progress(1)
            yield StoredArticle(doc.article, doc.published, doc.title, doc.events)

    report = store.ingest(stored(), batch_size=batch_size)
    summary.added, summary.events = report.added, report.events_added
    relink(store)
    return summary


def _unseen(
    articles: Iterable[Article], store: object, summary: IngestSummary, batch: int
) -> Iterator[Article]:
    """Articles whose text the store does not hold yet, checked a batch at a time."""
    pending: list[Article] = []

    def flush() -> Iterator[Article]:
        known = store.known_hashes([a.content_hash for a in pending])  # type: ignore[attr-defined]
        for a in pending:
            if a.content_hash in known:
                summary.known += 1
            else:
                yield a

    for article in articles:
        summary.read += 1
        pending.append(article)
        if len(pending) >= batch:
            yield from flush()
            pending = []
    yield from flush()


def relink(store: object) -> int:
    """Link every stored event and save the cluster ids that changed. Ids derive from each
    cluster's earliest member, so existing clusters keep their ids as reports are added."""
    events = store.events(limit=None)  # type: ignore[attr-defined]
    before = {e.id: e.cluster_id for e in events}
    link.link(events)
    changed = {e.id: e.cluster_id for e in events if before[e.id] != e.cluster_id}
    if changed:
        store.set_clusters(changed)  # type: ignore[attr-defined]
    return len(changed)


@dataclass
class TimelineRow:
    cluster_id: str
    start: str | None
    end: str | None
    event_type: str
    mode: str | None
    status: str
    participants: list[str]
    reports: int
    outlets: list[str]
    evidence: str


def timeline(events: Iterable[Event]) -> list[TimelineRow]:
    """One row per cluster (real-world event), oldest first, from the records given."""
    by_cluster: dict[str, list[Event]] = {}
    for ev in events:
        by_cluster.setdefault(ev.cluster_id or ev.id, []).append(ev)
    rows = []
    for cid, members in by_cluster.items():
        best = min(members, key=lambda e: (e.date.width if e.date.known else 10**6, e.id))
        names = sorted({a.name or a.country or a.text for a in best.participants})
        outlets = sorted({e.outlet for e in members if e.outlet})
        rows.append(
            TimelineRow(
                cid,
                best.date.start.isoformat() if best.date.start else None,
                best.date.end.isoformat() if best.date.end else None,
                best.event_type,
                best.mode,
                best.status,
                names,
                len(members),
                outlets,
                best.evidence.text,
            )
        )
    rows.sort(key=lambda r: (r.start or "9999", r.cluster_id))
    return rows
