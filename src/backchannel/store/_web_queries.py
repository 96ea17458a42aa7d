"""Read-only queries for the web app, over the same tables and filters as ``Store.events``.

    events_page(store, filters, statuses, limit, offset) -> (events, total)
    cluster_keys_page(store, filters, statuses, limit, offset) -> (keys, total)
    cluster_members(store, keys) -> {key: [Event, ...]}
    counterparts(store, actor, limit) -> [Participant, ...]
    top_participants(store, limit) -> [Participant, ...]

A real-world event is a cluster; an event not yet linked counts as a cluster of its own, keyed
by its event id (as ``Store.weekly_counts`` does). Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, distinct, func, not_, or_, select

from backchannel.model import Event
from backchannel.store import _queries as q
from backchannel.store._errors import translated
from backchannel.store._records import event_from_record
from backchannel.store._schema import event_actors, events
from backchannel.store._store import Store


@dataclass(frozen=True, slots=True)
class Participant:
    """Someone who takes part in events, and in how many real-world events (clusters)."""

    kb_id: str | None
    name: str | None
    country: str | None
    sector: str | None
    clusters: int

    @property
    def label(self) -> str:
        return self.name or " ".join(p for p in (self.country, self.sector) if p) or "?"


@contextmanager
def _read(store: Store) -> Iterator[Connection]:
    """One read transaction, so that a page and its total see the same snapshot."""
    with translated(store.name), store.engine.connect() as conn, conn.begin():
        yield conn


# The same participant match as ``Store.events`` (kb_id, or a substring of name or words).
_match = q._actor_match


def _real() -> ColumnElement[Any]:
    """The cluster an event belongs to, or the event itself while it is not linked."""
    return case((events.c.cluster_id != "", events.c.cluster_id), else_=events.c.id)


def _conditions(filters: Mapping[str, Any], statuses: Sequence[str] | None) -> list[ColumnElement[bool]]:
    conds = q.event_conditions(**filters)
    if statuses:
        conds.append(events.c.status.in_(list(statuses)))
    return conds


def events_page(
    store: Store,
    filters: Mapping[str, Any],
    statuses: Sequence[str] | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> tuple[list[Event], int]:
    """``Store.events`` with several statuses allowed: a page of events and how many match."""
    conds = _conditions(filters, statuses)
    page = select(events.c.record).where(*conds).order_by(*q.event_order()).limit(limit).offset(offset)
    total = select(func.count()).select_from(events).where(*conds)
    with _read(store) as conn:
        found = [event_from_record(record) for record in conn.execute(page).scalars()]
        return found, int(conn.execute(total).scalar_one())


def cluster_keys_page(
    store: Store,
    filters: Mapping[str, Any],
    statuses: Sequence[str] | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> tuple[list[str], int]:
    """The clusters with at least one event matching ``filters`` (the keyword arguments of
    ``Store.events`` without paging) and one of ``statuses``: a page of keys, oldest first
    (unknown dates last), and how many there are in all."""
    real = _real().label("real")
    first = func.min(events.c.date_start).label("first")
    grouped = select(real, first).where(*_conditions(filters, statuses)).group_by(real)
    page = grouped.order_by(first.is_(None), first, real).limit(limit).offset(offset)
    total = select(func.count()).select_from(grouped.subquery())
    with _read(store) as conn:
        keys = [row[0] for row in conn.execute(page)]
        return keys, int(conn.execute(total).scalar_one())


def cluster_members(store: Store, keys: Sequence[str]) -> dict[str, list[Event]]:
    """Every event of each cluster key, oldest first; a key with no events maps to []."""
    found: dict[str, list[Event]] = {key: [] for key in keys}
    if not found:
        return found
    wanted = list(found)
    stmt = (
        select(_real(), events.c.record)
        .where(or_(events.c.cluster_id.in_(wanted), and_(events.c.cluster_id == "", events.c.id.in_(wanted))))
        .order_by(*q.event_order())
    )
    with _read(store) as conn:
        for key, record in conn.execute(stmt):
            found[key].append(event_from_record(record))
    return found


def _grouped(rows: Sequence[Any]) -> list[Participant]:
    return [Participant(kb_id, name, country, sector, int(n)) for kb_id, name, country, sector, n in rows]


def counterparts(store: Store, actor: str, limit: int = 50) -> list[Participant]:
    """The other participants of the events where ``actor`` (matched as ``Store.events`` does)
    takes part, with the number of real-world events they share, most first."""
    me, other = event_actors.alias("me"), event_actors.alias("other")
    who = (other.c.kb_id, other.c.name, other.c.country, other.c.sector)
    stmt = (
        select(*who, func.count(distinct(_real())).label("n"))
        .select_from(events)
        .join(me, me.c.event_id == events.c.id)
        .join(other, other.c.event_id == events.c.id)
        .where(
            me.c.position.in_(q.PARTICIPANT),
            other.c.position.in_(q.PARTICIPANT),
            _match(me, actor),
            not_(_match(other, actor)),
        )
        .group_by(*who)
        .order_by(func.count(distinct(_real())).desc(), other.c.name)
        .limit(limit)
    )
    with _read(store) as conn:
        return _grouped(list(conn.execute(stmt)))


def top_participants(store: Store, limit: int = 20) -> list[Participant]:
    """The participants of the most real-world events, people before groups, most first."""
    a = event_actors
    who = (a.c.kb_id, a.c.name, a.c.country, a.c.sector)
    n = func.count(distinct(_real()))
    stmt = (
        select(*who, n)
        .select_from(events.join(a, a.c.event_id == events.c.id))
        .where(a.c.position.in_(q.PARTICIPANT), a.c.name.is_not(None))
        .group_by(*who)
        .order_by(n.desc(), a.c.name)
        .limit(limit)
    )
    with _read(store) as conn:
        return _grouped(list(conn.execute(stmt)))
