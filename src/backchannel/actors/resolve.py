"""Resolving a mention to an actor as of a date: the office holder on the event's day.

"The chairman of the Joint Chiefs" is Milley in 2021 and Brown in 2024, so offices and
counterparts are resolved only once the event's date is known. A person keeps their name but
takes the office they held on that date.
"""

from __future__ import annotations

import datetime as dt

from backchannel.kb import KnowledgeBase, Person, Role
from backchannel.model import Actor, DateSpan, Mention


def resolve(
    mention: Mention, when: DateSpan, kb: KnowledgeBase, partner: Actor | None = None
) -> Actor | None:
    """The actor a mention names on ``when``; None when it cannot name anyone (a counterpart of
    nobody, an office of an unknown country)."""
    if mention.kind == "person":
        return person_on(mention, when, kb)
    if mention.kind == "role":
        return _office(mention, when, kb, mention.role_id, mention.function, mention.country)
    if mention.kind == "function":
        if mention.country is None:
            return None  # "the military chiefs" of no named country: nobody in particular
        return _office(mention, when, kb, None, mention.function, mention.country)
    if mention.kind == "counterpart":
        function = _function_of(partner, when, kb)
        if not (function and mention.country):
            return None
        return _office(mention, when, kb, None, function, mention.country)
    return mention.actor


def person_on(mention: Mention, when: DateSpan, kb: KnowledgeBase) -> Actor:
    actor = mention.actor
    if not actor.kb_id or actor.kb_id not in kb.people:
        return actor
    person = kb.people[actor.kb_id]
    role = _role_on(person, when, kb, mention)
    if role is None:
        return Actor(person.name, mention.text, person.country, _sector_anytime(person, kb), None, person.id)
    return Actor(
        person.name, mention.text, role.country or person.country, role.sector, role.title, person.id
    )


def _role_on(person: Person, when: DateSpan, kb: KnowledgeBase, mention: Mention) -> Role | None:
    if not when.known:
        return None
    held = kb.roles_on(person.id, when)
    if not held:
        return None
    if mention.role_id:
        for role in held:
            if role.id == mention.role_id:
                return role
    return held[0]


def _sector_anytime(person: Person, kb: KnowledgeBase) -> str | None:
    for t in reversed(person.tenures):
        role = kb.roles.get(t.role)
        if role and role.sector:
            return role.sector
    return None


def _office(
    mention: Mention,
    when: DateSpan,
    kb: KnowledgeBase,
    role_id: str | None,
    function: str | None,
    country: str | None,
) -> Actor | None:
    roles = (
        [kb.roles[role_id]]
        if role_id and role_id in kb.roles
        else kb.roles_with(function, country)
        if function
        else []
    )
    if not roles:
        return mention.actor if mention.actor.country else None
    for role in roles:
        holder = holder_on(role, when, kb)
        if holder:
            return Actor(holder.name, mention.text, role.country, role.sector, role.title, holder.id)
    role = roles[0]
    return Actor(None, mention.text, role.country, role.sector, role.title, None)


def holder_on(role: Role, when: DateSpan, kb: KnowledgeBase) -> Person | None:
    """Who held ``role`` at the end of ``when`` (news reports the latest state), else at any time in it."""
    if not when.known:
        return None
    assert when.end is not None
    exact = kb.holders(role.id, when.end)
    if exact:
        return exact[0]
    inside = kb.holders(role.id, when)
    return inside[0] if inside else None


def _function_of(partner: Actor | None, when: DateSpan, kb: KnowledgeBase) -> str | None:
    """The generic office of the other party: their role on the date, else the one named."""
    if partner is None:
        return None
    if partner.kb_id and partner.kb_id in kb.people:
        for role in kb.roles_on(partner.kb_id, when if when.known else None):
            if role.function:
                return role.function
    for role in kb.roles.values():
        if partner.role and role.title == partner.role and role.function:
            return role.function
    return None


def on_day(day: dt.date) -> DateSpan:
    return DateSpan.day(day)
