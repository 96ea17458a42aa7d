"""Rules for lengths and frequencies of time, and for vague references: "for six hours", "the past
two years", "in recent weeks", "every week", "now", "recently".

A free duration ("for six hours", "a decade") has no place in time: kind ``duration``, no span.
A duration tied to the anchor ("the past two years", "in recent days") is a place in time, so it is
kind ``date`` with the span it covers, and its TimeML value is still the duration (P2Y, PXD).
"""

from __future__ import annotations

import datetime as dt
import re

from backchannel.dates import vocabulary as v
from backchannel.dates.reading import Context, Reading
from backchannel.dates.words import number_of, number_text
from backchannel.model import DateSpan, Granularity

_BACK = {"past", "last", "previous"}
_FORWARD = {"next", "coming", "following"}


def _unit_name(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def duration_value(count: float | None, unit: str) -> str:
    """P2Y, PT6H, P10Y for a decade, PXD when the count is vague."""
    letter, clock, multiple = v.UNITS[unit]
    amount = None if count is None else count * multiple
    return f"P{'T' if clock else ''}{number_text(amount)}{letter}"


def duration(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "for six hours", "a decade", "90 days", "the past two years", "four-week", "years"."""
    if m["old"] or m["ago"]:
        return None
    unit, plural = _unit_name(m["unit"]), m["unit"].lower().endswith(("s", "ies"))
    mods = set(_words(m["mod"]).split())
    if m["num"]:
        try:
            count = number_of(m["num"])
        except KeyError:
            return None
    elif (plural and (m["pre"] or mods)) or (ctx.standalone and (plural or _whole(m))):
        count = None if plural else 1
    else:
        return None
    if unit == "second" and (not m["num"] or _ordinal_second(m)):
        return None  # "second term", "a second consecutive day": the ordinal, not a unit of time
    value = duration_value(count, unit)
    if count is None or unit not in v.UNIT_DAYS or not (mods & (_BACK | _FORWARD)) or "first" in mods:
        return Reading(None, "duration", value)
    if ctx.day is None:
        return Reading(None, "date", value, "calendar")
    length = dt.timedelta(days=round(count * v.UNIT_DAYS[unit]))
    first, last = (ctx.day - length, ctx.day) if mods & _BACK else (ctx.day, ctx.day + length)
    return Reading(
        DateSpan(first, last, _granularity(length.days), None, "relative"), "date", value, "calendar"
    )


def _ordinal_second(m: re.Match[str]) -> bool:
    following = m.string[m.end() : m.end() + 20].split()
    return bool(following) and following[0].isalpha() and following[0].lower() not in _AFTER_SECOND


_AFTER_SECOND = {"later", "earlier", "ago", "before", "after", "and", "or", "of"}


def _whole(m: re.Match[str]) -> bool:
    """The match is the whole text, but for an article: "the week" alone, not "the 99th day"."""
    head = m.string[: m.start()].strip().lower()
    return head in ("", "the", "a", "an") and not m.string[m.end() :].strip(" .,;")


def _granularity(days: int) -> Granularity:
    """How precise a span of ``days`` is: up to a fortnight "week", up to two months "month"."""
    return "week" if days <= 16 else "month" if days <= 62 else "year"


def _words(text: str | None) -> str:
    return " ".join(text.lower().split()) if text else ""


def recent(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "in recent days", "the past few weeks": up to the anchor, as far back as the unit suggests."""
    back, value = v.RECENT_UNITS[m["unit"].lower()]
    if ctx.day is None:
        return Reading(None, "date", value, "calendar")
    span = DateSpan(ctx.day - dt.timedelta(days=back), ctx.day, _granularity(back), None, "relative")
    return Reading(span, "date", value, "calendar")


def reference(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "now" (the anchor day), "recently" (the month before it), "the past", "in the future"."""
    word = _words(m["w"])
    if word in v.LOOSE_REFERENCES and not ctx.standalone:
        return None
    value, back = v.REFERENCES[word]
    if back is None or ctx.day is None:
        return Reading(None, "date", value, "calendar")
    first = ctx.day - dt.timedelta(days=back)
    granularity: Granularity = "day" if back == 0 else _granularity(back)
    return Reading(DateSpan(first, ctx.day, granularity, None, "relative"), "date", value, "calendar")


def frequency(m: re.Match[str], ctx: Context) -> Reading | None:
    """ "every week", "twice a day", "annually", "each Monday": kind ``set``, no span."""
    if m["adv"]:
        return Reading(None, "set", v.SETS[m["adv"].lower()])
    word = _words(m["u"])
    if word in v.WEEKDAYS:
        return Reading(None, "set", f"XXXX-WXX-{v.WEEKDAYS[word] + 1}")
    return Reading(None, "set", v.SET_UNITS[word])
