"""The JSON API, in process (httpx's ASGITransport, no server): filters, paging caps, 422s with
clear messages, read-only 405s, security headers, the OpenAPI schema.

The store is built by hand here (``build_store``), so every expected value below is worked out
from these few records, not read back from the program. Other ``test_web_*`` modules use it too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from backchannel.model import Actor, Article, Attribution, Cluster, DateSpan, Dispute, Event, Evidence
from backchannel.store import StoredArticle, open_store
from backchannel.web import create_app

MILLEY = Actor(
    "Mark Milley", "Gen. Mark Milley", "USA", "MIL", "Chairman of the Joint Chiefs of Staff", "mark-milley"
)
GERASIMOV = Actor("Valery Gerasimov", "Gen. Valery Gerasimov", "RUS", "MIL", "Chief of the General Staff", "valery-gerasimov")  # fmt: skip
BLINKEN = Actor("Antony Blinken", "Blinken", "USA", "GOV", "Secretary of State", "antony-blinken")
LAVROV = Actor("Sergey Lavrov", "Lavrov", "RUS", "GOV", "Minister of Foreign Affairs", "sergey-lavrov")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_ACTOR = Actor(IMG, IMG, "RUS", "GOV", None, None)

CALL_1 = "Gen. Mark Milley spoke by telephone on Wednesday with Gen. Valery Gerasimov, officials said."
CALL_2 = "Milley talked to his counterpart Gerasimov by video on Wednesday, according to Milley's office."
AGREE = "Both agreed to keep the details of their conversation private."
PLAN = "Milley and Gerasimov plan to meet on Monday."
MEET = "Gen. Milley met Gen. Gerasimov in Helsinki."
ACCUSE = "Blinken accused Lavrov of stalling."
DENIED = "Lavrov did not meet Blinken."

TEXTS = {
    "a-hill": f"WASHINGTON — {CALL_1}\n\nNo more was said.",
    "a-news": f"{CALL_2} {AGREE}",
    "a-plan": f"MOSCOW — {PLAN}",
    "a-hostile": f"{SCRIPT} and {IMG} in the page. {MEET} {IMG} says so.",
    "a-state": f"{ACCUSE} {DENIED}",
}


def day(text: str) -> DateSpan:
    return DateSpan.day(dt.date.fromisoformat(text))


def make_event(ident: str, article: str, sentence: str, **fields: Any) -> Event:
    """An event whose evidence is ``sentence`` at its place in the article's text."""
    start = TEXTS[article].index(sentence)
    values: dict[str, Any] = {
        "event_type": "CONSULT", "mode": None, "contexts": ["military"], "status": "occurred",
        "actors": [MILLEY, GERASIMOV], "recipients": [], "initiator": None, "date": day("2021-03-31"),
        "location": None, "attribution": None, "confidence": 0.9, "cluster_id": "",
    }  # fmt: skip
    values.update(fields)
    return Event(
        id=ident, article_id=article, evidence=Evidence(sentence, start, start + len(sentence)), **values
    )


EVENTS = {
    "a-hill": [make_event("e-call-1", "a-hill", CALL_1, mode="phone", cluster_id="c-call", outlet="Hill Daily")],
    "a-news": [
        make_event(
            "e-call-2", "a-news", CALL_2, mode="video", cluster_id="c-call", outlet="Just News",
            initiator=MILLEY, attribution=Attribution(None, "according to Milley's office"),
        ),
        make_event("e-agree", "a-news", AGREE, event_type="AGREE", cluster_id="c-agree", outlet="Just News"),
    ],
    "a-plan": [
        make_event("e-plan", "a-plan", PLAN, status="planned", date=day("2021-11-22"), cluster_id="c-plan")
    ],
    "a-hostile": [
        make_event("e-meet", "a-hostile", MEET, mode="visit", date=day("2021-09-22"), cluster_id="c-hostile"),
        make_event(
            "e-hostile-accuse", "a-hostile", f"{IMG} says so.", event_type="ACCUSE",
            actors=[HOSTILE_ACTOR], recipients=[MILLEY], date=day("2021-09-22"), cluster_id="c-hostile-accuse",
        ),
    ],
    # Not linked yet: its cluster_id is empty, so it stands for itself (keyed by its id).
    "a-state": [
        make_event(
            "e-accuse", "a-state", ACCUSE, event_type="ACCUSE", actors=[BLINKEN], recipients=[LAVROV],
            date=day("2022-01-20"),
        ),
        make_event(
            "e-denied", "a-state", DENIED, status="negated", actors=[LAVROV, BLINKEN], date=day("2022-01-20"),
            cluster_id="c-denied",
        ),
    ],
}  # fmt: skip

