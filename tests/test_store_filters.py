"""Event filters: actor, dyad, country, country pair, type, status, quad, date overlap, paging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backchannel.model import Actor
from backchannel.store import Store
from test_store_backends import (
    BACKENDS,
    BLINKEN,
    GERASIMOV,
    LAVROV,
    MILLEY,
    RUSSIAN_FORCES,
    UKRAINE,
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


ODD = Actor("Percent_Man", "100% \\ the_man", "FIN", None, None, None)


def corpus(store: Store) -> None:
    store.ingest(
        [
            make_item("a1", "one", make_event("e1", "a1", cluster_id="c1")),
            make_item(
                "a2",
                "two",
                make_event("e2", "a2", actors=(BLINKEN, LAVROV), date=span("2022-01-21")),
                make_event(
                    "e3", "a2", "ACCUSE", (BLINKEN,), (LAVROV,), date=span("2022-01-20", "2022-01-26")
                ),
            ),
            make_item(
                "a3",
                "three",
                make_event(
                    "e4", "a3", "ASSAULT", (RUSSIAN_FORCES,), (UKRAINE,), span("2022-02-01", "2022-02-28")
                ),
            ),
            make_item(
                "a4", "four", make_event("e5", "a4", "THREATEN", (LAVROV,), (), span(None), "hypothetical")
            ),
            make_item("a5", "five", make_event("e6", "a5", cluster_id="c1")),
            make_item(
                "a6", "six", make_event("e7", "a6", "COOPERATE", (LAVROV, GERASIMOV), date=span("2022-03-01"))
            ),
            make_item(
                "a7", "seven", make_event("e8", "a7", actors=(MILLEY, GERASIMOV), date=span("2021-01-03"))
            ),
            make_item("a8", "eight", make_event("e9", "a8", "PROTEST", (ODD,), date=span("2022-03-01"))),
        ]
    )


CHRONOLOGICAL = ["e8", "e1", "e6", "e3", "e2", "e4", "e7", "e9", "e5"]

CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({}, CHRONOLOGICAL),
    ({"actor": "mark-milley"}, ["e8", "e1", "e6"]),  # kb_id
    ({"actor": "MILLEY"}, ["e8", "e1", "e6"]),  # name, any case
    ({"actor": "foreign minister"}, ["e3", "e2", "e7", "e5"]),  # words as written
    ({"actor": "russian forces"}, ["e4"]),  # a group without a name
    ({"actor": "mark-mil"}, []),  # a kb_id matches whole, never in part
    ({"actor": "%"}, ["e9"]),  # LIKE wildcards are literal
    ({"actor": "t_e"}, []),
    ({"actor": "the_man"}, ["e9"]),
    ({"actor": "\\"}, ["e9"]),
    ({"actor": "blinken", "with_actor": "lavrov"}, ["e3", "e2"]),
    ({"actor": "lavrov", "with_actor": "blinken"}, ["e3", "e2"]),
    ({"actor": "milley", "with_actor": "lavrov"}, []),
    ({"actor": "gen.", "with_actor": "gen."}, ["e8", "e1", "e6"]),  # two distinct participants
    ({"with_actor": "ukraine"}, ["e4"]),
    ({"country": "UKR"}, ["e4"]),
    ({"country_pair": ("USA", "RUS")}, ["e8", "e1", "e6", "e3", "e2"]),
    ({"country_pair": ("RUS", "USA")}, ["e8", "e1", "e6", "e3", "e2"]),
    ({"country_pair": ("RUS", "RUS")}, ["e7"]),  # two Russians, not one counted twice
    ({"country_pair": ("UKR", "USA")}, []),
    ({"event_type": "CONSULT"}, ["e8", "e1", "e6", "e2"]),
    ({"status": "hypothetical"}, ["e5"]),
    ({"quad": 3}, ["e3", "e5"]),
    ({"quad": 4}, ["e4", "e9"]),
    ({"start": day("2022-01-22"), "end": day("2022-01-22")}, ["e3"]),  # inside e3's week only
    ({"start": day("2022-02-15")}, ["e4", "e7", "e9"]),  # unknown dates never match
    ({"end": day("2021-12-31")}, ["e8", "e1", "e6"]),
    ({"start": day("2022-01-26"), "end": day("2022-02-01")}, ["e3", "e4"]),  # inclusive ends
    ({"cluster_id": "c1"}, ["e1", "e6"]),
    ({"article_id": "a2"}, ["e3", "e2"]),
    ({"actor": "lavrov", "event_type": "CONSULT", "start": day("2022-01-01")}, ["e2"]),
]


@pytest.mark.parametrize(("filters", "expected"), CASES, ids=[repr(f) for f, _ in CASES])
def test_store_filters_events(store: Store, filters: dict[str, Any], expected: list[str]) -> None:
    corpus(store)
    assert [e.id for e in store.events(limit=None, **filters)] == expected
    assert store.count_events(**filters) == len(expected)


def test_store_filters_paging(store: Store) -> None:
    corpus(store)
    assert [e.id for e in store.events(limit=3, offset=2)] == CHRONOLOGICAL[2:5]
    assert [e.id for e in store.events(limit=100, offset=8)] == CHRONOLOGICAL[8:]
    pages = [store.events(limit=2, offset=n) for n in range(0, len(CHRONOLOGICAL), 2)]
    assert [e.id for page in pages for e in page] == CHRONOLOGICAL


def test_store_filters_event_by_id(store: Store) -> None:
    corpus(store)
    found = store.event("e3")
    assert found is not None and found.recipients == [LAVROV]
    assert store.event("nope") is None


def test_store_filters_weekly_counts(store: Store) -> None:
    corpus(store)
    assert store.weekly_counts(country_a="USA", country_b="RUS") == [
        {"week": "2020-W53", "event_type": "CONSULT", "quad": 1, "count": 1, "clusters": 1},  # 2021-01-03
        {"week": "2021-W38", "event_type": "CONSULT", "quad": 1, "count": 2, "clusters": 1},  # one cluster
        {"week": "2022-W03", "event_type": "ACCUSE", "quad": 3, "count": 1, "clusters": 1},
        {"week": "2022-W03", "event_type": "CONSULT", "quad": 1, "count": 1, "clusters": 1},
    ]
    weeks = store.weekly_counts(country_a="RUS", start=dt.date(2022, 2, 1), end=dt.date(2022, 12, 31))
    assert [(w["week"], w["event_type"]) for w in weeks] == [
        ("2022-W05", "ASSAULT"),
        ("2022-W09", "COOPERATE"),
    ]
    assert sum(w["count"] for w in store.weekly_counts()) == len(CHRONOLOGICAL) - 1  # e5 has no date
