"""Choosing the date of an event from the expressions around it."""

from __future__ import annotations

from collections.abc import Sequence

from backchannel.model import DateSpan, TimeMention

SCOPE_NAMES = ("clause", "sentence", "paragraph")
# Expressions that place an event in time. Durations ("for six hours") and sets ("every week")
# say how long or how often, not when; a clock time ("Sunday night", "at 5 p.m.") does say when.
PLACING_KINDS = frozenset({"date", "time"})


def attach(
    times: Sequence[TimeMention],
    scopes: Sequence[tuple[int, int]],
    published: DateSpan,
    anchor: int | None = None,
) -> tuple[DateSpan, str]:
    """The event's date and the scope it came from.

    1. Scopes are tried narrowest first (clause, sentence, paragraph). The coder may pass a
       background clause ("who last spoke with Gerasimov in October 2022") as the first scope, so a
       background mention gets its own date rather than the article's.
    2. In the first scope that holds a placed expression of kind date or time, the one nearest to
       ``anchor`` (the event's trigger offset) wins; without ``anchor``, the first.
    3. Otherwise the publication date, with basis ``published``; unknown when there is none.
    """
    for i, (start, end) in enumerate(scopes):
        inside = [
            t
            for t in times
            if t.span is not None and t.kind in PLACING_KINDS and start <= t.start and t.end <= end
        ]
        if inside:
            pick = min(inside, key=lambda t: _distance(t, anchor)) if anchor is not None else inside[0]
            assert pick.span is not None
            return pick.span, SCOPE_NAMES[i] if i < len(SCOPE_NAMES) else f"scope{i}"
    if published.known:
        return DateSpan(published.start, published.end, published.granularity, None, "published"), "published"
    return DateSpan.unknown(), "unknown"


def _distance(mention: TimeMention, offset: int) -> int:
    """Characters between a mention and an offset (0 when the offset falls inside it)."""
    if mention.start <= offset < mention.end:
        return 0
    return min(abs(mention.start - offset), abs(mention.end - offset))
