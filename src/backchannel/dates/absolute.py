"""Rules for calendar dates: the words name a day, month, year or range, with or without the year.

Every rule takes the regex match and a ``Context`` and returns a ``Reading`` (or None when the words
turn out not to be a date). A date without its year ("Nov. 27") is the latest such day on or
before the anchor when reading the past, the earliest on or after it when reading the future.
"""

from __future__ import annotations

import datetime as dt
import re

from backchannel.dates import spans
from backchannel.dates import vocabulary as v
from backchannel.dates.reading import Context, Mode, Reading
from backchannel.dates.words import clock_value, day_of, month_of, year_of_two_digits
from backchannel.model import Basis, DateSpan, Granularity


def day_reading(day: dt.date, basis: Basis, clock: str | None, mode: Mode) -> Reading:
    """One day, with its clock time as TimeML writes it when there is one."""
    span = DateSpan(day, day, "day", None, basis)
    if clock:
        return Reading(span, "time", clock_value(day, clock), mode)
    return Reading(span, "date", None, mode)


def unit_reading(
    first: dt.date, last: dt.date, granularity: Granularity, basis: Basis, value: str | None = None
) -> Reading:
    mode: Mode = "absolute" if basis == "explicit" else "calendar"
    return Reading(DateSpan(first, last, granularity, None, basis), "date", value, mode)


