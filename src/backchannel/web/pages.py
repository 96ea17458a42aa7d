"""The pages a person reads: rendered on the server from the same functions as the API, so that
every page works without its script; the timeline's script only draws what the list shows."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backchannel.model import EVENT_TYPES
from backchannel.store import _web_queries as queries
from backchannel.web import _actors, _chart
from backchannel.web._params import EXPECTED, Filters, Page, event_filters
from backchannel.web._views import (
    TIMELINE_STATUSES,
    Summary,
    article_segments,
    channel_facts,
    summaries,
    timeline_item,
)
from backchannel.web.api import cluster_page, cluster_reports, kb_of, search_hits, store_of, weekly
from backchannel.web.vendor import vendored

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

FiltersDep = Annotated[Filters, Depends(event_filters)]
TIMELINE_LIMIT = 500


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    page = request.app.state.templates.TemplateResponse(request, name, context, status_code=status)
    return page


@router.get("/")
def index(request: Request) -> Response:
    store = store_of(request)
    return render(
        request,
        "index.html",
        articles=store.count_articles(),
        events=store.count_events(),
        people=queries.top_participants(store, 16),
    )


@router.get("/timeline")
def timeline(request: Request, filters: FiltersDep) -> Response:
    """1. the real-world events of the dyad, as a list (the page works without script);
    2. the same query for the script, which draws them with vis-timeline."""
    statuses = filters.statuses or TIMELINE_STATUSES
    found: list[Summary] = []
    total = 0
    if not filters.is_empty:
        found, total = cluster_page(store_of(request), filters, Page(TIMELINE_LIMIT, 0), statuses)
    return render(
        request,
        "timeline.html",
        filters=filters,
        found=found,
        total=total,
        dated=sum(1 for s in found if timeline_item(s) is not None),
        types=[t for t in EVENT_TYPES if any(s.event_type == t for s in found)],
        data_url=f"/api/timeline?{filters.query(limit=str(TIMELINE_LIMIT))}",
        vendored=vendored(),
    )


@router.get("/clusters/{cluster_id}")
def cluster(request: Request, cluster_id: str) -> Response:
    summary, reports = cluster_reports(store_of(request), cluster_id)
    facts = channel_facts([r.event for r in reports])
    return render(request, "cluster.html", summary=summary, reports=reports, facts=facts)


@router.get("/events/{event_id}")
def event(request: Request, event_id: str) -> Response:
    """An event record lives on its cluster's page, at its own report."""
    found = store_of(request).event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return RedirectResponse(f"/clusters/{found.cluster_id or found.id}#r-{found.id}", status_code=303)


@router.get("/actors")
def actors(
    request: Request, q: Annotated[str, Query(max_length=100, description="part of a name")] = ""
) -> Response:
    kb = kb_of(request)
    people = _actors.search_people(kb, q, 50) if q else []
    top = queries.top_participants(store_of(request), 30)
    return render(request, "actors.html", q=q, people=people, top=top)


@router.get("/actors/{key}")
def actor(request: Request, key: str) -> Response:
    found = _actors.profile(kb_of(request), store_of(request), key)
    if found is None:
        raise HTTPException(404, f"no actor {key!r} in the knowledge base or the store")
    return render(request, "actor.html", actor=found)


@router.get("/search")
def search(
    request: Request, q: Annotated[str, Query(max_length=500, description=EXPECTED["q"])] = ""
) -> Response:
    store = store_of(request)
    hits = search_hits(store, q, 50) if q.strip() else []
    keys = list(dict.fromkeys(key for hit in hits for key in hit["clusters"]))
    labels = {s.id: s for s in summaries(store, keys)}
    return render(request, "search.html", q=q, hits=hits, labels=labels)


@router.get("/articles/{article_id:path}")
def article(request: Request, article_id: str) -> Response:
    stored = store_of(request).article(article_id)
    if stored is None:
        raise HTTPException(404, f"no article {article_id!r}")
    events = {e.id: e for e in stored.events}
    return render(request, "article.html", stored=stored, pieces=article_segments(stored), events=events)


@router.get("/weekly")
def weekly_chart(
    request: Request,
    filters: FiltersDep,
    count: Annotated[str, Query(pattern="^(events|clusters)$", description=EXPECTED["count"])] = "clusters",
) -> Response:
    drawn = None if filters.is_empty else _chart.chart(weekly(store_of(request), filters), count)
    return render(request, "weekly.html", filters=filters, chart=drawn, count=count)
