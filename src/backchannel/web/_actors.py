"""An actor's page: who they are in the knowledge base (roles over time) and what the store
says they did (their real-world events and counterparts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from backchannel.kb import KnowledgeBase, Person, fold
from backchannel.store import Store
from backchannel.store import _web_queries as queries
from backchannel.store._web_queries import Participant
from backchannel.web._views import Summary, summaries


@dataclass(frozen=True)
class RoleSpan:
    """One tenure, with the office's title: ``end`` None means still in office."""

    role: str
    title: str
    country: str | None
    start: dt.date | None
    end: dt.date | None
    acting: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "title": self.title,
            "country": self.country,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "acting": self.acting,
        }


@dataclass
class Profile:
    key: str  # what the store is searched by: the KB id, or the words given
    name: str
    kb_id: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleSpan] = field(default_factory=list)
    counterparts: list[Participant] = field(default_factory=list)
    events: list[Summary] = field(default_factory=list)
    total_events: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "kb_id": self.kb_id,
            "country": self.country,
            "aliases": self.aliases,
            "roles": [r.to_dict() for r in self.roles],
            "counterparts": [_participant(c) for c in self.counterparts],
            "events": [s.to_dict() for s in self.events],
            "total_events": self.total_events,
        }


def _participant(p: Participant) -> dict[str, Any]:
    return {
        "kb_id": p.kb_id,
        "name": p.name,
        "country": p.country,
        "sector": p.sector,
        "clusters": p.clusters,
        "label": p.label,
    }


def find_person(kb: KnowledgeBase, term: str) -> Person | None:
    """The person a KB id or an unambiguous name or alias names."""
    if term in kb.people:
        return kb.people[term]
    ids = [ident for kind, ident in kb.find(term) if kind == "person"]
    return kb.people[ids[0]] if len(set(ids)) == 1 else None


def short_name(kb: KnowledgeBase) -> Callable[[str], str]:
    """A function giving a KB person's surname for their name, and any other name as it is."""

    def short(name: str) -> str:
        person = find_person(kb, name)
        return person.surname if person is not None and person.name == name else name

    return short


def roles_over_time(kb: KnowledgeBase, person: Person) -> list[RoleSpan]:
    """The person's tenures, earliest first, with each office's title."""
    spans = []
    for t in person.tenures:
        role = kb.roles.get(t.role)
        title = role.title if role else t.role
        spans.append(RoleSpan(t.role, title, role.country if role else None, t.start, t.end, t.acting))
    return sorted(spans, key=lambda r: r.start or dt.date.min)


def search_people(kb: KnowledgeBase, words: str, limit: int = 20) -> list[Person]:
    """People whose name or an alias contains ``words`` (folded), best (shortest name) first."""
    key = fold(words)
    if not key:
        return []
    found = [p for p in kb.people.values() if any(key in fold(n) for n in (p.name, *p.aliases))]
    return sorted(found, key=lambda p: (len(p.name), p.name))[:limit]


def profile(kb: KnowledgeBase, store: Store, term: str, limit: int = 200) -> Profile | None:
    """1. the KB person ``term`` names, if any; 2. their events and counterparts in the store,
    matched by KB id (else by the words given); None when neither knows them."""
    person = find_person(kb, term)
    key = person.id if person else term
    keys, total = queries.cluster_keys_page(store, {"actor": key}, limit=limit)
    if person is None and total == 0:
        return None
    found = Profile(key=key, name=person.name if person else term, total_events=total)
    if person is not None:
        found.kb_id, found.country, found.aliases = person.id, person.country, list(person.aliases)
        found.roles = roles_over_time(kb, person)
    found.counterparts = queries.counterparts(store, key)
    found.events = summaries(store, keys)
    return found
