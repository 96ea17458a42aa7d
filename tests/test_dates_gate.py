"""Quality gate for the temporal stage: TIMEX3 value accuracy on TempEval-3 platinum and MEANTIME
(../shared/eval/dates) must stay above the floors.

The floors sit just under the figures measured when they were set (docs/evaluation-dates.md). A
change that lowers a figure below its floor fails here; raising a floor is part of the change that
earns it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backchannel.evaluate.dates import Figures, evaluate

pytestmark = pytest.mark.gold

# corpus -> (overall floor, per-type floors)
FLOORS: dict[str, tuple[float, dict[str, float]]] = {
    "te3": (0.85, {"DATE": 0.91, "DURATION": 0.79}),
    "meantime": (0.83, {"DATE": 0.82, "DURATION": 0.85, "TIME": 0.75}),
}
DETECTION_FLOORS = {"te3": 0.91, "meantime": 0.84}


@pytest.fixture(scope="module")
def figures(shared: Path) -> dict[str, Figures]:
    found = evaluate(shared)
    if set(found) != set(FLOORS):
        pytest.skip("the date gold is not under ../shared/eval/dates")
    return found


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_dates_gate_value_accuracy(figures: dict[str, Figures], corpus: str) -> None:
    overall, per_type = FLOORS[corpus]
    result = figures[corpus]
    assert result.accuracy >= overall, f"{corpus}: {result.accuracy:.3f} < floor {overall}"
    by_type = result.by_type()
    for kind, floor in per_type.items():
        assert by_type[kind][0] >= floor, f"{corpus} {kind}: {by_type[kind][0]:.3f} < floor {floor}"


@pytest.mark.parametrize("corpus", sorted(DETECTION_FLOORS))
def test_dates_gate_detection(figures: dict[str, Figures], corpus: str) -> None:
    assert figures[corpus].detection >= DETECTION_FLOORS[corpus]
