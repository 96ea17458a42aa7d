"""How much of the world the knowledge base covers: which offices of which countries have a known
holder on every day of a period, and where the gaps are. Backs ``backchannel kb coverage``.

A day of an office is covered when someone held an office of that function in that country
(acting holders count), or when an office exception says the country has no such office then, or
that another body's office fills it ("Canada's head of state is the British monarch"). A gap no
longer than ``HANDOVER_DAYS`` between two holders is a handover, not missing data.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from backchannel.kb import KnowledgeBase

# The five offices every country is expected to have on record, in column order.
CORE_FUNCTIONS = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "chief_of_defence",
)
# Offices recorded for the most reported countries as well.
EXTRA_FUNCTIONS = (
    "national_security_adviser",
    "interior_minister",
    "intelligence_chief",
    "un_ambassador",
)
HANDOVER_DAYS = 14
# Sovereign states counted by the summary: UN members plus Taiwan, Kosovo, Palestine and the Holy See
# (every country of countries.yaml except Hong Kong, which PLOVER keeps apart but is not a state).
NOT_STATES = frozenset({"HKG"})

Interval = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class OfficeCoverage:
    country: str
    function: str
    holders: int  # distinct people who held it in the period
    gaps: tuple[Interval, ...]  # uncovered stretches longer than a handover

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def missing_days(self) -> int:
        return sum((b - a).days + 1 for a, b in self.gaps)


def office_coverage(
    kb: KnowledgeBase, country: str, function: str, since: dt.date, until: dt.date
) -> OfficeCoverage:
    """Who held the offices of ``function`` in ``country`` between two days, and the gaps."""
    covered: list[Interval] = []
    people: set[str] = set()
    offices = [(r.id, since, until) for r in kb.roles_with(function, country)]
    for exc in kb.office_exceptions:
        if exc.country != country or exc.function != function:
            continue
        first, last = max(exc.start or since, since), min(exc.end or until, until)
        if exc.held_by is None:
            covered.append((first, last))
        else:  # counted through that office's own holders, in the exception's period
            offices.append((exc.held_by, first, last))
    for role_id, lo, hi in offices:
        for person, tenure in kb.tenures(role_id):
            first, last = max(tenure.start or lo, lo), min(tenure.end or hi, hi)
            if first <= last:
                covered.append((first, last))
                people.add(person.id)
    return OfficeCoverage(country, function, len(people), tuple(_gaps(covered, since, until)))


def coverage(
    kb: KnowledgeBase,
    countries: Iterable[str] | None = None,
    functions: Iterable[str] = CORE_FUNCTIONS,
    since: dt.date = dt.date(2014, 1, 1),
    until: dt.date | None = None,
) -> list[list[OfficeCoverage]]:
    """One row per country (every state by default), one cell per function."""
    last = until or dt.date.today()
    codes = list(countries) if countries is not None else states(kb)
    return [[office_coverage(kb, c, f, since, last) for f in functions] for c in codes]


def states(kb: KnowledgeBase) -> list[str]:
    return sorted(c for c in kb.countries if c not in NOT_STATES)


def coverage_table(rows: list[list[OfficeCoverage]]) -> str:
    """The rows as Markdown: holders per office, with the days not covered, then a summary line."""
    if not rows:
        return "no countries"
    functions = [cell.function for cell in rows[0]]
    lines = ["| country | " + " | ".join(functions) + " |", "|---|" + "---|" * len(functions)]
    for row in rows:
        lines.append(f"| {row[0].country} | " + " | ".join(_cell(c) for c in row) + " |")
    lines += ["", summary(rows)]
    return "\n".join(lines)


def summary(rows: list[list[OfficeCoverage]]) -> str:
    full = sum(all(c.complete for c in row) for row in rows)
    cells = [c for row in rows for c in row]
    done = sum(c.complete for c in cells)
    return (
        f"{full} of {len(rows)} countries have every office covered on every day; "
        f"{done} of {len(cells)} offices complete"
    )


def _cell(c: OfficeCoverage) -> str:
    if c.complete:
        return str(c.holders)
    if c.holders == 0:
        return "missing"
    return f"{c.holders} (gap {c.missing_days} d)"


def _gaps(covered: list[Interval], since: dt.date, until: dt.date) -> list[Interval]:
    gaps: list[Interval] = []
    cursor = since  # first day not yet known to be covered
    for first, last in sorted(covered):
        if first > cursor:
            gaps.append((cursor, first - dt.timedelta(days=1)))
        cursor = max(cursor, last + dt.timedelta(days=1))
    if cursor <= until:
        gaps.append((cursor, until))
    # a gap that ends before the period does (between two holders) may be a handover
    return [(a, b) for a, b in gaps if b == until or (b - a).days + 1 > HANDOVER_DAYS]


def sources(kb: KnowledgeBase) -> Counter[str]:
    """Tenures by where their fact came from: a page (``url``), a dataset such as the PETRARCH-2
    Phoenix lists (``dataset``), an annotator's knowledge not checked on a page (``recalled``), or
    nothing recorded (``none``)."""
    kinds: Counter[str] = Counter()
    for person in kb.people.values():
        for tenure in person.tenures:
            kinds[_source_kind(tenure.source)] += 1
    return kinds


def sources_line(kb: KnowledgeBase) -> str:
    counts = sources(kb)
    parts = ", ".join(f"{counts[k]} {k}" for k in ("url", "dataset", "recalled", "none") if counts[k])
    return f"tenures by source: {parts}"


def _source_kind(source: str | None) -> str:
    if not source:
        return "none"
    if source.startswith(("http://", "https://")):
        return "url"
    if source.strip().lower() == "recalled":
        return "recalled"
    return "dataset"
