"""Pages that hold several dated items: a line that is only a date starts a new "today".

A page of press releases, a live blog or a digest prints each item under its own date line
("01/09/2022", "September 17, 2017 4:15 PM"). What an item says of "today", "Monday" or "last week"
is counted from its own date line, not from the page's publication date.

    find_times_by_section(text, paragraphs, published)   ``find_times`` with that rule
"""

from __future__ import annotations

from dataclasses import replace

from backchannel.dates.resolve import find_times
from backchannel.model import DateSpan, TimeMention

# A date line: the date covers nearly all of the paragraph (a clock time and a zone may follow).
COVER = 0.5
MAX_LINE_CHARS = 40


def find_times_by_section(
    text: str, paragraphs: list[tuple[int, int]], published: DateSpan
) -> list[TimeMention]:
    """Every date expression of ``text``; those after a date line are read against that line's day."""
    times = find_times(text, published)
    lines = [(start, day) for start, day in _date_lines(text, paragraphs, times) if day != published]
    if not lines:
        return times
    out = [t for t in times if t.start < lines[0][0]]
    bounds = [start for start, _ in lines[1:]] + [len(text)]
    for (start, day), end in zip(lines, bounds, strict=True):
        for t in find_times(text[start:end], day):
            out.append(replace(t, start=t.start + start, end=t.end + start))
    return sorted(out, key=lambda t: t.start)


def _date_lines(
    text: str, paragraphs: list[tuple[int, int]], times: list[TimeMention]
) -> list[tuple[int, DateSpan]]:
    """(paragraph start, day) of each paragraph that is only an explicit, day-precise date."""
    found = []
    for start, end in paragraphs:
        line = text[start:end].strip()
        if not line or len(line) > MAX_LINE_CHARS:
            continue
        inside = [t for t in times if start <= t.start and t.end <= end and t.span is not None]
        for t in inside:
            span = t.span
            assert span is not None
            if (
                span.granularity == "day"
                and span.basis == "explicit"
                and (t.end - t.start) >= COVER * len(line)
            ):
                found.append((start, DateSpan(span.start, span.end, "day", t.text, "explicit")))
                break
    return found
