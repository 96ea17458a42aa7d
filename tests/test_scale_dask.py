"""The Dask engine on a LocalCluster of two worker processes gives the single-process output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.errors import InputError
from backchannel.pipeline import Pipeline
from backchannel.scale import dask_engine
from conftest import EXAMPLES

WIRE = EXAMPLES / "corpus" / "wire.jsonl"


def _articles(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _parquet_shard(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """A second shard, in Parquet: a reprint of the first wire story under another id and outlet,
    and a short story of our own."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    original = _articles(WIRE)[0]
    text = f"Advertisement\n\n{original['text']}\n\nShare this article"  # its own page furniture
    reprint = original | {"id": "reprint-1", "outlet": "Riverside Ledger", "url": None, "text": text}
    own = {
        "id": "own-1", "title": None, "url": None, "outlet": "Meridian Post", "published": "2022-10-24",
        "text": "WASHINGTON — Defense Secretary Lloyd Austin spoke by phone on Monday with Russian "
        "Defence Minister Sergei Shoigu, the Pentagon said.",
    }  # fmt: skip
    path = tmp_path / "extra.parquet"
    pq.write_table(pa.Table.from_pylist([reprint, own]), path)
    return path, original


@pytest.mark.slow
def test_scale_dask_equals_single_process(tmp_path: Path, pipeline: Pipeline) -> None:
    import pyarrow.parquet as pq

    from backchannel.model import Article

    extra, original = _parquet_shard(tmp_path)
    summary = dask_engine.run_dask(
        [WIRE, extra], tmp_path / "out", workers=2, jsonl=tmp_path / "events.jsonl"
    )
    got = {e.id: e.to_dict() for e in dask_engine.read_events(tmp_path / "out")}
    articles = [*_articles(WIRE), *pq.read_table(extra).to_pylist()]
    want = {e.id: e.to_dict() for e in pipeline.extract(Article.from_dict(a) for a in articles)}
    assert got == want  # same records, same ids, same cluster ids
    assert summary.events == len(want)  # and no record twice
    assert summary.articles == len(articles) and summary.chunks >= 2
    # By hand: the reprint reports the same events as its original, so each of its records must
    # share a cluster with a record of the original, across shards and workers.
    clusters: dict[str, set[str]] = {}
    for e in got.values():
        clusters.setdefault(e["article_id"], set()).add(e["cluster_id"])
    assert clusters["reprint-1"] and clusters["reprint-1"] <= clusters[str(original["id"])]
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["id"] for line in lines} == set(want)


def test_scale_dask_shards_of_a_folder_skip_hidden_files_and_sidecars(tmp_path: Path) -> None:
    for name in ("b.jsonl", "a.jsonl", "c.txt", "c.json", ".cache/d.jsonl"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("{}\n", encoding="utf-8")
    # By hand: sorted; c.json is c.txt's sidecar; .cache is hidden.
    assert [p.name for p in dask_engine.shard_paths([tmp_path])] == ["a.jsonl", "b.jsonl", "c.txt"]


def test_scale_dask_missing_input_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        dask_engine.shard_paths([tmp_path / "nope.jsonl"])


def test_scale_dask_unreadable_shard_gives_no_articles(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"")
    assert dask_engine.read_shard(str(bad)) == []
