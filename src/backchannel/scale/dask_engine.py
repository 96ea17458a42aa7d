"""Coding a corpus on a Dask cluster: shards in, linked event rows out as Parquet.

    run_dask(inputs, out_dir, scheduler=None, workers=2, jsonl=None, explain=False,
             history="contacts") -> DaskSummary
    read_events(out_dir) -> list[Event]          the linked records, in a stable order

Two passes, each written to disk so that the second can be rerun without the first:

 1. code: every input shard (JSON Lines, WARC, any format ``backchannel.read`` knows, or Parquet
    with columns id, text, title, url, outlet, published) is read once and split into chunks;
    each chunk is coded by ``partition.code_partition`` on a worker and written to
    ``OUT/coded/`` as Parquet (rows unlinked);
 2. link: the coded rows are shuffled on their participants key, and each partition links its
    groups with ``link.link`` (``partition.link_frame``), written to ``OUT/events/``.

``scheduler`` is a Dask scheduler address (``tcp://host:8786``); without one a LocalCluster of
``workers`` processes with one thread each runs here. Workers need backchannel installed; each
loads the spaCy model once, on its first chunk.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backchannel.errors import ConfigError, InputError
from backchannel.model import Event
from backchannel.scale import partition

HISTORY = ("contacts", "all", "none")  # the Pipeline's settings, checked before any worker starts
CHUNKS_PER_WORKER = 2  # chunks per worker when there are fewer shards than that: keeps all busy


@dataclass
class DaskSummary:
    articles: int
    events: int
    clusters: int
    chunks: int
    out_dir: str
    seconds: float
    scheduler: str

    @property
    def events_dir(self) -> Path:
        return Path(self.out_dir) / "events"


def run_dask(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    scheduler: str | None = None,
    workers: int = 2,
    jsonl: str | Path | None = None,
    explain: bool = False,
    history: str = "contacts",
) -> DaskSummary:
    """Code and link the articles under ``inputs`` on Dask; Parquet under ``out_dir`` (see module doc).
    With ``jsonl``, also write the linked records there as contract JSON Lines (with ``explain``,
    each with its trace, as ``extract --explain`` writes them). ``history`` is the pipeline's."""
    started = time.perf_counter()
    if history not in HISTORY:
        raise ConfigError(f"history must be one of {', '.join(HISTORY)}, not {history!r}")
    shards = shard_paths(inputs)
    out = Path(out_dir)
    for sub in ("coded", "events"):
        _empty_dir(out / sub)
    with _client(scheduler, workers) as client:
        chunks = max(1, math.ceil(CHUNKS_PER_WORKER * _worker_count(client, workers) / len(shards)))
        articles = _code(client, shards, chunks, out / "coded", history)  # 1
        _link(out / "coded", out / "events")  # 2
        address = str(client.scheduler.address) if client.scheduler else "local"
    events, clusters = _counts(out / "events")
    if jsonl is not None:
        write_jsonl(read_events(out), Path(jsonl), trace=explain)
    return DaskSummary(
        articles, events, clusters, chunks * len(shards), str(out), time.perf_counter() - started, address
    )


def shard_paths(inputs: Sequence[str | Path]) -> list[Path]:
    """Input files in a stable order: files as given, folders walked (sorted, without hidden files
    and without the sidecars of .txt and .html files, which are read with their owners)."""
    from backchannel.read._text import is_sidecar

    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = (p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p, path))
            found += [p for p in files if not is_sidecar(p)]
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    if not found:
        raise InputError(", ".join(map(str, inputs)), "no input files found")
    return list(dict.fromkeys(found))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_shard(path: str) -> list[dict[str, Any]]:
    """The article dicts of one shard; a shard that cannot be read is logged and gives none."""
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        columns = [c for c in partition.ARTICLE_COLUMNS if c in table.column_names]
        return list(table.select(columns).to_pylist())
    from backchannel.read import read_file
    from backchannel.read._report import log_skip

    try:
        return [a.to_dict() for a in read_file(path)]
    except InputError as err:  # a bad shard must not stop the run
        log_skip(err)
        return []


def code_chunk(articles: list[dict[str, Any]], index: int, chunks: int, out: str, history: str) -> int:
    """Code every ``chunks``-th article from ``index`` and write the rows to ``out``; returns how
    many articles were coded."""
    mine = articles[index::chunks]
    partition.frame(partition.code_partition(mine, history)).to_parquet(out, index=False)
    return len(mine)


def _code(client: Any, shards: list[Path], chunks: int, coded: Path, history: str) -> int:
    from dask import delayed

    tasks = []
    for s, shard in enumerate(shards):
        articles = delayed(read_shard, pure=True)(str(shard))  # read once, shared by its chunks
        for k in range(chunks):
            target = str(coded / f"part-{s:05d}-{k:03d}.parquet")
            tasks.append(delayed(code_chunk, pure=True)(articles, k, chunks, target, history))
    return sum(client.gather(client.compute(tasks)))


def _link(coded: Path, events: Path) -> None:
    import dask.dataframe as dd

    rows = dd.read_parquet(str(coded))
    meta = partition.frame([])
    linked = rows.shuffle(on="participants").map_partitions(partition.link_frame, meta=meta)
    linked.to_parquet(str(events), write_index=False)


def _counts(events: Path) -> tuple[int, int]:
    import pyarrow.dataset as ds

    table = ds.dataset(str(events), format="parquet").to_table(columns=["cluster_id"])
    return table.num_rows, len(set(table.column("cluster_id").to_pylist()))


def read_events(out_dir: str | Path) -> list[Event]:
    """The linked records of a run, ordered by article, then position in it, then id."""
    import pyarrow.dataset as ds

    table = ds.dataset(str(Path(out_dir) / "events"), format="parquet").to_table(
        columns=["cluster_id", "record"]
    )
    events = partition.rows_to_events(table.to_pylist())
    return sorted(events, key=lambda e: (e.article_id, e.evidence.start, e.id))


def write_jsonl(events: list[Event], path: Path, trace: bool = False) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for ev in events:
            f.write(json.dumps(ev.to_dict(trace=trace), ensure_ascii=False) + "\n")
    return path


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a LocalCluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError("the Dask engine needs the extra: pip install 'backchannel[scale]'") from exc
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    # ":0": the scheduler's HTTP server takes a free port (it would take 8787, maybe in use).
    with (
        _quiet(),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@contextmanager
def _quiet() -> Iterator[None]:
    """The in-process scheduler logs every start, connection and shuffle; keep warnings only."""
    loggers = {"distributed": logging.WARNING, "distributed.shuffle": logging.ERROR}
    before = {name: logging.getLogger(name).level for name in loggers}
    for name, level in loggers.items():
        logging.getLogger(name).setLevel(level)
    try:
        yield
    finally:
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)


def _worker_count(client: Any, default: int) -> int:
    return len(client.scheduler_info().get("workers", {})) or default


def _empty_dir(path: Path) -> None:
    """Create ``path``, or clear the Parquet files a previous run left in it."""
    path.mkdir(parents=True, exist_ok=True)
    for old in path.glob("*.parquet"):
        old.unlink()
