"""Reads that incremental linking needs: the members of clusters, the articles behind them,
cluster records by id, and cluster ids that events carry without a cluster record (stores linked
before cluster records were kept)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from backchannel.model import Cluster, Event
from backchannel.store._ingest import CHUNK, chunks
from backchannel.store._records import StoredArticle, cluster_from_record, event_from_record, stored_article
from backchannel.store._schema import articles, clusters, events


def cluster_members(conn: Connection, cluster_ids: Iterable[str]) -> dict[str, list[Event]]:
    """The events of each cluster, in article order; a cluster with no events maps to []."""
    out: dict[str, list[Event]] = {cid: [] for cid in cluster_ids}
    for ids in chunks(out, CHUNK):
        stmt = (
            select(events.c.cluster_id, events.c.record)
            .where(events.c.cluster_id.in_(ids))
            .order_by(events.c.article_id, events.c.ord)
        )
        for cid, record in conn.execute(stmt):
            out[cid].append(event_from_record(record))
    return out


def articles_by_id(conn: Connection, article_ids: Iterable[str]) -> dict[str, StoredArticle]:
    """The articles with these ids (without their events); unknown ids are left out."""
    out: dict[str, StoredArticle] = {}
    for ids in chunks(dict.fromkeys(article_ids), CHUNK):
        for row in conn.execute(select(articles).where(articles.c.id.in_(ids))).mappings():
            out[row["id"]] = stored_article(row, [])
    return out


def unrecorded_cluster_ids(conn: Connection) -> list[str]:
    """Cluster ids on events that have no row in ``clusters``, sorted."""
    recorded = select(clusters.c.id).where(clusters.c.id == events.c.cluster_id).exists()
    stmt = select(events.c.cluster_id).where(events.c.cluster_id != "", ~recorded).distinct()
    return sorted(conn.execute(stmt).scalars())


def clusters_by_id(conn: Connection, cluster_ids: Iterable[str]) -> dict[str, Cluster]:
    """The cluster records with these ids; unknown ids are left out."""
    out: dict[str, Cluster] = {}
    for ids in chunks(dict.fromkeys(cluster_ids), CHUNK):
        for cid, record in conn.execute(
            select(clusters.c.id, clusters.c.record).where(clusters.c.id.in_(ids))
        ):
            out[cid] = cluster_from_record(record)
    return out
