"""Scoring extracted events on gold data with the shared scorer, ``../shared/eval/score.py``.

    python -m backchannel.evaluate.events              # the seeds and the example corpus
    python -m backchannel.evaluate.events --errors     # and the gold lines we miss

The scorer is run as a separate program on a JSON Lines file, exactly as outside checks run it;
nothing of it is copied here. The quality gate (``tests/test_gate_events.py``) calls ``score``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backchannel.api import extract_paths
from backchannel.evaluate import corpus
from backchannel.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"


@dataclass(frozen=True)
class GoldSet:
    name: str
    articles: Path
    gold: Path


def gold_sets(shared: Path = SHARED) -> list[GoldSet]:
    """The seeds, our example corpus, and the dev and test splits of our gold over the real
    development corpus (``evaluate.corpus``; written out from ``../shared`` when it is there)."""
    seeds = shared / "eval" / "seeds"
    sets = [
        GoldSet("seeds", seeds / "articles.jsonl", seeds / "gold_events.jsonl"),
        GoldSet("examples", REPO / "examples" / "corpus", REPO / "examples" / "gold_events.jsonl"),
    ]
    if (shared / "corpora").is_dir() and corpus.articles():
        folder = _scratch()
        for split in corpus.SPLITS:
            articles, gold = corpus.write_split(split, folder, shared)
            sets.append(GoldSet(split, articles, gold))
    return sets


_SCRATCH: list[tempfile.TemporaryDirectory[str]] = []


def _scratch() -> Path:
    """One temporary folder per process for the written-out splits, removed at exit."""
    if not _SCRATCH:
        _SCRATCH.append(tempfile.TemporaryDirectory(prefix="backchannel-gold-"))
    return Path(_SCRATCH[0].name)


def right_dates(result: dict[str, Any]) -> float | None:
    """Of the gold contacts found with the right people, the share that also has the right date."""
    found = result["contacts"]["tp"] + len(result.get("date_misses") or [])
    return result["contacts"]["tp"] / found if found else None


def score(gold_set: GoldSet, pipeline: Pipeline | None = None, shared: Path = SHARED) -> dict[str, Any]:
    """Extract events from the gold set's articles and score them with the shared scorer."""
    events = extract_paths([gold_set.articles], pipeline).events
    with tempfile.TemporaryDirectory() as tmp:
        predicted = Path(tmp) / "events.jsonl"
        predicted.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in events), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(shared / "eval" / "score.py"), str(gold_set.gold), str(predicted), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score extracted events on the gold sets.")
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with eval/score.py")
    ap.add_argument("--errors", action="store_true", help="list the gold events reported with a wrong date")
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists():
        print(f"no scorer at {args.shared / 'eval' / 'score.py'}", file=sys.stderr)
        return 2
    pipeline = Pipeline()
    for gs in gold_sets(args.shared):
        r = score(gs, pipeline, args.shared)
        for tier in ("contacts", "other"):
            t = r[tier]
            print(f"{gs.name:9} {tier:9} P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}  "
                  f"(tp {t['tp']}, fp {t['fp']}, fn {t['fn']})")  # fmt: skip
        if r.get("linking"):
            print(
                f"{gs.name:9} linking   B3 F1 {r['linking']['f1']:.3f} over {r['linking']['mentions']} mentions"
            )
        print(f"{gs.name:9} mode      accuracy {r.get('contact_mode_accuracy')}")
        if args.errors and r.get("date_misses"):
            print(f"{gs.name:9} dates     wrong date for: {', '.join(r['date_misses'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
