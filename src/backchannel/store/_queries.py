"""The WHERE clauses behind ``Store.events``, ``Store.clusters`` and their relatives.

Participants are the actors and recipients of an event (``Event.participants``); an actor term
matches a participant's ``kb_id`` exactly, or its name or words as written, case-insensitively, as
a substring. Date filters keep records whose interval overlaps ``[start, end]``; a record with an
unknown date never matches a date filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, exists, false, func, or_, select

from backchannel.store._schema import cluster_keys, clusters, event_actors, events

PARTICIPANT = ("actor", "recipient")

Condition = ColumnElement[bool]
_Col = ColumnElement[Any]


def like_pattern(term: str) -> str:
    """``%term%`` for LIKE with ``\\`` as the escape character."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def searchable(term: str) -> bool:
    """Whether a term can match anything stored. Nothing stored holds a NUL (ingest refuses it,
    ``_records.UNSTORABLE``), and a NUL would end SQLite's LIKE pattern early, so "%00" matched
    every actor; PostgreSQL refuses it outright."""
    return "\x00" not in term


def _actor_match(table: FromClause, term: str) -> Condition:
    """A participant whose KB id is the term, or whose name or words contain it."""
    c = table.c
    if not searchable(term):
        return false()
    pattern = like_pattern(term.casefold())
    return or_(
        c.kb_id == term, c.name_fold.like(pattern, escape="\\"), c.text_fold.like(pattern, escape="\\")
    )


def _participant(*terms: tuple[str, str]) -> Condition:
    """An event with one distinct participant per ``(kind, value)``, kind "actor" or "country"."""
    aliases = [event_actors.alias(f"p{i}") for i in range(len(terms))]
    conds: list[Condition] = []
    for alias, (kind, value) in zip(aliases, terms, strict=True):
        conds += [alias.c.event_id == events.c.id, alias.c.position.in_(PARTICIPANT)]
        conds.append(_actor_match(alias, value) if kind == "actor" else alias.c.country == value)
    for i, left in enumerate(aliases):
        for right in aliases[i + 1 :]:
            conds.append(or_(left.c.position != right.c.position, left.c.ord != right.c.ord))
    return exists(select(1).select_from(*aliases).where(*conds))


def overlap(start_col: _Col, end_col: _Col, start: dt.date | None, end: dt.date | None) -> list[Condition]:
    conds: list[Condition] = []
    if start is not None:
        conds.append(end_col >= start)
    if end is not None:
        conds.append(start_col <= end)
    return conds


def event_conditions(
    *,
    actor: str | None = None,
    with_actor: str | None = None,
    country: str | None = None,
    country_pair: tuple[str, str] | None = None,
    event_type: str | None = None,
    status: str | None = None,
    quad: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    cluster_id: str | None = None,
    article_id: str | None = None,
) -> list[Condition]:
    """1. participants (one EXISTS per filter, distinct participants within a pair);
    2. the plain columns; 3. the date overlap."""
    conds: list[Condition] = []
    people = [("actor", term) for term in (actor, with_actor) if term]
    if people:
        conds.append(_participant(*people))
    if country:
        conds.append(_participant(("country", country)))
    if country_pair:
        conds.append(_participant(("country", country_pair[0]), ("country", country_pair[1])))
    for column, value in (
        (events.c.event_type, event_type),
        (events.c.status, status),
        (events.c.quad, quad),
        (events.c.cluster_id, cluster_id),
        (events.c.article_id, article_id),
    ):
        if value is not None:
            conds.append(column == value)
    conds += overlap(events.c.date_start, events.c.date_end, start, end)
    return conds


def event_order() -> list[_Col]:
    """Chronological, unknown dates last, then the article and the event's place in it."""
    return [events.c.date_start.is_(None), events.c.date_start, events.c.article_id, events.c.ord]


def cluster_conditions(
    *,
    actor: str | None = None,
    event_type: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Condition]:
    """A cluster matches an actor by a participant key (the whole key, or part of it in any case),
    or through a participant of one of its member events."""
    conds: list[Condition] = []
    if actor:
        k = cluster_keys.c
        key = exists().where(
            k.cluster_id == clusters.c.id,
            or_(k.key == actor, func.lower(k.key).like(like_pattern(actor.lower()), escape="\\"))
            if searchable(actor)
            else false(),
        )
        member = exists(
            select(1)
            .select_from(events.join(event_actors, event_actors.c.event_id == events.c.id))
            .where(
                events.c.cluster_id == clusters.c.id,
                event_actors.c.position.in_(PARTICIPANT),
                _actor_match(event_actors, actor),
            )
        )
        conds.append(or_(key, member))
    if event_type is not None:
        conds.append(clusters.c.event_type == event_type)
    conds += overlap(clusters.c.date_start, clusters.c.date_end, start, end)
    return conds


def candidate_conditions(
    keys: Sequence[str],
    start: dt.date | None,
    end: dt.date | None,
    event_type: str | None,
    window_days: int,
) -> list[Condition]:
    """Clusters sharing a key whose interval, widened by ``window_days`` each side, overlaps."""
    if not keys:
        return [false()]
    conds: list[Condition] = [
        exists().where(cluster_keys.c.cluster_id == clusters.c.id, cluster_keys.c.key.in_(list(keys)))
    ]
    if start is not None or end is not None:
        # Widening the cluster by w is widening the query by w: no date arithmetic in SQL.
        lo, hi = (start or end), (end or start)
        assert lo is not None and hi is not None
        lo, hi = _shift(lo, -window_days), _shift(hi, window_days)
        conds += [and_(clusters.c.date_end >= lo, clusters.c.date_start <= hi)]
    if event_type is not None:
        conds.append(clusters.c.event_type == event_type)
    return conds


def _shift(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def cluster_order() -> list[_Col]:
    return [clusters.c.date_start.is_(None), clusters.c.date_start, clusters.c.id]
