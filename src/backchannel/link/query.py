"""Finding stored clusters the way ``events`` finds records: by participants, type, status, dates.

find_clusters(store, actor=..., with_actor=..., event_type=..., status=..., start=..., end=...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backchannel.model import Actor, Cluster, Event
from backchannel.store import Store


@dataclass(slots=True)
class ClusterView:
    """A stored cluster with what its record leaves to the members: their status."""

    cluster: Cluster
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.cluster.to_dict(), "status": self.status}


def find_clusters(
    store: Store,
    *,
    actor: str | None = None,
    with_actor: str | None = None,
    event_type: str | None = None,
    status: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int | None = 200,
) -> list[ClusterView]:
    """Clusters matching every filter, oldest first. Actors match as in ``Store.events``: a KB id
    exactly, or part of a name or of the words as written, in any case."""
    found = store.clusters(actor=actor, event_type=event_type, start=start, end=end, limit=None)
    members = store.cluster_members([c.id for c in found])
    out = []
    for cluster in found:
        group = members.get(cluster.id) or []
        state = group[0].status if group else "unknown"
        if status and state != status:
            continue
        if with_actor and not _has(group, with_actor, besides=actor):
            continue
        out.append(ClusterView(cluster, state))
    return out[:limit] if limit is not None else out


def _has(group: Sequence[Event], term: str, besides: str | None) -> bool:
    """Whether a participant matches ``term`` (and, with ``besides``, another one matches that)."""
    for ev in group:
        people = ev.participants
        hits = [a for a in people if _matches(a, term)]
        if any(not besides or any(_matches(b, besides) for b in people if b is not a) for a in hits):
            return True
    return False


def _matches(actor: Actor, term: str) -> bool:
    folded = term.casefold()
    return actor.kb_id == term or folded in (actor.name or "").casefold() or folded in actor.text.casefold()
