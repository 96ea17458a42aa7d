"""Articles per CPU-second on real news: the stories of ../shared/corpora/voa (full length, about 660
words each), read and coded by one process, after a warm-up.

    OPENBLAS_NUM_THREADS=1 python -m benchmarks.real_speed [--rounds 5]

Prints the rate per CPU-second (the per-core figure) and per wall-second. Needs ../shared; a
benchmark, not a test: it prints figures and asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from backchannel.evaluate import corpus
from backchannel.model import Article
from backchannel.pipeline import Pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def stories(shared: Path) -> list[Article]:
    rows = [r for art, r in corpus.texts(shared).items() if art.startswith("voa-")]
    return [Article(r["id"], r["text"], r["title"], r["url"], r["outlet"], r["published"]) for r in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5, help="passes over the stories (default 5)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args(argv)
    if not (args.shared / "corpora" / "voa").is_dir():
        print(f"no VOA corpus under {args.shared}", file=sys.stderr)
        return 2
    articles = stories(args.shared)
    words = sum(len(a.text.split()) for a in articles)
    pipeline = Pipeline()
    pipeline.extract(articles[:5])  # model and KB load, outside the timing
    cpu, wall, events = time.process_time(), time.perf_counter(), 0
    for _ in range(args.rounds):
        events += len(pipeline.extract(articles))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    n = len(articles) * args.rounds
    print(
        f"VOA stories            {len(articles)} x {args.rounds} rounds, {words / len(articles):.0f} words each"
    )
    print(f"extract, one process   {n / cpu:.1f} articles per CPU-second ({n / wall:.1f}/s wall)")
    print(f"events per round       {events // args.rounds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
