"""Who holds an office on the days around a change of holder (dates from public record)."""

import datetime as dt

import pytest

from backchannel.kb import KnowledgeBase
from backchannel.model import DateSpan


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(paths=[])


def names(kb: KnowledgeBase, role: str, day: str) -> list[str]:
    return [p.name for p in kb.holders(role, dt.date.fromisoformat(day))]


@pytest.mark.parametrize(
    ("day", "chairman"),
    [
        ("2015-09-25", "Martin Dempsey"),
        ("2015-10-01", "Joseph Dunford"),
        ("2019-09-30", "Joseph Dunford"),
        ("2019-10-01", "Mark Milley"),
        ("2021-03-31", "Mark Milley"),
        ("2023-09-30", "Mark Milley"),
        ("2023-10-01", "Charles Q. Brown Jr."),
        ("2024-11-27", "Charles Q. Brown Jr."),
        ("2025-02-21", "Charles Q. Brown Jr."),
    ],
)
def test_kb_tenure_boundaries_cjcs(kb: KnowledgeBase, day: str, chairman: str) -> None:
    assert names(kb, "usa-cjcs", day)[-1] == chairman


def test_kb_tenure_boundaries_gap_between_chairmen(kb: KnowledgeBase) -> None:
    # Dempsey left on 25 September 2015 and Dunford was sworn in on 1 October.
    assert names(kb, "usa-cjcs", "2015-09-28") == []


def test_kb_tenure_boundaries_ukraine_commander_in_chief(kb: KnowledgeBase) -> None:
    assert names(kb, "ukr-cinc", "2021-03-31") == ["Ruslan Khomchak"]
    assert names(kb, "ukr-cinc", "2021-11-22") == ["Valerii Zaluzhnyi"]
    assert names(kb, "ukr-cinc", "2024-02-09") == ["Oleksandr Syrskyi"]
    # Khomchak was Chief of the General Staff as well until July 2021, then Shaptala held that post.
    assert names(kb, "ukr-cgs", "2021-03-31") == ["Ruslan Khomchak"]
    assert names(kb, "ukr-cgs", "2022-06-01") == ["Serhii Shaptala"]


def test_kb_tenure_boundaries_interval_returns_both_holders(kb: KnowledgeBase) -> None:
    autumn_2023 = DateSpan(dt.date(2023, 9, 1), dt.date(2023, 10, 31), "month")
    assert [p.name for p in kb.holders("usa-cjcs", autumn_2023)] == ["Charles Q. Brown Jr.", "Mark Milley"]


def test_kb_tenure_boundaries_second_term_is_open(kb: KnowledgeBase) -> None:
    assert names(kb, "usa-president", "2026-11-23") == ["Donald Trump"]
    assert names(kb, "usa-president", "2022-01-01") == ["Joe Biden"]


def test_kb_tenure_boundaries_month_only_end_lasts_the_month() -> None:
    kb = KnowledgeBase.load(paths=[])
    kb.add_entries(
        "people", [{"id": "x", "name": "X", "roles": [{"role": "r", "start": "2020-03", "end": "2021-02"}]}]
    )
    (tenure,) = kb.people["x"].tenures
    assert (tenure.start, tenure.end) == (dt.date(2020, 3, 1), dt.date(2021, 2, 28))
    assert (tenure.start_precision, tenure.end_precision) == ("month", "month")
