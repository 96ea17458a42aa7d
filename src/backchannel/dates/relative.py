"""Rules for expressions placed from the anchor day: weekdays, "yesterday", "three days ago", a
month without its year, "on the 26th", clock times, "that day" (calendar units are in ``units.py``).

With no anchor (``ctx.day`` None) these rules still recognise the words but return a reading
without a span: we never fabricate a day.
"""

from __future__ import annotations

import datetime as dt
import re

from backchannel.dates import spans
from backchannel.dates import vocabulary as v
from backchannel.dates.absolute import day_reading, unit_reading
from backchannel.dates.reading import Context, Mode, Reading
from backchannel.dates.words import month_of, number_of, weekday_of

UNPLACED = Reading(None, "date", None, "calendar")
# Hours, minutes and seconds with no a.m./p.m. and no zone are a time taken, not a time of day.
_RACE_TIME = re.compile(r"\d{1,2}:[0-5]\d:[0-5]\d")
_STRICT_PAST = {"last", "this past", "past"}
_STRICT_FUTURE = {"next", "coming", "this coming"}


def _words(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


def month_alone(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "in March", "late last July", "last May": the month in the year the tense points to."""
    det = _words(m["det"])
    if not (m["pre"] or m["part"] or det or ctx.standalone):
        return None
    if ctx.day is None:
        return UNPLACED
    month = month_of(m["m"])
    if m["ydet"]:
        year = ctx.day.year + v.UNIT_DETERMINERS[_words(m["ydet"])]
    elif det == "this":
        year = ctx.day.year
    else:
        direction = "future" if det == "next" else "past" if det else ctx.direction
        year = spans.month_near(ctx.day, month, direction, strict=bool(det))
    return unit_reading(*spans.month_bounds(year, month), "month", "relative")


def ordinal_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "on the 26th": that day of the anchor's month, or of the month before (after) it."""
    if not (m["pre"] or ctx.standalone):
        return None
    if ctx.day is None:
        return UNPLACED
    dom, step = int(re.sub(r"\D", "", m["d"])), (1 if ctx.direction == "future" else -1)
    for months in range(3):
        year, month = spans.add_months(ctx.day.year, ctx.day.month, step * months)
        try:
            day = dt.date(year, month, dom)
        except ValueError:
            continue
        if (day >= ctx.day) if step > 0 else (day <= ctx.day):
            return day_reading(day, "relative", None, "calendar")
    return None


def weekday_ref(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "on Wednesday", "Friday's violation", "last Monday", "Sunday night", "Fridays"."""
    weekday, det = weekday_of(m["wd"]), _words(m["det"])
    before = m.string[max(0, m.start("wd") - 12) : m.start("wd")].split()
    if before and before[-1][:1].isupper() and before[-1].lower() in v.NAMED_DAY_WORDS:
        return None  # "Black Monday" is an occasion, not last Monday
    if m["plural"]:
        return Reading(None, "set", f"XXXX-WXX-{weekday + 1}")
    kind = "time" if (m["part"] or m["clock"]) else "date"
    if ctx.day is None:
        return Reading(None, kind, None, "calendar")
    if det in _STRICT_PAST or det in _STRICT_FUTURE:
        day = spans.weekday_near(ctx.day, weekday, "past" if det in _STRICT_PAST else "future", strict=True)
    else:
        day = spans.weekday_near(ctx.day, weekday, "future" if det == "this" else ctx.direction)
    return timed_day(day, _part_code(m["part"]), m["clock"], "calendar", 0)


def _part_code(part: str | None) -> str | None:
    return v.PARTS_OF_DAY[part.lower()] if part else None


def timed_day(day: dt.date, part: str | None, clock: str | None, mode: Mode, offset: int) -> Reading:
    """A day, kind "time" with its TimeML value when a clock time or a part of the day (a TimeML
    code such as "NI") goes with it: 2013-03-17TNI, 2013-03-22T15:00."""
    reading = day_reading(day, "relative", clock, mode)
    if part and not clock:
        return Reading(reading.span, "time", f"{day.isoformat()}T{part}", mode, offset)
    return Reading(reading.span, reading.kind, reading.value, mode, offset)


def day_word(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "yesterday", "today", "last night", "tomorrow morning": a fixed number of days back."""
    word = _words(m["w"])
    offset = v.DAY_WORDS[word]
    part = _part_code(m["part"]) or v.DAY_WORD_PARTS.get(word)
    if ctx.day is None:
        return Reading(None, "time" if part or m["clock"] else "date", None, "offset", offset)
    return timed_day(ctx.day - dt.timedelta(days=offset), part, m["clock"], "offset", offset)


def clock_time(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "5:00 p.m.", "15:00 GMT Saturday", "16:00 UTC today": on the named day, else on the day of
    the previous mention, else on the anchor day. "3:07:35" is a time taken (a duration)."""
    if _RACE_TIME.fullmatch(m[0].strip()):
        hours, minutes, seconds = (int(x) for x in m[0].split(":"))
        return Reading(None, "duration", f"PT{hours}H{minutes}M{seconds}S")
    if ctx.day is not None and m["wd"]:
        day = spans.weekday_near(ctx.day, weekday_of(m["wd"]), ctx.direction)
        return timed_day(day, None, m["clock"], "calendar", 0)
    if ctx.day is not None and m["w"]:
        offset = v.DAY_WORDS[_words(m["w"])]
        return timed_day(ctx.day - dt.timedelta(days=offset), None, m["clock"], "offset", offset)
    base = ctx.hint or ctx.day
    if base is None:
        return Reading(None, "time", None, "offset")
    return timed_day(base, None, m["clock"], "offset", 0)


def part_of_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "that night", "later that evening", and in ``resolve`` a bare "morning": a part of the
    day of the previous day-precise mention (of the anchor day in ``resolve``)."""
    if not (m["that"] or ctx.standalone):
        return None
    day = ctx.hint or (ctx.day if ctx.standalone else None)
    if day is None:
        return Reading(None, "time", None, "absolute")
    return timed_day(day, _part_code(m["part"]), None, "absolute", 0)


def ago(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "three days ago" (a day), "two years ago" (a year), "a month ago" (a month)."""
    unit = m["unit"].lower().rstrip("s")
    count = number_of(m["num"])
    if count is None or count != int(count):
        return Reading(None, "date", "PAST_REF", "calendar")
    if ctx.day is None:
        return UNPLACED
    n = int(count)
    if unit in ("day", "week"):
        days = n * (7 if unit == "week" else 1)
        return timed_day(ctx.day - dt.timedelta(days=days), None, None, "offset", days)
    if unit == "month":
        year, month = spans.add_months(ctx.day.year, ctx.day.month, -n)
        return unit_reading(*spans.month_bounds(year, month), "month", "relative")
    year = ctx.day.year - n * (10 if unit == "decade" else 1)
    return unit_reading(*spans.year_bounds(year), "year", "relative")


_ANAPHORIC_SHIFT = {"the next day": 1, "the following day": 1, "the day before": -1, "the previous day": -1}


def anaphoric_day(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "that day", "the same day", "the next day": counted from the previous day-precise mention.
    A bare "the day" is trusted only in ``resolve``, where it means the anchor's day."""
    word = _words(m["w"])
    if word == "the day" and not ctx.standalone:
        return None
    base = ctx.hint or (ctx.day if ctx.standalone else None)
    if base is None:
        return UNPLACED
    return day_reading(base + dt.timedelta(days=_ANAPHORIC_SHIFT.get(word, 0)), "relative", None, "absolute")
