"""Choosing the date of an event from the expressions around it."""

from __future__ import annotations

from collections.abc import Sequence

from backchannel.model import DateSpan, TimeMention


def attach(
    times: Sequence[TimeMention],
    scopes: Sequence[tuple[int, int]],
    published: DateSpan,
    anchor: int | None = None,
) -> tuple[DateSpan, str]:
    """The event's date: the first scope (clause, sentence, paragraph: narrowest first) that holds a
    resolved expression gives it (the nearest to ``anchor`` when several); otherwise the publication
    date with basis ``published``. Returns the span and the scope it came from."""
    names = ("clause", "sentence", "paragraph")
    for i, (start, end) in enumerate(scopes):
        inside = [t for t in times if t.span is not None and t.kind == "date" and start <= t.start and t.end <= end]
        if inside:
            pick = min(inside, key=lambda t: abs(t.start - anchor)) if anchor is not None else inside[0]
            assert pick.span is not None
            return pick.span, names[i] if i < len(names) else f"scope{i}"
    if published.known:
        return DateSpan(published.start, published.end, published.granularity, None, "published"), "published"
    return DateSpan.unknown(), "unknown"
