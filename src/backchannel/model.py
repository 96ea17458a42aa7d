"""The one data model: the records every stage exchanges, and their JSON form.

Stages pass these and nothing else. They are plain dataclasses so they pickle (and so cross
Dask or Spark workers); ``to_dict``/``from_dict`` give the JSON shape that ``../CONTRACT.md``
describes. Dates are ``datetime.date`` inside and ISO strings outside.

    Article ──clean──▶ Document ──dates, actors, events──▶ Event ──link──▶ Cluster
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from backchannel.names import name_key

Granularity = Literal["day", "week", "month", "year", "unknown"]
Basis = Literal["explicit", "relative", "published", "inferred"]
Status = Literal["occurred", "planned", "attempted", "refused", "hypothetical", "negated"]

GRANULARITIES: tuple[str, ...] = get_args(Granularity)
BASES: tuple[str, ...] = get_args(Basis)
STATUSES: tuple[str, ...] = get_args(Status)

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# PLOVER quad codes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(slots=True, frozen=True)
class DateSpan:
    """An inclusive interval of days, how precise it is, and where it came from.

    An unknown date has ``start`` and ``end`` both ``None`` and granularity ``unknown``: we never
    fabricate a day.
    """

    start: dt.date | None
    end: dt.date | None
    granularity: Granularity = "day"
    text: str | None = None
    basis: Basis = "explicit"

    @classmethod
    def unknown(cls) -> DateSpan:
        return cls(None, None, "unknown", None, "published")

    @classmethod
    def day(cls, day: dt.date, text: str | None = None, basis: Basis = "explicit") -> DateSpan:
        return cls(day, day, "day", text, basis)

    @property
    def known(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def width(self) -> int:
        """Days in the interval minus one (0 for a single day); -1 when unknown."""
        if self.start is None or self.end is None:
            return -1
        return (self.end - self.start).days

    def overlaps(self, other: DateSpan) -> bool:
        if not (self.known and other.known):
            return False
        assert self.start and self.end and other.start and other.end
        return self.start <= other.end and other.start <= self.end

    def contains(self, day: dt.date) -> bool:
        return bool(self.start and self.end and self.start <= day <= self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "granularity": self.granularity,
            "text": self.text,
            "basis": self.basis,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateSpan:
        return cls(
            _day(data.get("start")),
            _day(data.get("end")),
            data.get("granularity") or "unknown",
            data.get("text"),
            data.get("basis") or "published",
        )


@dataclass(slots=True, frozen=True)
class Actor:
    """Who acts or is acted on. A group without a person has ``name`` None and country/sector set."""

    name: str | None
    text: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None

    @property
    def key(self) -> str:
        """Identity used for linking: the KB id, else the name's spelling-independent key (the same
        for every article that spells it so), else country and sector."""
        if self.kb_id:
            return self.kb_id
        if self.name:
            return "~" + name_key(self.name)
        return f"{self.country or '?'}/{self.sector or '?'}"

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            name=data.get("name"),
            text=data.get("text") or "",
            country=data.get("country"),
            sector=data.get("sector"),
            role=data.get("role"),
            kb_id=data.get("kb_id"),
        )


@dataclass(slots=True, frozen=True)
class Evidence:
    """Verbatim words from the article and their character offsets in the text as it was given."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(data["text"], int(data["start"]), int(data["end"]))


