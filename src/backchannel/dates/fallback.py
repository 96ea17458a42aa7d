"""dateparser, for the odd formats our own rules do not know.

It is slow (milliseconds a call, and a longer first call), so it is imported on first use and only
ever called on one short string that our rules could not read: an expression handed to ``resolve``
or a short date line at the top of a page. ``find_times`` never calls it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from backchannel.dates import spans
from backchannel.model import Basis, DateSpan

_YEAR = re.compile(r"(?<!\d)(?:1[0-9]|20)\d\d(?!\d)")
# dateparser reads "80%" as 1980: only hand it text with a date word or a numeric date shape.
_DATE_LIKE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|day|week"
    r"|month|year|ago|today|tomorrow|yesterday|now|noon|midnight)|\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?\b"
)


@lru_cache(maxsize=4096)
def dateparser_span(text: str, anchor: dt.date | None, direction: str = "past") -> DateSpan | None:
    """The span dateparser reads in ``text``, at the precision it reports (day, week, month, year).

    1. Without an anchor, only a text with a year can be placed.
    2. Ask dateparser, relative to the anchor and preferring the tense we read.
    3. Turn its date and period into an interval; basis explicit when the text has a year.
    """
    explicit = bool(_YEAR.search(text))
    if (anchor is None and not explicit) or not _DATE_LIKE.search(text) or len(text) > 120:
        return None
    from dateparser.date import DateDataParser  # slow import, paid only when needed

    settings: dict[str, object] = {"PREFER_DATES_FROM": direction, "RETURN_AS_TIMEZONE_AWARE": False}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data is None or data.date_obj is None:
        return None
    return _period_span(data.date_obj.date(), data.period or "day", "explicit" if explicit else "relative")


def _period_span(day: dt.date, period: str, basis: Basis) -> DateSpan:
    """dateparser's date and period ("day", "week", "month", "year", "time") as an interval."""
    if period == "year":
        return DateSpan(*spans.year_bounds(day.year), "year", None, basis)
    if period == "month":
        return DateSpan(*spans.month_bounds(day.year, day.month), "month", None, basis)
    if period == "week":
        return DateSpan(*spans.week_bounds(day), "week", None, basis)
    return DateSpan(day, day, "day", None, basis)
