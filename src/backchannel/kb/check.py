"""Consistency checks over a loaded knowledge base, as run by ``backchannel kb check``.

Each rule looks at one kind of mistake and returns :class:`Problem` records:

    error    two people hold a single-holder office at once (beyond a handover day, or beyond the
             slack an imprecise month or year date allows)
    error    one surface form names two different people
    error    a tenure names an office that is not defined
    error    a country code that is neither in countries.yaml nor a PLOVER non-state code
    error    an office names an unknown function or organisation; a Wikidata mapping names an
             unknown role or country; an office exception names an unknown country, function or role
    warning  one title or alias names offices of two countries (it cannot tell them apart)
    warning  a tenure without a start date
    warning  a date known only to the month or year (only when asked: ``imprecise=True``)

Errors make the resolver give wrong answers; warnings mark data worth improving.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from backchannel.kb import KnowledgeBase, Organisation, Person, Role, Tenure

# PLOVER's codes for actors that are not states (shared/PLOVER.md, section 4).
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

# Days of slack an imprecise boundary allows before two tenures count as overlapping.
_SLACK = {"day": 0, "month": 31, "year": 366}

Level = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    level: Level
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.message} [{self.rule}]"


def check(kb: KnowledgeBase, imprecise: bool = False) -> list[Problem]:
    """Every problem found in ``kb``, errors first; ``imprecise`` adds dates not known to the day."""
    problems = [p for rule in RULES for p in rule(kb) if imprecise or p.rule != "imprecise-date"]
    return sorted(problems, key=lambda p: (p.level != "error", p.rule, p.message))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)


def undefined_roles(kb: KnowledgeBase) -> Iterator[Problem]:
    for person in kb.people.values():
        for tenure in person.tenures:
            if tenure.role not in kb.roles:
                yield Problem("error", "undefined-role", f"{person.id} holds undefined role {tenure.role!r}")


def unknown_countries(kb: KnowledgeBase) -> Iterator[Problem]:
    known = set(kb.countries) | NON_STATE_CODES
    entries: list[Person | Role | Organisation] = [
        *kb.people.values(),
        *kb.roles.values(),
        *kb.organisations.values(),
    ]
    for entry in entries:
        if entry.country is not None and entry.country not in known:
            yield Problem("error", "unknown-country", f"{entry.id} has unknown country {entry.country!r}")
    for qid, iso3 in kb.wikidata_countries.items():
        if iso3 not in known:
            yield Problem("error", "unknown-country", f"Wikidata country {qid} maps to unknown {iso3!r}")


def unknown_links(kb: KnowledgeBase) -> Iterator[Problem]:
    for role in kb.roles.values():
        for function in filter(None, (role.function, *role.functions)):
            if function not in kb.functions:
                yield Problem(
                    "error", "unknown-function", f"role {role.id} has unknown function {function!r}"
                )
        if role.org is not None and role.org not in kb.organisations:
            yield Problem(
                "error", "unknown-organisation", f"role {role.id} has unknown organisation {role.org!r}"
            )
    for exc in kb.office_exceptions:
        where = f"office exception {exc.country}/{exc.function}"
        if exc.country not in kb.countries:
            yield Problem("error", "unknown-country", f"{where} has unknown country {exc.country!r}")
        if exc.function not in kb.functions:
            yield Problem("error", "unknown-function", f"{where} has unknown function {exc.function!r}")
        if exc.held_by is not None and exc.held_by not in kb.roles:
            yield Problem("error", "undefined-role", f"{where} is held by undefined role {exc.held_by!r}")
    for qid, role_id in kb.wikidata_positions.items():
        if role_id not in kb.roles:
            yield Problem(
                "error", "undefined-role", f"Wikidata position {qid} maps to undefined role {role_id!r}"
            )


def duplicate_aliases(kb: KnowledgeBase) -> Iterator[Problem]:
    people: dict[str, list[str]] = defaultdict(list)
    for surface, kind, ident in kb.surfaces():
        if kind == "person":
            people[surface].append(ident)
    for surface, idents in sorted(people.items()):
        if len(idents) > 1:
            yield Problem("error", "duplicate-alias", f"{surface!r} names {', '.join(sorted(idents))}")


def shared_titles(kb: KnowledgeBase) -> Iterator[Problem]:
    countries: dict[str, dict[str, str]] = defaultdict(dict)
    for surface, kind, ident in kb.surfaces():
        if kind == "role":
            role = kb.roles[ident]
            countries[surface].setdefault(role.country or "?", role.id)
    for surface, by_country in sorted(countries.items()):
        if len(by_country) > 1:
            yield Problem(
                "warning",
                "shared-title",
                f"{surface!r} names offices of several countries: {', '.join(sorted(by_country.values()))}",
            )


def overlapping_tenures(kb: KnowledgeBase) -> Iterator[Problem]:
    for role in kb.roles.values():
        if role.multiple:
            continue
        rows = sorted(kb.tenures(role.id), key=lambda pt: pt[1].start or dt.date.min)
        for i, (first, a) in enumerate(rows):
            for second, b in rows[i + 1 :]:
                if first.id != second.id and _overlap(a, b) > _allowed(a, b):
                    yield Problem("error", "overlap", _overlap_message(role.id, first, a, second, b))


def imprecise_dates(kb: KnowledgeBase) -> Iterator[Problem]:
    for person in kb.people.values():
        for t in person.tenures:
            if t.start is None:
                yield Problem("warning", "missing-date", f"{person.id} as {t.role} has no start date")
            elif t.start_precision != "day" or (t.end is not None and t.end_precision != "day"):
                yield Problem(
                    "warning", "imprecise-date", f"{person.id} as {t.role}: {_span(t)} not known to the day"
                )


def _overlap(a: Tenure, b: Tenure) -> int:
    """Days both tenures cover (0 when disjoint); ``a`` starts no later than ``b``."""
    start = max(a.start or dt.date.min, b.start or dt.date.min)
    end = min(a.end or dt.date.max, b.end or dt.date.max)
    return max((end - start).days + 1, 0)


def _allowed(a: Tenure, b: Tenure) -> int:
    """A handover day, plus the slack of the imprecise boundaries where the two tenures meet."""
    return 1 + _SLACK[a.end_precision] + _SLACK[b.start_precision]


def _overlap_message(role: str, p: Person, a: Tenure, q: Person, b: Tenure) -> str:
    return f"{role}: {p.id} ({_span(a)}) overlaps {q.id} ({_span(b)}) by {_overlap(a, b)} days"


def _span(t: Tenure) -> str:
    return f"{t.start or '?'}..{t.end or 'open'}"


RULES: tuple[Callable[[KnowledgeBase], Iterator[Problem]], ...] = (
    undefined_roles,
    unknown_countries,
    unknown_links,
    duplicate_aliases,
    shared_titles,
    overlapping_tenures,
    imprecise_dates,
)
