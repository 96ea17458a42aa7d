"""What the API refuses and what every response carries: 422s with a clear message, 405 for
writes on a read-only server, security headers, the Host check, the OpenAPI schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from backchannel.web import create_app
from test_web_corpus import Client, build_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("safety") / "safety.db")


@pytest.fixture
def client(db: Path) -> Iterator[Client]:
    app = create_app(db)
    yield Client(app)
    app.state.store.close()


# -- bad parameters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/events?since=yesterday", ["'since'", "YYYY-MM-DD", "'yesterday'"]),
        ("/api/events?until=2021-13-01", ["'until'", "YYYY-MM-DD"]),
        ("/api/events?since=2022-01-01&until=2021-01-01", ["'until'", "on or after since"]),
        ("/api/events?limit=0", ["'limit'", "from 1 to 500"]),
        ("/api/events?limit=501", ["'limit'", "from 1 to 500"]),
        ("/api/events?offset=-1", ["'offset'", "0 or more"]),
        ("/api/events?type=CHAT", ["'type'", "PLOVER event type", "'CHAT'"]),
        ("/api/events?status=maybe", ["'status'", "occurred", "'maybe'"]),
        ("/api/events?countries=US", ["'countries'", "ISO-3"]),
        ("/api/events?countries=USA,RUS,CHN", ["'countries'", "ISO-3"]),
        ("/api/events?quad=5", ["'quad'", "from 1 to 4"]),
        ("/api/weekly?countries=USA&count=all", ["'count'", "clusters"]),
        ("/api/weekly", ["'countries'"]),
        ("/api/search", ["'q'", "required"]),
    ],
)
def test_web_safety_bad_parameters_get_422_with_a_clear_message(
    client: Client, url: str, words: list[str]
) -> None:
    response = client.get(url)
    assert response.status_code == 422
    message = response.json()["message"]
    assert "\n" not in message
    for word in words:
        assert word in message


# -- read-only, headers, schema --------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("url", ["/api/events", "/api/ingest", "/", "/api/nothing-here"])
def test_web_safety_read_only_refuses_writes_with_405(client: Client, method: str, url: str) -> None:
    response = client.request(method, url, json={"id": "x", "text": "y"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert "--writable" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    ["/", "/api/events", "/api/openapi.json", "/static/app.css", "/api/events/none", "/api/events?limit=0"],
)
def test_web_safety_every_response_has_security_headers(client: Client, url: str) -> None:
    headers = client.get(url).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_web_safety_refuses_a_foreign_host_header(client: Client) -> None:
    # A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) is refused.
    assert client.get("/api/events", headers={"host": "attacker.example"}).status_code == 400


def test_web_safety_openapi_schema_describes_the_api(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/events", "/api/clusters", "/api/clusters/{cluster_id}", "/api/timeline", "/api/actors",
                 "/api/actors/{key}", "/api/articles/{article_id}", "/api/search", "/api/weekly"):  # fmt: skip
        assert "get" in paths[path], path
    assert not [p for p in paths if not p.startswith("/api/")]  # pages are not API
    assert "/api/ingest" not in paths  # read-only
    since = next(p for p in paths["/api/events"]["get"]["parameters"] if p["name"] == "since")
    assert "YYYY-MM-DD" in since["description"]


def test_web_safety_no_swagger_ui_that_would_load_a_cdn(client: Client) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
