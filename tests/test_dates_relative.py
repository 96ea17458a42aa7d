"""Relative and absolute expressions resolved against a one-day anchor, worked out by hand.

The anchor is Wednesday 2021-03-31 unless a case says otherwise. Its ISO week (Monday to Sunday)
is 29 March - 4 April; the week before is 22-28 March. 2021 is not a leap year; 2020 is.
"""

from __future__ import annotations

import datetime as dt

import pytest

from backchannel.dates import resolve
from backchannel.model import DateSpan

ANCHOR = DateSpan.day(dt.date(2021, 3, 31))
D = dt.date

CASES = [
    # text, start, end, granularity, basis
    ("last week", D(2021, 3, 22), D(2021, 3, 28), "week", "relative"),  # previous ISO week
    ("this week", D(2021, 3, 29), D(2021, 3, 31), "week", "relative"),  # Monday up to the anchor
    ("yesterday", D(2021, 3, 30), D(2021, 3, 30), "day", "relative"),
    ("today", D(2021, 3, 31), D(2021, 3, 31), "day", "relative"),
    ("three days ago", D(2021, 3, 28), D(2021, 3, 28), "day", "relative"),
    ("a week ago", D(2021, 3, 24), D(2021, 3, 24), "day", "relative"),
    ("two years ago", D(2019, 1, 1), D(2019, 12, 31), "year", "relative"),
    ("last month", D(2021, 2, 1), D(2021, 2, 28), "month", "relative"),  # 2021: 28 days
    ("earlier this month", D(2021, 3, 1), D(2021, 3, 31), "month", "relative"),
    ("earlier this year", D(2021, 1, 1), D(2021, 3, 31), "year", "relative"),  # 1 Jan to the anchor
    ("this year", D(2021, 1, 1), D(2021, 3, 31), "year", "relative"),  # past tense: up to the anchor
    ("last year", D(2020, 1, 1), D(2020, 12, 31), "year", "relative"),
    ("late last year", D(2020, 1, 1), D(2020, 12, 31), "year", "relative"),  # not narrowed: honest
    ("the 26th of March", D(2021, 3, 26), D(2021, 3, 26), "day", "relative"),
    ("on the 26th", D(2021, 3, 26), D(2021, 3, 26), "day", "relative"),
    ("Nov. 27", D(2020, 11, 27), D(2020, 11, 27), "day", "relative"),  # 27 Nov 2021 is still ahead
    ("Sept. 11", D(2020, 9, 11), D(2020, 9, 11), "day", "relative"),
    ("Feb. 29", D(2020, 2, 29), D(2020, 2, 29), "day", "relative"),  # the latest year that has one
    ("in March", D(2021, 3, 1), D(2021, 3, 31), "month", "relative"),  # the anchor's own month
    ("in May", D(2020, 5, 1), D(2020, 5, 31), "month", "relative"),  # May 2021 has not begun
    ("last May", D(2020, 5, 1), D(2020, 5, 31), "month", "relative"),
    ("March 3-5", D(2021, 3, 3), D(2021, 3, 5), "day", "relative"),
    ("last summer", D(2020, 6, 1), D(2020, 8, 31), "month", "relative"),  # June to August
    ("the first quarter of last year", D(2020, 1, 1), D(2020, 3, 31), "month", "relative"),
    ("recent days", D(2021, 3, 24), D(2021, 3, 31), "week", "relative"),  # a week back
    ("the past two weeks", D(2021, 3, 17), D(2021, 3, 31), "week", "relative"),  # 14 days back
    # Absolute: the words fix the date whatever the anchor.
    ("in October 2022", D(2022, 10, 1), D(2022, 10, 31), "month", "explicit"),
    ("in 2014", D(2014, 1, 1), D(2014, 12, 31), "year", "explicit"),
    ("March 31, 2021", D(2021, 3, 31), D(2021, 3, 31), "day", "explicit"),
    ("24 September 2021", D(2021, 9, 24), D(2021, 9, 24), "day", "explicit"),
    ("between May and July 2022", D(2022, 5, 1), D(2022, 7, 31), "month", "explicit"),
    ("the 1990s", D(1990, 1, 1), D(1999, 12, 31), "year", "explicit"),
    ("2021-03-31", D(2021, 3, 31), D(2021, 3, 31), "day", "explicit"),
]


@pytest.mark.parametrize(("text", "start", "end", "granularity", "basis"), CASES)
def test_dates_relative_resolve(
    text: str, start: dt.date, end: dt.date, granularity: str, basis: str
) -> None:
    span = resolve(text, ANCHOR)
    assert span is not None, text
    assert (span.start, span.end, span.granularity, span.basis) == (start, end, granularity, basis)


def test_dates_relative_missing_year_reads_forward_in_the_future() -> None:
    # "Nov. 27" said on 2021-03-31 about something ahead is 27 November 2021, not 2020.
    span = resolve("Nov. 27", ANCHOR, direction="future")
    assert span is not None and span.start == D(2021, 11, 27)


def test_dates_relative_ordinal_day_skips_short_months() -> None:
    # On 15 April the latest 31st is 31 March: April has 30 days.
    span = resolve("the 31st", DateSpan.day(D(2021, 4, 15)))
    assert span is not None and span.start == D(2021, 3, 31)


def test_dates_relative_end_of_the_year_told_early_in_the_next() -> None:
    # "The season peaked by the end of the year", written on 22 March 2013: the year that has ended.
    span = resolve("the end of the year", DateSpan.day(D(2013, 3, 22)))
    assert span is not None and (span.start, span.end) == (D(2012, 1, 1), D(2012, 12, 31))


@pytest.mark.parametrize("text", ["N days ago", "the meeting", "Oreshnik", "sometime"])
def test_dates_relative_not_a_date(text: str) -> None:
    assert resolve(text, ANCHOR) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("March last year", "2023-03-01", "2023-03-31"),
        ("June of this year", "2024-06-01", "2024-06-30"),
        ("January next year", "2025-01-01", "2025-01-31"),
    ],
)
def test_dates_relative_month_of_a_year_counted_from_the_anchor(text: str, start: str, end: str) -> None:
    span = resolve(text, DateSpan(dt.date(2024, 5, 8), dt.date(2024, 5, 8), "day"))
    assert span is not None and (str(span.start), str(span.end)) == (start, end)
