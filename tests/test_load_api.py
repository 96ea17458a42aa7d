"""The API served by uvicorn on 127.0.0.1, under open-loop load while another connection writes
to the same SQLite store: no request fails (no 5xx, no refused or dropped connection, no
"database is locked"). A bounded version of ``benchmarks/load.py``; latency is that benchmark's
business, not a test's, so the client waits long enough for a slow answer to still count.
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from backchannel.store import open_store

LOAD = Path(__file__).resolve().parents[1] / "benchmarks" / "load.py"
EVENTS, RATE, SECONDS = 5000, 50.0, 10.0


def load_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("backchannel_benchmark_load", LOAD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_module()


@pytest.fixture
def served(bench: ModuleType, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    db = tmp_path / "load.db"
    bench.populate(db, EVENTS)
    port = bench.free_port()
    server = bench.serve(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        bench.wait_ready(base, server)
        yield base, db
    finally:
        bench.stop(server)


def write_while(bench: ModuleType, db: Path, stop: threading.Event, errors: list[BaseException]) -> None:
    """Store five new articles (25 events) every tenth of a second until told to stop."""
    first = EVENTS // 5
    try:
        with open_store(db) as store:
            while not stop.is_set():
                store.ingest(list(bench.article_items(5, seed=99, start=first)))
                first += 5
                time.sleep(0.1)
    except BaseException as exc:  # reported by the test
        errors.append(exc)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_load_api_no_errors_while_an_ingest_writes(bench: ModuleType, served: tuple[str, Path]) -> None:
    base, db = served
    stop, writer_errors = threading.Event(), []
    writer = threading.Thread(target=write_while, args=(bench, db, stop, writer_errors))
    writer.start()
    try:
        # Every request may wait (none is dropped), however far behind a busy CI machine falls.
        total = int(RATE * SECONDS)
        results = asyncio.run(bench.drive(base, RATE, SECONDS, timeout=120.0, max_in_flight=total))
    finally:
        stop.set()
        writer.join()
    assert writer_errors == []
    with open_store(db) as store:
        assert store.count_articles() > EVENTS // 5  # the writer did write during the load
    assert results.sent == int(RATE * SECONDS)
    assert results.errors == {}
    assert results.client_errors == 0  # every request of the mix is a valid one
    assert len(results.latencies) == results.sent
