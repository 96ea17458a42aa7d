"""Cluster records: sources, reports, independent sources, disputes and flags."""

from __future__ import annotations

import copy

from backchannel import link
from backchannel.link import Source, build_clusters
from backchannel.model import Actor, Cluster, DateSpan, Event, Location
from test_link_copies import OWN, REPRINT, REWRITE, WIRE
from test_link_rules import day, record, span


def _built(events: list[Event], sources: dict[str, Source]) -> list[Cluster]:
    return build_clusters(link.link(copy.deepcopy(events)), sources)


def _source(article: str, name: str, text: str = "", published: str | None = None) -> Source:
    pub = DateSpan.day(day(published), basis="explicit") if published else DateSpan.unknown()
    return Source(article, name, text, pub)


SOURCES = {
    "hw": _source("hw", "Harbor Wire", WIRE),
    "pg": _source("pg", "Pinecrest Gazette", REPRINT),
    "farm": _source("farm", "Daily Content", REWRITE),
    "own": _source("own", "Eastgate Daily", OWN),
    "own2": _source("own2", "Eastgate Daily", "A later update from the same outlet."),
}


def test_link_clusters_wire_and_reprints_count_once() -> None:
    events = [record(f"e-{a}", a, span("2021-03-31")) for a in SOURCES]
    (cluster,) = _built(events, SOURCES)
    assert cluster.reports == 5
    assert cluster.sources == ["Daily Content", "Eastgate Daily", "Harbor Wire", "Pinecrest Gazette"]
    # hw, its reprint pg and the rewrite farm are one source; own and own2 are one outlet.
    assert cluster.independent_sources == 2
    assert cluster.members == ["e-farm", "e-hw", "e-own", "e-own2", "e-pg"]


def test_link_clusters_without_sources_use_outlets_on_records() -> None:
    events = [record("e1", "a1", span("2021-03-31"), outlet="AFP"), record("e2", "a2", span("2021-03-31"))]
    (cluster,) = _built(events, {})
    assert cluster.sources == ["AFP"] and cluster.reports == 2 and cluster.independent_sources == 2


def test_link_clusters_disputes_say_who_says_what() -> None:
    kremlin = Actor("Valery Gerasimov", "Gerasimov", "RUS", "MIL", None, "valery-gerasimov")
    pentagon = Actor("Mark Milley", "Milley", "USA", "MIL", None, "mark-milley")
    events = [
        record("e1", "hw", span("2021-03-31"), mode="phone", initiator=pentagon, quantities={"minutes": 60}),
        record("e2", "pg", span("2021-04-01"), mode="video", initiator=kremlin, quantities={"minutes": 60}),
        record("e3", "own", span("2021-03-31"), mode="phone", quantities={"minutes": 90}),
    ]
    (cluster,) = _built(events, SOURCES)
    claims = {d.field: d.claims for d in cluster.disputes}
    assert claims == {
        "date": {"2021-03-31": ["Eastgate Daily", "Harbor Wire"], "2021-04-01": ["Pinecrest Gazette"]},
        "mode": {"phone": ["Eastgate Daily", "Harbor Wire"], "video": ["Pinecrest Gazette"]},
        "initiator": {"Mark Milley": ["Harbor Wire"], "Valery Gerasimov": ["Pinecrest Gazette"]},
        "quantities.minutes": {"60": ["Harbor Wire", "Pinecrest Gazette"], "90": ["Eastgate Daily"]},
    }
    assert cluster.mode == "phone"  # two outlets against one


def test_link_clusters_vagueness_is_not_a_dispute() -> None:
    events = [
        record("e1", "hw", span("2021-09-22"), mode="meeting", location=Location("Finland", "FIN")),
        record("e2", "pg", span("2021-09-01", "2021-09-30", "month"), mode="third-party"),
        record("e3", "own", span("2021-09-22"), location=Location("Helsinki", "FIN")),
        record("e4", "farm", span("2021-09-24", basis="published")),
    ]
    (cluster,) = _built(events, SOURCES)
    assert cluster.disputes == []
    assert cluster.date == span("2021-09-22") and cluster.mode == "third-party"


def test_link_clusters_places_in_one_country_are_disputed() -> None:
    events = [
        record("e1", "hw", span("2021-09-22"), location=Location("Helsinki", "FIN")),
        record("e2", "own", span("2021-09-22"), location=Location("Turku", "FIN")),
    ]
    (cluster,) = _built(events, SOURCES)
    assert [(d.field, d.claims) for d in cluster.disputes] == [
        ("place", {"Helsinki": ["Harbor Wire"], "Turku": ["Eastgate Daily"]})
    ]


def test_link_clusters_flag_a_contradicted_last_contact() -> None:
    sources = {
        "bd": _source("bd", "Bellwether Dispatch", published="2024-12-04"),
        "hw": _source("hw", "Harbor Wire", published="2023-03-15"),
        "kp": _source("kp", "The Kestrel Post", published="2024-12-04"),
    }
    events = [
        record("e-oct", "hw", span("2022-10-24")),
        record("e-mar", "hw", span("2023-03-15"), at=100),
        record("e-claim", "bd", span("2022-10-01", "2022-10-31", "month", "explicit"),
               evidence="Milley had not talked to Gerasimov since October 2022."),
        record("e-right", "kp", span("2023-03-01", "2023-03-31", "month", "explicit"),
               evidence="Milley had last spoken with Gerasimov in March 2023."),
    ]  # fmt: skip
    flags = {c.date.start: c.flags for c in _built(events, sources)}
    # Bellwether's claim joined the October call; the March call falls after October and before
    # its publication, so it is flagged there. The Kestrel Post's "March 2023" joined the March
    # call, so it is one of that call's reporters; its own claim is true: no flag.
    assert flags[day("2022-10-24")] == [
        "contradicted: Bellwether Dispatch says no contact after 2022-10 (as of 2024-12-04), "
        "but a later contact on 2023-03-15 is reported by Harbor Wire, The Kestrel Post"
    ]
    assert flags[day("2023-03-15")] == []


def test_link_clusters_the_claiming_articles_own_news_is_no_contradiction() -> None:
    sources = {"ap": _source("ap", "AP", published="2023-03-15")}
    text = "Milley spoke with Gerasimov on Wednesday, their first call since October."
    events = [
        record("e-new", "ap", span("2023-03-15"), evidence=text),
        record("e-old", "ap", span("2022-10-01", "2022-10-31", "month"), evidence=text),
    ]
    assert all(c.flags == [] for c in _built(events, sources))


def test_link_clusters_plan_and_the_call_that_followed() -> None:
    events = [
        record("e-plan", "pg", span("2021-11-22", basis="published"), status="planned"),
        record("e-call", "hw", span("2021-11-23"), mode="phone"),
    ]
    plan, call = sorted(_built(events, SOURCES), key=lambda c: c.members[0] != "e-plan")
    assert plan.id != call.id
    assert plan.flags == [f"took place: {call.id} on 2021-11-23"]
    assert call.flags == [f"planned beforehand: {plan.id}"]
