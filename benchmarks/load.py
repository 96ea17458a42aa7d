"""The web API under load while an ingest writes to the same store.

    OPENBLAS_NUM_THREADS=1 python -m benchmarks.load                      # 100,000 events, 100 req/s, 60 s
    python -m benchmarks.load --events 5000 --rate 50 --duration 10       # a quick look

1. Fill a SQLite store with ``--events`` generated events (``populate``: records built directly and
   bulk-inserted through ``Store.ingest`` and ``Store.put_clusters``, not through the NLP pipeline),
   in articles of five events, with cluster records, so that the store looks linked.
2. Start ``uvicorn`` on ``backchannel.web.create_app`` in a subprocess, on a free loopback port.
3. Start a writer: ``backchannel ingest`` of a generated corpus (``benchmarks.corpus``) into the same
   store, so that the server reads while articles are coded, stored and linked.
4. Send requests open-loop at ``--rate`` per second for ``--duration`` seconds (each request starts
   at its own scheduled time, whatever the earlier ones are doing), over a mix of API endpoints;
   latency counts from the scheduled time, so a server that falls behind shows it.
5. Print the rate achieved, p50/p95/p99/max latency and errors (5xx, refused, timed out).

Every request goes to 127.0.0.1 and the loop stops by itself. Nothing here is a test: figures depend
on the machine and on what else runs on it; ``tests/test_load_api.py`` runs a small version.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from backchannel.model import EVENT_TYPES, Actor, Article, Cluster, DateSpan, Event, Evidence
from backchannel.store import StoredArticle, open_store

PEOPLE = {
    "USA": [Actor("Mark Milley", "Gen. Mark Milley", "USA", "MIL", "Chairman", "mark-milley"),
            Actor("Antony Blinken", "Antony Blinken", "USA", "GOV", "Secretary of State", "antony-blinken")],
    "RUS": [Actor("Valery Gerasimov", "Gen. Valery Gerasimov", "RUS", "MIL", "Chief", "valery-gerasimov"),
            Actor("Sergei Lavrov", "Sergei Lavrov", "RUS", "GOV", "Foreign Minister", "sergei-lavrov")],
    "UKR": [Actor(None, "Ukrainian forces", "UKR", "MIL"), Actor("Dmytro Kuleba", "Dmytro Kuleba", "UKR", "GOV")],
    "CHN": [Actor("Wang Yi", "Wang Yi", "CHN", "GOV", "Foreign Minister", "wang-yi")],
    "FRA": [Actor(None, "French officials", "FRA", "GOV")],
}  # fmt: skip
PAIRS = [("USA", "RUS"), ("RUS", "UKR"), ("USA", "CHN"), ("FRA", "RUS"), ("UKR", "RUS"), ("USA", "UKR")]
STATUSES = ["occurred"] * 6 + ["planned", "attempted", "negated"]
FIRST_DAY = dt.date(2016, 1, 1)
MAX_IN_FLIGHT = 128  # requests waiting for an answer before new ones are counted as dropped
PATHS = [
    "/api/events?limit=50", "/api/events?countries=USA,RUS&limit=20", "/api/events?type=CONSULT&since=2020-01-01",
    "/api/events?actor=gerasimov&with=milley", "/api/events?quad=4&until=2019-12-31", "/api/clusters?limit=20",
    "/api/clusters?type=ASSAULT&since=2021-01-01", "/api/weekly?countries=RUS,UKR", "/api/articles?limit=20",
    "/api/search?q=talks", "/api/timeline?countries=USA,RUS", "/api/actors?q=gera", "/api/events?status=planned",
]  # fmt: skip


# -- 1. the store -------------------------------------------------------------------------------


def article_items(count: int, seed: int, per_article: int = 5, start: int = 0) -> Iterator[StoredArticle]:
    """``count`` articles of ``per_article`` events each, the same for a seed; ids from ``start``."""
    for n in range(start, start + count):
        rng = random.Random(f"{seed}/{n}")
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(3400))
        lines, events = [], []
        for k in range(per_article):
            a, b = rng.choice(PAIRS)
            event_type = rng.choice(EVENT_TYPES)
            day = published - dt.timedelta(days=rng.randrange(4))
            sentence = f"Report {n}.{k}: {a} and {b} officials, {event_type.lower()} on {day}, sources said talks went on."
            offset = sum(len(s) + 1 for s in lines)
            lines.append(sentence)
            events.append(Event(
                id=f"e-{n:07d}-{k}", article_id=f"a-{n:07d}", event_type=event_type, mode=None,
                contexts=["military"] if k % 2 else ["diplomatic"], status=rng.choice(STATUSES),  # type: ignore[arg-type]
                actors=[rng.choice(PEOPLE[a]), rng.choice(PEOPLE[b])], recipients=[], initiator=None,
                date=DateSpan.day(day, str(day)), location=None, attribution=None,
                evidence=Evidence(sentence, offset, offset + len(sentence)), confidence=0.9,
                cluster_id=f"c-{a}{b}-{event_type}-{day}", outlet=f"Outlet {n % 7}",
            ))  # fmt: skip
        article = Article(
            f"a-{n:07d}", "\n".join(lines), f"Dispatch {n}", None, f"Outlet {n % 7}", str(published)
        )
        yield StoredArticle(article, DateSpan.day(published, str(published), "published"), None, events)


def clusters_of(items: list[StoredArticle]) -> list[Cluster]:
    groups: dict[str, list[Event]] = {}
    for item in items:
        for event in item.events:
            groups.setdefault(event.cluster_id, []).append(event)
    return [
        Cluster(cid, group[0].event_type, None, group[0].actors, group[0].date, [e.id for e in group],
                sorted({e.outlet or "" for e in group}), len(group), len({e.outlet for e in group}))
        for cid, group in groups.items()
    ]  # fmt: skip


def populate(
    db: str | Path, events: int, seed: int = 7, batch: int = 2000, analyze: bool = True
) -> tuple[int, float]:
    """Fill ``db`` with about ``events`` events; returns (events stored, seconds taken).

    ``analyze`` runs SQLite's ANALYZE at the end. The store does not do so itself (yet): without
    statistics SQLite drives the country filters through ``ix_event_actors_country`` inside a
    correlated subquery, and a dyad query scans every actor row of that country for every event
    (9 s on 5,000 events, against 0.05 s with statistics; see docs/reliability.md)."""
    start = time.perf_counter()
    stored = 0
    with open_store(db) as store:
        articles = events // 5
        for first in range(0, articles, batch):
            items = list(article_items(min(batch, articles - first), seed, start=first))
            stored += store.ingest(items, batch_size=batch).events_added
            store.put_clusters(clusters_of(items))
        if analyze:
            with store.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
    return stored, time.perf_counter() - start


# -- 2. the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_from_env() -> object:
    """The app for uvicorn's ``--factory``: the store named by ``BACKCHANNEL_LOAD_DB``."""
    from backchannel.web import create_app

    return create_app(os.environ["BACKCHANNEL_LOAD_DB"])