META = {
    "a-hill": ("Top US general calls Russia", "Hill Daily", "https://hill.example/call", "2021-03-31"),
    "a-news": ("Private talk", "Just News", "https://news.example/talk", "2021-04-01"),
    "a-plan": ("A meeting is planned", "Courier", None, "2021-11-20"),
    "a-hostile": (SCRIPT, f"<b>{IMG}</b>", "javascript:alert(1)", "2021-09-23"),
    "a-state": ("Blinken and Lavrov", "Wire", None, "2022-01-21"),
}


# The one cluster record the linker "saved": its disputes and flags are shown as they are.
HOSTILE_CLUSTER = Cluster(
    id="c-hostile", event_type="CONSULT", mode="visit", actors=[MILLEY, GERASIMOV], date=day("2021-09-22"),
    members=["e-meet"], sources=["Courier"], reports=1, independent_sources=1,
    disputes=[Dispute("location", {"Helsinki": ["Courier"], IMG: ["Wire"]})], flags=["single-source"],
)  # fmt: skip


def build_store(path: Path) -> Path:
    """A SQLite store holding the five articles above, their events and one cluster record."""
    items = []
    for ident, text in TEXTS.items():
        title, outlet, url, published = META[ident]
        article = Article(ident, text, title=title, url=url, outlet=outlet, published=published)
        items.append(StoredArticle(article, day(published), None, EVENTS[ident]))
    with open_store(path) as store:
        store.ingest(items)
        store.put_clusters([HOSTILE_CLUSTER])
    return path


