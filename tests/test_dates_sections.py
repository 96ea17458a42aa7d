"""A page of several dated items reads each item's "today" from its own date line."""

from __future__ import annotations

import datetime as dt

from backchannel.dates import find_times_by_section
from backchannel.model import DateSpan

PAGE = (
    "Readouts\n\n01/08/2022\n\nThe Secretary spoke today with the High Representative.\n\n"
    "01/09/2022\n\nThe Deputy Secretary met today with the Deputy Foreign Minister in Geneva.\n\n"
    "Both said the talks would go on on Monday."
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for block in text.split("\n\n"):
        out.append((pos, pos + len(block)))
        pos += len(block) + 2
    return out


def _day(text: str, word_after: str) -> dt.date | None:
    published = DateSpan(dt.date(2022, 1, 8), dt.date(2022, 1, 8), "day")
    at = text.index(word_after)
    times = find_times_by_section(text, _paragraphs(text), published)
    hit = next(t for t in times if t.start >= at and t.text == "today")
    return hit.span.start if hit.span else None


def test_dates_sections_today_follows_the_date_line_above_it() -> None:
    assert _day(PAGE, "The Secretary spoke") == dt.date(2022, 1, 8)
    assert _day(PAGE, "The Deputy Secretary met") == dt.date(2022, 1, 9)


def test_dates_sections_a_page_without_date_lines_reads_from_the_publication() -> None:
    text = "The Secretary spoke today with the High Representative."
    assert _day(text, "The Secretary") == dt.date(2022, 1, 8)
