"""Flags that need the other events of a dyad: contradicted background claims, plans carried out.

A *last-contact claim* is a report that the participants had not been in contact since a date
("had not talked to Gerasimov since October 2022", "had last spoken with him in March 2023", "the
first conversation since March 2023"). It is contradicted when the same dyad has a contact that
happened after that date and on or before the claiming article's publication date, other than
the new contact the claiming article itself reports. The words that make a claim are data
(``LAST_CONTACT``), matched on the record's evidence sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from backchannel.link.sources import Source
from backchannel.model import Event

LAST_CONTACT = re.compile(
    r"""(?ix)
    \blast\s+(?:spoke|spoken|talked|met|conversed|communicated|held\s+talks|had\s+(?:a\s+)?(?:call|talks))\b
    | \b(?:most\s+recent|last)\s+(?:call|conversation|contact|meeting|talks)\b
    | \blast\s+time\b
    | (?:\bnot|n't|\bnever)\b[^.;]{0,60}\bsince\b
    | \bfirst\b[^.;]{0,80}\bsince\b
    """
)
CARRIED_OUT_DAYS = 30  # a planned contact is carried out by one of the dyad within this many days


@dataclass(slots=True)
class Held:
    """One cluster as the flags see it: its id, status, best date and members."""

    id: str
    status: str
    start: dt.date | None
    end: dt.date | None
    members: Sequence[Event]


def flags(group: Sequence[Held], sources: Mapping[str, Source]) -> dict[str, list[str]]:
    """Flags for each cluster of one dyad (same type and participants), by cluster id."""
    out: dict[str, list[str]] = {h.id: [] for h in group}
    for held in group:
        out[held.id] += _contradictions(held, group, sources)
        out[held.id] += _carried_out(held, group)
    return out


def _contradictions(held: Held, group: Sequence[Held], sources: Mapping[str, Source]) -> list[str]:
    found: list[str] = []
    for claim in _claims(held.members):
        source = sources.get(claim.article_id)
        if source is None or claim.date.end is None or source.published.start is None:
            continue
        after, until = claim.date.end, source.published.start
        own = [h for h in group if h is not held and any(m.article_id == claim.article_id for m in h.members)]
        for h in own:  # the claiming article's own new contact ends the quiet period it describes
            if h.status == "occurred" and h.start and h.start > after:
                until = min(until, h.start - dt.timedelta(days=1))
        for later in group:
            if later is held or later.status != "occurred" or not (later.start and later.end):
                continue
            if after < later.start and later.end <= until:
                who = _names(later.members, sources)
                as_of = _as_of(source) if until == source.published.start else until.isoformat()
                found.append(
                    f"contradicted: {source.name} says no contact after {_month_or_day(claim)} "
                    f"(as of {as_of}), but a later contact on {_span(later)} is reported by {who}"
                )
    return sorted(set(found))


def _claims(members: Sequence[Event]) -> list[Event]:
    """Records whose evidence says they were the last contact; of several records on one sentence,
    the earliest (the others are the new contact the sentence reports)."""
    by_sentence: dict[tuple[str, int], Event] = {}
    for ev in members:
        if ev.status != "occurred" or not ev.date.known or not LAST_CONTACT.search(ev.evidence.text):
            continue
        key = (ev.article_id, ev.evidence.start)
        if key not in by_sentence or (ev.date.start or dt.date.max) < (
            by_sentence[key].date.start or dt.date.max
        ):
            by_sentence[key] = ev
    return [by_sentence[k] for k in sorted(by_sentence)]


def _carried_out(held: Held, group: Sequence[Held]) -> list[str]:
    """Links a planned contact to the contact that took place, and back (the ids stay apart)."""
    out = []
    for other in group:
        if not (held.start and other.start and held.end and other.end):
            continue
        if held.status == "planned" and other.status == "occurred" and _follows(held, other):
            out.append(f"took place: {other.id} on {_span(other)}")
        if held.status == "occurred" and other.status == "planned" and _follows(other, held):
            out.append(f"planned beforehand: {other.id}")
    return out


def _follows(plan: Held, done: Held) -> bool:
    assert plan.start and plan.end and done.start and done.end
    reach = dt.timedelta(days=7)  # a plan dated by publication was made up to a week before
    return plan.start - reach <= done.start and done.end <= plan.end + dt.timedelta(days=CARRIED_OUT_DAYS)


def _names(members: Sequence[Event], sources: Mapping[str, Source]) -> str:
    names = {
        sources[m.article_id].name if m.article_id in sources else (m.outlet or m.article_id) for m in members
    }
    return ", ".join(sorted(names))


def _span(h: Held) -> str:
    assert h.start and h.end
    return h.start.isoformat() if h.start == h.end else f"{h.start.isoformat()}..{h.end.isoformat()}"


def _as_of(source: Source) -> str:
    d = source.published
    assert d.start
    return d.start.strftime("%Y-%m") if d.granularity == "month" else d.start.isoformat()


def _month_or_day(ev: Event) -> str:
    d = ev.date
    assert d.start and d.end
    if d.granularity == "month":
        return d.start.strftime("%Y-%m")
    return d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()}..{d.end.isoformat()}"
