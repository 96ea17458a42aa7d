"""Quality gate: the seed articles scored with ../shared/eval/score.py must stay above the floors.

A change that lowers a figure below its floor fails here. Raising a floor is part of the change
that earns it; lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from backchannel.api import extract_paths
from backchannel.pipeline import Pipeline

pytestmark = pytest.mark.gold

FLOORS = {
    ("contacts", "f1"): 0.80,
    ("contacts", "recall"): 0.80,
}


def score(shared: Path, gold: Path, events: list[dict[str, object]], tmp_path: Path) -> dict[str, object]:
    predicted = tmp_path / "events.jsonl"
    predicted.write_text("".join(json.dumps(e) + "\n" for e in events), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(gold), str(predicted), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout))


def test_gate_seeds_floors(shared: Path, pipeline: Pipeline, tmp_path: Path) -> None:
    seeds = shared / "eval" / "seeds"
    result = extract_paths([seeds / "articles.jsonl"], pipeline)
    assert result.articles == 5
    scores = score(shared, seeds / "gold_events.jsonl", [e.to_dict() for e in result.events], tmp_path)
    for (tier, measure), floor in FLOORS.items():
        got = scores[tier][measure]  # type: ignore[index]
        assert got >= floor, f"seed {tier} {measure} {got} fell below its floor {floor}"