def serve(db: str | Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """uvicorn on 127.0.0.1:``port``, as ``backchannel serve`` runs it (one process by default)."""
    command = [sys.executable, "-m", "uvicorn", "benchmarks.load:app_from_env", "--factory", "--host",
               "127.0.0.1", "--port", str(port), "--workers", str(workers), "--log-level", "warning"]  # fmt: skip
    env = {**_env(), "BACKCHANNEL_LOAD_DB": str(db)}
    return subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parents[1])


def wait_ready(base: str, server: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/api/events?limit=1", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the server at {base} did not answer within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    """SIGTERM, then SIGKILL if it is still there after ``grace`` seconds (a stuck query)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _env() -> dict[str, str]:
    return {**os.environ, "OPENBLAS_NUM_THREADS": "1"}


# -- 4. the load ----------------------------------------------------------------------------------


@dataclass
class Results:
    sent: int = 0
    latencies: list[float] = field(default_factory=list)  # seconds, of the answered requests
    errors: dict[str, int] = field(default_factory=dict)  # kind -> count
    client_errors: int = 0  # 4xx: a bad request of ours, counted apart
    seconds: float = 0.0
    by_path: dict[str, list[float]] = field(default_factory=dict)  # latencies per endpoint
    in_flight: int = 0  # sent and not answered yet

    def error_count(self) -> int:
        return sum(self.errors.values())

    def percentile(self, q: float, path: str | None = None) -> float:
        """The ``q`` quantile of the latencies (of one path), in milliseconds."""
        ordered = sorted(self.latencies if path is None else self.by_path.get(path, []))
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


async def drive(
    base: str, rate: float, duration: float, paths: list[str] = PATHS, seed: int = 1, timeout: float = 10.0,
    max_in_flight: int = MAX_IN_FLIGHT,
) -> Results:  # fmt: skip
    """Open-loop load (step 4): request i starts at ``i / rate`` seconds, whatever came before; one
    not answered within ``timeout`` seconds counts as an error, and so does one due while
    ``max_in_flight`` are still waiting (the server is not keeping up; queueing more would only
    make the load generator itself the bottleneck)."""
    rng, results = random.Random(seed), Results()
    total = int(rate * duration)
    limits = httpx.Limits(max_connections=max_in_flight, max_keepalive_connections=max_in_flight)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        start = time.perf_counter()
        tasks: list[asyncio.Task[None]] = []
        for i in range(total):
            due = start + i / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            if results.in_flight >= max_in_flight:
                results.errors["dropped: too many waiting"] = (
                    results.errors.get("dropped: too many waiting", 0) + 1
                )
                continue
            results.in_flight += 1
            tasks.append(asyncio.create_task(_one(client, rng.choice(paths), due, results)))
        await asyncio.gather(*tasks)
        results.seconds = time.perf_counter() - start
    results.sent = total
    return results


async def _one(client: httpx.AsyncClient, path: str, due: float, results: Results) -> None:
    try:
        response = await client.get(path)
    except httpx.TimeoutException:
        results.errors["timeout"] = results.errors.get("timeout", 0) + 1
        return
    except httpx.TransportError as exc:
        kind = type(exc).__name__
        results.errors[kind] = results.errors.get(kind, 0) + 1
        return
    finally:
        results.in_flight -= 1
    if response.status_code >= 500:
        results.errors[f"HTTP {response.status_code}"] = (
            results.errors.get(f"HTTP {response.status_code}", 0) + 1
        )
        return
    results.client_errors += response.status_code >= 400
    took = time.perf_counter() - due
    results.latencies.append(took)
    results.by_path.setdefault(path, []).append(took)


# -- 3. the writer, and the run -------------------------------------------------------------------


def ingest_writer(db: str | Path, articles: int, folder: Path) -> subprocess.Popen[bytes]:
    """``backchannel ingest`` of a generated corpus into ``db``, in the background."""
    from benchmarks.corpus import generate, write_jsonl

    corpus = write_jsonl(folder / "writer.jsonl", generate(articles, seed=11))
    command = [sys.executable, "-m", "backchannel.cli", "--quiet", "ingest", str(corpus), "--db", str(db)]
    return subprocess.Popen([*command, "--batch-size", "20"], env=_env(), stderr=subprocess.DEVNULL)


def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="backchannel-load-") as folder:
        db = Path(folder) / "load.db"
        if args.copy_of:  # a store filled by an earlier run, copied so that the writer starts afresh
            shutil.copyfile(args.copy_of, db)
            with open_store(db) as store:
                stored = store.count_events()
        else:
            stored, took = populate(db, args.events, analyze=not args.no_analyze)
            print(f"store: {stored:,} events generated in {took:.1f} s -> {db}")
            if args.keep:
                shutil.copyfile(db, args.keep)
        port = free_port()
        server = serve(db, port, args.workers)
        writer = None
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(base, server)
            if args.writer_articles:
                writer = ingest_writer(db, args.writer_articles, Path(folder))
                time.sleep(args.writer_head_start)
            results = asyncio.run(drive(base, args.rate, args.duration))
        finally:
            for process in (writer, server):
                if process is not None:
                    stop(process)
        with open_store(db) as store:
            written = store.count_articles() - stored // 5
        report(args, stored, results, written)


