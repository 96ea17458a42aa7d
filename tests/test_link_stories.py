"""Stories: articles grouped by their words and publication days; B-cubed scoring."""

from __future__ import annotations

import datetime as dt

from backchannel.evaluate.stories import bcubed
from backchannel.link import StoryItem, group_stories
from backchannel.model import stable_id

MONDAY = dt.date(2021, 10, 18)


def _item(key: str, title: str, text: str, published: dt.date | None = MONDAY) -> StoryItem:
    return StoryItem(key, title, text, published)


COURT = [
    _item("court-a", "Supreme Court sides with police in immunity cases",
          "The Supreme Court ruled that officers in two cases were entitled to qualified immunity."),
    _item("court-b", "Justices back officers on qualified immunity",
          "In two unsigned opinions the Supreme Court ruled for police officers seeking qualified immunity."),
]  # fmt: skip
JOBS = [
    _item("jobs-a", "Jobless claims fall to a pandemic low",
          "Initial jobless claims fell to 293,000 last week, the Labor Department said."),
    _item("jobs-b", "Unemployment claims drop below 300,000",
          "Weekly jobless claims dropped to 293,000, the lowest since the pandemic began, the Labor Department said."),
]  # fmt: skip


def test_link_stories_groups_by_words() -> None:
    found = group_stories(COURT + JOBS)
    assert found["court-a"] == found["court-b"]
    assert found["jobs-a"] == found["jobs-b"]
    assert found["court-a"] != found["jobs-a"]
    assert found["court-a"] == stable_id("s", "court-a")  # the story's first article id


def test_link_stories_a_month_apart_are_two_stories() -> None:
    later = _item("jobs-c", "Jobless claims fall to a pandemic low",
                  "Initial jobless claims fell to 290,000 last week, the Labor Department said.",
                  MONDAY + dt.timedelta(days=28))  # fmt: skip
    undated = _item("jobs-d", "Jobless claims fall to a pandemic low",
                    "Initial jobless claims fell to 293,000 last week, the Labor Department said.", None)  # fmt: skip
    found = group_stories([*JOBS, later, undated])
    assert found["jobs-c"] != found["jobs-a"]  # same words, four weeks later
    assert found["jobs-d"] == found["jobs-a"]  # no date: the words decide (and 293,000 matches)


def test_link_stories_small_inputs() -> None:
    assert group_stories([]) == {}
    assert group_stories(COURT[:1]) == {"court-a": stable_id("s", "court-a")}
    empty = group_stories([_item("x", "", ""), _item("y", "", "")])
    assert empty["x"] != empty["y"]  # nothing in common


def test_link_stories_same_input_same_ids() -> None:
    assert group_stories(COURT + JOBS) == group_stories(list(reversed(JOBS + COURT)))


def test_link_stories_bcubed_by_hand() -> None:
    gold = {"a": "1", "b": "1", "c": "2"}
    perfect = bcubed({"a": "x", "b": "x", "c": "y"}, gold)
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)
    lumped = bcubed({"a": "x", "b": "x", "c": "x"}, gold)
    # precision: a and b see 2 of 3 right, c sees 1 of 3 -> (2/3 + 2/3 + 1/3) / 3 = 5/9; recall 1
    assert abs(lumped.precision - 5 / 9) < 1e-12 and lumped.recall == 1.0
    assert abs(lumped.f1 - 2 * (5 / 9) / (5 / 9 + 1)) < 1e-12
    split = bcubed({"a": "x", "b": "y", "c": "z"}, gold)
    # recall: a and b each see 1 of their 2 -> (1/2 + 1/2 + 1) / 3 = 2/3; precision 1
    assert split.precision == 1.0 and abs(split.recall - 2 / 3) < 1e-12
    assert (split.gold_groups, split.groups) == (2, 3)
