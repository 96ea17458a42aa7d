"""The application: a factory that opens the store and puts the API and the pages over it.

    create_app(store_url, *, writable=False, allowed_hosts=None, kb=None) -> FastAPI

The app is plain ASGI: tests call it in process (httpx's ASGITransport, FastAPI's TestClient)
and ``backchannel serve`` runs it under uvicorn. Errors a user can cause are one line: JSON
``{"detail": ..., "message": ...}`` under ``/api``, an error page elsewhere.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import JSONResponse, Response

from backchannel.errors import BackchannelError
from backchannel.kb import KnowledgeBase, default_kb
from backchannel.model import EVENT_TYPES, QUAD, STATUSES
from backchannel.store import open_store
from backchannel.web import api, pages
from backchannel.web._params import describe
from backchannel.web._security import LOCAL_HOSTS, Guard
from backchannel.web._views import safe_url, snippet_segments

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
MAX_BODY = 4_000_000  # bytes: an article posted to a writable server, with room to spare


def templates() -> Jinja2Templates:
    """Jinja2 with autoescape on for every template, whatever its extension."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined
    )
    env.globals.update(event_types=EVENT_TYPES, statuses=STATUSES, quads=QUAD)
    env.filters.update(snippet=snippet_segments, safe_url=safe_url)
    return Jinja2Templates(env=env)


def create_app(
    store_url: str | Path,
    *,
    writable: bool = False,
    allowed_hosts: Sequence[str] | None = None,
    kb: KnowledgeBase | None = None,
) -> FastAPI:
    """1. open the store now, so that a bad path fails before the server starts; 2. the API,
    the pages and the static files; 3. one-line errors; 4. the guards, outermost last."""
    store = open_store(store_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="backchannel",
        summary="PLOVER event records linked across outlets: every event backed by its reports.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not on a local-only server
        redoc_url=None,
        lifespan=lifespan,
        max_body_size=MAX_BODY,
    )
    app.state.store, app.state.kb, app.state.writable = store, kb or default_kb(), writable
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    if writable:
        from backchannel.web import _write

        app.include_router(_write.router)
    app.include_router(pages.router)
    _handle_errors(app)
    hosts = list(allowed_hosts or LOCAL_HOSTS)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    app.add_middleware(Guard, writable=writable, hosts=hosts)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def error_response(request: Request, status: int, message: str, detail: Any = None) -> Response:
    """One error, as JSON for the API and as a page for a person."""
    if _wants_json(request):
        return JSONResponse({"detail": detail if detail is not None else message, "message": message}, status)
    page = request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )
    return page


def _handle_errors(app: FastAPI) -> None:
    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [dict(e) for e in exc.errors()]
        detail = [
            {"loc": list(e.get("loc", ())), "msg": describe(e), "type": e.get("type", "value_error")}
            for e in errors
        ]
        return error_response(request, 422, "; ".join(d["msg"] for d in detail), detail)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        response = error_response(request, exc.status_code, str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    async def ours(request: Request, exc: Exception) -> Response:
        # A store that is locked or unreachable: the request may succeed later.
        return error_response(request, 503, str(exc))

    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(BackchannelError, ours)
