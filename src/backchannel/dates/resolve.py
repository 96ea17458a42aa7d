"""Finding date expressions in a text and resolving each against its anchor.

    find_times(text, anchor)          every expression, with offsets, as TimeMention records
    resolve(text, anchor, direction)  one expression -> DateSpan (dateparser for odd formats)
    read(text, anchor, ...)           one expression -> Reading (span, kind and TimeML value)

Candidates come from the compiled patterns of ``grammar.py``; no model and no dateparser call is
involved in ``find_times``, so it costs a few milliseconds for a typical article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from backchannel.dates.direction import Clauses
from backchannel.dates.fallback import dateparser_span
from backchannel.dates.grammar import Entry, matches
from backchannel.dates.place import place
from backchannel.dates.reading import Context, Reading
from backchannel.model import DateSpan, TimeMention

_TRAILING = " \t\r\n,;:|-–—"


@dataclass(slots=True)
class Found:
    """One expression in the text: the words ``[start, end)`` and what they mean."""

    start: int
    end: int
    reading: Reading
    direction: str
    entry: Entry
    match: re.Match[str]

    @property
    def text(self) -> str:
        return self.match.string[self.start : self.end]


def _bounds(m: re.Match[str]) -> tuple[int, int]:
    """The expression's own words: after a leading preposition (``pre``), without trailing commas."""
    start = m.end("pre") if "pre" in m.re.groupindex and m["pre"] else m.start()
    text = m.string
    while start < m.end() and text[start] in " \t\r\n-":
        start += 1
    end = m.end()
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _read_match(entry: Entry, m: re.Match[str], anchor: DateSpan, ctx: Context) -> Found | None:
    try:
        reading = place(entry.rule, m, anchor, ctx)
    except (ValueError, OverflowError):
        return None  # "5000 years ago" falls off the calendar datetime can hold: not a date we place
    if reading is None:
        return None
    start, end = _bounds(m)
    return Found(start, end, reading.named(entry.name), ctx.direction, entry, m) if end > start else None


def scan(
    text: str, anchor: DateSpan, *, standalone: bool = False, direction: str | None = None
) -> list[Found]:
    """Every expression in ``text``, longest readings first where they overlap, in text order.

    1. Run the patterns of the grammar where their trigger words occur.
    2. Read each match (in the past tense, or in ``direction`` when given).
    3. Keep the longest expressions that do not overlap (the grammar's order breaks ties).
    4. Read the kept ones again in the tense of their clause, when that is the future.
    5. Re-read expressions that count from the previous day-precise mention ("that day").
    """
    found: list[tuple[int, int, Found]] = []
    for priority, entry, m in matches(text):
        item = _read_match(entry, m, anchor, Context(None, direction or "past", None, standalone))
        if item is not None:
            # Length of the expression's own words: "since September" must not beat "September 2008".
            found.append((item.start - item.end, priority, item))
    chosen = _longest(found)
    if direction is None:
        chosen = _in_tense(chosen, anchor, Clauses(text))
    return _with_hints(chosen, anchor, standalone)


def _longest(found: list[tuple[int, int, Found]]) -> list[Found]:
    """Longest first (then grammar order, then position); a match that overlaps a kept one goes.
    A byte per character marks what is taken, so long texts stay linear."""
    taken: list[Found] = []
    used = bytearray(len(found[0][2].match.string)) if found else bytearray()
    for _, _, item in sorted(found, key=lambda f: (f[0], f[1], f[2].match.start())):
        start, end = item.match.span()
        if 1 not in used[start:end]:
            used[start:end] = b"\x01" * (end - start)
            taken.append(item)
    return sorted(taken, key=lambda f: f.start)


def _in_tense(chosen: list[Found], anchor: DateSpan, clauses: Clauses) -> list[Found]:
    out = []
    for item in chosen:
        direction = clauses.direction(item.match.start(), item.match.end())
        if direction != item.direction:
            ctx = Context(None, direction, None, False)
            item = _read_match(item.entry, item.match, anchor, ctx) or item
        out.append(item)
    return out


YEAR_HINT_REACH = 200  # characters: a dated passage, not a background year further back


def _with_hints(chosen: list[Found], anchor: DateSpan, standalone: bool) -> list[Found]:
    """Give "that day" and bare clock times the day of the previous day-precise mention in the
    same paragraph, and a yearless "Oct. 23" the year of an explicit day or month date shortly
    before it in the same paragraph (a timeline entry "Oct. 21-24, 2022: ... on Oct. 23")."""
    out: list[Found] = []
    hint, hint_end = None, 0
    year, year_end = None, 0
    for item in chosen:
        between = item.match.string[hint_end : item.start]
        if "\n\n" in between:
            hint = None
        if "\n\n" in item.match.string[year_end : item.start] or item.start - year_end > YEAR_HINT_REACH:
            year = None
        if item.entry.uses_hint and hint is not None:
            ctx = Context(None, item.direction, hint, standalone)
            item = _read_match(item.entry, item.match, anchor, ctx) or item
        elif (
            year is not None
            and item.entry.name == "calendar"
            and item.reading.span is not None
            and item.reading.span.basis != "explicit"
        ):
            ctx = Context(None, item.direction, None, standalone, year)
            item = _read_match(item.entry, item.match, anchor, ctx) or item
        span = item.reading.span
        if span is not None and span.granularity == "day" and span.start == span.end:
            hint, hint_end = span.start, item.end
        if (
            span is not None
            and span.basis == "explicit"
            and span.granularity in {"day", "month"}
            and span.start
        ):
            year, year_end = span.start.year, item.end
        out.append(item)
    return out


def find_times(text: str, anchor: DateSpan) -> list[TimeMention]:
    """Every date expression in ``text`` (offsets into it), resolved against ``anchor``."""
    return [_mention(item) for item in scan(text, anchor)]


def _mention(item: Found) -> TimeMention:
    span = item.reading.span
    words = item.text
    return TimeMention(
        item.start,
        item.end,
        words,
        replace(span, text=words) if span is not None else None,
        item.reading.kind,
        item.direction,
    )


def read(text: str, anchor: DateSpan, direction: str = "past", hint: dt.date | None = None) -> Reading | None:
    """One expression (the longest reading in ``text``), as ``resolve`` sees it; bare words such as
    "May" or "years" are trusted because the caller says this is a date expression."""
    found = scan(text, anchor, standalone=True, direction=direction)
    if hint is not None:
        found = [_rehint(f, anchor, hint) for f in found]
    if not found:
        return None
    best = max(found, key=lambda f: f.end - f.start)
    return best.reading


def _rehint(item: Found, anchor: DateSpan, hint: dt.date) -> Found:
    if not item.entry.uses_hint:
        return item
    ctx = Context(None, item.direction, hint, True)
    return _read_match(item.entry, item.match, anchor, ctx) or item


def resolve(text: str, anchor: DateSpan, direction: str = "past") -> DateSpan | None:
    """One expression resolved against ``anchor``; None when it is not a date we can place.

    1. Our own rules, on the longest expression in ``text``.
    2. dateparser when they find nothing (odd formats), relative to the anchor's day.
    """
    reading = read(text, anchor, direction)
    if reading is not None:
        return replace(reading.span, text=text) if reading.span is not None else None
    day = anchor.end if direction == "past" else anchor.start
    span = dateparser_span(text.strip(), day, direction)
    return replace(span, text=text) if span is not None else None
