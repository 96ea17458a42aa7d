"""Questions people ask the knowledge base: what is this name, who held this office.

These back ``backchannel kb show`` and ``kb who``; they return records and leave
printing to the CLI. A name that matches nothing exactly falls back to fuzzy matching over every
surface form (rapidfuzz), which absorbs transliteration variants the data does not list
("Zaluzhniy", "Sergej Shojgu").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from backchannel.kb import KnowledgeBase, OfficeException, Person, Role, Tenure, fold
from backchannel.kb.check import NON_STATE_CODES
from backchannel.model import DateSpan


@dataclass(frozen=True, slots=True)
class Hit:
    """An entry a name refers to; ``score`` is 100 for an exact (folded) match."""

    kind: str
    id: str
    surface: str
    score: float


@dataclass(frozen=True, slots=True)
class Holding:
    """An office and who held it in the period asked about, latest first. ``note`` says why the
    office answers for another ("Canada's head of state: the British monarch")."""

    role: Role
    holders: tuple[tuple[Person, Tenure], ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class NoOffice:
    """A country that had no office of a function in the period asked about, and why."""

    country: str
    function: str
    note: str | None


def lookup(kb: KnowledgeBase, name: str, limit: int = 5, cutoff: float = 80.0) -> list[Hit]:
    """The entries ``name`` refers to: exact matches, or else the closest fuzzy ones."""
    exact = [Hit(kind, ident, fold(name), 100.0) for kind, ident in kb.find(name)]
    if exact:
        return exact
    surfaces: dict[str, list[tuple[str, str]]] = {}
    for key, kind, ident in kb.surfaces():
        surfaces.setdefault(key, []).append((kind, ident))
    found = process.extract(fold(name), list(surfaces), scorer=fuzz.WRatio, score_cutoff=cutoff, limit=limit)
    hits: dict[tuple[str, str], Hit] = {}
    for key, score, _ in found:
        for kind, ident in surfaces[key]:
            hits.setdefault((kind, ident), Hit(kind, ident, key, float(score)))
    return sorted(hits.values(), key=lambda h: -h.score)


def resolve_country(kb: KnowledgeBase, text: str) -> str | None:
    """An ISO-3 (or PLOVER non-state) code from a code, a name, an adjective or a capital."""
    code = text.strip().upper()
    if code in kb.countries or code in NON_STATE_CODES:
        return code
    country = kb.country(text)
    return country.iso3 if country else None


def offices(kb: KnowledgeBase, phrase: str, country: str | None = None) -> list[Role]:
    """The offices ``phrase`` names: a role id, a function id, a title or alias, or a function phrase.

    1. an exact role id or function id;
    2. the titles and aliases ``phrase`` matches after folding, in ``country``: a country's own
       title wins over a generic phrase (the British "Chief of the General Staff" heads the Army);
    3. the function phrases it matches;
    4. failing those, the closest fuzzy matches among titles, aliases and phrases.
    """
    if phrase in kb.roles:
        return [kb.roles[phrase]]
    hits = [(kind, ident) for kind, ident in kb.find(phrase) if kind in {"role", "function"}]
    key = fold(phrase).replace(" ", "_")
    if key in kb.functions:
        hits.append(("function", key))
    if not hits:
        return _unique(_expand(kb, _best_fuzzy(kb, phrase), country))
    titled = _expand(kb, [h for h in hits if h[0] == "role"], country)
    return _unique(titled or _expand(kb, hits, country))


def who(
    kb: KnowledgeBase, phrase: str, country: str | None, when: DateSpan | dt.date | None
) -> list[Holding | NoOffice]:
    """Who held the offices ``phrase`` names, in ``country``, on a date or in an interval. Where
    an office exception covers the period, it answers instead: the office that held the function
    then ("Turkey's head of government since 2018: the president"), or that there was none."""
    found: list[Holding | NoOffice] = []
    for role in offices(kb, phrase, country):
        exc = _exception(kb, role.country, role.function, when)
        if exc is None or exc.held_by == role.id:
            found.append(Holding(role, tuple(kb.tenures(role.id, when))))
    functions = _functions(kb, phrase)
    for exc in kb.office_exceptions:
        if country and exc.country == country and exc.function in functions and _during(exc, when):
            if exc.held_by is None:
                found.append(NoOffice(exc.country, exc.function, exc.note))
            elif exc.held_by in kb.roles and all(
                not isinstance(h, Holding) or h.role.id != exc.held_by for h in found
            ):
                role = kb.roles[exc.held_by]
                note = f"{exc.country} {exc.function.replace('_', ' ')}: {exc.note or role.title}"
                found.append(Holding(role, tuple(kb.tenures(role.id, when)), note))
    return found


def _functions(kb: KnowledgeBase, phrase: str) -> set[str]:
    """The generic functions a phrase names: a function id or phrase, or an office's function."""
    key = fold(phrase).replace(" ", "_")
    named = {key} if key in kb.functions else set()
    for kind, ident in kb.find(phrase):
        if kind == "function":
            named.add(ident)
        elif kind == "role" and kb.roles[ident].function:
            named.add(kb.roles[ident].function or "")
    if phrase in kb.roles and kb.roles[phrase].function:
        named.add(kb.roles[phrase].function or "")
    return named - {""}


def _exception(
    kb: KnowledgeBase, country: str | None, function: str | None, when: DateSpan | dt.date | None
) -> OfficeException | None:
    return next(
        (
            e
            for e in kb.office_exceptions
            if e.country == country and e.function == function and _during(e, when)
        ),
        None,
    )


def _during(exc: OfficeException, when: DateSpan | dt.date | None) -> bool:
    """True when the exception covers the whole of ``when`` (any time, when ``when`` is None)."""
    if when is None:
        return True
    start, end = (when.start, when.end) if isinstance(when, DateSpan) else (when, when)
    return (exc.start is None or (start is not None and exc.start <= start)) and (
        exc.end is None or (end is not None and end <= exc.end)
    )


def parse_when(text: str) -> DateSpan:
    """A day (2021-09-22), month (2021-09) or year (2021) as the interval it covers."""
    text = text.strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            first = dt.date.fromisoformat(text + "-01")
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            return DateSpan(first, last, "month", text)
        return DateSpan.day(dt.date.fromisoformat(text), text)
    except ValueError as exc:
        raise ValueError(f"cannot read date {text!r}: use YYYY-MM-DD, YYYY-MM or YYYY") from exc


def _best_fuzzy(kb: KnowledgeBase, phrase: str) -> list[tuple[str, str]]:
    hits = [h for h in lookup(kb, phrase) if h.kind in {"role", "function"}]
    best = max((h.score for h in hits), default=0.0)
    return [(h.kind, h.id) for h in hits if h.score == best]


def _expand(kb: KnowledgeBase, hits: list[tuple[str, str]], country: str | None) -> list[Role]:
    roles: list[Role] = []
    for kind, ident in hits:
        if kind == "function":
            roles.extend(kb.roles_with(ident, country))
        elif country is None or kb.roles[ident].country == country:
            roles.append(kb.roles[ident])
    return roles


def _unique(roles: list[Role]) -> list[Role]:
    return list({r.id: r for r in roles}.values())
