"""The JSON API under ``/api``: read-only views of the store, described by the OpenAPI schema
at ``/api/openapi.json``. Lists are pages: ``{"total", "limit", "offset", "items"}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from backchannel.kb import KnowledgeBase
from backchannel.store import Store, StoredArticle
from backchannel.store import _web_queries as queries
from backchannel.web import _actors, _chart
from backchannel.web._params import EXPECTED, Filters, Page, bad, event_filters, paging
from backchannel.web._views import TIMELINE_STATUSES, Summary, report, summaries, timeline_item

router = APIRouter(prefix="/api")

FiltersDep = Annotated[Filters, Depends(event_filters)]
PageDep = Annotated[Page, Depends(paging)]


def store_of(request: Request) -> Store:
    return request.app.state.store


def kb_of(request: Request) -> KnowledgeBase:
    return request.app.state.kb


def _page(items: list[Any], total: int, page: Page) -> dict[str, Any]:
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}


# -- events and clusters ---------------------------------------------------------------------


@router.get("/events", tags=["events"], summary="Event records (one per report), oldest first")
def list_events(request: Request, filters: FiltersDep, page: PageDep) -> dict[str, Any]:
    found, total = queries.events_page(
        store_of(request), filters.store_filters(), filters.statuses, page.limit, page.offset
    )
    return _page([e.to_dict() for e in found], total, page)


@router.get("/events/{event_id}", tags=["events"], summary="One event record")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    found = store_of(request).event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found.to_dict()


def cluster_page(
    store: Store, filters: Filters, page: Page, statuses: tuple[str, ...]
) -> tuple[list[Summary], int]:
    """A page of real-world events with a report matching ``filters``, oldest first."""
    keys, total = queries.cluster_keys_page(store, filters.store_filters(), statuses, page.limit, page.offset)
    return summaries(store, keys), total


@router.get("/clusters", tags=["clusters"], summary="Real-world events (clusters of reports)")
def list_clusters(request: Request, filters: FiltersDep, page: PageDep) -> dict[str, Any]:
    found, total = cluster_page(store_of(request), filters, page, filters.statuses)
    return _page([s.to_dict() for s in found], total, page)


def cluster_reports(store: Store, cluster_id: str) -> tuple[Summary, list[Any]]:
    """A cluster's summary and its reports, each with its article; 404 when unknown."""
    found = summaries(store, [cluster_id])
    if not found:
        raise HTTPException(404, f"no event cluster {cluster_id!r}")
    members = queries.cluster_members(store, [cluster_id])[cluster_id]
    articles: dict[str, StoredArticle | None] = {}
    for ev in members:
        if ev.article_id not in articles:
            articles[ev.article_id] = store.article(ev.article_id)
    return found[0], [report(ev, articles[ev.article_id]) for ev in members]


@router.get("/clusters/{cluster_id}", tags=["clusters"], summary="One real-world event and its reports")
def get_cluster(request: Request, cluster_id: str) -> dict[str, Any]:
    summary, reports = cluster_reports(store_of(request), cluster_id)
    return {
        "cluster": summary.to_dict(),
        "reports": [
            {
                "event": r.event.to_dict(),
                "outlet": r.outlet,
                "article": _article_meta(r.article) if r.article else None,
                "evidence_found": r.located,
            }
            for r in reports
        ],
    }


@router.get("/timeline", tags=["clusters"], summary="Timeline items (vis-timeline) for a dyad")
def get_timeline(request: Request, filters: FiltersDep, page: PageDep) -> dict[str, Any]:
    """Real-world events as timeline items. Without ``status``, only what occurred, was planned,
    attempted or refused; events that cannot be dated are listed under ``undated``."""
    statuses = filters.statuses or TIMELINE_STATUSES
    found, total = cluster_page(store_of(request), filters, page, statuses)
    short = _actors.short_name(kb_of(request))
    items = [timeline_item(s, short) for s in found]
    undated = [s.to_dict() for s, item in zip(found, items, strict=True) if item is None]
    return {**_page([i for i in items if i], total, page), "undated": undated}


