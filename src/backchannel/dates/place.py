"""Placing a reading against its anchor, including an anchor that is an interval.

An article published "2024-12" was published on some day of December 2024, and we do not know which.
We read the expression against the first and the last day of the anchor and combine the two:

1. Absolute dates ("in October 2022") read the same both times and stay absolute.
2. Expressions at a fixed distance back from the publication day ("yesterday", "last week", "three
   days ago", "this week", "tonight") are the anchor interval shifted back by that distance:
   "yesterday" is [start - 1, end - 1] and "last week" is [start - 7, end - 7]. The result is as wide
   as the anchor (about a month), never wider, and holds the true day whichever day of the month the
   article appeared.
3. Calendar expressions ("Wednesday", "last month", "this year", "Nov. 27") take the interval from
   their earliest to their latest possible reading, when that is no more than a week wider than the
   anchor: a bare "Wednesday" against December 2024 is 27 November to 25 December (never wider
   than [start - 6, end]). When it would be wider (a "Dec. 15" that could be in either of two
   years) we read it against the anchor's last day (first day when reading forward), as a
   day-precise anchor would.

Anything narrower than the anchor keeps its own granularity; a combined interval takes the
anchor's granularity ("month"), so nothing claims more precision than the evidence has.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from backchannel.dates.reading import Context, Reading
from backchannel.model import DateSpan

Rule = Callable[[re.Match[str], Context], Reading | None]
WEEK_SLACK = 6  # a weekday can fall up to six days before the anchor's first day


def place(rule: Rule, m: re.Match[str], anchor: DateSpan, ctx: Context) -> Reading | None:
    """Read ``m`` with ``rule`` against ``anchor``: unknown and one-day anchors once, an interval
    anchor at both ends (see the module docstring)."""
    if anchor.start is None or anchor.end is None:
        return rule(m, ctx.at(None))
    if anchor.start == anchor.end:
        return rule(m, replace(ctx.at(anchor.start), exact=True))
    first, last = rule(m, ctx.at(anchor.start)), rule(m, ctx.at(anchor.end))
    if first is None or last is None:
        return first or last
    inside = [r for r in (first, last) if _within(r, anchor)]
    if (
        anchor.granularity == "year"
        and len(inside) == 1
        and inside[0].span
        and inside[0].span.granularity == "day"
    ):
        return inside[0]  # "October 16" in a text dated only 2025: that year's October 16
    return combine(first, last, anchor, ctx.direction)


def _within(reading: Reading, anchor: DateSpan) -> bool:
    span = reading.span
    if span is None or None in (span.start, span.end, anchor.start, anchor.end):
        return False
    assert span.start and span.end and anchor.start and anchor.end
    return anchor.start <= span.start and span.end <= anchor.end


def combine(first: Reading, last: Reading, anchor: DateSpan, direction: str) -> Reading:
    a, b = first.span, last.span
    if a is None or b is None or (a.start, a.end) == (b.start, b.end):
        return first
    assert a.start and a.end and b.start and b.end and anchor.start and anchor.end
    if first.mode == "offset":
        shift = dt.timedelta(days=first.offset)
        span = DateSpan(anchor.start - shift, anchor.end - shift, anchor.granularity, None, "relative")
        return Reading(span, first.kind, None, "offset", first.offset, first.rule)
    start, end = min(a.start, b.start), max(a.end, b.end)
    if (end - start).days <= anchor.width + WEEK_SLACK:
        granularity = a.granularity if same_unit(a, b) else anchor.granularity
        value = first.value if first.value == last.value else None
        span = DateSpan(start, end, granularity, None, a.basis)
        return Reading(span, first.kind, value, first.mode, first.offset, first.rule)
    return last if direction == "past" else first


def same_unit(a: DateSpan, b: DateSpan) -> bool:
    """Both spans lie in the same week, month or year of their (shared) granularity."""
    if a.granularity != b.granularity or a.start is None or b.start is None:
        return False
    keys: dict[str, Callable[[dt.date], object]] = {
        "week": lambda d: d.isocalendar()[:2],
        "month": lambda d: (d.year, d.month),
        "year": lambda d: d.year,
    }
    key = keys.get(a.granularity)
    return key is not None and key(a.start) == key(b.start)
