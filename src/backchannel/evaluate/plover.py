"""Event typing on the PLOVER Gold Standard Records (``../shared/eval/plover``).

    python -m backchannel.evaluate.plover            # accuracy and the per-type table
    python -m backchannel.evaluate.plover --errors   # and every sentence we type wrongly

Each gold record is one short sentence with its PLOVER type and the source and target actors'
country codes. We code the sentence as an article dated with the record's date and take the
record whose trigger is among the gold's event words (else our first record) as our answer.
*Type accuracy* is the share of sentences typed right (no record counts as wrong); *actor* and
*recipient match* are the shares of rightly typed sentences whose actors (recipients) include a
gold source (target) country. The gold predates PLOVER 2.0's names; they are mapped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backchannel.model import Article, Event, plover_category
from backchannel.pipeline import Pipeline

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
OLD_CODES = {"JAP": "JPN", "GER": "DEU", "UK": "GBR"}


@dataclass
class Figures:
    total: int = 0
    correct: int = 0
    actor_hits: int = 0
    recipient_hits: int = 0
    recipient_total: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def per_type(self) -> dict[str, tuple[float, float, int]]:
        """Type -> (precision, recall, gold count)."""
        out = {}
        for t in sorted({g for g, _ in self.confusion} | {p for _, p in self.confusion} - {"none"}):
            tp = self.confusion[(t, t)]
            predicted = sum(n for (_, p), n in self.confusion.items() if p == t)
            gold = sum(n for (g, _), n in self.confusion.items() if g == t)
            out[t] = (tp / predicted if predicted else 0.0, tp / gold if gold else 0.0, gold)
        return out


def load(shared: Path = SHARED) -> list[dict[str, Any]]:
    data = json.loads((shared / "eval" / "plover" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") != "DOCUMENT" and r.get("text")]


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {
        OLD_CODES.get(str(a["code"]), str(a["code"])) for a in actors if isinstance(a, dict) and a.get("code")
    }


def answer(record: dict[str, Any], events: list[Event]) -> Event | None:
    """Our record for the gold sentence: one whose trigger is among the gold's event words, the
    sentence's own assertion before an event it only mentions as hypothetical or denied; else our
    first record."""
    words = set(str(record.get("eventText", "")).lower().split())
    matching = [ev for ev in events if str(ev.trace.get("trigger", {}).get("text", "")).lower() in words]
    matching.sort(key=lambda ev: ev.status in {"hypothetical", "negated"})
    if matching:
        return matching[0]
    return events[0] if events else None


def evaluate(shared: Path = SHARED, pipeline: Pipeline | None = None) -> Figures:
    records = load(shared)
    pipe = pipeline or Pipeline(history="all")  # isolated example sentences, not news of a day
    articles = [Article(r["id"], r["text"], published=r.get("date")) for r in records]
    by_article: dict[str, list[Event]] = {}
    for doc in pipe.documents(articles):
        by_article[doc.article.id] = doc.events
    fig = Figures()
    for r in records:
        gold = OLD_NAMES.get(r["event"], r["event"])
        ev = answer(r, by_article.get(r["id"], []))
        got = plover_category(ev.event_type, ev.status) if ev else "none"
        fig.total += 1
        fig.confusion[(gold, got)] += 1
        if got != gold:
            fig.errors.append((gold, got, r["text"]))
            continue
        fig.correct += 1
        assert ev is not None
        fig.actor_hits += bool(_codes(r.get("source")) & {a.country for a in ev.actors})
        if _codes(r.get("target")) and ev.recipients:
            fig.recipient_total += 1
            fig.recipient_hits += bool(_codes(r.get("target")) & {a.country for a in ev.recipients})
    return fig


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Event typing on the PLOVER gold records.")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--errors", action="store_true", help="print every sentence typed wrongly")
    args = ap.parse_args(argv)
    fig = evaluate(args.shared)
    print(f"type accuracy {fig.accuracy:.3f} ({fig.correct}/{fig.total})")
    print(f"actor match {fig.actor_hits / max(1, fig.correct):.3f} of rightly typed; "
          f"recipient match {fig.recipient_hits / max(1, fig.recipient_total):.3f} of {fig.recipient_total} with both")  # fmt: skip
    print(f"{'type':10} {'P':>6} {'R':>6} {'gold':>5}")
    for t, (p, r, n) in fig.per_type().items():
        print(f"{t:10} {p:6.3f} {r:6.3f} {n:5d}")
    if args.errors:
        for gold, got, text in sorted(fig.errors):
            print(f"{gold:9} -> {got:9} | {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
