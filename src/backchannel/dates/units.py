"""Rules for calendar units counted from the anchor: "last week", "earlier this year", "the end of
last month", "this weekend", "the year before", "the third quarter of this year", "last summer".

"this <unit>" in the past tense runs from the unit's first day to the anchor ("earlier this year" is
1 January to the publication day); in the future tense from the anchor to the unit's last day.
Weeks are ISO weeks (Monday to Sunday). "the past week" is the seven days up to the anchor.
"""

from __future__ import annotations

import datetime as dt
import re

from backchannel.dates import spans
from backchannel.dates import vocabulary as v
from backchannel.dates.absolute import unit_reading
from backchannel.dates.reading import Context, Mode, Reading
from backchannel.dates.relative import UNPLACED
from backchannel.model import Basis, DateSpan, Granularity

_GRANULARITY: dict[str, Granularity] = {
    "week": "week", "weekend": "week", "month": "month", "quarter": "month",
    "year": "year", "decade": "year", "century": "year",
}  # fmt: skip
_LENGTH_VALUE = {"week": "P1W", "month": "P1M", "year": "P1Y", "decade": "P10Y", "century": "P100Y"}


def _words(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


def unit_bounds(day: dt.date, unit: str, n: int) -> tuple[dt.date, dt.date]:
    """The ``unit`` (week, month, quarter, year, decade, century) ``n`` units from the one holding ``day``."""
    if unit == "week":
        return spans.week_bounds(day + dt.timedelta(weeks=n))
    if unit == "month":
        return spans.month_bounds(*spans.add_months(day.year, day.month, n))
    if unit == "quarter":
        index = day.year * 4 + spans.quarter_of(day) - 1 + n
        return spans.quarter_bounds(index // 4, index % 4 + 1)
    if unit == "year":
        return spans.year_bounds(day.year + n)
    size = 10 if unit == "decade" else 100
    start = (day.year // size + n) * size
    return dt.date(max(start, 1), 1, 1), dt.date(start + size - 1, 12, 31)


def unit_value(first: dt.date, unit: str) -> str | None:
    """TimeML values the span cannot say by itself: quarters, decades, centuries."""
    if unit == "quarter":
        return f"{first.year}-Q{spans.quarter_of(first)}"
    if unit == "decade":
        return str(first.year)[:3]
    if unit == "century":
        return f"{first.year // 100:02d}"
    return None


def weekend_bounds(day: dt.date, n: int, direction: str) -> tuple[dt.date, dt.date]:
    """Saturday and Sunday: this weekend (the latest begun, or the next when reading forward), the
    last one (ended before ``day``) or the next one (beginning after it)."""
    if n < 0:
        sunday = spans.weekday_near(day - dt.timedelta(days=1), 6, "past")
    elif n > 0 or direction == "future":
        saturday = spans.weekday_near(day + dt.timedelta(days=1 if n > 0 else 0), 5, "future")
        sunday = saturday + dt.timedelta(days=1)
    else:
        sunday = spans.weekday_near(day, 5, "past") + dt.timedelta(days=1)
    return sunday - dt.timedelta(days=1), sunday


def _weekend(ctx: Context, n: int) -> Reading:
    assert ctx.day is not None
    first, last = weekend_bounds(ctx.day, n, ctx.direction)
    iso = first.isocalendar()
    span = DateSpan(first, last, "week", None, "relative")
    return Reading(span, "date", f"{iso.year}-W{iso.week:02d}-WE", "offset", -7 * n)


def _period(ctx: Context, unit: str, forward: bool) -> Reading:
    """ "the past week", "the next decade": the length of one unit back from (or on from) the anchor."""
    assert ctx.day is not None
    first, last = unit_bounds(ctx.day, unit, 0)
    length = last - first
    lo, hi = (ctx.day, ctx.day + length) if forward else (ctx.day - length, ctx.day)
    span = DateSpan(lo, hi, _GRANULARITY[unit], None, "relative")
    return Reading(span, "date", _LENGTH_VALUE[unit], "offset", 0 if not forward else -length.days)


def relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "last week", "this month", "earlier this year", "the end of last year", "next quarter"."""
    det, part, unit = _words(m["det"]), _words(m["part"]), m["unit"].lower()
    if det in ("the", "") and not part and not (unit == "weekend" and det == "the"):
        return None
    if ctx.day is None:
        return UNPLACED
    if det in ("the past", "past") and unit != "weekend" and unit != "quarter":
        return _period(ctx, unit, forward=False)
    if unit in ("decade", "century") and det.startswith("the ") and det != "the current":
        return _period(ctx, unit, forward=det != "the last" and det != "the previous")
    n = v.UNIT_DETERMINERS.get(det, 0)
    if unit == "weekend":
        return _weekend(ctx, n)
    if det in ("the", "") and _ended_part(ctx, unit, part):
        n = -1
    if (
        unit == "week"
        and n == -1
        and not part
        and ctx.exact
        and ctx.direction == "past"
        and ctx.day.weekday() == 6
    ):
        n = 0  # said on a Sunday, "last week" is the week that ends that day (Sunday to Saturday in US use)
    return _unit_reading(ctx, unit, n, part)


def _ended_part(ctx: Context, unit: str, part: str) -> bool:
    """ "peaked by the end of the year", told in the past early in a year, is the year gone by:
    the end of this one has not come yet."""
    assert ctx.day is not None
    if ctx.direction != "past" or v.UNIT_PARTS.get(part) != "END":
        return False
    first, last = unit_bounds(ctx.day, unit, 0)
    return ctx.day < first + (last - first) / 2


def _unit_reading(ctx: Context, unit: str, n: int, part: str) -> Reading:
    assert ctx.day is not None
    first, last = unit_bounds(ctx.day, unit, n)
    if n == 0:
        # "this year" runs up to the anchor in the past tense and on from it in the future tense.
        if part in ("later", "late") or (not part and ctx.direction == "future"):
            first = max(first, ctx.day)
        elif part in ("", "earlier", "early"):
            last = min(last, ctx.day)
    span = DateSpan(first, last, _GRANULARITY[unit], None, "relative")
    mode: Mode = "offset" if unit == "week" else "calendar"
    return Reading(span, "date", unit_value(first, unit), mode, -7 * n if unit == "week" else 0)


def unit_before(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the year before", "the previous month": the unit before the anchor's."""
    if ctx.day is None:
        return UNPLACED
    return _unit_reading(ctx, (m["unit"] or m["unit2"]).lower(), -1, "")


def quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the third quarter of this year", "Q3 2009", "the fourth quarter" (the latest begun by the
    anchor, or the next to end when reading forward)."""
    q = v.ORDINALS[m["ord"].lower()] if m["ord"] else int(m["q"][1])
    explicit = m["y"] or m["fy"] or m["qy"]
    if explicit:
        first, last = spans.quarter_bounds(int(explicit), q)
        return unit_reading(first, last, "month", "explicit", f"{explicit}-Q{q}")
    if ctx.day is None:
        return UNPLACED
    if m["det"]:
        year = ctx.day.year + v.UNIT_DETERMINERS.get(_words(m["det"]), 0)
    elif ctx.direction == "future":
        year = ctx.day.year if spans.quarter_bounds(ctx.day.year, q)[1] >= ctx.day else ctx.day.year + 1
    else:
        year = ctx.day.year if spans.quarter_bounds(ctx.day.year, q)[0] <= ctx.day else ctx.day.year - 1
    first, last = spans.quarter_bounds(year, q)
    return unit_reading(first, last, "month", "relative", f"{year}-Q{q}")


def half(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "the first half of 2022", "the second half of this year"."""
    h = 1 if m["h"].lower() in ("first", "1st") else 2
    basis: Basis = "explicit" if m["y"] else "relative"
    if m["y"]:
        year = int(m["y"])
    elif ctx.day is None:
        return UNPLACED
    else:
        year = ctx.day.year + v.UNIT_DETERMINERS.get(_words(m["det"]), 0)
    first = dt.date(year, 1 if h == 1 else 7, 1)
    last = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
    return unit_reading(first, last, "month", basis, f"{year}-H{h}")


def _season_trusted(m: re.Match[str], ctx: Context) -> bool:
    """ "spring" and "fall" are also other words: in running text we want a determiner, a
    preposition or a year, and "the fall of Kabul" stays a fall."""
    det = _words(m["det"])
    if ctx.standalone or m["y"]:
        return True
    if m["s"].lower() == "fall":
        followed = m.string[m.end() : m.end() + 4].lower()
        return det not in ("", "the") or (bool(m["pre"]) and not followed.startswith(" of"))
    return bool(m["pre"] or det or m["part"])


def season(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "last summer", "spring 2009", "this winter": three months (winter from December)."""
    if not _season_trusted(m, ctx):
        return None
    code, first_month = v.SEASONS[m["s"].lower()]
    if m["y"]:
        first, last = spans.season_bounds(int(m["y"]), first_month)
        return unit_reading(first, last, "month", "explicit", f"{m['y']}-{code}")
    if ctx.day is None:
        return UNPLACED
    year = _season_year(ctx, first_month, _words(m["det"]))
    first, last = spans.season_bounds(year, first_month)
    return unit_reading(first, last, "month", "relative", f"{year}-{code}")


def _season_year(ctx: Context, first_month: int, det: str) -> int:
    """The year in which the meant season begins."""
    assert ctx.day is not None
    day = ctx.day
    options = [(year, *spans.season_bounds(year, first_month)) for year in range(day.year - 2, day.year + 2)]
    if det == "this":
        return day.year - 1 if first_month == 12 and day.month <= 2 else day.year
    if det in ("last", "this past"):
        return max(year for year, _, end in options if end < day)
    if det in ("next", "this coming", "the coming") or ctx.direction == "future":
        strict = det != ""
        return min(year for year, start, end in options if (start > day if strict else end >= day))
    return max(year for year, start, _ in options if start <= day)
