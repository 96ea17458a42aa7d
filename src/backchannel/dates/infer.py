"""A publication date for a page that prints none: from its URL, its dateline, or what it reports.

News reports what has just happened, so the latest date an article states explicitly is a lower
bound on when it was published, and usually close to it. We take that evidence at its word and no
further: the inferred interval runs from the start of the latest explicit date the text reports
(in the past tense) to ``SLACK_DAYS`` after its end, with granularity "month" and basis "inferred".
"""

from __future__ import annotations

import datetime as dt

from backchannel.dates import spans
from backchannel.dates.published import dateline, published_from_url
from backchannel.dates.resolve import scan
from backchannel.dates.words import day_of, month_of
from backchannel.model import DateSpan

SLACK_DAYS = 31


def infer_published(text: str, url: str | None = None) -> DateSpan | None:
    """The publication date when the page has none (basis ``inferred``); None without evidence.

    1. A date in the URL (a day, or a month that stays a month).
    2. A dateline's month and day ("MOSCOW, March 31 (Reuters) -"), in the first year that puts it
       on or after the latest explicit date the text reports.
    3. The latest explicit day or month the text reports, widened to ``SLACK_DAYS`` after it.
    """
    from_url = published_from_url(url)
    if from_url is not None:
        return from_url
    latest = latest_reported(text)
    m = dateline(text)
    if m is not None and latest is not None and latest.start is not None:
        day = spans.month_day_near(latest.start, month_of(m["m"]), day_of(m["d"]), "future")
        if day is not None:
            return DateSpan.day(day, m["date"], "inferred")
    if latest is None or latest.start is None or latest.end is None:
        return None
    end = latest.end + dt.timedelta(days=SLACK_DAYS)
    return DateSpan(latest.start, end, "month", latest.text, "inferred")


def latest_reported(text: str) -> DateSpan | None:
    """The explicit day or month with the latest start among those the text reports in the past
    tense (a scheduled "elections in May 2026" says nothing about when the article appeared)."""
    best: DateSpan | None = None
    for found in scan(text, DateSpan.unknown()):
        span = found.reading.span
        if span is None or span.start is None or span.basis != "explicit" or found.direction != "past":
            continue
        if span.granularity in ("day", "month") and (
            best is None or best.start is None or span.start > best.start
        ):
            best = DateSpan(span.start, span.end, span.granularity, found.text, "explicit")
    return best