def calendar_date(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "March 31, 2021", "Friday 24 September 2021 05:19 BST", "the 26th of March", "Nov. 27"."""
    month, dom = month_of(m["m1"] or m["m2"]), day_of(m["d1"] or m["d2"])
    year, clock = m["y1"] or m["y2"], m["clock"] or m["clock0"]
    kind = "time" if clock else "date"
    if year:
        try:
            return day_reading(dt.date(int(year), month, dom), "explicit", clock, "absolute")
        except ValueError:
            return None
    if ctx.year is not None:  # "Oct. 21-24, 2022: ... again on Oct. 23": the passage gives the year
        try:
            return day_reading(dt.date(ctx.year, month, dom), "relative", clock, "absolute")
        except ValueError:
            return None
    if ctx.day is None:
        return Reading(None, kind, None, "calendar")
    day = spans.month_day_near(ctx.day, month, dom, ctx.direction)
    return day_reading(day, "relative", clock, "calendar") if day else None


def iso_date(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "2021-03-31", "2021-03-31T14:00:00Z"."""
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    clock = f"{m['clock']} {'UTC' if m['zone'] == 'Z' else ''}" if m["clock"] else None
    return day_reading(day, "explicit", clock, "absolute")


def slash_date(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "3/31/2021" or "7/8/07": month first as in American copy, unless the first number cannot be
    a month ("31/3/2021")."""
    a, b = int(m["a"]), int(m["b"])
    month, dom = (b, a) if a > 12 else (a, b)
    year = int(m["y"]) if len(m["y"]) == 4 else year_of_two_digits(m["y"], ctx.day)
    try:
        return day_reading(dt.date(year, month, dom), "explicit", None, "absolute")
    except ValueError:
        return None


def dot_date(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "31.03.2021", day first as in European copy."""
    try:
        return day_reading(dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "explicit", None, "absolute")
    except ValueError:
        return None


def day_range(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "March 3-5", "3 to 5 March 2021": the days from the first to the last."""
    month = month_of(m["m1"] or m["m2"])
    first_day, last_day = day_of(m["d1"] or m["d3"]), day_of(m["d2"] or m["d4"])
    if last_day <= first_day:
        return None
    basis: Basis = "explicit" if m["y"] else "relative"
    if m["y"]:
        year = int(m["y"])
    elif ctx.day is not None:
        near = spans.month_day_near(ctx.day, month, first_day, ctx.direction)
        year = near.year if near else ctx.day.year
    else:
        return Reading(None, "date", None, "calendar")
    try:
        return unit_reading(dt.date(year, month, first_day), dt.date(year, month, last_day), "day", basis)
    except ValueError:
        return None


def month_range(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "between May and July 2022", "March-April": first day of one month to the last of the other."""
    first, last = month_of(m["m1"]), month_of(m["m2"])
    basis: Basis = "explicit" if m["y2"] or m["y1"] else "relative"
    if m["y2"] or m["y1"]:
        end_year = int(m["y2"] or m["y1"])
    elif ctx.day is not None:
        end_year = spans.month_near(ctx.day, last, ctx.direction)
    else:
        return Reading(None, "date", None, "calendar")
    start_year = int(m["y1"]) if m["y1"] else (end_year if first <= last else end_year - 1)
    start, end = dt.date(start_year, first, 1), spans.month_last_day(end_year, last)
    return unit_reading(start, end, "month", basis) if start < end else None


def year_range(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "2009-2010", "1957-58", "between 2014 and 2016": whole years."""
    first = int(m["y1"])
    last = int(m["y2"]) if len(m["y2"]) == 4 else first // 100 * 100 + int(m["y2"])
    if not 0 < last - first <= 30:
        return None
    # TimeML writes a stretch of years as its length: "from 2009 to 2011" is P2Y.
    return unit_reading(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", "explicit", f"P{last - first}Y")


def month_relative_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "March last year", "June of this year": the month of the year counted from the anchor."""
    if ctx.day is None:
        return None
    which = " ".join(m["which"].lower().split())
    shift = {"last": -1, "the previous": -1, "this": 0, "next": 1, "the following": 1}[which]
    year, month = ctx.day.year + shift, month_of(m["m"])
    return unit_reading(*spans.month_bounds(year, month), "month", "relative", f"{year}-{month:02d}")


def month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "October 2022", "early December 2012": the whole month (we do not narrow "early")."""
    year, month = int(m["y"]), month_of(m["m"])
    return unit_reading(*spans.month_bounds(year, month), "month", "explicit")


def _is_count(m: re.Match[str]) -> bool:
    """A four-digit number used as a quantity: "about 2000", "2000 troops", "$2021"."""
    text, start, end = m.string, m.start("y"), m.end("y")
    before = text[max(0, start - 12) : start].lower().split()
    after = text[end : end + 14].lower().split()
    if before and (before[-1] in v.COUNT_WORDS or " ".join(before[-2:]) in v.COUNT_WORDS):
        return True
    return bool(after) and after[0].strip(".,;:") in v.COUNT_NOUNS


def year_alone(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "in 2014", "early 2011", "2009": a year, unless the number counts something."""
    year = int(m["y"])
    placed = bool(m["pre"] or m["part"])
    if not ctx.standalone and (_is_count(m) or not (placed or 1900 <= year <= 2099)):
        return None
    return unit_reading(*spans.year_bounds(year), "year", "explicit")


def two_digit_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "'82" is 1982."""
    year = year_of_two_digits(m["yy"], ctx.day)
    return unit_reading(*spans.year_bounds(year), "year", "explicit")


def decade(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 1990s", "the '80s" (TimeML value 199, 198); a bare "70s" is an age unless in ``resolve``."""
    digits = re.sub(r"\D", "", m["dec"])
    before = m.string[max(0, m.start() - 8) : m.start()].lower().split()
    if len(digits) == 2 and not (m["the"] or ctx.standalone or m["dec"][0] in "'’"):
        return None
    if before and before[-1] in {"his", "her", "their", "its", "my", "your", "our"}:
        return None
    start = int(digits) if len(digits) == 4 else year_of_two_digits(digits, ctx.day)
    first, last = dt.date(start, 1, 1), dt.date(start + 9, 12, 31)
    return unit_reading(first, last, "year", "explicit", str(start)[:3])


def century(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the 20th century": 1900-1999, TimeML value 19."""
    number = int(m["n"]) if m["n"] else v.CENTURY_ORDINALS[m["w"].lower()]
    start = (number - 1) * 100
    if start < 1:
        return None
    first, last = dt.date(start, 1, 1), dt.date(start + 99, 12, 31)
    return unit_reading(first, last, "year", "explicit", f"{number - 1:02d}")


def fiscal_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "fiscal 2022", "FY2007": read as the calendar year (fiscal calendars differ by body)."""
    digits = (m["y"] or m["y2"]).lstrip("'’")
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    return unit_reading(*spans.year_bounds(year), "year", "explicit")
