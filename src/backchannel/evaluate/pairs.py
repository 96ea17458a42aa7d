"""Contacts F1 per pair of countries on one split of our gold: ``python -m backchannel.evaluate.pairs``.

Gold contact lines are grouped by the countries of their two participants ("IND-PAK"); predicted
CONSULT records by the countries of their actors and recipients. Each group is scored on its own by
the shared scorer (``../shared/eval/score.py``), so a record with a wrong country counts as a false
positive of the pair it names and a miss of the pair it should have named.

    python -m backchannel.evaluate.pairs --split test      # report only: never tune on test errors
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from backchannel.api import extract_paths
from backchannel.evaluate import corpus
from backchannel.evaluate.events import SHARED
from backchannel.pipeline import Pipeline


def pair_of(countries: list[str | None]) -> str:
    """ "A-B" for the two distinct countries named (sorted), "A" for one, "?" for none."""
    named = sorted({c for c in countries if c})
    return "-".join(named[:2]) if named else "?"


def gold_pair(line: dict[str, Any]) -> str:
    return pair_of([(line.get(k) or {}).get("country") for k in ("source_actor", "target_actor")])


def record_pair(record: dict[str, Any]) -> str:
    return pair_of(
        [a.get("country") for a in [*(record.get("actors") or []), *(record.get("recipients") or [])]]
    )


def by_pair(
    gold: list[dict[str, Any]], records: list[dict[str, Any]], shared: Path = SHARED
) -> dict[str, dict[str, Any]]:
    """The scorer's contacts figures for each pair that has a required gold contact or a prediction."""
    golds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    preds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for line in gold:
        if line["type"] == "CONSULT":
            golds[gold_pair(line)].append(line)
    for record in records:
        if record.get("event_type") == "CONSULT":
            preds[record_pair(record)].append(record)
    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for pair in sorted(set(golds) | set(preds)):
            g, p = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
            g.write_text("".join(json.dumps(x) + "\n" for x in golds[pair]), encoding="utf-8")
            p.write_text("".join(json.dumps(x) + "\n" for x in preds[pair]), encoding="utf-8")
            done = subprocess.run(
                [sys.executable, str(shared / "eval" / "score.py"), str(g), str(p), "--json"],
                capture_output=True,
                text=True,
                check=True,
            )
            contacts = json.loads(done.stdout)["contacts"]
            if contacts["tp"] + contacts["fp"] + contacts["fn"]:
                out[pair] = contacts
    return out


def table(figures: dict[str, dict[str, Any]]) -> str:
    lines = ["| pair | gold | tp | fp | fn | F1 |", "|---|---:|---:|---:|---:|---:|"]
    rows = sorted(figures.items(), key=lambda kv: (-(kv[1]["tp"] + kv[1]["fn"]), kv[0]))
    for pair, c in rows:
        lines.append(f"| {pair} | {c['tp'] + c['fn']} | {c['tp']} | {c['fp']} | {c['fn']} | {c['f1']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m backchannel.evaluate.pairs", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--split", choices=corpus.SPLITS, default="dev")
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "score.py").exists() or not (args.shared / "corpora").is_dir():
        print(f"no scorer or corpora under {args.shared}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        articles, gold_path = corpus.write_split(args.split, Path(tmp), args.shared)
        records = [e.to_dict() for e in extract_paths([articles], Pipeline()).events]
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line]
    print(table(by_pair(gold, records, args.shared)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
