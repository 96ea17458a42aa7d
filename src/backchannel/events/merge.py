"""One record per event per article.

merge_within_article(events)  records of one type, status and parties whose dates agree are one
                              event reported twice; the one with the narrowest date is kept
dates_compatible(a, b)        two dates that can be the same day
"""

from __future__ import annotations

import datetime as dt

from backchannel.model import DateSpan, Event


def merge_within_article(events: list[Event]) -> list[Event]:
    """One record per event per article: records of one type, status and participant set whose
    dates agree are one event reported twice; the one with the narrowest date is kept."""
    kept: list[Event] = []
    for ev in sorted(events, key=_precision):
        twin = next((k for k in kept if _same_event(k, ev)), None)
        if twin is not None and len(ev.participants) > len(twin.participants):
            kept[kept.index(twin)], twin, ev = ev, ev, twin  # keep the fuller record, fill it from the other
        if twin is None:
            kept.append(ev)
        else:
            twin.mode = twin.mode or ev.mode
            twin.initiator = twin.initiator or ev.initiator
            twin.location = twin.location or ev.location
            twin.attribution = twin.attribution or ev.attribution
    order = {e.id: n for n, e in enumerate(events)}
    return sorted(kept, key=lambda e: order[e.id])


def _precision(ev: Event) -> tuple[int, int]:
    rank = {"explicit": 0, "relative": 0, "inferred": 1, "published": 2}.get(ev.date.basis, 3)
    return rank, ev.date.width if ev.date.known else 10**6


def _same_event(a: Event, b: Event) -> bool:
    """One event reported twice: same type, status and parties with compatible dates; or, in one
    sentence, the same type and actors where one record's parties include the other's ("killed four
    soldiers and wounded two others")."""
    if (a.event_type, a.status) != (b.event_type, b.status):
        return False
    pa, pb = {x.key for x in a.participants}, {x.key for x in b.participants}
    if pa == pb:
        return dates_compatible(a.date, b.date)
    same_sentence = a.evidence.start == b.evidence.start
    same_actors = {x.key for x in a.actors} == {x.key for x in b.actors}
    return same_sentence and same_actors and (pa <= pb or pb <= pa)


def dates_compatible(a: DateSpan, b: DateSpan, slack: int = 0) -> bool:
    """Two dates that can be the same day. A publication-date fallback only bounds the event from
    above (it happened on or before publication), so it reaches a week back."""
    if not (a.known and b.known):
        return True
    return _window(a, slack).overlaps(_window(b, slack))


def _window(d: DateSpan, slack: int) -> DateSpan:
    assert d.start and d.end
    back = 7 if d.basis == "published" else 0
    return DateSpan(
        d.start - dt.timedelta(days=back + slack), d.end + dt.timedelta(days=slack), d.granularity
    )