class Client:
    """A synchronous face on httpx.AsyncClient over the app in process (no server, no network)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
                return await client.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture
def client(db: Path) -> Iterator[Client]:
    app = create_app(db)
    yield Client(app)
    app.state.store.close()


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["items"]]


# -- events ----------------------------------------------------------------------------------


def test_web_api_events_by_actor_carry_evidence(client: Client) -> None:
    page = client.get("/api/events", params={"actor": "Gerasimov"}).json()
    # Gerasimov takes part in the two call reports, the agreement, the plan and the meeting;
    # oldest first, and within one day by article id (a-hill before a-news).
    assert ids(page) == ["e-call-1", "e-call-2", "e-agree", "e-meet", "e-plan"]
    assert page["total"] == 5
    first = page["items"][0]
    assert first["evidence"] == {
        "text": CALL_1,
        "start": len("WASHINGTON — "),
        "end": len("WASHINGTON — ") + len(CALL_1),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"actor": "Milley", "with": "Gerasimov", "type": "consult"},
            ["e-call-1", "e-call-2", "e-meet", "e-plan"],
        ),
        ({"countries": "USA,RUS", "type": "ACCUSE"}, ["e-hostile-accuse", "e-accuse"]),
        (
            {"countries": "usa"},
            [
                "e-call-1",
                "e-call-2",
                "e-agree",
                "e-meet",
                "e-hostile-accuse",
                "e-plan",
                "e-accuse",
                "e-denied",
            ],
        ),
        ({"actor": "Gerasimov", "status": "planned"}, ["e-plan"]),
        ({"actor": "Gerasimov", "status": "planned,occurred", "since": "2021-09-01"}, ["e-meet", "e-plan"]),
        ({"quad": "3"}, ["e-hostile-accuse", "e-accuse"]),
        ({"until": "2021-03-31"}, ["e-call-1", "e-call-2", "e-agree"]),
        ({"cluster": "c-call"}, ["e-call-1", "e-call-2"]),
        ({"article": "a-news"}, ["e-call-2", "e-agree"]),
    ],
)
def test_web_api_events_filters(client: Client, params: dict[str, str], expected: list[str]) -> None:
    assert ids(client.get("/api/events", params=params).json()) == expected


def test_web_api_events_paging(client: Client) -> None:
    page = client.get("/api/events", params={"actor": "Gerasimov", "limit": 2, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (5, 2, 1)
    assert ids(page) == ["e-call-2", "e-agree"]


def test_web_api_event_by_id_and_404(client: Client) -> None:
    assert client.get("/api/events/e-plan").json()["status"] == "planned"
    missing = client.get("/api/events/e-nope")
    assert missing.status_code == 404
    assert missing.json()["message"] == "no event 'e-nope'"


# -- clusters and the timeline ---------------------------------------------------------------


def test_web_api_clusters_one_per_real_world_event(client: Client) -> None:
    page = client.get("/api/clusters", params={"actor": "Gerasimov", "type": "CONSULT"}).json()
    assert ids(page) == ["c-call", "c-hostile", "c-plan"]
    call = page["items"][0]
    assert call["reports"] == 2 and call["members"] == ["e-call-1", "e-call-2"]
    assert call["outlets"] == ["Hill Daily", "Just News"]
    # No cluster record is stored, so the reports' own differences stand in for disputes:
    # they disagree on the mode. Only Just News names who placed the call: one claim, no dispute.
    disputes = {d["field"]: d["claims"] for d in call["disputes"]}
    assert disputes == {"mode": {"phone": ["Hill Daily"], "video": ["Just News"]}}


def test_web_api_cluster_record_is_used_when_the_linker_saved_one(client: Client) -> None:
    cluster = client.get("/api/clusters/c-hostile").json()["cluster"]
    assert cluster["linked"] is True
    assert (cluster["outlets"], cluster["independent_sources"], cluster["flags"]) == (
        ["Courier"],
        1,
        ["single-source"],
    )
    assert cluster["disputes"] == [{"field": "location", "claims": {"Helsinki": ["Courier"], IMG: ["Wire"]}}]
    other = client.get("/api/clusters/c-call").json()["cluster"]
    assert (other["linked"], other["independent_sources"], other["flags"]) == (False, None, [])


def test_web_api_unlinked_event_is_its_own_cluster(client: Client) -> None:
    page = client.get("/api/clusters", params={"actor": "Lavrov"}).json()
    assert ids(page) == ["c-denied", "e-accuse"]  # same day: by key
    assert client.get("/api/clusters/e-accuse").json()["cluster"]["members"] == ["e-accuse"]


def test_web_api_cluster_lists_its_reports_with_articles(client: Client) -> None:
    body = client.get("/api/clusters/c-call").json()
    assert [r["event"]["id"] for r in body["reports"]] == ["e-call-1", "e-call-2"]
    assert [r["article"]["id"] for r in body["reports"]] == ["a-hill", "a-news"]
    assert all(r["evidence_found"] for r in body["reports"])
    assert client.get("/api/clusters/c-nope").status_code == 404


def test_web_api_timeline_items_for_vis(client: Client) -> None:
    body = client.get("/api/timeline", params={"actor": "Gerasimov", "type": "CONSULT"}).json()
    items = {i["id"]: i for i in body["items"]}
    assert list(items) == ["c-call", "c-hostile", "c-plan"]
    assert items["c-plan"]["className"] == "ev t-CONSULT s-planned"
    assert items["c-plan"]["type"] == "box" and items["c-plan"]["end"] is None
    assert items["c-call"]["url"] == "/clusters/c-call"
    # The KB knows both men, so the label uses their surnames.
    assert items["c-call"]["label"] == "Milley / Gerasimov"


def test_web_api_timeline_hides_denied_events_unless_asked(client: Client) -> None:
    assert ids(client.get("/api/timeline", params={"actor": "Lavrov"}).json()) == ["e-accuse"]
    assert ids(client.get("/api/timeline", params={"actor": "Lavrov", "status": "negated"}).json()) == [
        "c-denied"
    ]


# -- actors, articles, search, weekly --------------------------------------------------------


def test_web_api_actor_roles_and_counterparts(client: Client) -> None:
    body = client.get("/api/actors/valery-gerasimov").json()
    assert body["kb_id"] == "valery-gerasimov" and body["country"] == "RUS"
    # The KB has him as Chief of the General Staff since 9 November 2012.
    assert {"role": "rus-cgs", "start": "2012-11-09"}.items() <= body["roles"][0].items()
    # Milley shares the call, the agreement, the meeting and the plan with him: four events.
    assert [(c["kb_id"], c["clusters"]) for c in body["counterparts"]] == [("mark-milley", 4)]
    assert body["total_events"] == 4


def test_web_api_actor_search_and_404(client: Client) -> None:
    found = client.get("/api/actors", params={"q": "gerasim"}).json()["items"]
    assert "valery-gerasimov" in [p["id"] for p in found]
    assert client.get("/api/actors/nobody-at-all").status_code == 404


def test_web_api_article_with_text(client: Client) -> None:
    body = client.get("/api/articles/a-hostile").json()
    assert body["text"] == TEXTS["a-hostile"]
    assert [e["id"] for e in body["events"]] == ["e-meet", "e-hostile-accuse"]
    listing = client.get("/api/articles", params={"limit": 2}).json()
    assert listing["total"] == 5 and ids(listing) == ["a-hill", "a-news"]


def test_web_api_search_links_hits_to_events(client: Client) -> None:
    items = client.get("/api/search", params={"q": "Helsinki"}).json()["items"]
    assert [(i["article_id"], i["clusters"]) for i in items] == [
        ("a-hostile", ["c-hostile", "c-hostile-accuse"])
    ]


def test_web_api_weekly_counts_by_type_and_quad(client: Client) -> None:
    body = client.get("/api/weekly", params={"countries": "USA,RUS"}).json()
    cells = {(w["week"], w["event_type"]): (w["count"], w["clusters"]) for w in body["weeks"]}
    # 2021-03-31 is the Wednesday of ISO week 13: two reports of one call, and the agreement;
    # 2021-09-22 (week 38) the meeting and the accusation; 2021-11-22 is the Monday of week 47;
    # 2022-01-20 is the Thursday of 2022's week 3 (the accusation and the contact denied).
    assert cells == {
        ("2021-W13", "AGREE"): (1, 1),
        ("2021-W13", "CONSULT"): (2, 1),
        ("2021-W38", "CONSULT"): (1, 1),
        ("2021-W38", "ACCUSE"): (1, 1),
        ("2021-W47", "CONSULT"): (1, 1),
        ("2022-W03", "ACCUSE"): (1, 1),
        ("2022-W03", "CONSULT"): (1, 1),
    }
    # Real-world events: the agreement, the call, the meeting, the plan and the denied contact
    # are cooperation (quad 1); the two accusations conflict (quad 3).
    assert (body["cooperation"], body["conflict"]) == (5, 2)


def test_web_api_weekly_for_an_actor_dyad(client: Client) -> None:
    body = client.get("/api/weekly", params={"actor": "Blinken", "with": "Lavrov", "count": "events"}).json()
    weeks = [(w["week"], w["event_type"], w["quad"]) for w in body["weeks"]]
    assert weeks == [("2022-W03", "ACCUSE", 3), ("2022-W03", "CONSULT", 1)]
    assert (body["cooperation"], body["conflict"]) == (1, 1)


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
def test_web_api_bad_parameters_get_422_with_a_clear_message(
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
def test_web_api_read_only_refuses_writes_with_405(client: Client, method: str, url: str) -> None:
    response = client.request(method, url, json={"id": "x", "text": "y"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert "--writable" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    ["/", "/api/events", "/api/openapi.json", "/static/app.css", "/api/events/none", "/api/events?limit=0"],
)
def test_web_api_every_response_has_security_headers(client: Client, url: str) -> None:
    headers = client.get(url).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_web_api_refuses_a_foreign_host_header(client: Client) -> None:
    # A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) is refused.
    assert client.get("/api/events", headers={"host": "attacker.example"}).status_code == 400


def test_web_api_openapi_schema_describes_the_api(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/events", "/api/clusters", "/api/clusters/{cluster_id}", "/api/timeline", "/api/actors",
                 "/api/actors/{key}", "/api/articles/{article_id}", "/api/search", "/api/weekly"):  # fmt: skip
        assert "get" in paths[path], path
    assert not [p for p in paths if not p.startswith("/api/")]  # pages are not API
    assert "/api/ingest" not in paths  # read-only
    since = next(p for p in paths["/api/events"]["get"]["parameters"] if p["name"] == "since")
    assert "YYYY-MM-DD" in since["description"]


def test_web_api_no_swagger_ui_that_would_load_a_cdn(client: Client) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
