"""Linking against the store: new reports join the clusters already there.

    relink(store) -> int

1. Give a cluster record to every cluster id that events carry without one (stores linked by an
   older version), so that new reports can find it.
2. Take the events not yet linked (``cluster_id`` empty) and ``assign`` them with the store as
   the index: candidates are the stored clusters of the same participants whose date, widened by
   ``WINDOW_DAYS``, overlaps the record's, plus the clusters founded earlier in this call.
3. Save the assignments, then rebuild the records of the clusters that gained members and refresh
   the flags of every cluster of the same dyads (a new contact can contradict an old claim).

Existing cluster ids never change; only unlinked events are assigned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from backchannel.link.assign import Candidate, MemoryIndex, assign, dyad
from backchannel.link.clusters import set_flags, summarise
from backchannel.link.rules import DAY_SLACK, PUBLISHED_REACH_DAYS, participant_keys
from backchannel.link.sources import Source, source_of
from backchannel.model import Cluster, Event
from backchannel.store import Store

# Wide enough that no compatible cluster is missed (the exact test is ``same_event``).
WINDOW_DAYS = PUBLISHED_REACH_DAYS + 2 * DAY_SLACK


class StoreIndex:
    """Clusters in the store, and those founded during this call (not yet saved)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.fresh = MemoryIndex()
        self._stored: dict[str, list[Event]] = {}

    def candidates(self, ev: Event) -> Sequence[Candidate]:
        """Stored clusters near the record's date and clusters given members in this call, each
        with all its members (stored and new), so that ``same_event`` sees them all."""
        fresh = {c.id: c.members for c in self.fresh.candidates(ev)}
        ids = sorted(set(self._stored_ids(ev)) | set(fresh))
        self._stored.update(self.store.cluster_members([c for c in ids if c not in self._stored]))
        return [Candidate(cid, [*self._stored[cid], *fresh.get(cid, [])]) for cid in ids]

    def add(self, ev: Event, cluster_id: str) -> None:
        self.fresh.add(ev, cluster_id)

    def _stored_ids(self, ev: Event) -> list[str]:
        keys = participant_keys(ev)
        d = ev.date
        if d.known:
            found = self.store.cluster_candidates(sorted(keys), d.start, d.end, ev.event_type, WINDOW_DAYS)
        else:
            found = [
                c
                for c in self.store.cluster_candidates(sorted(keys), None, None, ev.event_type)
                if not c.date.known
            ]
        return [c.id for c in found if frozenset(a.key for a in c.actors) == keys]


def relink(store: Store) -> int:
    """Link the store's unlinked events (the numbered steps above); returns how many were linked."""
    unrecorded = store.unrecorded_cluster_ids()
    if unrecorded:
        refresh(store, unrecorded)
    new = store.events(cluster_id="", limit=None)
    if not new:
        return 0
    ids = assign(new, StoreIndex(store))
    store.set_clusters(ids)
    refresh(store, sorted(set(ids.values())))
    return len(ids)


def refresh(store: Store, cluster_ids: Iterable[str]) -> list[Cluster]:
    """Rebuild the records of ``cluster_ids`` and the flags of every cluster of their dyads;
    save those records and any other whose flags changed. Returns what was saved."""
    changed = {cid: group for cid, group in store.cluster_members(cluster_ids).items() if group}
    records = _neighbours(store, changed)
    members = {**store.cluster_members([c for c in records if c not in changed]), **changed}
    sources = load_sources(store, {ev.article_id for group in members.values() for ev in group})
    records.update({cid: summarise(cid, group, sources) for cid, group in changed.items()})
    live = {cid: rec for cid, rec in records.items() if members.get(cid)}
    before = {cid: list(rec.flags) for cid, rec in live.items()}
    set_flags(live, members, sources)
    save = [rec for cid, rec in live.items() if cid in changed or rec.flags != before[cid]]
    store.put_clusters(save, {c.id: sorted(participant_keys(members[c.id][0])) for c in save})
    return save


def _neighbours(store: Store, changed: dict[str, list[Event]]) -> dict[str, Cluster]:
    """The stored records of every cluster in the dyads of ``changed`` (one query per dyad)."""
    records: dict[str, Cluster] = {}
    for ev in {dyad(group[0]): group[0] for group in changed.values()}.values():
        for c in _dyad_clusters(store, ev):
            records.setdefault(c.id, c)
    return records


def _dyad_clusters(store: Store, ev: Event) -> list[Cluster]:
    event_type, keys = dyad(ev)
    found = store.cluster_candidates(sorted(keys), None, None, event_type)
    return [c for c in found if frozenset(a.key for a in c.actors) == keys]


def load_sources(store: Store, article_ids: Iterable[str]) -> dict[str, Source]:
    return {aid: source_of(s.article, s.published) for aid, s in store.articles_by_id(article_ids).items()}
