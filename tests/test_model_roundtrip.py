"""The data model survives JSON and pickle unchanged: the contract between stages and workers."""

from __future__ import annotations

import datetime as dt
import json
import pickle

from hypothesis import given
from hypothesis import strategies as st

from backchannel.model import (
    EVENT_TYPES,
    GRANULARITIES,
    STATUSES,
    Actor,
    Article,
    Attribution,
    Cluster,
    DateSpan,
    Dispute,
    Event,
    Evidence,
    Location,
)

text = st.text(max_size=40)
maybe = st.none() | text
iso3 = st.none() | st.sampled_from(["USA", "RUS", "UKR", "CHN", "FIN"])
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def spans(draw: st.DrawFn) -> DateSpan:
    if draw(st.booleans()):
        return DateSpan.unknown()
    a, b = sorted([draw(days), draw(days)])
    gran = draw(st.sampled_from([g for g in GRANULARITIES if g != "unknown"]))
    return DateSpan(
        a, b, gran, draw(maybe), draw(st.sampled_from(["explicit", "relative", "published", "inferred"]))
    )


actors = st.builds(Actor, name=maybe, text=text, country=iso3, sector=st.none() | st.sampled_from(["GOV", "MIL"]),
                   role=maybe, kb_id=maybe)  # fmt: skip
locations = st.none() | st.builds(
    Location, name=text, country=iso3, lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180),
    geonameid=st.none() | st.integers(1, 10**7),
)  # fmt: skip


@st.composite
def events(draw: st.DrawFn) -> Event:
    start = draw(st.integers(0, 10_000))
    return Event(
        id=draw(text), article_id=draw(text), event_type=draw(st.sampled_from(EVENT_TYPES)), mode=draw(maybe),
        contexts=draw(st.lists(text, max_size=3)), status=draw(st.sampled_from(STATUSES)),
        actors=draw(st.lists(actors, max_size=3)), recipients=draw(st.lists(actors, max_size=2)),
        initiator=draw(st.none() | actors), date=draw(spans()), location=draw(locations),
        attribution=draw(st.none() | st.builds(Attribution, source=st.none() | actors, text=text)),
        evidence=Evidence(draw(text), start, start + draw(st.integers(0, 500))),
        confidence=draw(st.floats(0, 1)), cluster_id=draw(text), outlet=draw(maybe), duration=draw(maybe),
        disclosure=draw(maybe), readouts=draw(st.lists(text, max_size=2)),
        quantities=draw(st.dictionaries(st.sampled_from(["killed", "injured", "troops"]), st.integers(0, 10**6), max_size=3)),
        trace={"rule": draw(st.lists(text, max_size=2))},
    )  # fmt: skip


@given(events())
def test_model_event_json_roundtrip(ev: Event) -> None:
    wire = json.loads(json.dumps(ev.to_dict(trace=True)))
    assert Event.from_dict(wire) == ev


@given(events())
def test_model_event_pickles(ev: Event) -> None:
    assert pickle.loads(pickle.dumps(ev)) == ev


@given(
    st.builds(
        Article, id=text, text=text, title=maybe, url=maybe, outlet=maybe, published=maybe, source=maybe
    )
)
def test_model_article_roundtrip(article: Article) -> None:
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


@given(
    st.builds(
        Cluster, id=text, event_type=st.sampled_from(EVENT_TYPES), mode=maybe, actors=st.lists(actors, max_size=3),
        date=spans(), members=st.lists(text, max_size=4), sources=st.lists(text, max_size=3),
        reports=st.integers(0, 50), independent_sources=st.integers(0, 50),
        disputes=st.lists(st.builds(Dispute, field=text, claims=st.dictionaries(text, st.lists(text, max_size=2), max_size=2)), max_size=2),
        flags=st.lists(text, max_size=2),
    )
)  # fmt: skip
def test_model_cluster_roundtrip(cluster: Cluster) -> None:
    assert Cluster.from_dict(json.loads(json.dumps(cluster.to_dict()))) == cluster


def test_model_unknown_date_serialises_as_nulls() -> None:
    # The contract: an undated event has null start and end, never a made-up day.
    d = DateSpan.unknown().to_dict()
    assert d["start"] is None and d["end"] is None and d["granularity"] == "unknown"


def test_model_event_record_has_every_contract_field() -> None:
    contract = {"id", "article_id", "event_type", "mode", "contexts", "status", "actors", "recipients", "initiator",
                "date", "location", "attribution", "evidence", "confidence", "cluster_id"}  # fmt: skip
    ev = Event("e-1", "a", "CONSULT", None, [], "occurred", [Actor("A", "A")], [], None, DateSpan.unknown(), None,
               None, Evidence("x", 0, 1), 0.5)  # fmt: skip
    assert contract <= set(ev.to_dict())
    assert set(ev.to_dict()["actors"][0]) == {"name", "text", "country", "sector", "role", "kb_id"}
