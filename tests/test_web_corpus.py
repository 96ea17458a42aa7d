"""The hand-built store the web tests share: five small articles (one of them hostile), their
events and one cluster record, with a synchronous client that calls the app in process.

Every expected value in the ``test_web_*`` modules is worked out from these few records, not
read back from the program.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from backchannel.model import Actor, Article, Attribution, Cluster, DateSpan, Dispute, Event, Evidence
from backchannel.store import StoredArticle, open_store

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


def test_web_corpus_evidence_is_the_articles_own_words() -> None:
    for article, events in EVENTS.items():
        for ev in events:
            assert TEXTS[article][ev.evidence.start : ev.evidence.end] == ev.evidence.text


def test_web_corpus_builds_a_store(tmp_path: Path) -> None:
    with open_store(build_store(tmp_path / "c.db")) as store:
        assert store.count_articles() == len(TEXTS)
        assert store.count_events() == sum(len(v) for v in EVENTS.values())
        assert store.cluster("c-hostile") is not None
