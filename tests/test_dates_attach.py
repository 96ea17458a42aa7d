"""attach: the event's date comes from its clause, else its sentence, else its paragraph, else the
publication date (basis "published")."""

from __future__ import annotations

import datetime as dt

from backchannel.dates import attach, find_times
from backchannel.model import DateSpan

PUBLISHED = DateSpan.day(dt.date(2021, 3, 31), "2021-03-31")  # a Wednesday

PARAGRAPH = (
    "Milley spoke with Khomchak on Wednesday. "
    "Sullivan, who met Yermak on Monday, spoke with him again. "
    "The talks covered the ceasefire."
)


def scope(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_dates_attach_clause_before_sentence() -> None:
    times = find_times(PARAGRAPH, PUBLISHED)
    sentence = scope(PARAGRAPH, "Sullivan, who met Yermak on Monday, spoke with him again.")
    clause = scope(PARAGRAPH, "who met Yermak on Monday")
    span, where = attach(times, [clause, sentence, (0, len(PARAGRAPH))], PUBLISHED)
    assert where == "clause" and span.start == dt.date(2021, 3, 29)


def test_dates_attach_sentence_then_paragraph_then_published() -> None:
    times = find_times(PARAGRAPH, PUBLISHED)
    first = scope(PARAGRAPH, "Milley spoke with Khomchak on Wednesday.")
    span, where = attach(times, [scope(PARAGRAPH, "Milley spoke"), first, (0, len(PARAGRAPH))], PUBLISHED)
    assert (where, span.start) == ("sentence", dt.date(2021, 3, 31))
    last = scope(PARAGRAPH, "The talks covered the ceasefire.")
    span, where = attach(times, [last, last, (0, len(PARAGRAPH))], PUBLISHED)
    assert where == "paragraph"  # the paragraph holds Wednesday and Monday: the first is taken
    span, where = attach(times, [last, last, last], PUBLISHED)
    assert where == "published" and span.basis == "published" and span.start == dt.date(2021, 3, 31)


def test_dates_attach_nearest_to_the_trigger() -> None:
    times = find_times(PARAGRAPH, PUBLISHED)
    trigger = PARAGRAPH.index("spoke with him")
    span, _ = attach(times, [(0, len(PARAGRAPH))], PUBLISHED, trigger)
    assert span.start == dt.date(2021, 3, 29)  # "on Monday" is closer than "on Wednesday"


def test_dates_attach_background_clause_keeps_its_own_date() -> None:
    text = (
        "Gerasimov contacted Brown last week. It was their first conversation since Brown replaced "
        "Milley, who last spoke with Gerasimov in October 2022."
    )
    month = DateSpan(dt.date(2024, 12, 1), dt.date(2024, 12, 31), "month", "2024-12", "explicit")
    times = find_times(text, month)
    background = scope(text, "who last spoke with Gerasimov in October 2022")
    span, where = attach(times, [background, (0, len(text))], month)
    assert where == "clause"
    assert (span.start, span.end, span.granularity) == (dt.date(2022, 10, 1), dt.date(2022, 10, 31), "month")


def test_dates_attach_ignores_durations_and_sets() -> None:
    text = "They met for six hours, as they do every week, on Wednesday."
    times = find_times(text, PUBLISHED)
    clause = scope(text, "They met for six hours")
    span, where = attach(times, [clause, (0, len(text))], PUBLISHED)
    assert where == "sentence" and span.start == dt.date(2021, 3, 31)


def test_dates_attach_unknown_publication() -> None:
    span, where = attach([], [(0, 10)], DateSpan.unknown())
    assert where == "unknown" and not span.known