@dataclass(slots=True, frozen=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return cls(data["name"], data.get("country"), data.get("lat"), data.get("lon"), data.get("geonameid"))


@dataclass(slots=True, frozen=True)
class Attribution:
    """Who says so: the source (resolved where possible) and the words that say it."""

    source: Actor | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source.to_dict() if self.source else None, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        source = data.get("source")
        return cls(Actor.from_dict(source) if source else None, data.get("text") or "")


@dataclass(slots=True)
class Article:
    """One news article as it was given to us. ``text`` is never modified after reading."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # as given: timestamp, date, month, or None
    source: str | None = None  # where it was read from (path, path#line, feed URL)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(slots=True)
class Event:
    """One coded event mention: a record of the contract (``../CONTRACT.md``) plus our extensions."""

    id: str
    article_id: str
    event_type: str
    mode: str | None
    contexts: list[str]
    status: Status
    actors: list[Actor]
    recipients: list[Actor]
    initiator: Actor | None
    date: DateSpan
    location: Location | None
    attribution: Attribution | None
    evidence: Evidence
    confidence: float
    cluster_id: str = ""
    # Extensions (documented in docs/record.md).
    outlet: str | None = None
    duration: str | None = None
    disclosure: str | None = None
    readouts: list[str] = field(default_factory=list)
    quantities: dict[str, Any] = field(default_factory=dict)
    trace: dict[str, Any] = field(default_factory=dict)

    @property
    def quad(self) -> int:
        return QUAD[self.event_type]

    @property
    def participants(self) -> list[Actor]:
        return [*self.actors, *self.recipients]

    def to_dict(self, *, trace: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "article_id": self.article_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "status": self.status,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [a.to_dict() for a in self.recipients],
            "initiator": self.initiator.to_dict() if self.initiator else None,
            "date": self.date.to_dict(),
            "location": self.location.to_dict() if self.location else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
            "cluster_id": self.cluster_id,
            "outlet": self.outlet,
            "duration": self.duration,
            "disclosure": self.disclosure,
            "readouts": list(self.readouts),
            "quantities": dict(self.quantities),
        }
        if trace:
            out["trace"] = self.trace
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        initiator = data.get("initiator")
        location = data.get("location")
        attribution = data.get("attribution")
        return cls(
            id=data["id"],
            article_id=data["article_id"],
            event_type=data["event_type"],
            mode=data.get("mode"),
            contexts=list(data.get("contexts") or []),
            status=data.get("status") or "occurred",
            actors=[Actor.from_dict(a) for a in data.get("actors") or []],
            recipients=[Actor.from_dict(a) for a in data.get("recipients") or []],
            initiator=Actor.from_dict(initiator) if initiator else None,
            date=DateSpan.from_dict(data.get("date") or {}),
            location=Location.from_dict(location) if location else None,
            attribution=Attribution.from_dict(attribution) if attribution else None,
            evidence=Evidence.from_dict(data["evidence"]),
            confidence=float(data.get("confidence", 0.0)),
            cluster_id=data.get("cluster_id") or "",
            outlet=data.get("outlet"),
            duration=data.get("duration"),
            disclosure=data.get("disclosure"),
            readouts=list(data.get("readouts") or []),
            quantities=dict(data.get("quantities") or {}),
            trace=dict(data.get("trace") or {}),
        )


@dataclass(slots=True)
class Dispute:
    """Reports of one cluster that disagree on a field: who says what."""

    field: str
    claims: dict[str, list[str]]  # value -> outlets (or article ids) that report it

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "claims": {k: list(v) for k, v in self.claims.items()}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dispute:
        return cls(data["field"], {k: list(v) for k, v in (data.get("claims") or {}).items()})


@dataclass(slots=True)
class Cluster:
    """One real-world event and the reports (event mentions) that describe it."""

    id: str
    event_type: str
    mode: str | None
    actors: list[Actor]
    date: DateSpan
    members: list[str]  # event ids
    sources: list[str] = field(default_factory=list)  # outlets
    reports: int = 0
    independent_sources: int = 0
    disputes: list[Dispute] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "mode": self.mode,
            "actors": [a.to_dict() for a in self.actors],
            "date": self.date.to_dict(),
            "members": list(self.members),
            "sources": list(self.sources),
            "reports": self.reports,
            "independent_sources": self.independent_sources,
            "disputes": [d.to_dict() for d in self.disputes],
            "flags": list(self.flags),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cluster:
        return cls(
            id=data["id"],
            event_type=data["event_type"],
            mode=data.get("mode"),
            actors=[Actor.from_dict(a) for a in data.get("actors") or []],
            date=DateSpan.from_dict(data.get("date") or {}),
            members=list(data.get("members") or []),
            sources=list(data.get("sources") or []),
            reports=int(data.get("reports") or 0),
            independent_sources=int(data.get("independent_sources") or 0),
            disputes=[Dispute.from_dict(d) for d in data.get("disputes") or []],
            flags=list(data.get("flags") or []),
        )


def stable_id(prefix: str, *parts: object, length: int = 12) -> str:
    """A short id that depends only on its parts, so reruns give the same ids."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}-{digest[:length]}"


# ---------------------------------------------------------------------------------------------
# The working record: one article on its way through the stages.
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Sentence:
    """A sentence of the cleaned text: ``[start, end)`` offsets into ``Document.text``."""

    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class TimeMention:
    """A date expression found in the cleaned text and what it resolves to against its anchor."""

    start: int
    end: int
    text: str
    span: DateSpan | None  # None when the words are a date but cannot be placed (e.g. no anchor)
    kind: str = "date"  # "date", "duration", "set", "time"
    direction: str = "past"  # "past" when read as reported news, "future" under a future-tense verb


@dataclass(slots=True)
class Mention:
    """A reference to an actor in the cleaned text.

    ``actor`` is resolved as of the publication date; a mention that names an office rather than a
    person (``kind`` "role", "function" or "counterpart") is resolved again at the event's date
    from ``role_id``/``function``/``country``. ``how`` says why, for ``explain``.
    """

    start: int
    end: int
    text: str
    actor: Actor
    how: str  # "name", "alias", "surname", "role", "function", "counterpart", "group", "org", ...
    sentence: int = -1
    kind: str = "person"  # person | role | function | counterpart | organisation | group | country
    role_id: str | None = None
    function: str | None = None
    country: str | None = None
    plural: bool = False


@dataclass(slots=True)
class Document:
    """An article after cleaning, with what each stage adds. ``offsets[i]`` is the position in
    ``article.text`` of ``text[i]`` (one past the end for ``i == len(text)``)."""

    article: Article
    text: str
    offsets: list[int]
    title: str | None = None
    published: DateSpan = field(default_factory=DateSpan.unknown)
    dateline: str | None = None  # where the copy was filed from ("WASHINGTON"), not an actor
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    done: set[str] = field(default_factory=set)  # names of the stages that have run
    parses: dict[int, Any] = field(default_factory=dict, repr=False)  # sentence -> spaCy Doc, transient
    _index: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # see _indexed

    def times_between(self, start: int, end: int) -> list[TimeMention]:
        """The time expressions that begin in ``[start, end)`` of the clean text, in text order."""
        starts, times = self._indexed("times", self.times, _by_start)
        return times[bisect_left(starts, start) : bisect_left(starts, end)]

    def mentions_in(self, sentence: int) -> list[Mention]:
        """The actor mentions of one sentence, in the order the actors stage found them."""
        by_sentence: dict[int, list[Mention]] = self._indexed("mentions", self.mentions, _by_sentence)
        return by_sentence.get(sentence, [])

    def roles_named(self, kb_id: str) -> set[str]:
        """The offices the article names for one person, anywhere in it."""
        by_person: dict[str, set[str]] = self._indexed("roles", self.mentions, _roles_by_person)
        return by_person.get(kb_id, set())

    def _indexed(self, name: str, items: list[Any], build: Any) -> Any:
        """An index of ``items`` built once and rebuilt only when the list is replaced or grows,
        so that asking once per event stays linear in a long article, not quadratic."""
        key = (id(items), len(items))
        cached = self._index.get(name)
        if cached is None or cached[0] != key:
            cached = self._index[name] = (key, build(items))
        return cached[1]

    def original(self, start: int, end: int) -> Evidence:
        """Evidence for clean offsets ``[start, end)``: the verbatim original text and its offsets."""
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1 if end > start else o_start
        return Evidence(self.article.text[o_start:o_end], o_start, o_end)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]


