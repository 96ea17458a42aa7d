"""Alerts in the store: what fired, and how far each rule has read.

    alerts       one row per alert: a stable id (rule and what it fired on), the rule, the key
                 (an event id, or an ISO week), when it fired, and the alert as JSON
    alert_marks  per rule: the ``articles.seq`` up to which its events were checked

    put_alerts(store, records) -> list[dict]          the records not stored before, now stored
    stored_alerts(store, rule=None, limit=100) -> list[dict]   newest first
    mark(store, name) -> int | None                   set_marks(store, {name: seq})
    events_after(store, seq) -> ([(seq, Event)], last seq)     events of the articles stored after
    last_seq(store) -> int

The tables are described in ``_schema`` with the others and created by migration 0002. Writes
go through the store's write transaction (one writer at a time).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select

from backchannel.model import Event
from backchannel.store._ingest import CHUNK, chunks
from backchannel.store._records import check_row, event_from_record
from backchannel.store._schema import alert_marks, alerts, articles, events
from backchannel.store._store import Store


def put_alerts(store: Store, records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Store the alerts whose id is new, in one transaction; returns those (the others fired before).
    Each record needs ``id``, ``rule``, ``key`` and ``fired_at`` (an ISO timestamp)."""
    given = {r["id"]: dict(r) for r in records}
    fresh: list[dict[str, Any]] = []
    with store._write() as conn:
        for ids in chunks(given, CHUNK):
            taken = set(conn.execute(select(alerts.c.id).where(alerts.c.id.in_(ids))).scalars())
            fresh += [given[i] for i in ids if i not in taken]
        rows = [_row(r) for r in fresh]
        for row in rows:
            check_row(row, f"alert {row['id']}")
        if rows:
            conn.execute(alerts.insert(), rows)
    return fresh


def _row(record: Mapping[str, Any]) -> dict[str, Any]:
    fired = dt.datetime.fromisoformat(record["fired_at"])
    return {
        "id": record["id"],
        "rule": record["rule"],
        "key": record["key"],
        "fired_at": fired,
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
    }


def stored_alerts(store: Store, rule: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    stmt = select(alerts.c.record).order_by(alerts.c.fired_at.desc(), alerts.c.id).limit(limit)
    if rule is not None:
        stmt = stmt.where(alerts.c.rule == rule)
    with store._read() as conn:
        return [json.loads(record) for record in conn.execute(stmt).scalars()]


def mark(store: Store, name: str) -> int | None:
    with store._read() as conn:
        value = conn.execute(select(alert_marks.c.seq).where(alert_marks.c.name == name)).scalar()
        return None if value is None else int(value)


def set_marks(store: Store, marks: Mapping[str, int]) -> None:
    with store._write() as conn:
        names = list(marks)
        conn.execute(alert_marks.delete().where(alert_marks.c.name.in_(names)))
        if names:
            conn.execute(alert_marks.insert(), [{"name": n, "seq": marks[n]} for n in names])


def last_seq(store: Store) -> int:
    with store._read() as conn:
        return int(conn.execute(select(func.coalesce(func.max(articles.c.seq), 0))).scalar_one())


def events_after(store: Store, seq: int) -> tuple[list[tuple[int, Event]], int]:
    """The events of the articles stored after ``seq`` (in storing order) with their article's seq,
    and the last seq read."""
    stmt = (
        select(events.c.record, articles.c.seq)
        .join(articles, articles.c.id == events.c.article_id)
        .where(articles.c.seq > seq)
        .order_by(articles.c.seq, events.c.ord)
    )
    with store._read() as conn:
        top = int(conn.execute(select(func.coalesce(func.max(articles.c.seq), 0))).scalar_one())
        rows = list(conn.execute(stmt.where(articles.c.seq <= top)))
    return [(int(at), event_from_record(record)) for record, at in rows], max(top, seq)
