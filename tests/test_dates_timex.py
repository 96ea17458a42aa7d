"""Writing readings as TimeML TIMEX3 values, in the conventions of the TempEval and MEANTIME gold.

The anchor is Friday 22 March 2013 (ISO week 12: 18-24 March; week 11 is 11-17 March).
"""

from __future__ import annotations

import datetime as dt

import pytest

from backchannel.dates.resolve import read
from backchannel.dates.timex import span_value, timex_value
from backchannel.model import DateSpan

DCT = DateSpan.day(dt.date(2013, 3, 22))
D = dt.date


@pytest.mark.parametrize(
    ("span", "value"),
    [
        (DateSpan(D(2013, 3, 22), D(2013, 3, 22), "day"), "2013-03-22"),
        (DateSpan(D(2013, 3, 11), D(2013, 3, 17), "week"), "2013-W11"),
        (DateSpan(D(2013, 3, 1), D(2013, 3, 31), "month"), "2013-03"),
        (DateSpan(D(2013, 1, 1), D(2013, 3, 31), "month"), "2013-Q1"),
        (DateSpan(D(2013, 1, 1), D(2013, 12, 31), "year"), "2013"),
        (DateSpan(D(2013, 1, 1), D(2013, 1, 5), "year"), "2013"),  # "this year" early in January
        (DateSpan(D(2012, 12, 31), D(2013, 1, 6), "week"), "2013-W01"),  # ISO week-year 2013
        (DateSpan.unknown(), None),
    ],
)
def test_dates_timex_span_value(span: DateSpan, value: str | None) -> None:
    assert span_value(span) == value


@pytest.mark.parametrize(
    ("text", "direction", "value"),
    [
        ("Friday", "past", "2013-03-22"),  # the DCT is a Friday
        ("Thursday", "past", "2013-03-21"),
        ("the last week", "past", "2013-W11"),
        ("this week", "past", "2013-W12"),
        ("last year", "past", "2012"),
        ("next year", "future", "2014"),
        ("Last month", "past", "2013-02"),
        ("four years ago", "past", "2009"),
        ("last summer", "past", "2012-SU"),
        ("early December", "past", "2012-12"),  # the latest December begun by March 2013
        ("April 7", "future", "2013-04-07"),
        ("the third quarter of 2009", "past", "2009-Q3"),
        ("the 1990s", "past", "199"),
        ("the 20th century", "past", "19"),
        ("Friday afternoon", "past", "2013-03-22TAF"),
        ("15:00 GMT Saturday", "future", "2013-03-23T15:00Z"),
        ("now", "past", "PRESENT_REF"),
        ("the past", "past", "PAST_REF"),
        ("a month", "past", "P1M"),
        ("a decade", "past", "P10Y"),
        ("90 days", "past", "P90D"),
        ("six hours", "past", "PT6H"),
        ("the past two years", "past", "P2Y"),
        ("several days", "past", "PXD"),
        ("recent weeks", "past", "PXW"),
        ("every week", "past", "P1W"),
        ("each Monday", "past", "XXXX-WXX-1"),
        ("every morning", "past", "XXXX-XX-XXTMO"),
    ],
)
def test_dates_timex_reading_value(text: str, direction: str, value: str) -> None:
    assert timex_value(read(text, DCT, direction)) == value


def test_dates_timex_nothing_to_write() -> None:
    assert timex_value(None) is None
    assert timex_value(read("Wednesday", DateSpan.unknown())) is None
