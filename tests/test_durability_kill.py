"""Crash safety of ``backchannel ingest``: killed with SIGKILL at random points, the SQLite store
stays sound, keeps everything it had committed, never holds half a batch, and a rerun finishes
with exactly what a clean run gives.

A clean ingest runs alongside the killed ones (the machine has two cores). Each kill waits until
the store holds a drawn number of articles, then a drawn fraction of a second more, so that kills
land between commits, inside a batch being written, and in the linking after the last batch;
the draws come from a seeded ``random.Random``, so a failure can be replayed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from backchannel.store import open_store

SEED = 20240611
ARTICLES = 240
BATCH = 10  # articles per transaction: many commits, so that kills land between and inside them

PAIRS = [
    ("Defense Secretary Lloyd Austin", "Russian Defence Minister Sergei Shoigu", "spoke by telephone"),
    ("Gen. Mark Milley", "Gen. Valery Gerasimov", "met"),
    ("Secretary of State Antony Blinken", "Foreign Minister Sergei Lavrov", "held talks"),
]
TOPICS = ["the war in Ukraine", "a prisoner exchange", "nuclear risks", "a drone incident", "grain exports"]

Snapshot = dict[str, tuple[str, ...]]  # article id -> its event ids


def write_corpus(path: Path, count: int) -> None:
    """Small distinct articles, each with one contact and a unique sentence (so a unique hash)."""
    day = dt.date(2022, 2, 1)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            a, b, verb = PAIRS[i % len(PAIRS)]
            published = day + dt.timedelta(days=i)
            text = (
                f"{a} {verb} on Monday with {b} about {TOPICS[i % len(TOPICS)]}, officials said. "
                f"The two sides agreed to keep the channel open. This is dispatch number {i}."
            )
            record = {
                "id": f"d{i:04d}",
                "text": text,
                "outlet": f"Outlet {i % 4}",
                "published": str(published),
            }
            fh.write(json.dumps(record) + "\n")


def ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "backchannel.cli", "--quiet", "ingest", str(corpus), "--db", str(db)]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    return subprocess.Popen([*command, "--batch-size", str(BATCH)], env=env, stdout=subprocess.DEVNULL)


def stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet, or no table yet
        return 0


def kill_when(run: subprocess.Popen[bytes], db: Path, count: int, delay: float) -> None:
    """SIGKILL ``run`` once ``db`` holds ``count`` articles and ``delay`` seconds more have passed."""
    while run.poll() is None and stored_count(db) < count:
        time.sleep(0.02)
    time.sleep(delay)
    run.send_signal(signal.SIGKILL)
    run.wait()


def snapshot(db: Path) -> Snapshot:
    """The store's articles and their event ids, after checking the file is sound."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    found: Snapshot = {}
    with open_store(db) as store:  # the store opens (and its schema is current)
        for stored in store.articles(limit=None):
            found[stored.article.id] = tuple(sorted(e.id for e in stored.events))
        assert store.count_articles() == len(found)
    return found


def contents(db: Path) -> list[object]:
    with sqlite3.connect(db) as conn:
        return [
            conn.execute("SELECT id, content_hash, ingested_at FROM articles ORDER BY seq").fetchall(),
            conn.execute("SELECT id, article_id, ord, cluster_id, record FROM events ORDER BY id").fetchall(),
            conn.execute("SELECT id, record FROM clusters ORDER BY id").fetchall(),
        ]


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_durability_kill_ingest_at_random_points(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, ARTICLES)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    clean = ingest(corpus, clean_db)

    snapshots: list[Snapshot] = []
    targets = [rng.randint(1, 60), rng.randint(61, ARTICLES - 40), ARTICLES]  # the last: while linking
    for target in targets:
        kill_when(ingest(corpus, killed_db), killed_db, target, rng.uniform(0.0, 0.3))
        snapshots.append(snapshot(killed_db))

    assert ingest(corpus, killed_db).wait(timeout=240) == 0  # the rerun finishes
    assert clean.wait(timeout=240) == 0
    expected, final = snapshot(clean_db), snapshot(killed_db)

    assert len(expected) == ARTICLES  # every dispatch is distinct, so every one is stored once
    assert final == expected  # same articles (no duplicates, no renamed ids), same event ids
    for earlier, later in zip(snapshots, [*snapshots[1:], final], strict=True):
        assert earlier.items() <= later.items()  # nothing committed was lost or changed
    for taken in snapshots:
        for article_id, event_ids in taken.items():
            assert event_ids == expected[article_id]  # a stored article has all its events
    assert any(0 < len(taken) < ARTICLES for taken in snapshots)  # some kill landed mid-ingest

    before = contents(killed_db)
    assert ingest(corpus, killed_db).wait(timeout=240) == 0
    assert contents(killed_db) == before  # re-ingesting changes nothing
