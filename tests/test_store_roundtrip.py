"""Round trips at the storage boundary: whatever goes in comes back equal, on every backend.

Strings that land in a column are drawn from what a database can hold (no NUL, no unpaired
surrogate); strings that live only in an event's JSON record may be anything at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backchannel.model import (
    BASES,
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
from backchannel.store import Store, StoredArticle
from test_store_backends import BACKENDS, opened


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        yield fresh


STORABLE = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=24)
ANY_TEXT = st.text(st.characters() | st.characters(categories=["Cs"]), max_size=24)  # NUL, surrogates
MAYBE = st.none() | STORABLE
COUNTRY = st.none() | st.sampled_from(["USA", "RUS", "UKR", "FIN"]) | STORABLE
DAYS = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8,
)

actors = st.builds(Actor, name=MAYBE, text=STORABLE, country=COUNTRY, sector=MAYBE, role=MAYBE, kb_id=MAYBE)


@st.composite
def spans(draw: st.DrawFn) -> DateSpan:
    """Unknown, known (a day up to a year wide), or half-known intervals."""
    kind = draw(st.sampled_from(["unknown", "known", "start only", "end only"]))
    text, basis = draw(MAYBE), draw(st.sampled_from(BASES))
    if kind == "unknown":
        return DateSpan(None, None, "unknown", text, basis)  # type: ignore[arg-type]
    first = draw(DAYS)
    last = min(dt.date.max, first + dt.timedelta(days=draw(st.integers(0, 366))))
    start = None if kind == "end only" else first
    end = None if kind == "start only" else last
    return DateSpan(start, end, draw(st.sampled_from(GRANULARITIES)), text, basis)  # type: ignore[arg-type]


events = st.builds(
    Event,
    id=STORABLE,
    article_id=st.just(""),
    event_type=st.sampled_from(EVENT_TYPES) | STORABLE,
    mode=MAYBE,
    contexts=st.lists(ANY_TEXT, max_size=3),
    status=st.sampled_from(STATUSES),
    actors=st.lists(actors, max_size=3),
    recipients=st.lists(actors, max_size=2),
    initiator=st.none() | actors,
    date=spans(),
    location=st.none()
    | st.builds(
        Location,
        name=ANY_TEXT,
        country=st.none() | ANY_TEXT,
        lat=st.none() | st.floats(-90, 90),
        lon=st.none() | st.floats(-180, 180),
        geonameid=st.none() | st.integers(0, 2**40),
    ),
    attribution=st.none() | st.builds(Attribution, source=st.none() | actors, text=ANY_TEXT),
    evidence=st.builds(Evidence, ANY_TEXT, st.integers(0, 10**7), st.integers(0, 10**7)),
    confidence=st.floats(0, 1),
    cluster_id=STORABLE,
    outlet=st.none() | ANY_TEXT,
    duration=st.none() | ANY_TEXT,
    disclosure=st.none() | ANY_TEXT,
    readouts=st.lists(ANY_TEXT, max_size=2),
    quantities=st.dictionaries(ANY_TEXT, JSON, max_size=3),
    trace=st.dictionaries(ANY_TEXT, JSON, max_size=3),
)

articles = st.builds(
    Article,
    id=STORABLE,
    text=STORABLE,
    title=MAYBE,
    url=MAYBE,
    outlet=MAYBE,
    published=MAYBE,
    source=MAYBE,
)

clusters = st.builds(
    Cluster,
    id=STORABLE,
    event_type=st.sampled_from(EVENT_TYPES) | STORABLE,
    mode=MAYBE,
    actors=st.lists(actors, max_size=4),
    date=spans(),
    members=st.lists(ANY_TEXT, max_size=4),
    sources=st.lists(ANY_TEXT, max_size=3),
    reports=st.integers(0, 2**31 - 1),
    independent_sources=st.integers(0, 2**31 - 1),
    disputes=st.lists(
        st.builds(Dispute, field=ANY_TEXT, claims=st.dictionaries(ANY_TEXT, st.lists(ANY_TEXT, max_size=2))),
        max_size=2,
    ),
    flags=st.lists(ANY_TEXT, max_size=2),
)

# One store serves every example of a test; a counter keeps ids and texts apart between examples.
SHARED_STORE = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_serial = itertools.count()


def _unique(article: Article) -> Article:
    n = next(_serial)
    return dataclasses.replace(article, id=f"{n}|{article.id}", text=f"{n}|{article.text}")


@SHARED_STORE
@given(article=articles, published=spans(), title=MAYBE)
def test_store_roundtrip_article(
    store: Store, article: Article, published: DateSpan, title: str | None
) -> None:
    item = StoredArticle(_unique(article), published, title, [])
    report = store.ingest([item])
    assert report.added == 1
    assert store.article(item.article.id) == item
    assert store.has_hash(item.article.content_hash)


@SHARED_STORE
@given(article=articles, drawn=st.lists(events, min_size=1, max_size=3))
def test_store_roundtrip_events(store: Store, article: Article, drawn: list[Event]) -> None:
    article = _unique(article)
    given_events = [
        dataclasses.replace(e, id=f"{article.id}#{i}:{e.id}", article_id=article.id)
        for i, e in enumerate(drawn)
    ]
    store.ingest([StoredArticle(article, DateSpan.unknown(), None, given_events)])
    for event in given_events:
        assert store.event(event.id) == event
    stored = store.article(article.id)
    assert stored is not None and stored.events == given_events
    # events() orders by start day (unknown last), then by place in the article.
    chronological = sorted(
        enumerate(given_events), key=lambda p: (p[1].date.start is None, p[1].date.start or dt.date.min, p[0])
    )
    assert store.events(article_id=article.id, limit=None) == [e for _, e in chronological]


@SHARED_STORE
@given(article=articles, event=events)
def test_store_roundtrip_event_found_by_each_participant(
    store: Store, article: Article, event: Event
) -> None:
    article = _unique(article)
    event = dataclasses.replace(event, id=f"{article.id}:{event.id}", article_id=article.id)
    store.ingest([StoredArticle(article, DateSpan.unknown(), None, [event])])
    for who in event.participants:
        shouted = who.name.upper() if who.name and who.name.isascii() else None
        for term in (who.kb_id, who.name, who.text, shouted):
            if term:
                assert store.events(actor=term, article_id=article.id) == [event], term
        if who.country:
            assert store.count_events(country=who.country, article_id=article.id) == 1


@SHARED_STORE
@given(cluster=clusters)
def test_store_roundtrip_cluster(store: Store, cluster: Cluster) -> None:
    cluster = dataclasses.replace(cluster, id=f"{next(_serial)}|{cluster.id}")
    store.put_clusters([cluster])
    assert store.cluster(cluster.id) == cluster
    keys = [a.key for a in cluster.actors]
    known = cluster.date.known
    found = store.cluster_candidates(
        keys, cluster.date.start if known else None, cluster.date.end if known else None, cluster.event_type
    )
    assert (cluster in found) == bool(keys)