# -- actors ----------------------------------------------------------------------------------


@router.get("/actors", tags=["actors"], summary="People in the knowledge base, by name")
def list_actors(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=100, description="part of a name or alias")],
    limit: Annotated[int, Query(ge=1, le=100, description="at most this many")] = 20,
) -> dict[str, Any]:
    kb = kb_of(request)
    people = _actors.search_people(kb, q, limit)
    return {
        "items": [
            {
                "id": p.id,
                "name": p.name,
                "country": p.country,
                "roles": [r.to_dict() for r in _actors.roles_over_time(kb, p)],
            }
            for p in people
        ]
    }


@router.get("/actors/{key}", tags=["actors"], summary="An actor: roles over time, events, counterparts")
def get_actor(request: Request, key: str) -> dict[str, Any]:
    found = _actors.profile(kb_of(request), store_of(request), key)
    if found is None:
        raise HTTPException(404, f"no actor {key!r} in the knowledge base or the store")
    return found.to_dict()


# -- articles and search ---------------------------------------------------------------------


def _article_meta(stored: StoredArticle) -> dict[str, Any]:
    a = stored.article
    return {
        "id": a.id,
        "title": stored.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": a.published,
        "published_span": stored.published.to_dict(),
        "events": len(stored.events),
    }


@router.get("/articles", tags=["articles"], summary="Stored articles, in the order they were stored")
def list_articles(request: Request, page: PageDep) -> dict[str, Any]:
    store = store_of(request)
    found = store.articles(limit=page.limit, offset=page.offset)
    return _page([_article_meta(a) for a in found], store.count_articles(), page)


@router.get("/articles/{article_id:path}", tags=["articles"], summary="One article with its text and events")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    stored = store_of(request).article(article_id)
    if stored is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return {
        **_article_meta(stored),
        "text": stored.article.text,
        "events": [e.to_dict() for e in stored.events],
    }


def search_hits(store: Store, q: str, limit: int) -> list[dict[str, Any]]:
    """Full-text hits, each with the real-world events coded from its article."""
    hits = []
    for hit in store.search(q, limit=limit):
        clusters = dict.fromkeys(
            e.cluster_id or e.id for e in store.events(article_id=hit.article_id, limit=None)
        )
        hits.append(
            {
                "article_id": hit.article_id,
                "title": hit.title,
                "snippet": hit.snippet,
                "clusters": list(clusters),
            }
        )
    return hits


@router.get("/search", tags=["articles"], summary="Full-text search over articles")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description=EXPECTED["q"])],
    limit: Annotated[int, Query(ge=1, le=100, description="at most this many")] = 20,
) -> dict[str, Any]:
    """Words and "quoted phrases" are all required, ``OR`` between two means either, ``-word``
    excludes. Snippets mark the matched words with « and »."""
    return {"query": q, "items": search_hits(store_of(request), q, limit)}


# -- weekly counts ---------------------------------------------------------------------------


def weekly(store: Store, filters: Filters) -> list[Any]:
    """Weekly counts: the store's own query for countries and dates alone, else from records."""
    only_countries = not (filters.actor or filters.with_actor or filters.event_type or filters.statuses)
    if only_countries and not filters.quad:
        a, b = [*filters.countries, None, None][:2]
        return list(store.weekly_counts(country_a=a, country_b=b, start=filters.start, end=filters.end))
    found, _ = queries.events_page(store, filters.store_filters(), filters.statuses, limit=None)
    return list(_chart.weekly_from_events(found))


@router.get("/weekly", tags=["charts"], summary="Events per ISO week by PLOVER type and quad")
def get_weekly(
    request: Request,
    filters: FiltersDep,
    count: Annotated[str, Query(pattern="^(events|clusters)$", description=EXPECTED["count"])] = "clusters",
) -> dict[str, Any]:
    if filters.is_empty:
        raise bad("countries", None)
    weeks = weekly(store_of(request), filters)
    drawn = _chart.chart(weeks, count)
    return {"measure": count, "weeks": weeks, "cooperation": drawn.cooperation, "conflict": drawn.conflict}
