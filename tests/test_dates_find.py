"""find_times: every expression in running text, with offsets, kinds, and no false dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backchannel.dates import find_times
from backchannel.model import DateSpan

ANCHOR = DateSpan.day(dt.date(2021, 3, 31))  # a Wednesday


@pytest.mark.parametrize(
    "text",
    [
        "The package is worth $725 million.",
        "Some 2,000 troops moved into Crimea.",
        "Turnout was 80% in the east.",
        "an Oreshnik intermediate-range ballistic missile",
        "a fleet of F-16 jets",
        "the COVID-19 pandemic",
        "about 2000 soldiers and 1500 vehicles",
        "Theresa May said she would march on.",
        "after the fall of Kabul",
        "a man in his 70s",
        "the 3rd Infantry Division",
        "the crash known as Black Monday",  # an occasion, not the latest Monday
        "Obama won a second term",  # the ordinal, not one second
    ],
)
def test_dates_find_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_times(text, ANCHOR) == []


@pytest.mark.parametrize(
    ("text", "words", "start", "end"),
    [
        ("agreed upon in July 2020 by both", "July 2020", dt.date(2020, 7, 1), dt.date(2020, 7, 31)),
        ("Moscow in 2014 seized Crimea", "2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
        ("elections in May", "May", dt.date(2020, 5, 1), dt.date(2020, 5, 31)),
        ("since last fall", "last fall", dt.date(2020, 9, 1), dt.date(2020, 11, 30)),
        # The preposition does not make "since September" longer than "September 2008".
        (
            "the highest pace since September 2008.",
            "September 2008",
            dt.date(2008, 9, 1),
            dt.date(2008, 9, 30),
        ),
    ],
)
def test_dates_find_one_mention_each(text: str, words: str, start: dt.date, end: dt.date) -> None:
    # "July 2020" is one month, not a month and a separate year; "in" is not part of the words.
    (mention,) = find_times(text, ANCHOR)
    assert mention.text == words
    assert mention.span is not None and (mention.span.start, mention.span.end) == (start, end)


def test_dates_find_offsets_and_kinds() -> None:
    text = (
        "Army Gen. Mark Milley met in Finland for six hours Wednesday with Gerasimov. "
        "The two speak every week. Shelling resumed Sunday night."
    )
    found = find_times(text, ANCHOR)
    assert all(text[t.start : t.end] == t.text for t in found)
    kinds = {t.text: t.kind for t in found}
    assert kinds["six hours"] == "duration"
    assert kinds["Wednesday"] == "date"
    assert kinds["every week"] == "set"
    assert kinds["Sunday night"] == "time"
    by_text = {t.text: t.span for t in found}
    assert by_text["six hours"] is None and by_text["every week"] is None  # no place in time
    night = by_text["Sunday night"]
    assert night is not None and night.start == dt.date(2021, 3, 28)  # the Sunday before Wednesday


def test_dates_find_clock_time_takes_the_day_it_follows() -> None:
    # "at 5 p.m." has no day of its own: it takes the day of the mention before it (Monday 29 March).
    text = "Sullivan spoke with Yermak on Monday. The call began at 5 p.m. and lasted an hour."
    found = {t.text: t for t in find_times(text, ANCHOR)}
    clock = found["5 p.m."]
    assert clock.kind == "time" and clock.span is not None and clock.span.start == dt.date(2021, 3, 29)


def test_dates_find_that_day_follows_the_previous_day() -> None:
    text = "The strike came on March 26, 2021. Kirby spoke that day, and Milley the next day."
    found = {t.text: t.span for t in find_times(text, ANCHOR)}
    assert found["that day"] is not None and found["that day"].start == dt.date(2021, 3, 26)
    assert found["the next day"] is not None and found["the next day"].start == dt.date(2021, 3, 27)


def test_dates_find_text_field_of_span_is_the_words() -> None:
    (mention,) = find_times("They spoke last week.", ANCHOR)
    assert mention.span is not None and mention.span.text == "last week"


@pytest.mark.parametrize("text", ["5000 years ago", "over the past 9999 years", "in the next 8000 years"])
def test_dates_find_beyond_the_calendar(text: str) -> None:
    # datetime holds years 1 to 9999; an amount that reaches past them is not placed, and nothing fails.
    assert all(t.span is None for t in find_times(text, ANCHOR))


@given(st.text(max_size=300))
def test_dates_find_never_fails_and_offsets_hold(text: str) -> None:
    for mention in find_times(text, ANCHOR):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.kind in ("date", "duration", "set", "time")


@given(
    st.lists(
        st.sampled_from(
            ["on", "Wednesday", "last", "week", "March", "31,", "2021", "the", "26th", "of", "in", "May",
             "for", "three", "days", "ago", "will", "said", "yesterday", "2,000", "$5", "Q3", "'82", ".",
             "9999", "years", "past", "next", "century", "99th"]
        ),
        max_size=25,
    )
)  # fmt: skip
def test_dates_find_fuzz_date_words(words: list[str]) -> None:
    # Date-like words in any order: spans are well formed whatever the grammar makes of them.
    text = " ".join(words)
    for mention in find_times(text, ANCHOR):
        span = mention.span
        assert text[mention.start : mention.end] == mention.text
        if span is not None:
            assert span.start is not None and span.end is not None and span.start <= span.end
