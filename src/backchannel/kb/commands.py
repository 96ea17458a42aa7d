"""``backchannel kb``: look into, check and extend the actor knowledge base.

Each command parses its arguments, calls one library function (``lookup``, ``check``,
``wikidata``) and prints. A domain error is one line on stderr and exit status 1.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from backchannel.errors import BackchannelError
from backchannel.kb import KnowledgeBase, Person, Tenure, default_kb
from backchannel.kb.check import check, has_errors
from backchannel.kb.coverage import (
    CORE_FUNCTIONS,
    EXTRA_FUNCTIONS,
    coverage,
    coverage_table,
    sources_line,
    states,
)
from backchannel.kb.lookup import Hit, NoOffice, lookup, parse_when, resolve_country, who
from backchannel.kb.wikidata import import_wikidata, write_import

kb_app = typer.Typer(help="Look into, check and extend the actor knowledge base.", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    err.print(f"error: {message}", markup=False)
    return typer.Exit(1)


def _kb() -> KnowledgeBase:
    try:
        return default_kb()
    except BackchannelError as exc:
        raise _fail(str(exc)) from None


@kb_app.command()
def show(name: Annotated[str, typer.Argument(help="A name, alias, title, phrase or country.")]) -> None:
    """Show what NAME refers to: person, office, organisation or country (tolerant of spelling)."""
    kb = _kb()
    hits = lookup(kb, name)
    if not hits:
        raise _fail(f"nothing in the knowledge base is called {name!r}")
    for hit in hits:
        _show_hit(kb, hit)


@kb_app.command("who")
def who_command(
    role: Annotated[
        str, typer.Argument(help="A role id, a title, or a function phrase such as 'defence minister'.")
    ],
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="ISO-3 code or country name.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="YYYY-MM-DD, YYYY-MM or YYYY; default today.")
    ] = None,
) -> None:
    """Print who held ROLE on a date (or during a month or year)."""
    kb = _kb()
    code = resolve_country(kb, country) if country else None
    if country and code is None:
        raise _fail(f"unknown country {country!r}; give an ISO-3 code such as RUS or a name such as Russia")
    try:
        when = parse_when(on) if on else parse_when(dt.date.today().isoformat())
    except ValueError as exc:
        raise _fail(str(exc)) from None
    holdings = who(kb, role, code, when)
    if not holdings:
        raise _fail(f"no office matches {role!r}" + (f" in {code}" if code else ""))
    for holding in holdings:
        if isinstance(holding, NoOffice):
            why = f" ({holding.note})" if holding.note else ""
            out.print(f"{holding.country} had no {holding.function.replace('_', ' ')}{why}", markup=False)
            continue
        names = ", ".join(f"{p.name} ({_span(t)})" for p, t in holding.holders) or "nobody on record"
        line = f"{holding.role.title} [{holding.role.country}, {holding.role.id}]: {names}"
        out.print(line + (f"  -- {holding.note}" if holding.note else ""), markup=False)


@kb_app.command("check")
def check_command(
    imprecise: Annotated[
        bool, typer.Option("--imprecise", help="Also list dates known only to the month or year.")
    ] = False,
) -> None:
    """Check the data: overlapping tenures, missing dates, duplicate aliases, undefined roles, unknown countries."""
    kb = _kb()
    problems = check(kb, imprecise=imprecise)
    for problem in problems:
        out.print(str(problem), markup=False)
    errors = sum(p.level == "error" for p in problems)
    out.print(
        f"{len(kb.people)} people, {len(kb.roles)} roles: {errors} errors, {len(problems) - errors} warnings"
    )
    if has_errors(problems):
        raise typer.Exit(1)


@kb_app.command("import-wikidata")
def import_wikidata_command(
    file: Annotated[
        Path, typer.Argument(help="Wikidata entity JSON: dump lines, JSON Lines or Special:EntityData.")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write people/ and roles/ into.")] = Path(
        "kb-wikidata"
    ),
) -> None:
    """Import people and their positions from Wikidata JSON into YAML in our schema."""
    kb = _kb()
    try:
        result = import_wikidata(file, kb)
        written = write_import(result, out_dir)
    except (BackchannelError, OSError) as exc:
        raise _fail(str(exc)) from None
    for line in result.skipped:
        out.print(f"skipped {line}", markup=False)
    out.print(f"imported {len(result.people)} people and {len(result.roles)} new roles")
    for path in written:
        out.print(f"wrote {path}", markup=False)


@kb_app.command("coverage")
def coverage_command(
    since: Annotated[str, typer.Option(help="First day counted (YYYY-MM-DD).")] = "2014-01-01",
    until: Annotated[str | None, typer.Option(help="Last day counted (YYYY-MM-DD); default today.")] = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", "-c", help="Only this country (repeatable); default every state."),
    ] = None,
    extra: Annotated[
        bool,
        typer.Option("--extra", help="Also the security adviser, interior, intelligence and UN offices."),
    ] = False,
    gaps: Annotated[
        bool, typer.Option("--gaps", help="List every uncovered stretch after the table.")
    ] = False,
) -> None:
    """Print, per country and office, how many people held it and how many days have no known holder,
    then how many countries are covered on every day."""
    kb = _kb()
    try:
        first = dt.date.fromisoformat(since)
        last = dt.date.fromisoformat(until) if until else None
    except ValueError as exc:
        raise _fail(f"cannot read date: {exc}") from None
    codes = [resolve_country(kb, c) for c in country or []]
    if None in codes:
        bad = next(c for c, code in zip(country or [], codes, strict=True) if code is None)
        raise _fail(f"unknown country {bad!r}; give an ISO-3 code such as IND or a name such as India")
    functions = CORE_FUNCTIONS + (EXTRA_FUNCTIONS if extra else ())
    rows = coverage(kb, [c for c in codes if c] or states(kb), functions, since=first, until=last)
    out.print(coverage_table(rows), markup=False)
    out.print(sources_line(kb), markup=False)
    if gaps:
        for row in rows:
            for cell in row:
                for a, b in cell.gaps:
                    out.print(f"{cell.country} {cell.function}: no holder {a}..{b}", markup=False)


def _show_hit(kb: KnowledgeBase, hit: Hit) -> None:
    note = "" if hit.score == 100 else f"  (closest match: {hit.surface!r}, score {hit.score:.0f})"
    if hit.kind == "person":
        _show_person(kb, kb.people[hit.id], note)
    elif hit.kind == "role":
        role = kb.roles[hit.id]
        out.print(
            f"office {role.id}: {role.title} [{role.country}, {role.sector}, {role.function}]{note}",
            markup=False,
        )
        for person, tenure in kb.tenures(role.id):
            out.print(f"  {person.name}: {_span(tenure)}", markup=False)
    elif hit.kind == "organisation":
        org = kb.organisations[hit.id]
        out.print(
            f"organisation {org.id}: {org.name} [{org.country}, {org.sector}, {org.kind}]{note}", markup=False
        )
    elif hit.kind == "function":
        roles = ", ".join(r.id for r in kb.roles_with(hit.id, None))
        out.print(f"function {hit.id}: performed by {roles or 'no office'}{note}", markup=False)
    else:
        country = kb.countries[hit.id]
        out.print(f"country {country.iso3}: {country.name} (as {hit.kind}){note}", markup=False)


def _show_person(kb: KnowledgeBase, person: Person, note: str) -> None:
    out.print(f"person {person.id}: {person.name} [{person.country}, {person.gender}]{note}", markup=False)
    if person.aliases:
        out.print(f"  also: {', '.join(person.aliases)}", markup=False)
    table = Table("office", "title", "from", "to", box=None, pad_edge=False)
    for tenure in person.tenures:
        role = kb.roles.get(tenure.role)
        start, end = _day(tenure.start, tenure.start_precision), _day(tenure.end, tenure.end_precision)
        table.add_row(tenure.role, role.title if role else "?", start or "?", end or "open")
    out.print(table)


def _span(tenure: Tenure) -> str:
    start, end = _day(tenure.start, tenure.start_precision), _day(tenure.end, tenure.end_precision)
    acting = ", acting" if tenure.acting else ""
    return f"{start or '?'} to {end or 'open'}{acting}"


def _day(day: dt.date | None, precision: str) -> str | None:
    """A tenure boundary as precisely as it is known: 2021-07-27, 2021-07 or 2021."""
    if day is None:
        return None
    return day.isoformat()[: {"day": 10, "month": 7, "year": 4}[precision]]
