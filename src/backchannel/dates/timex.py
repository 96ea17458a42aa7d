"""Writing a resolved date as a TimeML TIMEX3 value, the form the TempEval and MEANTIME gold uses.

    day     2013-03-22          month    2013-03         quarter  2013-Q1
    week    2013-W11            year     2013            season   2012-SU  (from the reading)
    clock   2013-03-22T15:00    durations P1M, PT2H, PXD  sets P1W, XXXX-WXX-1
    references PRESENT_REF, PAST_REF, FUTURE_REF

Values that the span alone cannot say (durations, sets, references, seasons, clock times, decades)
travel on the reading; the rest are derived from the span and its granularity.
"""

from __future__ import annotations

from backchannel.dates.reading import Reading
from backchannel.dates.spans import quarter_bounds, quarter_of
from backchannel.model import DateSpan

_LEVELS = ("day", "week", "month", "year")


def span_value(span: DateSpan | None) -> str | None:
    """The TimeML value of a span: the smallest calendar unit, no finer than its granularity, that
    holds the whole span (a quarter-shaped span of months is written as the quarter)."""
    if span is None or span.start is None or span.end is None or span.granularity not in _LEVELS:
        return None
    start, end = span.start, span.end
    for level in _LEVELS[_LEVELS.index(span.granularity) :]:
        if level == "day" and start == end:
            return start.isoformat()
        if level == "week" and start.isocalendar()[:2] == end.isocalendar()[:2]:
            return f"{start.isocalendar().year}-W{start.isocalendar().week:02d}"
        if level == "month" and (start.year, start.month) == (end.year, end.month):
            return f"{start.year:04d}-{start.month:02d}"
        if level == "month" and (start, end) == quarter_bounds(start.year, quarter_of(start)):
            return f"{start.year:04d}-Q{quarter_of(start)}"
        if level == "year" and start.year == end.year:
            return f"{start.year:04d}"
    return None


def timex_value(reading: Reading | None) -> str | None:
    """The TimeML value of a reading: its own value when it has one, else its span's."""
    if reading is None:
        return None
    return reading.value or span_value(reading.span)
