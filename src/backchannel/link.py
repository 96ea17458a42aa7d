"""Stage 7, link: records from different articles that describe one real-world event.

Two records are one event when their types agree, their participants are the same people or
sides after resolution, and their dates can be the same day. Clusters are formed in a fixed
order (by date, then record id), and a cluster's id derives from its first member, so adding
unrelated articles never changes an existing id.
"""

from __future__ import annotations

from collections.abc import Iterable

from backchannel.events import dates_compatible
from backchannel.model import Event, stable_id


def link(events: Iterable[Event]) -> list[Event]:
    """Set ``cluster_id`` on every record; returns them in their original order."""
    records = list(events)
    clusters: list[list[Event]] = []
    for ev in sorted(records, key=_order):
        home = next((c for c in clusters if same_event(c[0], ev) and all(same_event(m, ev) for m in c)), None)
        if home is None:
            clusters.append([ev])
            ev.cluster_id = stable_id("c", ev.id)
        else:
            home.append(ev)
            ev.cluster_id = home[0].cluster_id
    return records


def _order(ev: Event) -> tuple[str, str]:
    return (ev.date.start.isoformat() if ev.date.start else "9999", ev.id)


def same_event(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type or a.status != b.status:
        return False
    if participant_keys(a) != participant_keys(b):
        return False
    if a.mode and b.mode and not _modes_compatible(a.mode, b.mode):
        return False
    return dates_compatible(a.date, b.date)


def participant_keys(ev: Event) -> frozenset[str]:
    return frozenset(x.key for x in ev.participants)


_MEETING = {"meeting", "visit", "third-party", "multilateral"}
_REMOTE = {"phone", "video"}


def _modes_compatible(a: str, b: str) -> bool:
    return a == b or ({a, b} <= _MEETING) or ({a, b} <= _REMOTE)
