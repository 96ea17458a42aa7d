"""Turning matched words into numbers: months, weekdays, days of the month, counts, years, clocks."""

from __future__ import annotations

import datetime as dt
import re

from backchannel.dates import vocabulary as v

_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?::?(?P<m>[0-5]\d))?(?::\d\d)?\s*(?P<ampm>[AaPp])?\.?\s?(?:[Mm]\.?)?", re.ASCII
)


def month_of(word: str) -> int:
    key = word.strip().rstrip(".").lower()
    return v.MONTHS.get(key) or v.MONTH_ABBREVIATIONS[key]


def weekday_of(word: str) -> int:
    key = word.strip().rstrip(".").lower()
    return v.WEEKDAYS[key] if key in v.WEEKDAYS else v.WEEKDAY_ABBREVIATIONS[key]


def day_of(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def number_of(text: str) -> float | None:
    """A count written in digits or words ("90", "twenty-five", "two and a half"); None when vague
    ("several"). Raises KeyError for words it does not know."""
    words = " ".join(text.lower().split())
    half = words.endswith(" and a half")
    words = words.removesuffix(" and a half")
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        value: float | None = float(words)
    elif words in v.NUMBERS:
        value = v.NUMBERS[words]
    else:
        tens, _, unit = words.replace("-", " ").partition(" ")
        value = float(v.NUMBERS[tens] or 0) + float(v.NUMBERS[unit] or 0)
    if value is None:
        return None
    return value + 0.5 if half else value


def number_text(value: float | None) -> str:
    """A count as TimeML writes it: "2", "2.5", or "X" when vague."""
    if value is None:
        return "X"
    return str(int(value)) if value == int(value) else f"{value:g}"


def year_of_two_digits(digits: str, day: dt.date | None) -> int:
    """'82 is 1982 and '15 is 2015: the latest such year not after ten years past the anchor."""
    yy = int(digits)
    limit = (day.year if day else 2030) + 10
    return 2000 + yy if 2000 + yy <= limit else 1900 + yy


def clock_of(text: str) -> tuple[int, int | None] | None:
    """Hour (0-23) and minute (None when only the hour is written) of a clock time."""
    lowered = text.strip().lower()
    if lowered.startswith("noon"):
        return 12, 0
    if lowered.startswith("midnight"):
        return 0, 0
    m = _CLOCK.match(text.strip())
    if not m:
        return None
    hour, minute = int(m["h"]), (int(m["m"]) if m["m"] else None)
    if m["ampm"]:
        hour = hour % 12 + (12 if m["ampm"].lower() == "p" else 0)
    return (hour, minute) if hour < 24 else None


_UTC = re.compile(r"\b(?:{})\b".format("|".join(v.UTC_ZONES)))


def clock_value(day: dt.date, clock: str) -> str | None:
    """The TimeML value of a clock time on ``day``: 2013-03-22T15:00, with Z when it says UTC/GMT."""
    parsed = clock_of(clock)
    if parsed is None:
        return None
    hour, minute = parsed
    suffix = "Z" if _UTC.search(clock) else ""
    minutes = f":{minute:02d}" if minute is not None else ""
    return f"{day.isoformat()}T{hour:02d}{minutes}{suffix}"
