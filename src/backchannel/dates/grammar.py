"""The grammar: which pattern is read by which rule, which words set it off, in order of preference.

When two patterns match the same words, the longer match wins; on equal length the earlier row
here wins (so "last week" is a calendar week, not a duration of one week).

Running thirty patterns over every position of a text is slow in Python's regex engine (each
pattern opens with optional words). So every pattern names its *triggers*, the words one of which
any match must contain ("week" for "last week", a month name for "March 31, 2021"). ``matches``
splits the text into words once, and tries a pattern only where a trigger occurs, anchored at the
few word starts before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from backchannel.dates import absolute, periods, relative, units
from backchannel.dates import patterns as p
from backchannel.dates import vocabulary as v
from backchannel.dates.place import Rule

REACH = 8  # a match starts at most this many words before its trigger ("for more than two and a half years")


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    pattern: re.Pattern[str]
    rule: Rule
    triggers: tuple[str, ...]  # words, or word classes in capitals (see ``word_classes``)
    uses_hint: bool = False  # read from the previous day-precise mention ("that day", "at 5 p.m.")


_UNITS = ("second", "minute", "hour", "day", "night", "week", "weekend", "month", "quarter", "year", "decade")
_CALENDAR_UNITS = ("week", "weekend", "month", "quarter", "year", "decade", "century")
_REFERENCE_WORDS = tuple({phrase.split()[-1] for phrase in v.REFERENCES})

GRAMMAR: tuple[Entry, ...] = (
    Entry("calendar", p.CALENDAR, absolute.calendar_date, ("MONTH",)),
    Entry("iso", p.ISO_DATE, absolute.iso_date, ("DIGITS",)),
    Entry("slash", p.SLASH_DATE, absolute.slash_date, ("DIGITS",)),
    Entry("dot", p.DOT_DATE, absolute.dot_date, ("DIGITS",)),
    Entry("day-range", p.DAY_RANGE, absolute.day_range, ("MONTH",)),
    Entry("month-range", p.MONTH_RANGE, absolute.month_range, ("MONTH",)),
    Entry("year-range", p.YEAR_RANGE, absolute.year_range, ("DIGITS",)),
    Entry("month-year", p.MONTH_YEAR, absolute.month_year, ("MONTH",)),
    Entry("month-relative-year", p.MONTH_RELATIVE_YEAR, absolute.month_relative_year, ("MONTH",)),
    Entry("quarter", p.QUARTER, units.quarter, ("quarter", "QUARTER")),
    Entry("half", p.HALF, units.half, ("half",)),
    Entry("relative-unit", p.RELATIVE_UNIT, units.relative_unit, _CALENDAR_UNITS),
    Entry("unit-before", p.UNIT_BEFORE, units.unit_before, ("week", "month", "year")),
    Entry("ago", p.AGO, relative.ago, ("ago",)),
    Entry("day-word", p.DAY_WORD, relative.day_word, ("today", "tonight", "yesterday", "tomorrow", "PART")),
    Entry("weekday", p.WEEKDAY_REF, relative.weekday_ref, ("WEEKDAY",)),
    Entry("clock", p.CLOCK_TIME, relative.clock_time, ("DIGITS", "AMPM", "noon", "midnight"), uses_hint=True),
    Entry("season", p.SEASON, units.season, tuple(v.SEASONS)),
    Entry("decade", p.DECADE, absolute.decade, ("DECADE",)),
    Entry("century", p.CENTURY, absolute.century, ("century",)),
    Entry("fiscal", p.FISCAL, absolute.fiscal_year, ("fiscal", "financial", "FISCAL")),
    Entry("month", p.MONTH_ALONE, relative.month_alone, ("MONTH",)),
    Entry("ordinal-day", p.ORDINAL_DAY, relative.ordinal_day, ("ORDINAL",)),
    Entry("year", p.YEAR_ALONE, absolute.year_alone, ("DIGITS",)),
    Entry("two-digit-year", p.TWO_DIGIT_YEAR, absolute.two_digit_year, ("DIGITS",)),
    Entry("recent", p.RECENT, periods.recent, ("days", "weeks", "months", "years")),
    Entry("set", p.SET, periods.frequency, ("every", "each", "per", "once", "twice", "times", *v.SETS)),
    Entry("reference", p.REFERENCE, periods.reference, _REFERENCE_WORDS),
    Entry("that-day", p.ANAPHORIC_DAY, relative.anaphoric_day, ("day",), uses_hint=True),
    Entry("part-of-day", p.PART_OF_DAY, relative.part_of_day, ("PART",), uses_hint=True),
    Entry("duration", p.DURATION, periods.duration, (*_UNITS, "century")),
)

# Word classes for tokens with digits, tested in order.
_CLASSES = (
    ("ORDINAL", re.compile(r"\d{1,2}(?:st|nd|rd|th)")),
    ("DECADE", re.compile(r"\d{2,4}s")),
    ("QUARTER", re.compile(r"Q[1-4]")),
    ("FISCAL", re.compile(r"FY\d{2,4}", re.IGNORECASE)),
    ("AMPM", re.compile(r"\d{1,2}[ap]m", re.IGNORECASE)),
    ("DIGITS", re.compile(r"\d+")),
)


def _word_table() -> dict[str, tuple[int, ...]]:
    """Lower-case word -> the grammar rows it triggers (names and plurals expanded)."""
    classes: dict[str, tuple[str, ...]] = {
        "MONTH": (*v.MONTHS, *v.MONTH_ABBREVIATIONS),
        "WEEKDAY": (*v.WEEKDAYS, *v.WEEKDAY_ABBREVIATIONS, *(f"{d}s" for d in v.WEEKDAYS)),
        "PART": tuple(v.PARTS_OF_DAY),
    }
    table: dict[str, set[int]] = {}
    for row, entry in enumerate(GRAMMAR):
        for trigger in entry.triggers:
            words = classes.get(trigger, (trigger,) if trigger.islower() else ())
            for word in words:
                plural = "centuries" if word == "century" else f"{word}s"
                for form in (word, plural):
                    table.setdefault(form, set()).add(row)
    return {word: tuple(sorted(rows)) for word, rows in table.items()}


_WORDS = _word_table()
_CLASS_ROWS = {
    name: tuple(row for row, entry in enumerate(GRAMMAR) if name in entry.triggers) for name, _ in _CLASSES
}
_TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=8192)
def rows_for(word: str) -> tuple[int, ...]:
    """The grammar rows a word triggers."""
    rows = _WORDS.get(word.lower())
    if rows is not None:
        return rows
    if not any(c.isdigit() for c in word):
        return ()
    for name, shape in _CLASSES:
        if shape.fullmatch(word):
            return _CLASS_ROWS[name]
    return ()


def matches(text: str) -> Iterator[tuple[int, Entry, re.Match[str]]]:
    """Every (row, entry, match) whose pattern matches around one of its trigger words.

    1. Split the text into words once.
    2. For each word that triggers rows, try each row's pattern anchored at the word starts up to
       ``REACH`` words before it (and just before the word, for "'82"), earliest first.
    3. The first match that reaches past the trigger's start is the one; duplicates are dropped.
    """
    words = [(m.start(), m[0]) for m in _TOKEN.finditer(text)]
    starts = [start for start, _ in words]
    seen: set[tuple[int, int, int]] = set()
    for i, (pos, word) in enumerate(words):
        rows = rows_for(word)
        if not rows:
            continue
        tries = starts[max(0, i - REACH) : i + 1]
        if pos and text[pos - 1] in "'’":
            tries = [*tries[:-1], pos - 1, pos]
        for row in rows:
            m = _first_covering(GRAMMAR[row].pattern, text, tries, pos)
            if m is not None and (row, m.start(), m.end()) not in seen:
                seen.add((row, m.start(), m.end()))
                yield row, GRAMMAR[row], m


def _first_covering(pattern: re.Pattern[str], text: str, tries: list[int], pos: int) -> re.Match[str] | None:
    for start in tries:
        m = pattern.match(text, start)
        if m is not None and m.end() > pos:
            return m
    return None
