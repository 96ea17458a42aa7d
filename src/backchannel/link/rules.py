"""When two records describe the same real-world event: the pairwise rules of linking.

Two records are one event when
1. their type and status agree (a planned call and the call that happened are two records);
2. their participants are the same people or sides after KB resolution (``participant_keys``);
3. their modes can be the same (a phone call is not a meeting; "meeting" fits any in-person mode);
4. their places can be the same (two known countries must agree);
5. their dates can be the same day (``dates_compatible``).
"""

from __future__ import annotations

import datetime as dt

from backchannel.model import DateSpan, Event, Location

# A publication-date fallback only bounds an event from above: it happened on or before the day
# the article came out, and news reports what happened in the last week.
PUBLISHED_REACH_DAYS = 7

# Two day-precise dates one day apart are one event told from two time zones ("on Wednesday" in
# Washington is Thursday in Moscow); two days apart they are two events.
DAY_SLACK = 1

_IN_PERSON = frozenset({"meeting", "visit", "third-party", "multilateral"})
_REMOTE = frozenset({"phone", "video"})
GENERIC_MODES = frozenset({"meeting"})  # the text says only that they met


def participant_keys(ev: Event) -> frozenset[str]:
    """Who takes part, as KB ids (else names, else country/sector), in no particular order."""
    return frozenset(x.key for x in ev.participants)


def same_event(a: Event, b: Event) -> bool:
    """Whether two records can describe one real-world event (the numbered rules above)."""
    if a.event_type != b.event_type or a.status != b.status:
        return False
    if participant_keys(a) != participant_keys(b):
        return False
    if a.mode and b.mode and not modes_compatible(a.mode, b.mode):
        return False
    return places_compatible(a.location, b.location) and dates_compatible(a.date, b.date)


def modes_compatible(a: str, b: str) -> bool:
    return a == b or ({a, b} <= _IN_PERSON) or ({a, b} <= _REMOTE)


def places_compatible(a: Location | None, b: Location | None) -> bool:
    """Places disagree only when both countries are known and differ; cities within one country
    are a dispute between outlets, not two events."""
    return not (a and b and a.country and b.country and a.country != b.country)


def dates_compatible(a: DateSpan, b: DateSpan) -> bool:
    """Two dates that can be the same day.

    1. Two unknown dates say nothing against each other; an unknown and a known date are kept
       apart, since an undated report cannot say which of several contacts it means.
    2. A publication-date fallback reaches ``PUBLISHED_REACH_DAYS`` back.
    3. Two day-precise dates from the text may be ``DAY_SLACK`` apart (a dispute, not two events).
    """
    if not (a.known or b.known):
        return True
    if not (a.known and b.known):
        return False
    slack = DAY_SLACK if _told_day(a) and _told_day(b) else 0
    return window(a, slack).overlaps(window(b))  # the slack widens one side only


def _told_day(d: DateSpan) -> bool:
    return d.granularity == "day" and d.basis != "published"


def window(d: DateSpan, slack: int = 0) -> DateSpan:
    """The days a date can stand for: a publication-date bound reaches back a week."""
    assert d.start and d.end
    back = PUBLISHED_REACH_DAYS if d.basis == "published" else 0
    return DateSpan(
        d.start - dt.timedelta(days=back + slack), d.end + dt.timedelta(days=slack), d.granularity
    )


def precision(d: DateSpan) -> int:
    """How many days a date can stand for (fewer is better); unknown dates last."""
    if not d.known:
        return 10**6
    return d.width + (PUBLISHED_REACH_DAYS if d.basis == "published" else 0)


def midpoint(d: DateSpan) -> dt.date | None:
    if not (d.start and d.end):
        return None
    return d.start + (d.end - d.start) / 2
