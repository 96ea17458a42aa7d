"""Assigning records to clusters, one at a time, so that a run and a store link the same way.

Records are taken most precise date first (then by date and id), so a cluster is founded by the
report that says most exactly when, and vaguer reports ("in March") join it. A record joins a
cluster only when it is the same event as every member (``same_event``, complete linkage: a
vague record cannot chain two different calls together). Among several such clusters it joins the
nearest in time; with none it founds a cluster whose id derives from its own id.

An existing cluster never changes id: new reports join it, and ids of unrelated clusters are
untouched. The index that holds the clusters is either in memory (a run) or the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from backchannel.link.rules import midpoint, participant_keys, precision, same_event
from backchannel.model import Event, stable_id


@dataclass(slots=True)
class Candidate:
    """A cluster a record might join: its id and every member known so far."""

    id: str
    members: list[Event] = field(default_factory=list)


class Index(Protocol):
    def candidates(self, ev: Event) -> Sequence[Candidate]: ...

    def add(self, ev: Event, cluster_id: str) -> None: ...


Dyad = tuple[str, frozenset[str]]


def dyad(ev: Event) -> Dyad:
    """The type and participants: every cluster of one dyad may bear on the others."""
    return ev.event_type, participant_keys(ev)


class MemoryIndex:
    """Clusters held in memory, by dyad."""

    def __init__(self) -> None:
        self._by_dyad: dict[Dyad, dict[str, Candidate]] = {}

    def candidates(self, ev: Event) -> Sequence[Candidate]:
        return list(self._by_dyad.get(dyad(ev), {}).values())

    def add(self, ev: Event, cluster_id: str) -> None:
        group = self._by_dyad.setdefault(dyad(ev), {})
        group.setdefault(cluster_id, Candidate(cluster_id)).members.append(ev)


def order(ev: Event) -> tuple[int, str, str]:
    """Most precise date first, then oldest, then by id: the same order on every run."""
    start = ev.date.start.isoformat() if ev.date.start else "9999"
    return precision(ev.date), start, ev.id


def assign(events: Iterable[Event], index: Index) -> dict[str, str]:
    """Cluster id for each record (by record id), adding each to ``index`` as it goes.

    1. Take the records in ``order``.
    2. Keep the candidate clusters whose every member is the same event as the record.
    3. Join the nearest in time of those (ties: the larger, then the smaller id); else found one.
    """
    out: dict[str, str] = {}
    for ev in sorted(events, key=order):
        fits = [c for c in index.candidates(ev) if c.members and all(same_event(m, ev) for m in c.members)]
        cluster_id = min(fits, key=lambda c: _distance(ev, c)).id if fits else stable_id("c", ev.id)
        index.add(ev, cluster_id)
        out[ev.id] = cluster_id
    return out


def _distance(ev: Event, cand: Candidate) -> tuple[int, int, str]:
    """Days between the record and the cluster's most precise member, then size, then id."""
    best = min(cand.members, key=order)
    here, there = midpoint(ev.date), midpoint(best.date)
    days = abs((here - there).days) if here and there else 0
    return days, -len(cand.members), cand.id


def link(events: Iterable[Event]) -> list[Event]:
    """Set ``cluster_id`` on every record of one run; returns them in their original order."""
    records = list(events)
    ids = assign(records, MemoryIndex())
    for ev in records:
        ev.cluster_id = ids[ev.id]
    return records
