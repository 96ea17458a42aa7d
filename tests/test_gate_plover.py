"""Quality gate: event typing on the PLOVER gold records (../shared/eval/plover)."""

from __future__ import annotations

from pathlib import Path

import pytest

from backchannel.evaluate.plover import evaluate

pytestmark = pytest.mark.gold

TYPE_ACCURACY_FLOOR = 0.70  # measured 0.708 (python -m backchannel.evaluate.plover)
ACTOR_MATCH_FLOOR = 0.70  # measured 0.728 of rightly typed sentences


def test_gate_plover_type_accuracy(shared: Path) -> None:
    fig = evaluate(shared)
    assert fig.total == 322
    assert fig.accuracy >= TYPE_ACCURACY_FLOOR, f"PLOVER type accuracy {fig.accuracy:.3f}"
    assert fig.actor_hits / fig.correct >= ACTOR_MATCH_FLOOR
