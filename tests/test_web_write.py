"""A writable app (``--writable``): POST /api/ingest codes, stores and links one JSON article;
nothing else changes, and a write from another site's page is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backchannel.web import create_app
from test_web_corpus import Client

ARTICLE = {
    "id": "web-1",
    "title": "Milley calls Gerasimov",
    "outlet": "Test Wire",
    "published": "2021-03-31",
    "text": "WASHINGTON — Gen. Mark Milley spoke by telephone on Wednesday with Gen. Valery Gerasimov, "
    "Russia's chief of the general staff, the Pentagon said.",
}


@pytest.fixture
def writable(tmp_path: Path, pipeline: Any) -> Iterator[Client]:
    app = create_app(tmp_path / "w.db", writable=True)
    app.state.pipeline = pipeline  # the session's, loaded once
    yield Client(app)
    app.state.store.close()


def test_web_write_ingest_stores_and_codes_an_article(writable: Client) -> None:
    response = writable.request("POST", "/api/ingest", json=ARTICLE)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["added"], body["duplicate"], body["article_id"]) == (1, False, "web-1")
    stored = writable.get("/api/articles/web-1").json()
    assert stored["text"] == ARTICLE["text"]
    # Whatever the coder found, each record's evidence is the article's own words at its offsets.
    assert len(stored["events"]) == body["events"]
    for ev in stored["events"]:
        assert ARTICLE["text"][ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]


def test_web_write_ingest_twice_is_a_duplicate(writable: Client) -> None:
    writable.request("POST", "/api/ingest", json=ARTICLE)
    again = writable.request("POST", "/api/ingest", json=ARTICLE).json()
    assert (again["added"], again["duplicate"]) == (0, True)
    assert writable.get("/api/articles").json()["total"] == 1


def test_web_write_ingest_needs_json(writable: Client) -> None:
    response = writable.request(
        "POST", "/api/ingest", content=b'{"id": "x", "text": "y"}', headers={"content-type": "text/plain"}
    )
    assert response.status_code == 422
    assert "application/json" in response.json()["message"]


def test_web_write_ingest_names_a_missing_field(writable: Client) -> None:
    response = writable.request("POST", "/api/ingest", json={"id": "x"})
    assert response.status_code == 422
    assert response.json()["message"] == "body field 'text' is required"


@pytest.mark.parametrize(
    ("origin", "status"),
    [("http://evil.example", 403), ("http://127.0.0.1:8000", 403), ("http://127.0.0.1", 422)],
)
def test_web_write_refuses_writes_from_other_sites(writable: Client, origin: str, status: int) -> None:
    # The server is reached at http://127.0.0.1 (port 80): a page on port 8000 of the same machine
    # is another site (issue 15, point 16). 422 for our own origin: it got past the guard, to the
    # (empty, so invalid) body.
    assert writable.request("POST", "/api/ingest", json={}, headers={"origin": origin}).status_code == status


def test_web_write_only_ingest_is_writable(writable: Client) -> None:
    schema = writable.get("/api/openapi.json").json()
    writes = [(path, m) for path, ops in schema["paths"].items() for m in ops if m != "get"]
    assert writes == [("/api/ingest", "post")]
    assert writable.request("DELETE", "/api/events").status_code == 405
