"""The web app: a JSON API and pages over the store, every event backed by its reports.

create_app(store_url, *, writable=False, allowed_hosts=None, kb=None) -> FastAPI
backchannel serve --db PATH [--port 8000] [--host 127.0.0.1] [--writable]   (commands.register)
python -m backchannel.web.vendor      npm ci + copy vis-timeline into static/vendor/

app.py         the factory, error handling          _security.py  headers, read-only guard
api.py         /api/* (OpenAPI at /api/openapi.json) pages.py     the HTML pages
_params.py     query parameters and their 422s       _views.py    clusters, reports, evidence
_actors.py     roles over time, counterparts         _chart.py    the weekly SVG chart
_write.py      POST /api/ingest (writable only)      vendor.py    the front-end files
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Lazily, so that the CLI can register ``serve`` (and ``vendor`` can run) without the web extra.
    if name == "create_app":
        from backchannel.web.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
