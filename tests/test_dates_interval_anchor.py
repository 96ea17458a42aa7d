"""Anchors that are intervals (an article dated only "2024-12") or unknown: results stay honest.

December 2024 runs from Sunday 1 December to Tuesday 31 December. The call reported as "last week"
in an article of that month took place on 27 November 2024.
"""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backchannel.dates import find_times, parse_published, resolve
from backchannel.model import DateSpan

D = dt.date
MONTH = DateSpan(D(2024, 12, 1), D(2024, 12, 31), "month", "2024-12", "explicit")
NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def test_dates_interval_anchor_last_week_holds_the_call_and_stays_a_month_wide() -> None:
    span = resolve("last week", MONTH)
    assert span is not None and span.start is not None and span.end is not None
    assert span.contains(D(2024, 11, 27))
    assert (span.end - span.start).days + 1 <= 31  # the scorer takes anything wider as wrong
    # Our rule: the anchor moved back seven days, 24 November to 24 December.
    assert (span.start, span.end) == (D(2024, 11, 24), D(2024, 12, 24))


def test_dates_interval_anchor_absolute_dates_stay_absolute() -> None:
    span = resolve("in October 2022", MONTH)
    assert span is not None
    assert (span.start, span.end, span.granularity, span.basis) == (
        D(2022, 10, 1),
        D(2022, 10, 31),
        "month",
        "explicit",
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("yesterday", D(2024, 11, 30), D(2024, 12, 30)),  # the anchor moved back one day
        ("three days ago", D(2024, 11, 28), D(2024, 12, 28)),
        # Latest Wednesday on or before 1 Dec (a Sunday) is 27 Nov; on or before 31 Dec (a
        # Tuesday) it is 25 Dec. The truth lies between, whichever day the article appeared.
        ("Wednesday", D(2024, 11, 27), D(2024, 12, 25)),
        ("last month", D(2024, 11, 1), D(2024, 11, 30)),  # the same for every day of December
        ("Nov. 27", D(2024, 11, 27), D(2024, 11, 27)),  # before every day of the anchor
    ],
)
def test_dates_interval_anchor_rules(text: str, start: dt.date, end: dt.date) -> None:
    span = resolve(text, MONTH)
    assert span is not None and (span.start, span.end) == (start, end)


def test_dates_interval_anchor_never_claims_a_day_for_relative_words() -> None:
    for text in ("yesterday", "last week", "Wednesday", "this week", "today"):
        span = resolve(text, MONTH)
        assert span is not None and span.granularity != "day", text


def test_dates_interval_anchor_from_metadata_month() -> None:
    anchor = parse_published("2024-12")
    assert anchor is not None and (anchor.start, anchor.end, anchor.granularity) == (
        MONTH.start,
        MONTH.end,
        "month",
    )
    (mention,) = find_times("contacted Gen. Brown last week amid a shifting conflict", anchor)
    assert mention.span is not None and mention.span.contains(D(2024, 11, 27))


@given(
    year=st.integers(1990, 2040),
    month=st.integers(1, 12),
    name=st.sampled_from(NAMES),
    pick=st.integers(0, 30),
)
def test_dates_interval_anchor_weekday_holds_every_possible_day(
    year: int, month: int, name: str, pick: int
) -> None:
    # Whatever day of the month the article appeared, the weekday it meant is inside our interval,
    # and the interval reaches at most six days before the month (January 1990 starts on a Monday,
    # so its first possible Tuesday is 26 December 1989).
    last = calendar.monthrange(year, month)[1]
    anchor = DateSpan(D(year, month, 1), D(year, month, last), "month", None, "explicit")
    published = D(year, month, min(pick + 1, last))
    wide, exact = resolve(name, anchor), resolve(name, DateSpan.day(published))
    assert wide is not None and exact is not None and exact.start is not None
    assert wide.contains(exact.start)
    assert wide.start is not None and wide.end is not None
    assert D(year, month, 1) - dt.timedelta(days=6) <= wide.start and wide.end <= D(year, month, last)


@given(
    year=st.integers(1990, 2040), month=st.integers(1, 12), pick=st.integers(0, 30), back=st.integers(1, 20)
)
def test_dates_interval_anchor_days_ago_holds_every_possible_day(
    year: int, month: int, pick: int, back: int
) -> None:
    last = calendar.monthrange(year, month)[1]
    anchor = DateSpan(D(year, month, 1), D(year, month, last), "month", None, "explicit")
    published = D(year, month, min(pick + 1, last))
    span = resolve(f"{back} days ago", anchor)
    assert span is not None and span.contains(published - dt.timedelta(days=back))
    assert span.width == anchor.width


def test_dates_interval_anchor_unknown_gives_no_day() -> None:
    unknown = DateSpan.unknown()
    assert resolve("Wednesday", unknown) is None
    assert resolve("last week", unknown) is None
    (mention,) = find_times("Milley spoke on Wednesday.", unknown)
    assert mention.text == "Wednesday" and mention.span is None


def test_dates_interval_anchor_unknown_keeps_absolute_dates() -> None:
    span = resolve("March 31, 2021", DateSpan.unknown())
    assert span is not None
    assert (span.start, span.end, span.granularity, span.basis) == (
        D(2021, 3, 31),
        D(2021, 3, 31),
        "day",
        "explicit",
    )
