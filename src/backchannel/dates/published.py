"""Publication dates: from metadata, from the page, from the URL. A month stays a month."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from backchannel.model import DateSpan


def month_span(year: int, month: int, text: str | None = None, basis: str = "explicit") -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return DateSpan(dt.date(year, month, 1), dt.date(year, month, last), "month", text, basis)  # type: ignore[arg-type]


def parse_published(value: str | None) -> DateSpan | None:
    """A metadata value: a full timestamp, a date, a month or a year. None when absent or unparseable."""
    if not value or not str(value).strip():
        return None
    text = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return DateSpan.day(dt.date(int(m[1]), int(m[2]), int(m[3])), text)
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m and 1 <= int(m[2]) <= 12:
        return month_span(int(m[1]), int(m[2]), text)
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        year = int(m[1])
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text, "explicit")
    return None


def published_from_page(text: str) -> tuple[DateSpan, int, int] | None:
    """A publication date printed near the top of the page, with its offsets in ``text``."""
    return None


def published_from_url(url: str | None) -> DateSpan | None:
    """``/2021/11/23/`` gives a day and ``/2024/12/`` a month; basis ``inferred``."""
    if not url:
        return None
    m = re.search(r"/(20\d{2}|19\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)", url)
    if m:
        try:
            return DateSpan.day(dt.date(int(m[1]), int(m[2]), int(m[3])), m[0], "inferred")
        except ValueError:
            pass
    m = re.search(r"/(20\d{2}|19\d{2})/(\d{1,2})(?:/|$)", url)
    if m and 1 <= int(m[2]) <= 12:
        return month_span(int(m[1]), int(m[2]), m[0], "inferred")
    return None
