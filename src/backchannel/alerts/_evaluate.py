"""Checking rules against the events stored since each rule last looked.

1. Each rule has a mark: the last article (``articles.seq``) whose events it has seen. A rule
   seen for the first time starts at 0 (it looks at everything stored), or at the end of the
   store with ``skip_history``.
2. The events of the articles after the lowest mark are read once; each rule takes those after
   its own mark.
3. An event rule fires once per real-world event (its cluster, else the event itself); a weekly
   rule once per ISO week, when that week's score, recomputed from the store, is above its limit.
4. New alerts are stored (one seen before is not fired again), then the marks move on. A crash
   between the two only means the same events are checked again, and nothing fires twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from backchannel.alerts._rules import EventRule, Rule, RuleSet, WeeklyScoreRule
from backchannel.alerts._scores import score
from backchannel.model import Actor, Event, stable_id
from backchannel.store import Store
from backchannel.store import _alerts as db


@dataclass
class Alert:
    id: str
    rule: str
    kind: str  # "event" or "weekly_score"
    key: str  # the cluster (or event) id, or the ISO week
    message: str
    event_ids: list[str] = field(default_factory=list)
    week: str | None = None
    score: float | None = None
    fired_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def check(store: Store, rules: RuleSet, *, skip_history: bool = False) -> list[Alert]:
    """Steps 1 to 4 of the module docstring; returns the alerts that fired now."""
    top = db.last_seq(store)
    start = top if skip_history else 0
    marks: dict[str, int] = {}
    for rule in rules.rules:  # 1
        seq = db.mark(store, rule.name)
        marks[rule.name] = start if seq is None else seq
    found, top = db.events_after(store, min(marks.values(), default=top))  # 2
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    fired: list[Alert] = []
    for rule in rules.rules:  # 3
        fresh = [event for seq, event in found if seq > marks[rule.name]]
        fired += _fire(store, rule, fresh, now)
    stored = db.put_alerts(store, [a.to_dict() for a in fired])  # 4
    db.set_marks(store, {name: top for name in marks})
    return [Alert.from_dict(record) for record in stored]


def _fire(store: Store, rule: Rule, events: list[Event], now: str) -> list[Alert]:
    if isinstance(rule, EventRule):
        return [_event_alert(rule, e, now) for e in events if matches(rule, e)]
    weeks = sorted({w for e in events if (w := _week_of(e)) and _between(e, rule.countries)})
    return [a for w in weeks if (a := _week_alert(store, rule, w, now)) is not None]


# -- event rules ------------------------------------------------------------------------------


def matches(rule: EventRule, event: Event) -> bool:
    """Whether ``event`` meets every condition of ``rule`` (see ``_rules``)."""
    when = rule.when
    if event.confidence < rule.min_confidence:
        return False
    own: dict[str, list[str]] = {"event_type": [event.event_type], "mode": [event.mode or ""], "status": [event.status],
           "context": event.contexts}  # fmt: skip
    for key, values in own.items():
        if key in when and not any(v in when[key] for v in values):
            return False
    people = event.participants
    first = [i for i, a in enumerate(people) if _is(a, when, "actor")]
    second = [i for i, a in enumerate(people) if _is(a, when, "other")]
    if _side(when, "actor") and _side(when, "other"):  # two different participants
        return any(i != j for i in first for j in second)
    if _side(when, "actor"):
        return bool(first)
    return bool(second) if _side(when, "other") else True


def _side(when: dict[str, tuple[str, ...]], side: str) -> bool:
    return any(k in when for k in (side, f"{side}_country", f"{side}_sector"))


def _is(actor: Actor, when: dict[str, tuple[str, ...]], side: str) -> bool:
    """Whether ``actor`` fits the conditions of one side (no condition: anyone fits)."""
    if f"{side}_country" in when and (actor.country or "") not in when[f"{side}_country"]:
        return False
    if f"{side}_sector" in when and (actor.sector or "") not in when[f"{side}_sector"]:
        return False
    if side in when:
        names = [(actor.kb_id or "").lower(), (actor.name or "").lower(), actor.text.lower()]
        return any(want.lower() in name for want in when[side] for name in names if name)
    return True


def _event_alert(rule: EventRule, event: Event, now: str) -> Alert:
    key = event.cluster_id or event.id
    span = event.date
    when = (
        "?"
        if span.start is None
        else str(span.start)
        if span.start == span.end
        else f"{span.start}..{span.end}"
    )
    names = " / ".join(a.name or a.text for a in event.participants)
    words = event.evidence.text if len(event.evidence.text) <= 160 else event.evidence.text[:159] + "…"
    message = f"{when} {event.event_type} {event.mode or '-'} {event.status}: {names} — {words}"
    return Alert(
        stable_id("alert", rule.name, key), rule.name, "event", key, message, [event.id], fired_at=now
    )


# -- weekly scores ----------------------------------------------------------------------------


def _week_of(event: Event) -> str | None:
    """The ISO week of an event that occurred and is dated to a day or a week."""
    if (
        event.status != "occurred"
        or event.date.start is None
        or event.date.granularity not in ("day", "week")
    ):
        return None
    year, week, _ = event.date.start.isocalendar()
    return f"{year}-W{week:02d}"


def _between(event: Event, countries: tuple[str, ...]) -> bool:
    present = [a.country for a in event.participants]
    if len(countries) == 1:
        return countries[0] in present
    a, b = countries
    return any(x == a and y == b for i, x in enumerate(present) for j, y in enumerate(present) if i != j)


def week_score(events: Iterable[Event], week: str, measure: str) -> tuple[float, list[str]]:
    """The week's score (one report per real-world event) and the event ids that count."""
    by_event: dict[str, Event] = {}
    for event in events:
        if _week_of(event) == week:
            by_event.setdefault(event.cluster_id or event.id, event)
    total, counted = 0.0, []
    for event in by_event.values():
        value = score(event.event_type, event.mode)
        part = -value if measure == "conflict" else value
        if part > 0:
            total += part
            counted.append(event.id)
    return total, counted


def _week_alert(store: Store, rule: WeeklyScoreRule, week: str, now: str) -> Alert | None:
    monday = dt.date.fromisocalendar(int(week[:4]), int(week[6:]), 1)
    pair = rule.countries
    found = store.events(
        country=pair[0] if len(pair) == 1 else None, country_pair=(pair[0], pair[1]) if len(pair) == 2 else None,
        status="occurred", start=monday, end=monday + dt.timedelta(days=6), limit=None,
    )  # fmt: skip
    total, counted = week_score(found, week, rule.measure)
    if total <= rule.above:
        return None
    message = (
        f"{week}: {rule.measure} score between {' and '.join(pair)} is {total:g}, above {rule.above:g} "
        f"({len(counted)} events)"
    )
    return Alert(
        stable_id("alert", rule.name, week),
        rule.name,
        "weekly_score",
        week,
        message,
        counted,
        week,
        total,
        now,
    )
