"""The knowledge base: people with dated roles, offices, organisations and countries, kept as YAML.

The data lives in ``backchannel/data/kb`` (and in any folder named by ``BACKCHANNEL_KB_PATH``,
separated by ``os.pathsep``, whose files extend or override it). Each file is a list of entries of
one kind, named by the file or folder:

    countries.yaml      iso3, name, aliases, adjectives, people, capitals, regions
    functions.yaml      generic offices ("top general", "foreign minister") used for role-only and
                        counterpart mentions: id, sector, phrases
    organisations.yaml  id, name, aliases, country, sector, kind
    roles/*.yaml        offices of one country: id, title, aliases, country, sector, function, org,
                        and optionally ``functions`` (further generic functions the office performs)
                        and ``multiple: true`` (several people hold it at once, e.g. spokespeople)
    people/*.yaml       id, name, aliases, country, gender, wikidata, source,
                        roles: [{role, start, end, acting, source}]
    office_exceptions/*.yaml  offices a country does not have, or that another office fills
                        ("Canada's head of state is the British monarch"): country, function,
                        held_by (a role id, or null when nobody holds it), start, end, note
    group_nouns.yaml    nouns of "<adjective> <noun>" groups ("Russian forces"): noun, sector
    wikidata_positions.yaml   Wikidata position QID -> our role id: qid, role
    wikidata_countries.yaml   Wikidata country QID -> ISO-3: qid, iso3

``source`` says where a fact came from: a URL, a dataset ("petrarch2/Phoenix.Countries.actors.txt")
or "recalled" for a fact an annotator knew from the public record but did not check against a stored
page. A person's ``source`` applies to each tenure that gives none.

A tenure's ``end`` is inclusive (the last day in office); a missing end means still in office, a
missing start means "before our records begin". A date may be a day (``2021-07-27``), a month
(``2021-07``) or a year (``2021``): an imprecise start counts from the first day of its period, an
imprecise end to the last, and the tenure remembers the precision (``start_precision``,
``end_precision``) so that checks can tell a real overlap from an imprecise one. ``acting: true``
marks a caretaker holder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from backchannel.errors import KnowledgeBaseError
from backchannel.model import DateSpan
from backchannel.names import surname

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"

__all__ = [
    "Country",
    "Function",
    "GroupNoun",
    "KnowledgeBase",
    "OfficeException",
    "Organisation",
    "Person",
    "Role",
    "Tenure",
    "default_kb",
    "fold",
]


def fold(text: str) -> str:
    """The key a surface form is looked up by: accents, case, punctuation and spacing folded."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^a-z0-9']+", " ", text)
    return text.strip()


Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Tenure:
    role: str
    start: dt.date | None = None
    end: dt.date | None = None
    start_precision: Precision = "day"
    end_precision: Precision = "day"
    acting: bool = False
    source: str | None = None

    def covers(self, start: dt.date, end: dt.date | None = None) -> bool:
        """True when the tenure overlaps ``[start, end]`` (a single day when ``end`` is None)."""
        end = end or start
        return (self.start is None or self.start <= end) and (self.end is None or start <= self.end)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    gender: str | None = None
    wikidata: str | None = None
    tenures: tuple[Tenure, ...] = ()
    source: str | None = None

    @property
    def surname(self) -> str:
        """The word a later mention uses for the person, else the whole name (see ``names.surname``)."""
        return surname(self.name, self.country) or self.name


@dataclass(slots=True)
class Role:
    id: str
    title: str
    country: str | None
    sector: str | None
    function: str | None = None
    org: str | None = None
    aliases: tuple[str, ...] = ()
    functions: tuple[str, ...] = ()
    multiple: bool = False

    def performs(self, function: str) -> bool:
        """True when ``function`` is the office's main function or one of its further ones."""
        return self.function == function or function in self.functions


@dataclass(slots=True)
class Function:
    id: str
    sector: str | None
    phrases: tuple[str, ...] = ()


@dataclass(slots=True)
class Organisation:
    id: str
    name: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...] = ()
    kind: str | None = None