def report(args: argparse.Namespace, stored: int, results: Results, written: int) -> None:
    rows = [
        ("machine", f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"),
        ("server", f"uvicorn, {args.workers} worker process(es), 127.0.0.1"),
        ("store", f"SQLite, {stored:,} events in {stored // 5:,} articles, "
                  f"{'without' if args.no_analyze else 'with'} ANALYZE statistics"),
        ("writer", f"backchannel ingest: {written} articles stored during the run"),
        ("rate asked / achieved", f"{args.rate:g} / {results.sent / results.seconds:.1f} req/s"),
        ("requests", f"{results.sent:,} over {results.seconds:.1f} s"),
        ("latency p50 / p95 / p99 / max",
         " / ".join(f"{results.percentile(q):.1f}" for q in (0.5, 0.95, 0.99, 1.0)) + " ms"),
        ("errors", f"{results.error_count()} {dict(results.errors) or ''}".strip()),
        ("4xx answers", str(results.client_errors)),
    ]  # fmt: skip
    slowest = sorted(results.by_path, key=lambda p: -results.percentile(0.5, p))
    rows += [(f"  p50 / p99 {path}", f"{results.percentile(0.5, path):.0f} / {results.percentile(0.99, path):.0f} ms")
             for path in slowest]  # fmt: skip
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=100_000, help="events in the store")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument(
        "--writer-articles", type=int, default=400, help="articles the writer ingests (0: none)"
    )
    parser.add_argument("--keep", type=Path, help="also save the generated store here")
    parser.add_argument(
        "--copy-of", type=Path, help="start from a copy of this store instead of generating one"
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--no-analyze", action="store_true", help="leave the store without SQLite statistics")
    parser.add_argument("--writer-head-start", type=float, default=8.0, help="seconds the writer runs first")
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