def _by_start(times: list[TimeMention]) -> tuple[list[int], list[TimeMention]]:
    ordered = sorted(times, key=lambda t: t.start)
    return [t.start for t in ordered], ordered


def _roles_by_person(mentions: list[Mention]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in mentions:
        if m.actor.kb_id and m.role_id:
            out.setdefault(m.actor.kb_id, set()).add(m.role_id)
    return out


def _by_sentence(mentions: list[Mention]) -> dict[int, list[Mention]]:
    out: dict[int, list[Mention]] = {}
    for m in mentions:
        out.setdefault(m.sentence, []).append(m)
    return out


# PLOVER codes future cooperation as AGREE and an announced retreat as CONCEDE ("return the single
# event category, not a category + auxiliary"). We keep the category and the status apart in our
# records; this gives the single PLOVER category for exports and for scoring against PLOVER gold.
_FUTURE_AS = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "RETREAT": "CONCEDE",
}


# A coercive act announced for later is a threat ("NATO would tighten the blockade").
_THREATS = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})


def plover_category(event_type: str, status: str) -> str:
    """The single PLOVER category of a record: a refusal is REJECT; a planned coercive act is
    THREATEN; planned cooperation is AGREE, and a planned retreat CONCEDE (PLOVER.md)."""
    if status == "refused":  # "refused to meet": PLOVER codes the refusal
        return "REJECT"
    if status == "planned":
        if event_type in _THREATS:
            return "THREATEN"
        return _FUTURE_AS.get(event_type, event_type)
    return event_type