@dataclass(slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OfficeException:
    """A country without an office of some function, or whose office of that function is another
    country's or body's (``held_by``), between two dates (open when None)."""

    country: str
    function: str
    held_by: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    note: str | None = None


@dataclass(slots=True)
class GroupNoun:
    """A noun that makes "<adjective> <noun>" a group actor ("Russian forces" -> RUS, MIL)."""

    noun: str
    sector: str | None


@dataclass(slots=True)
class KnowledgeBase:
    countries: dict[str, Country] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    group_nouns: dict[str, GroupNoun] = field(default_factory=dict)
    wikidata_positions: dict[str, str] = field(default_factory=dict)
    wikidata_countries: dict[str, str] = field(default_factory=dict)
    office_exceptions: list[OfficeException] = field(default_factory=list)
    _index: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _by_role: dict[str, list[tuple[Person, Tenure]]] = field(default_factory=dict, repr=False)

    # -- loading ------------------------------------------------------------------------------

    @classmethod
    def load(cls, paths: Iterable[Path] | None = None) -> KnowledgeBase:
        """Load the package data, then each extra folder in order (later entries win by id)."""
        kb = cls()
        folders = [DATA_DIR, *(paths or [])]
        extra = os.environ.get("BACKCHANNEL_KB_PATH")
        if paths is None and extra:
            folders += [Path(p) for p in extra.split(os.pathsep) if p]
        for folder in folders:
            kb._load_folder(Path(folder))
        kb._build_indexes()
        return kb

    def _load_folder(self, folder: Path) -> None:
        if not folder.is_dir():
            raise KnowledgeBaseError(f"knowledge-base folder {folder} does not exist")
        for path in sorted(folder.rglob("*.yaml")):
            kind = path.parent.name if path.parent != folder else path.stem
            self.add_entries(kind, _read_yaml(path), str(path))

    def add_entries(self, kind: str, entries: list[dict[str, Any]], origin: str = "<data>") -> None:
        """Add entries of one kind (``countries``, ``functions``, ``organisations``, ``roles``, ``people``,
        ``group_nouns``, ``wikidata_positions``, ``wikidata_countries``, ``office_exceptions``)."""
        builders: dict[str, tuple[dict[str, Any], Any, str]] = {
            "countries": (self.countries, _country, "iso3"),
            "functions": (self.functions, _function, "id"),
            "organisations": (self.organisations, _organisation, "id"),
            "roles": (self.roles, _role, "id"),
            "people": (self.people, _person, "id"),
            "group_nouns": (self.group_nouns, _group_noun, "noun"),
            "wikidata_positions": (self.wikidata_positions, _qid_to("role"), ""),
            "wikidata_countries": (self.wikidata_countries, _qid_to("iso3"), ""),
        }
        if kind == "office_exceptions":
            for entry in entries:
                try:
                    self.office_exceptions.append(_exception(entry))
                except (KeyError, TypeError, ValueError) as exc:
                    raise KnowledgeBaseError(f"{origin}: bad {kind} entry {entry!r}: {exc}") from exc
            return
        if kind not in builders:
            expected = sorted([*builders, "office_exceptions"])
            raise KnowledgeBaseError(f"{origin}: unknown kind {kind!r}; expected one of {expected}")
        table, build, key = builders[kind]
        for entry in entries:
            try:
                record = build(entry)
            except (KeyError, TypeError, ValueError) as exc:
                raise KnowledgeBaseError(f"{origin}: bad {kind} entry {entry!r}: {exc}") from exc
            if key:
                table[getattr(record, key)] = record
            else:
                table[record[0]] = record[1]

    def _build_indexes(self) -> None:
        index: dict[str, list[tuple[str, str]]] = defaultdict(list)

        def put(surface: str, kind: str, ident: str) -> None:
            key = fold(surface)
            if key and (kind, ident) not in index[key]:
                index[key].append((kind, ident))

        for c in self.countries.values():
            for s in (c.name, *c.aliases):
                put(s, "country", c.iso3)
            for s in c.adjectives:
                put(s, "adjective", c.iso3)
            for s in c.people:
                put(s, "people", c.iso3)
            for s in c.capitals:
                put(s, "capital", c.iso3)
            for s in c.regions:
                put(s, "region", c.iso3)
        for o in self.organisations.values():
            for s in (o.name, *o.aliases):
                put(s, "organisation", o.id)
        for r in self.roles.values():
            for s in (r.title, *r.aliases):
                put(s, "role", r.id)
        for f in self.functions.values():
            for s in f.phrases:
                put(s, "function", f.id)
        for p in self.people.values():
            for s in (p.name, *p.aliases):
                put(s, "person", p.id)
        self._index = dict(index)
        by_role: dict[str, list[tuple[Person, Tenure]]] = defaultdict(list)
        for p in self.people.values():
            for t in p.tenures:
                by_role[t.role].append((p, t))
        self._by_role = dict(by_role)

    # -- lookups ------------------------------------------------------------------------------

    def surfaces(self) -> Iterator[tuple[str, str, str]]:
        """Every matchable surface form as ``(folded form, kind, id)``, for building matchers."""
        for key, hits in self._index.items():
            for kind, ident in hits:
                yield key, kind, ident

    def find(self, surface: str) -> list[tuple[str, str]]:
        """Entries named exactly by ``surface`` (after folding) as ``(kind, id)`` pairs."""
        return list(self._index.get(fold(surface), ()))

    def country(self, surface: str) -> Country | None:
        """The country a name, adjective, people noun, capital or region refers to."""
        for kind, ident in self.find(surface):
            if kind in {"country", "adjective", "people", "capital", "region"}:
                return self.countries.get(ident)
        return None

    def roles_on(self, person_id: str, when: DateSpan | dt.date | None) -> list[Role]:
        """The roles a person held on a date (or at any time in an interval; all roles if unknown)."""
        person = self.people.get(person_id)
        if person is None:
            return []
        start, end = _bounds(when)
        held = [t for t in person.tenures if start is None or t.covers(start, end)]
        return [self.roles[t.role] for t in held if t.role in self.roles]

    def holders(self, role_id: str, when: DateSpan | dt.date | None) -> list[Person]:
        """Who held a role on a date, or at any time in an interval, latest tenure first."""
        return [p for p, _ in self.tenures(role_id, when)]

    def tenures(self, role_id: str, when: DateSpan | dt.date | None = None) -> list[tuple[Person, Tenure]]:
        """Who held a role and when, on a date or in an interval (all tenures if ``when`` is None),
        latest first."""
        start, end = _bounds(when)
        rows = [(p, t) for p, t in self._by_role.get(role_id, ()) if start is None or t.covers(start, end)]
        return sorted(rows, key=lambda pt: pt[1].start or dt.date.min, reverse=True)

    def roles_with(self, function: str, country: str | None) -> list[Role]:
        """The offices of a country that perform a generic function (e.g. ``chief_of_defence``)."""
        return [
            r
            for r in self.roles.values()
            if r.performs(function) and (country is None or r.country == country)
        ]

    def group_noun(self, surface: str) -> GroupNoun | None:
        """The group noun ``surface`` names ("troops", "Armed Forces"), or None."""
        return self.group_nouns.get(fold(surface))


@cache
def default_kb() -> KnowledgeBase:
    """The package knowledge base (plus ``BACKCHANNEL_KB_PATH``), loaded once per process."""
    return KnowledgeBase.load()


def _bounds(when: DateSpan | dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    if when is None:
        return None, None
    if isinstance(when, DateSpan):
        return when.start, when.end
    return when, when


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read knowledge-base file: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise KnowledgeBaseError(f"{path}: expected a list of entries, got {type(data).__name__}")
    return data


def _date(value: Any, last: bool = False) -> dt.date | None:
    """A day, month or year as a date: the first day of its period, or the last when ``last``."""
    return _dated(value, last)[0]


def _dated(value: Any, last: bool = False) -> tuple[dt.date | None, Precision]:
    if value in (None, ""):
        return None, "day"
    if isinstance(value, dt.date):
        return value, "day"
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return (dt.date(year, 12, 31) if last else dt.date(year, 1, 1)), "year"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        first = dt.date.fromisoformat(text + "-01")
        if not last:
            return first, "month"
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1), "month"
    return dt.date.fromisoformat(text), "day"


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _country(e: dict[str, Any]) -> Country:
    return Country(
        iso3=e["iso3"],
        name=e["name"],
        aliases=_tuple(e.get("aliases")),
        adjectives=_tuple(e.get("adjectives")),
        people=_tuple(e.get("people")),
        capitals=_tuple(e.get("capitals")),
        regions=_tuple(e.get("regions")),
    )


def _function(e: dict[str, Any]) -> Function:
    return Function(id=e["id"], sector=e.get("sector"), phrases=_tuple(e.get("phrases")))


def _organisation(e: dict[str, Any]) -> Organisation:
    return Organisation(
        id=e["id"],
        name=e["name"],
        country=e.get("country"),
        sector=e.get("sector"),
        aliases=_tuple(e.get("aliases")),
        kind=e.get("kind"),
    )


def _role(e: dict[str, Any]) -> Role:
    return Role(
        id=e["id"],
        title=e["title"],
        country=e.get("country"),
        sector=e.get("sector"),
        function=e.get("function"),
        org=e.get("org"),
        aliases=_tuple(e.get("aliases")),
        functions=_tuple(e.get("functions")),
        multiple=bool(e.get("multiple", False)),
    )


def _group_noun(e: dict[str, Any]) -> GroupNoun:
    return GroupNoun(noun=fold(e["noun"]), sector=e.get("sector"))


def _qid_to(target: str) -> Any:
    def build(e: dict[str, Any]) -> tuple[str, str]:
        return str(e["qid"]).upper(), str(e[target])

    return build


def _person(e: dict[str, Any]) -> Person:
    tenures = []
    for r in e.get("roles") or []:
        (start, start_p), (end, end_p) = _dated(r.get("start")), _dated(r.get("end"), last=True)
        if start and end and end < start:
            raise ValueError(f"tenure of {r['role']} ends before it starts")
        source = r.get("source") or e.get("source")
        tenures.append(Tenure(r["role"], start, end, start_p, end_p, bool(r.get("acting", False)), source))
    return Person(
        id=e["id"],
        name=e["name"],
        country=e.get("country"),
        aliases=_tuple(e.get("aliases")),
        gender=e.get("gender"),
        wikidata=e.get("wikidata"),
        tenures=tuple(tenures),
        source=e.get("source"),
    )


def _exception(e: dict[str, Any]) -> OfficeException:
    return OfficeException(
        country=str(e["country"]),
        function=str(e["function"]),
        held_by=e.get("held_by"),
        start=_date(e.get("start")),
        end=_date(e.get("end"), last=True),
        note=e.get("note"),
    )
