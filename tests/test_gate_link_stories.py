"""Quality gate: story grouping on AllSides and ECB+ (../shared) must stay above pinned floors.

Figures when pinned (docs/linking.md): AllSides B3 F1 0.897 with listing-day dates, 0.793 with
URL dates only, 0.722 with words only; ECB+ 0.894 (grouping by topic alone: 0.685). Raising a
floor is part of the change that earns it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backchannel.evaluate import ecbplus, stories

pytestmark = pytest.mark.gold

ALLSIDES_FLOORS = {"listing": 0.88, "url": 0.77, "none": 0.70}
ECBPLUS_FLOOR = 0.87


@pytest.mark.parametrize("dating", sorted(ALLSIDES_FLOORS))
def test_gate_link_stories_allsides(shared: Path, dating: str) -> None:
    scores, _, _ = stories.score(shared, dating)
    assert scores.items == 1479  # the file as pinned: 506 stories, one without articles
    assert scores.f1 >= ALLSIDES_FLOORS[dating], (
        f"AllSides ({dating}) B3 F1 {scores.f1:.3f} fell below its floor"
    )


def test_gate_link_stories_ecbplus(shared: Path) -> None:
    ours, by_topic = ecbplus.score(shared)
    assert (ours.items, ours.gold_groups) == (982, 86)
    assert ours.f1 >= ECBPLUS_FLOOR, f"ECB+ B3 F1 {ours.f1:.3f} fell below its floor"
    assert ours.f1 > by_topic.f1 + 0.15  # the trap: two events per topic must stay apart
