"""Calendar arithmetic: the interval of a week, month, quarter, season or year, and the nearest
weekday or month-day before or after a day. Plain functions over ``datetime.date``; no parsing."""

from __future__ import annotations

import calendar
import datetime as dt


def month_last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_last_day(year, month)


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """The (year, month) ``count`` months after (negative: before) the given one."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first_month = 3 * (quarter - 1) + 1
    return dt.date(year, first_month, 1), month_last_day(year, first_month + 2)


def season_bounds(year: int, first_month: int) -> tuple[dt.date, dt.date]:
    """Three months from ``first_month`` of ``year`` (winter runs into the next year)."""
    end_year, end_month = add_months(year, first_month, 2)
    return dt.date(year, first_month, 1), month_last_day(end_year, end_month)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def weekday_near(day: dt.date, weekday: int, direction: str, strict: bool = False) -> dt.date:
    """The latest ``weekday`` on or before ``day`` (past) or the earliest on or after it (future);
    ``strict`` excludes ``day`` itself ("last Friday" said on a Friday means a week ago)."""
    if direction == "future":
        ahead = (weekday - day.weekday()) % 7 or (7 if strict else 0)
        return day + dt.timedelta(days=ahead)
    back = (day.weekday() - weekday) % 7 or (7 if strict else 0)
    return day - dt.timedelta(days=back)


def month_day_near(day: dt.date, month: int, dom: int, direction: str) -> dt.date | None:
    """The latest ``month``/``dom`` on or before ``day`` (past) or the earliest on or after it
    (future). None when no year within eight has that date (a 30th of February)."""
    step = 1 if direction == "future" else -1
    for offset in range(9):
        try:
            candidate = dt.date(day.year + step * offset, month, dom)
        except ValueError:
            continue
        if (candidate <= day) if step < 0 else (candidate >= day):
            return candidate
    return None


def month_near(day: dt.date, month: int, direction: str, strict: bool = False) -> int:
    """The year of the latest ``month`` that has begun by ``day`` (past) or of the earliest that
    has not ended before it (future); ``strict`` skips the anchor's own month."""
    if direction == "future":
        ahead = month > day.month or (month == day.month and not strict)
        return day.year if ahead else day.year + 1
    behind = month < day.month or (month == day.month and not strict)
    return day.year if behind else day.year - 1


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1
