"""The library functions the command line calls, one per command.

extract_paths(inputs, *, on_skip) -> ExtractResult        no store, no server
ingest_paths(paths, store, *, progress) -> IngestSummary  read, skip known, code, store, link
timeline(events, clusters) -> list[TimelineRow]           one row per real-world event, oldest first
relink(store) -> int                                      link new events to stored clusters
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backchannel import link
from backchannel.errors import InputError, StageError
from backchannel.model import Article, Cluster, Event
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
    """Link the store's new events to the clusters it holds (incremental: existing cluster ids
    never change, new reports join them) and rebuild the cluster records they touch; returns
    how many events were linked."""
    from backchannel.store import Store

    assert isinstance(store, Store)
    return link.relink(store)


@dataclass
class TimelineRow:
    cluster_id: str
    start: str | None
    end: str | None
    event_type: str
    mode: str | None
    status: str
    participants: list[str]
    reports: int  # articles that report the event
    outlets: list[str]
    evidence: str
    independent: int | None = None  # outlets once reprints count once; None without a cluster record
    disputes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


def timeline(events: Iterable[Event], clusters: Mapping[str, Cluster] | None = None) -> list[TimelineRow]:
    """One row per cluster (real-world event), oldest first, from the records given.

    With ``clusters`` (stored Cluster records by id) a row takes its date, mode, reports, outlets,
    independent sources, disputes and flags from the record; without, from the members.
    """
    by_cluster: dict[str, list[Event]] = {}
    for ev in events:
        by_cluster.setdefault(ev.cluster_id or ev.id, []).append(ev)
    rows = [_row(cid, members, (clusters or {}).get(cid)) for cid, members in by_cluster.items()]
    rows.sort(key=lambda r: (r.start or "9999", r.cluster_id))
    return rows


def _row(cid: str, members: list[Event], record: Cluster | None) -> TimelineRow:
    from backchannel.link.disputes import describe

    best = min(members, key=lambda e: (e.date.width if e.date.known else 10**6, e.id))
    date = record.date if record else best.date
    names = sorted({a.name or a.country or a.text for a in best.participants})
    return TimelineRow(
        cid,
        date.start.isoformat() if date.start else None,
        date.end.isoformat() if date.end else None,
        best.event_type,
        record.mode if record else best.mode,
        best.status,
        names,
        record.reports if record else len({e.article_id for e in members}),
        list(record.sources) if record else sorted({e.outlet for e in members if e.outlet}),
        best.evidence.text,
        record.independent_sources if record else None,
        [describe(d) for d in record.disputes] if record else [],
        list(record.flags) if record else [],
    )
