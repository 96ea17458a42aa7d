"""Quality gate for event linking on the seeds and the example corpus (score.py's B-cubed over
contact ids). On the seeds, the two reports of the 2021-03-31 Milley–Gerasimov call share a
cluster, as do the two of the Milley–Khomchak call, and every other contact is its own: 1.000."""

from __future__ import annotations

from pathlib import Path

import pytest

from backchannel.evaluate.events import gold_sets, score
from backchannel.pipeline import Pipeline

pytestmark = pytest.mark.gold

FLOORS = {"seeds": 1.0, "examples": 0.95}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gate_link_events_bcubed(shared: Path, pipeline: Pipeline, name: str) -> None:
    gold_set = next(g for g in gold_sets(shared) if g.name == name)
    linking = score(gold_set, pipeline, shared).get("linking") or {}
    assert linking.get("f1", 0.0) >= FLOORS[name], f"{name} linking B3 {linking} fell below {FLOORS[name]}"
