"""The JSON API, in process (httpx's ASGITransport, no server): events, clusters, the timeline,
actors, articles, search and weekly counts over the hand-built store of ``test_web_corpus``, and
over the seed articles of ../shared (skipped when absent).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backchannel.store import open_store
from backchannel.web import create_app
from test_web_corpus import CALL_1, IMG, TEXTS, Client, build_store


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


# -- the seed articles (../shared): the API's "done when" -------------------------------------


def overlaps(span: dict[str, Any], gold: str) -> bool:
    """Whether a record's date interval meets a gold date, a day ("2021-03-31") or a month ("2022-10")."""
    first = gold if len(gold) == 10 else f"{gold}-01"
    last = gold if len(gold) == 10 else f"{gold}-31"  # as text, every day of the month sorts before -31
    return bool(span["start"] and span["end"] and span["start"] <= last and first <= span["end"])


def test_web_api_seed_contacts_of_gerasimov_with_evidence(
    shared: Path, pipeline: Any, tmp_path: Path
) -> None:
    """Every gold contact of Gerasimov in the seeds is returned, from its article, on its day (or
    within its month), and each record's evidence is its article's words at its offsets."""
    import json

    from backchannel.api import ingest_paths

    seeds = shared / "eval" / "seeds"
    with open_store(tmp_path / "seeds.db") as store:
        ingest_paths([seeds / "articles.jsonl"], store, pipeline)
    lines = (seeds / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    texts = {a["id"]: a["text"] for a in map(json.loads, lines)}
    gold = [
        json.loads(line) for line in (seeds / "gold_events.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    wanted = [
        (g["article"], g["date"]) for g in gold
        if "Valery Gerasimov" in {g["source_actor"]["name"], (g.get("target_actor") or {}).get("name")}
    ]  # fmt: skip
    app = create_app(tmp_path / "seeds.db")
    try:
        client = Client(app)
        found = client.get(
            "/api/events", params={"actor": "Gerasimov", "type": "CONSULT", "limit": 500}
        ).json()
        for ev in found["items"]:
            evidence = ev["evidence"]
            assert texts[ev["article_id"]][evidence["start"] : evidence["end"]] == evidence["text"]
        for article, date in wanted:
            assert any(e["article_id"] == article and overlaps(e["date"], date) for e in found["items"]), (
                article,
                date,
            )
        # The two reports of the 31 March 2021 call share one cluster, whose page lists both.
        calls = [
            e for e in found["items"] if e["date"]["start"] == "2021-03-31" and e["status"] == "occurred"
        ]
        assert {e["article_id"][:4] for e in calls} == {"000_", "001_"}
        (cluster,) = {e["cluster_id"] for e in calls}
        reports = client.get(f"/api/clusters/{cluster}").json()["reports"]
        assert {r["article"]["id"][:4] for r in reports} >= {"000_", "001_"}
    finally:
        app.state.store.close()


@pytest.mark.parametrize("term", ["\x00", "\x00\x01", "Gerasimov\x00"])
def test_web_api_a_control_character_actor_matches_nothing(client: Client, term: str) -> None:
    # a NUL ends a LIKE pattern in SQLite: "%00" used to match every event (issue 15, point 6)
    page = client.get("/api/events", params={"actor": term}).json()
    assert page["items"] == [] and page["total"] == 0
    assert client.get("/api/clusters", params={"actor": term}).json()["items"] == []


def test_web_api_actor_page_of_a_nul_lists_nothing(client: Client) -> None:
    response = client.get("/api/actors/%00")
    assert response.status_code == 404 and "no actor" in response.json()["message"]


def test_web_api_head_answers_like_get_without_a_body(client: Client) -> None:
    # issue 15, point 15: HEAD got 405 everywhere
    got = client.get("/api/events", params={"actor": "Gerasimov"})
    head = client.request("HEAD", "/api/events", params={"actor": "Gerasimov"})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]


def test_web_api_a_refused_write_says_why_in_message(client: Client) -> None:
    response = client.request("POST", "/api/events")
    assert response.status_code == 405
    assert "read-only" in response.json()["message"]
    assert response.headers["allow"] == "GET, HEAD"
