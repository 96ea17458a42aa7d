"""A bare weekday is the latest such day on or before the anchor (news reports the past); under a
future reading it is the earliest on or after it. Expected days are worked out by hand from a
calendar; the reasoning is in the comments."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backchannel.dates import find_times, resolve
from backchannel.model import DateSpan

NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day(year: int, month: int, dom: int) -> DateSpan:
    return DateSpan.day(dt.date(year, month, dom))


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # 2021-03-31 is a Wednesday.
        ("Wednesday", (2021, 3, 31), (2021, 3, 31)),  # the anchor's own weekday is the anchor
        ("on Monday", (2021, 3, 29), (2021, 3, 29)),  # the anchor itself is that Monday
        ("on Monday", (2021, 3, 31), (2021, 3, 29)),  # Monday of the same week, two days back
        ("Friday's violation", (2021, 3, 31), (2021, 3, 26)),  # no Friday yet this week: 5 days back
        ("last Wednesday", (2021, 3, 31), (2021, 3, 24)),  # "last" never means the anchor day
        # 2021-09-24 is a Friday.
        ("Wednesday", (2021, 9, 24), (2021, 9, 22)),
        ("Thursday", (2021, 9, 24), (2021, 9, 23)),
        ("Saturday", (2021, 9, 24), (2021, 9, 18)),  # Saturday is still to come: the one before
        # 2021-11-23 is a Tuesday.
        ("on Tuesday", (2021, 11, 23), (2021, 11, 23)),
        ("on Monday", (2021, 11, 23), (2021, 11, 22)),
        # A Sunday anchor, 2021-03-28: Monday is six days back, the far end of the window.
        ("Monday", (2021, 3, 28), (2021, 3, 22)),
    ],
)
def test_dates_weekdays_latest_on_or_before(
    text: str, anchor: tuple[int, int, int], expected: tuple[int, int, int]
) -> None:
    span = resolve(text, day(*anchor))
    assert span is not None
    assert (span.start, span.end) == (dt.date(*expected), dt.date(*expected))
    assert span.granularity == "day"
    assert span.basis == "relative"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friday", (2021, 4, 2)),  # two days after Wednesday 2021-03-31
        ("Wednesday", (2021, 3, 31)),  # the anchor itself: on or after
        ("Tuesday", (2021, 4, 6)),  # Tuesday is past this week: the next one
        ("next Wednesday", (2021, 4, 7)),  # "next" never means the anchor day
    ],
)
def test_dates_weekdays_future(text: str, expected: tuple[int, int, int]) -> None:
    span = resolve(text, day(2021, 3, 31), direction="future")
    assert span is not None and span.start == dt.date(*expected)


def test_dates_weekdays_future_tense_in_running_text() -> None:
    # Anchor Wednesday 2021-03-31. "will meet ... on Friday" looks forward (2 April); the second
    # sentence reports the past (26 March). "said Wednesday that ... will" keeps Wednesday in the past.
    text = (
        "Milley will meet Gerasimov on Friday. They last spoke on Friday. "
        "Kirby said Wednesday that Milley will travel."
    )
    found = {(t.start, t.span.start if t.span else None) for t in find_times(text, day(2021, 3, 31))}
    assert (text.index("Friday"), dt.date(2021, 4, 2)) in found
    assert (text.index("Friday", 40), dt.date(2021, 3, 26)) in found
    assert (text.index("Wednesday"), dt.date(2021, 3, 31)) in found


def test_dates_weekdays_said_day_dates_the_saying() -> None:
    # "said Tuesday he won't ..." reports what was said on Tuesday (the day before Wednesday
    # 2021-03-31), although the clause that follows looks ahead.
    (mention,) = find_times("The Republican leader said Tuesday he won't support the bill.", day(2021, 3, 31))
    assert mention.span is not None and mention.span.start == dt.date(2021, 3, 30)


def test_dates_weekdays_possessive_with_curly_quote_and_nbsp() -> None:
    # As pages give it: a curly apostrophe and non-breaking spaces around the word.
    text = "including\u00a0Friday’s\u00a0violation of a cease-fire"
    (mention,) = find_times(text, day(2021, 3, 31))
    assert mention.text.startswith("Friday")
    assert mention.span is not None and mention.span.start == dt.date(2021, 3, 26)


@given(anchor=st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), name=st.sampled_from(NAMES))
def test_dates_weekdays_any_anchor_within_six_days_before(anchor: dt.date, name: str) -> None:
    span = resolve(name, DateSpan.day(anchor))
    assert span is not None and span.start == span.end and span.start is not None
    assert 0 <= (anchor - span.start).days <= 6
    assert span.start.weekday() == NAMES.index(name)


@given(anchor=st.dates(dt.date(1950, 1, 1), dt.date(2090, 12, 31)), name=st.sampled_from(NAMES))
def test_dates_weekdays_any_anchor_within_six_days_after(anchor: dt.date, name: str) -> None:
    span = resolve(name, DateSpan.day(anchor), direction="future")
    assert span is not None and span.start is not None
    assert 0 <= (span.start - anchor).days <= 6
    assert span.start.weekday() == NAMES.index(name)
