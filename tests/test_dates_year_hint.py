"""A yearless date takes its year from a dated passage right before it, not from the page."""

from __future__ import annotations

import datetime as dt

from backchannel.dates import find_times
from backchannel.model import DateSpan

DECEMBER_2024 = DateSpan(dt.date(2024, 12, 1), dt.date(2024, 12, 31), "month")


def _days(text: str, anchor: DateSpan) -> dict[str, dt.date | None]:
    return {t.text: (t.span.start if t.span else None) for t in find_times(text, anchor)}


def test_dates_year_hint_timeline_entry_keeps_its_year() -> None:
    # Read against a December 2024 page, "Oct. 23" alone would be 2024-10-23; the entry says 2022.
    days = _days("Oct. 21-24, 2022: Austin and Shoigu speak. Shoigu calls again on Oct. 23.", DECEMBER_2024)
    assert days["Oct. 23"] == dt.date(2022, 10, 23)


def test_dates_year_hint_bare_year_does_not_lend_its_year() -> None:
    # "in 2014" is background; "March 3" still counts back from the publication day.
    days = _days(
        "Russia annexed Crimea in 2014. On March 3, the two spoke.", DateSpan.day(dt.date(2022, 3, 5))
    )
    assert days["March 3"] == dt.date(2022, 3, 3)


def test_dates_year_hint_does_not_cross_paragraphs() -> None:
    days = _days("On March 15, 2023, they spoke.\n\nOn Oct. 23, they spoke again.", DECEMBER_2024)
    assert days["Oct. 23"] == dt.date(2024, 10, 23)
