"""Cluster records: one real-world event, the reports of it, who reported it and how independently.

    build_clusters(events, sources) -> list[Cluster]

1. Members are grouped by ``cluster_id``; the most precise member gives the cluster's date,
   participants and (unless outlets disagree) mode.
2. ``sources`` are the outlets, ``reports`` the articles, ``independent_sources`` the articles
   left once a wire story and its reprints or rewrites (``copies``) count once, and several
   articles of one outlet count once.
3. ``disputes`` say who says what where members disagree; ``flags`` come from the other events
   of the same dyad (``claims``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from backchannel.link.assign import dyad, order
from backchannel.link.claims import Held, flags
from backchannel.link.copies import copy_groups
from backchannel.link.disputes import disputes
from backchannel.link.rules import GENERIC_MODES
from backchannel.link.sources import Source
from backchannel.model import Actor, Cluster, Event


def build_clusters(events: Iterable[Event], sources: Mapping[str, Source] | None = None) -> list[Cluster]:
    """A Cluster for every ``cluster_id`` among ``events`` (all its members must be given), in the
    order of their most precise members; flags see every cluster of the same dyad given."""
    known = sources or {}
    by_id: dict[str, list[Event]] = {}
    for ev in events:
        by_id.setdefault(ev.cluster_id or ev.id, []).append(ev)
    built = {cid: summarise(cid, members, known) for cid, members in by_id.items()}
    set_flags(built, by_id, known)
    return sorted(built.values(), key=lambda c: order_key(by_id[c.id]))


def set_flags(
    records: Mapping[str, Cluster], members: Mapping[str, Sequence[Event]], sources: Mapping[str, Source]
) -> None:
    """Set ``flags`` on each record from the clusters of its dyad among ``records``."""
    by_dyad: dict[object, list[Held]] = {}
    for cid, record in records.items():
        group = members[cid]
        held = Held(cid, min(group, key=order).status, record.date.start, record.date.end, group)
        by_dyad.setdefault(dyad(group[0]), []).append(held)
    for group_of_dyad in by_dyad.values():
        for cid, found in flags(group_of_dyad, sources).items():
            records[cid].flags = found


def order_key(members: Sequence[Event]) -> tuple[int, str, str]:
    return order(min(members, key=order))


def summarise(cluster_id: str, members: Sequence[Event], sources: Mapping[str, Source]) -> Cluster:
    """The Cluster record of one set of members (flags are left empty: they need the dyad)."""
    ranked = sorted(members, key=order)
    best = ranked[0]
    articles = sorted({m.article_id for m in ranked})
    names = {a: _name(a, ranked, sources) for a in articles}
    outlets = {a: n for a, n in names.items() if _named(a, ranked, sources)}
    texts = {a: sources[a].text for a in articles if a in sources}
    return Cluster(
        id=cluster_id,
        event_type=best.event_type,
        mode=_mode(ranked),
        actors=_actors(best),
        date=best.date,
        members=[m.id for m in ranked],
        sources=sorted(set(outlets.values())),
        reports=len(articles),
        independent_sources=independent_sources(articles, outlets, texts),
        disputes=disputes(ranked, names),
    )


def independent_sources(articles: Sequence[str], outlets: Mapping[str, str], texts: Mapping[str, str]) -> int:
    """How many of ``articles`` are independent: copies (reprints, rewrites) of one story count
    once, and so do the articles of one outlet (``outlets`` names those whose outlet is known)."""
    parent = {a: a for a in articles}

    def root(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[rb] = ra

    for group in copy_groups({a: texts[a] for a in articles if texts.get(a)}):
        for other in group[1:]:
            join(group[0], other)
    first_of: dict[str, str] = {}
    for a in articles:
        if a in outlets:
            join(first_of.setdefault(outlets[a], a), a)
    return len({root(a) for a in articles})


def _name(article_id: str, members: Sequence[Event], sources: Mapping[str, Source]) -> str:
    if article_id in sources:
        return sources[article_id].name
    outlet = next((m.outlet for m in members if m.article_id == article_id and m.outlet), None)
    return outlet or article_id


def _named(article_id: str, members: Sequence[Event], sources: Mapping[str, Source]) -> bool:
    if article_id in sources:
        return sources[article_id].named
    return any(m.outlet for m in members if m.article_id == article_id)


def _mode(ranked: Sequence[Event]) -> str | None:
    """The specific mode most members give (ties: the most precise member's); else any mode."""
    specific = Counter(m.mode for m in ranked if m.mode and m.mode not in GENERIC_MODES)
    if specific:
        top = max(specific.values())
        return next(m.mode for m in ranked if m.mode and specific.get(m.mode) == top)
    return next((m.mode for m in ranked if m.mode), None)


def _actors(best: Event) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in best.participants:
        seen.setdefault(actor.key, actor)
    return list(seen.values())
