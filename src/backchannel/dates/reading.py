"""What a rule makes of one matched expression: the ``Reading``, and the ``Context`` it reads in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from backchannel.model import DateSpan

# How a reading meets an anchor that is an interval (a month-only publication date):
#   absolute  the words fix the date ("March 31, 2021"); the anchor does not matter;
#   calendar  a calendar unit found from the anchor ("Wednesday", "last month", "Nov. 27");
#   offset    a fixed distance back from the publication day ("yesterday", "last week").
Mode = Literal["absolute", "calendar", "offset"]


@dataclass(slots=True, frozen=True)
class Context:
    """Where a rule reads: the anchor day (None when unknown), the tense around the words, the day
    of the previous day-precise mention (for "that day" and bare clock times), and whether the text
    is one expression handed to ``resolve`` (then bare words such as "May" or "years" are trusted)."""

    day: dt.date | None
    direction: str = "past"
    hint: dt.date | None = None
    standalone: bool = False
    year: int | None = None  # the year of a nearby explicit date, for "Oct. 23" in a dated passage
    exact: bool = False  # the anchor is one day (not one end of a month or year read twice)

    def at(self, day: dt.date | None) -> Context:
        return replace(self, day=day)


@dataclass(slots=True, frozen=True)
class Reading:
    """A resolved expression. ``span`` is None when the words are temporal but cannot be placed
    (no anchor, a vague reference, a free duration). ``value`` is the TimeML value when the span
    alone cannot say it (durations, sets, seasons, clock times, references); ``offset`` is the
    distance in days back from the anchor for mode ``offset``."""

    span: DateSpan | None
    kind: str = "date"
    value: str | None = None
    mode: Mode = "absolute"
    offset: int = 0
    rule: str = ""

    def named(self, rule: str) -> Reading:
        return replace(self, rule=rule)
