"""The timeline shows real-world events: one row per cluster, from stored records when given."""

from __future__ import annotations

from backchannel.api import timeline
from backchannel.model import Cluster, Dispute
from test_link_rules import record, span


def test_link_timeline_one_row_per_cluster() -> None:
    a = record("e1", "hw", span("2021-03-31"), mode="phone", outlet="Harbor Wire")
    b = record("e2", "hw", span("2021-03-01", "2021-03-31", "month"), outlet="Harbor Wire")  # same article
    c = record("e3", "pg", span("2021-03-31"), outlet="Pinecrest Gazette")
    d = record("e4", "ed", span("2021-09-22"), mode="meeting")
    for ev, cid in ((a, "c1"), (b, "c1"), (c, "c1"), (d, "c2")):
        ev.cluster_id = cid
    rows = timeline([d, c, b, a])
    assert [r.cluster_id for r in rows] == ["c1", "c2"]
    assert rows[0].reports == 2  # two articles, three records
    assert rows[0].outlets == ["Harbor Wire", "Pinecrest Gazette"]
    assert (rows[0].start, rows[0].mode, rows[0].independent) == ("2021-03-31", "phone", None)


def test_link_timeline_takes_stored_records() -> None:
    a = record("e1", "hw", span("2021-03-31"))
    a.cluster_id = "c1"
    stored = Cluster(
        "c1", "CONSULT", "phone", [], span("2021-03-31"), ["e1"], ["AFP", "Harbor Wire"], 3, 2,
        [Dispute("mode", {"phone": ["AFP"], "video": ["Harbor Wire"]})], ["took place: c9 on 2021-04-01"],
    )  # fmt: skip
    (row,) = timeline([a], {"c1": stored})
    assert (row.reports, row.independent, row.outlets, row.mode) == (3, 2, ["AFP", "Harbor Wire"], "phone")
    assert row.disputes == ["mode: phone (AFP) vs video (Harbor Wire)"]
    assert row.flags == ["took place: c9 on 2021-04-01"]
