"""The engine-neutral partition functions: coding batches of article dicts, and linking rows."""

from __future__ import annotations

import datetime as dt
import json

import pandas

from backchannel.model import Actor, DateSpan, Event, Evidence
from backchannel.pipeline import Pipeline
from backchannel.scale import partition
from conftest import EXAMPLES

MILLEY = Actor("Mark Milley", "Gen. Mark Milley", "USA", "MIL", kb_id="mark-milley")
GERASIMOV = Actor("Valery Gerasimov", "Gen. Valery Gerasimov", "RUS", "MIL", kb_id="valery-gerasimov")
AUSTIN = Actor("Lloyd Austin", "Lloyd Austin", "USA", "GOV", kb_id="lloyd-austin")


def _event(eid: str, actors: list[Actor], day: dt.date) -> Event:
    return Event(
        eid, f"a-{eid}", "CONSULT", "phone", [], "occurred", actors, [], None,
        DateSpan.day(day), None, None, Evidence("They spoke.", 0, 11), 0.9,
    )  # fmt: skip


def _wire() -> list[dict[str, object]]:
    lines = (EXAMPLES / "corpus" / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_scale_partition_chunks_then_link_equal_one_pipeline(pipeline: Pipeline) -> None:
    from backchannel.model import Article

    articles = _wire()
    rows = [r for i in range(0, len(articles), 3) for r in partition.code_partition(articles[i : i + 3])]
    linked = partition.link_frame(partition.frame(list(reversed(rows))))  # order must not matter
    got = {e.id: e.to_dict() for e in partition.rows_to_events(linked.to_dict("records"))}
    want = {e.id: e.to_dict() for e in pipeline.extract(Article.from_dict(a) for a in articles)}
    assert got and got == want


def test_scale_partition_links_within_participants_only() -> None:
    day = dt.date(2021, 3, 31)
    events = [
        _event("e-1", [MILLEY, GERASIMOV], day),
        _event("e-2", [GERASIMOV, MILLEY], day),  # same pair, same day: one contact
        _event("e-3", [AUSTIN, GERASIMOV], day),  # another pair: another contact
    ]
    rows = partition.link_frame(partition.frame([partition.event_row(e) for e in events]))
    cluster = dict(zip(rows["id"], rows["cluster_id"], strict=True))
    assert cluster["e-1"] == cluster["e-2"] != cluster["e-3"]
    assert all(cluster.values())


def test_scale_partition_row_keeps_the_whole_record() -> None:
    ev = _event("e-9", [MILLEY, GERASIMOV], dt.date(2022, 2, 18))
    ev.cluster_id = "c-1"
    row = partition.event_row(ev)
    # The participants key is the sorted KB ids, written out by hand.
    assert row["participants"] == "mark-milley|valery-gerasimov"
    assert partition.rows_to_events([row])[0].to_dict() == ev.to_dict()


def test_scale_partition_frame_of_nothing_has_the_columns() -> None:
    empty = partition.frame([])
    assert list(empty.columns) == list(partition.ROW_COLUMNS) and empty.empty
    assert partition.link_frame(empty).empty


def test_scale_partition_code_frame_takes_gaps_and_number_ids() -> None:
    # What Spark or a Parquet file hands over: NaN for a missing title, an integer id.
    frame = pandas.DataFrame(
        [{"id": 7, "text": "Gen. Mark Milley spoke by phone on Wednesday with Gen. Valery Gerasimov.",
          "title": float("nan"), "published": "2021-03-31"}]
    )  # fmt: skip
    out = next(partition.code_batches(iter([frame])))
    assert list(out.columns) == list(partition.ROW_COLUMNS)
    assert set(out["article_id"]) == {"7"}
    assert "mark-milley|valery-gerasimov" in set(out["participants"])
