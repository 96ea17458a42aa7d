"""Clusters: upsert, lookups by actor, type and date, candidates for linking, assigning events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from backchannel.model import Actor, Cluster, DateSpan
from backchannel.store import Store
from test_store_backends import (
    BACKENDS,
    BLINKEN,
    GERASIMOV,
    LAVROV,
    MILLEY,
    RUSSIAN_FORCES,
    day,
    make_event,
    make_item,
    opened,
    span,
)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        yield fresh


def cluster(
    cid: str, event_type: str, date: DateSpan, *actors: Actor, members: tuple[str, ...] = ()
) -> Cluster:
    return Cluster(
        id=cid,
        event_type=event_type,
        mode=None,
        actors=list(actors),
        date=date,
        members=list(members),
        sources=["AP"],
        reports=len(members),
        independent_sources=1,
    )


HELSINKI = cluster("c1", "CONSULT", span("2021-09-20"), MILLEY, GERASIMOV, members=("e1",))
GENEVA = cluster("c2", "CONSULT", span("2022-01-21"), BLINKEN, LAVROV)
INVASION = cluster("c3", "ASSAULT", span("2022-02-24", "2022-02-28"), RUSSIAN_FORCES)
SOMETIME = cluster("c4", "CONSULT", DateSpan.unknown(), MILLEY)


def test_store_clusters_put_and_get(store: Store) -> None:
    assert store.put_clusters([HELSINKI, GENEVA, INVASION, SOMETIME]) == 4
    assert store.cluster("c1") == HELSINKI
    assert store.cluster("missing") is None
    assert [c.id for c in store.clusters()] == ["c1", "c2", "c3", "c4"]  # by date, unknown last


def test_store_clusters_put_replaces(store: Store) -> None:
    store.put_clusters([HELSINKI, GENEVA])
    grown = cluster(
        "c1", "CONSULT", span("2021-09-20", "2021-09-22"), MILLEY, GERASIMOV, members=("e1", "e6")
    )
    store.put_clusters([grown], {"c1": ["mark-milley"]})
    assert store.cluster("c1") == grown and store.cluster("c2") == GENEVA
    assert store.cluster_candidates(["valery-gerasimov"], day("2021-09-21"), day("2021-09-21")) == []
    assert store.cluster_candidates(["mark-milley"], day("2021-09-21"), day("2021-09-21")) == [grown]


def test_store_clusters_filters(store: Store) -> None:
    store.put_clusters([HELSINKI, GENEVA, INVASION, SOMETIME])
    assert [c.id for c in store.clusters(actor="mark-milley")] == ["c1", "c4"]  # by key
    assert [c.id for c in store.clusters(actor="Lavrov")] == ["c2"]  # part of a key, any case
    assert [c.id for c in store.clusters(actor="rus/mil")] == ["c3"]  # a group's key
    assert [c.id for c in store.clusters(event_type="CONSULT")] == ["c1", "c2", "c4"]
    assert [c.id for c in store.clusters(start=day("2022-01-01"))] == ["c2", "c3"]
    assert [c.id for c in store.clusters(end=day("2022-02-24"), event_type="ASSAULT")] == ["c3"]
    assert [c.id for c in store.clusters(limit=2, offset=1)] == ["c2", "c3"]


def test_store_clusters_actor_through_member_events(store: Store) -> None:
    store.ingest([make_item("a1", "one", make_event("e1", "a1", cluster_id="c9"))])
    store.put_clusters([cluster("c9", "CONSULT", span("2021-09-22"), members=("e1",))], {"c9": ["x"]})
    assert [c.id for c in store.clusters(actor="army gen.")] == ["c9"]  # words as written in e1


def test_store_clusters_candidates_window(store: Store) -> None:
    store.put_clusters([HELSINKI, GENEVA, INVASION, SOMETIME])
    keys = ["mark-milley", "someone-else"]

    def ids(start: dt.date | None, end: dt.date | None, **kw: object) -> list[str]:
        return [c.id for c in store.cluster_candidates(keys, start, end, **kw)]  # type: ignore[arg-type]

    assert ids(day("2021-09-23"), day("2021-09-23")) == ["c1"]  # three days after
    assert ids(day("2021-09-24"), day("2021-09-24")) == []  # four days after
    assert ids(day("2021-09-17"), day("2021-09-17")) == ["c1"]  # three days before
    assert ids(day("2021-09-24"), day("2021-09-24"), window_days=4) == ["c1"]
    assert ids(day("2021-09-01"), day("2021-09-30"), window_days=0) == ["c1"]
    assert ids(day("2021-09-20"), None) == ["c1"]  # one end known
    assert ids(None, None) == ["c1", "c4"]  # no date: any date, unknown included
    assert ids(day("2021-09-20"), day("2021-09-20"), event_type="ASSAULT") == []
    assert store.cluster_candidates([], None, None) == []
    assert [c.id for c in store.cluster_candidates(["RUS/MIL"], day("2022-03-02"), day("2022-03-02"))] == [
        "c3"
    ]


def test_store_clusters_set_cluster(store: Store) -> None:
    store.ingest([make_item("a1", "one", make_event("e1", "a1"), make_event("e2", "a1"))])
    assert store.set_cluster("e1", "c1") is True
    assert store.set_cluster("nope", "c1") is False
    event = store.event("e1")
    assert event is not None and event.cluster_id == "c1"
    assert [e.id for e in store.events(cluster_id="c1")] == ["e1"]
    assert store.set_clusters({"e1": "c2", "e2": "c2", "e3": "c2"}) == 2
    assert [e.id for e in store.events(cluster_id="c2")] == ["e1", "e2"]
    stored = store.article("a1")
    assert stored is not None and [e.cluster_id for e in stored.events] == ["c2", "c2"]
