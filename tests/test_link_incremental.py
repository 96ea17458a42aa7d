"""Linking in the store: new reports join stored clusters, ids never move, records follow."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from backchannel import link
from backchannel.api import ingest_paths
from backchannel.model import Article, DateSpan, Event, stable_id
from backchannel.pipeline import Pipeline
from backchannel.store import Store, StoredArticle
from test_link_rules import AUSTIN, MILLEY, day, record, span
from test_store_backends import BACKENDS, opened


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with opened(request.param, tmp_path) as fresh:
        yield fresh


def _add(store: Store, article: str, outlet: str, published: str, *events: Event) -> None:
    art = Article(article, f"Text of {article}.", outlet=outlet, published=published)
    store.ingest([StoredArticle(art, DateSpan.day(day(published)), None, list(events))])


def _clusters(store: Store) -> dict[str, str]:
    return {e.id: e.cluster_id for e in store.events(limit=None)}


def test_link_incremental_new_report_joins_the_stored_cluster(store: Store) -> None:
    _add(
        store,
        "ed",
        "Eastgate Daily",
        "2023-04-02",
        record("e-month", "ed", span("2023-03-01", "2023-03-31", "month")),
    )
    assert link.relink(store) == 1
    first = stable_id("c", "e-month")
    # A more precise report arrives later: it joins; the stored id does not move to it.
    _add(store, "hw", "Harbor Wire", "2023-03-15", record("e-day", "hw", span("2023-03-15")))
    assert link.relink(store) == 1
    assert _clusters(store) == {"e-month": first, "e-day": first}
    cluster = store.cluster(first)
    assert cluster is not None
    assert cluster.reports == 2 and cluster.sources == ["Eastgate Daily", "Harbor Wire"]
    assert cluster.date == span("2023-03-15")  # the most precise member now dates it
    assert link.relink(store) == 0  # nothing new: nothing to do


def test_link_incremental_unrelated_article_keeps_ids(store: Store) -> None:
    _add(store, "a1", "AP", "2021-03-31", record("e1", "a1", span("2021-03-31")))
    _add(store, "a2", "AFP", "2021-03-31", record("e2", "a2", span("2021-03-31")))
    link.relink(store)
    before = _clusters(store)
    _add(store, "a3", "AP", "2021-03-31", record("e3", "a3", span("2021-03-31"), actors=(MILLEY, AUSTIN)))
    _add(store, "a4", "AP", "2021-04-02", record("e4", "a4", span("2021-04-02")))  # two days later
    link.relink(store)
    after = _clusters(store)
    assert {k: after[k] for k in before} == before
    assert len({after["e1"], after["e3"], after["e4"]}) == 3


def test_link_incremental_same_input_same_ids(tmp_path: Path) -> None:
    def run(where: Path) -> tuple[dict[str, str], list[dict[str, object]]]:
        where.mkdir()
        with opened("sqlite", where) as fresh:
            _add(fresh, "a1", "AP", "2021-03-31", record("e1", "a1", span("2021-03-31")))
            _add(fresh, "a2", "AFP", "2021-04-01", record("e2", "a2", span("2021-04-01", basis="published")))
            link.relink(fresh)
            return _clusters(fresh), [c.to_dict() for c in fresh.clusters()]

    assert run(tmp_path / "one") == run(tmp_path / "two")


def test_link_incremental_new_contact_flags_an_old_claim(store: Store) -> None:
    claim = "Milley had not talked to Gerasimov since October 2022."
    _add(store, "hw", "Harbor Wire", "2022-10-24", record("e-oct", "hw", span("2022-10-24")))
    _add(store, "bd", "Bellwether Dispatch", "2024-12-04",
         record("e-claim", "bd", span("2022-10-01", "2022-10-31", "month", "explicit"), evidence=claim))  # fmt: skip
    link.relink(store)
    october = store.cluster(stable_id("c", "e-oct"))
    assert october is not None and october.flags == []
    # The March 2023 call reaches the store later; the October cluster's claim is now contradicted.
    _add(store, "ed", "Eastgate Daily", "2023-03-15", record("e-mar", "ed", span("2023-03-15")))
    link.relink(store)
    october = store.cluster(stable_id("c", "e-oct"))
    assert october is not None and october.flags == [
        "contradicted: Bellwether Dispatch says no contact after 2022-10 (as of 2024-12-04), "
        "but a later contact on 2023-03-15 is reported by Eastgate Daily"
    ]


def test_link_incremental_store_linked_before_records_gets_them(store: Store) -> None:
    old = record("e1", "a1", span("2021-03-31"))
    old.cluster_id = "c-from-an-older-version"
    _add(store, "a1", "AP", "2021-03-31", old)
    assert store.cluster("c-from-an-older-version") is None
    _add(store, "a2", "AFP", "2021-03-31", record("e2", "a2", span("2021-03-31")))
    link.relink(store)
    assert _clusters(store) == {"e1": "c-from-an-older-version", "e2": "c-from-an-older-version"}
    cluster = store.cluster("c-from-an-older-version")
    assert cluster is not None and cluster.reports == 2


# Two reports of one call and an unrelated story, in our own words.
HILL = {
    "id": "hill", "outlet": "The Hill", "published": "2021-03-31",
    "text": "Gen. Mark Milley, the chairman of the Joint Chiefs of Staff, spoke by phone on Wednesday "
    "with Gen. Valery Gerasimov, the chief of Russia's General Staff, a spokesman said.",
}  # fmt: skip
JTN = {
    "id": "jtn", "outlet": "Just the News", "published": "2021-04-01",
    "text": "Gen. Mark Milley spoke with Russia's top military officer, Gen. Valery Gerasimov, on "
    "Wednesday, his office said on Thursday.",
}  # fmt: skip
OTHER = {
    "id": "other", "outlet": "AP", "published": "2021-03-31",
    "text": "Secretary of State Antony Blinken met Foreign Minister Dmytro Kuleba on Wednesday in Brussels.",
}  # fmt: skip


def _jsonl(path: Path, *rows: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _milley_gerasimov(store: Store) -> dict[str, str]:
    return {
        e.article_id: e.cluster_id for e in store.events(actor="mark-milley", with_actor="valery-gerasimov")
    }


@pytest.mark.slow
def test_link_incremental_through_ingest(tmp_path: Path, pipeline: Pipeline) -> None:
    with opened("sqlite", tmp_path) as store:
        ingest_paths([_jsonl(tmp_path / "one.jsonl", HILL)], store, pipeline)
        first = _milley_gerasimov(store)
        assert list(first) == ["hill"]
        ingest_paths([_jsonl(tmp_path / "two.jsonl", JTN)], store, pipeline)
        both = _milley_gerasimov(store)
        assert both == {"hill": first["hill"], "jtn": first["hill"]}  # joined, id kept
        everything = {e.id: e.cluster_id for e in store.events(limit=None)}
        ingest_paths([_jsonl(tmp_path / "three.jsonl", OTHER, HILL)], store, pipeline)
        after = {e.id: e.cluster_id for e in store.events(limit=None)}
        assert {k: after[k] for k in everything} == everything  # unrelated and repeated input
        cluster = store.cluster(first["hill"])
        assert cluster is not None and cluster.sources == ["Just the News", "The Hill"]


def test_link_incremental_clusters_by_id(store: Store) -> None:
    _add(store, "a1", "AP", "2021-03-31", record("e1", "a1", span("2021-03-31")))
    link.relink(store)
    cid = stable_id("c", "e1")
    found = store.clusters_by_id([cid, "c-missing", cid])
    assert list(found) == [cid] and found[cid] == store.cluster(cid)
