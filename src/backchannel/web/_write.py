"""The one write the API offers, and only when the app is created writable: ingest an article.

    POST /api/ingest   {"id", "text", "title"?, "url"?, "outlet"?, "published"?}   (JSON only)

The article goes through the same pipeline as ``backchannel ingest``: coded, stored (idempotent
by content hash) and linked with everything stored before it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, Field

from backchannel.api import relink
from backchannel.errors import StageError
from backchannel.model import Article
from backchannel.pipeline import Pipeline
from backchannel.store import Store, StoredArticle

router = APIRouter(prefix="/api")


class ArticleIn(BaseModel):
    """An article as a line of JSON Lines input has it (``../CONTRACT.md``)."""

    id: Annotated[str, Field(min_length=1, max_length=300)]
    text: Annotated[str, Field(min_length=1, max_length=2_000_000)]
    title: Annotated[str | None, Field(max_length=2000)] = None
    url: Annotated[str | None, Field(max_length=4000)] = None
    outlet: Annotated[str | None, Field(max_length=300)] = None
    published: Annotated[str | None, Field(max_length=40)] = None


def _pipeline(request: Request) -> Pipeline:
    """One pipeline per app, made on the first write (loading the model takes seconds)."""
    state = request.app.state
    if getattr(state, "pipeline", None) is None:
        state.pipeline = Pipeline(kb=state.kb)
    return state.pipeline


def ingest_article(store: Store, pipeline: Pipeline, article: Article) -> dict[str, Any]:
    """1. skip a text already stored; 2. code it (a stage that fails is reported, not raised);
    3. store it with its events; 4. relink the store, so its reports join their clusters."""
    if store.has_hash(article.content_hash):
        return {"added": 0, "duplicate": True, "events": 0, "failed": []}
    failed: list[str] = []

    def note(err: StageError) -> None:
        failed.append(str(err))

    docs = list(pipeline.documents([article], on_error=note))
    report = store.ingest(StoredArticle(d.article, d.published, d.title, d.events) for d in docs)
    relink(store)
    renamed = dict(report.renamed)
    return {
        "added": report.added,
        "duplicate": False,
        "article_id": renamed.get(article.id, article.id),
        "events": report.events_added,
        "failed": failed,
    }


@router.post("/ingest", tags=["write"], summary="Code, store and link one article (writable servers only)")
def ingest(request: Request, article: Annotated[ArticleIn, Body()]) -> dict[str, Any]:
    given = Article(**article.model_dump(), source="api")
    return ingest_article(request.app.state.store, _pipeline(request), given)
