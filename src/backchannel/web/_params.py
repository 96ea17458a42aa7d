"""Query parameters shared by the API and the pages, and the one-line messages for bad ones.

A parameter that cannot be read is a 422 whose message names the parameter and the form it
expects (``since: expected a date as YYYY-MM-DD, e.g. 2021-03-31; got 'yesterday'``), whether
pydantic caught it (dates, integers, bounds) or our own checks did (types, statuses, countries).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from backchannel.model import EVENT_TYPES, STATUSES

MAX_LIMIT = 500

# What each parameter must look like, said once for the messages and the OpenAPI descriptions.
EXPECTED: dict[str, str] = {
    "actor": "a name, part of a name or a knowledge-base id, e.g. Gerasimov or valery-gerasimov",
    "with": "a second participant, given like actor",
    "countries": "one ISO-3 country code, or two separated by a comma for a dyad, e.g. USA,RUS",
    "type": "a PLOVER event type: " + ", ".join(EVENT_TYPES),
    "status": "one or more of " + ", ".join(STATUSES) + ", separated by commas",
    "quad": "a PLOVER quad from 1 to 4 (1-2 cooperation, 3-4 conflict)",
    "since": "a date as YYYY-MM-DD, e.g. 2021-03-31",
    "until": "a date as YYYY-MM-DD on or after since, e.g. 2021-12-31",
    "limit": f"an integer from 1 to {MAX_LIMIT}",
    "offset": "an integer of 0 or more",
    "q": "words to search for",
    "count": "events (every report) or clusters (each real-world event once)",
}

_ISO3 = re.compile(r"[A-Za-z]{3}")


def bad(name: str, value: Any, where: str = "query") -> RequestValidationError:
    """The 422 for a parameter we checked ourselves; the handler words it from ``EXPECTED``."""
    return RequestValidationError(
        [{"type": "value_error", "loc": (where, name), "msg": EXPECTED.get(name, "?"), "input": value}]
    )


def describe(error: dict[str, Any]) -> str:
    """One line for one validation error: the parameter, what it must be, what it was."""
    loc = [str(part) for part in error.get("loc", ())]
    where, name = (loc[0] if loc else "request"), ".".join(loc[1:])
    if where == "body" and not name:
        return "request body: expected a JSON object sent with Content-Type: application/json"
    label = f"body field {name!r}" if where == "body" else f"{where} parameter {name!r}"
    if error.get("type") == "missing":
        return f"{label} is required"
    expected = EXPECTED.get(name) if where == "query" else None
    if expected is None:
        return f"{label}: {error.get('msg', 'not valid')}"
    got = error.get("input")
    shown = f"; got {got!r}" if isinstance(got, str | int | float) else ""
    return f"{label}: expected {expected}{shown}"


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(p.strip() for p in (value or "").split(",") if p.strip())


@dataclass(frozen=True)
class Filters:
    """Which events: the filters of ``Store.events``, with several statuses allowed."""

    actor: str | None = None
    with_actor: str | None = None
    countries: tuple[str, ...] = ()
    event_type: str | None = None
    statuses: tuple[str, ...] = ()
    quad: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    extra: dict[str, str] = field(default_factory=dict)  # cluster/article ids, passed through

    def store_filters(self) -> dict[str, Any]:
        """Keyword arguments for ``Store.events`` (less status and paging)."""
        one, two = len(self.countries) == 1, len(self.countries) == 2
        return {
            "actor": self.actor,
            "with_actor": self.with_actor,
            "country": self.countries[0] if one else None,
            "country_pair": (self.countries[0], self.countries[1]) if two else None,
            "event_type": self.event_type,
            "quad": self.quad,
            "start": self.start,
            "end": self.end,
            "cluster_id": self.extra.get("cluster"),
            "article_id": self.extra.get("article"),
        }

    def query(self, **changes: str | None) -> str:
        """These filters as a query string, for links between pages (``changes`` override)."""
        params: dict[str, str | None] = {
            "actor": self.actor,
            "with": self.with_actor,
            "countries": ",".join(self.countries) or None,
            "type": self.event_type,
            "status": ",".join(self.statuses) or None,
            "quad": str(self.quad) if self.quad else None,
            "since": self.start.isoformat() if self.start else None,
            "until": self.end.isoformat() if self.end else None,
            **self.extra,
            **changes,
        }
        return urlencode({k: v for k, v in params.items() if v})

    @property
    def is_empty(self) -> bool:
        return not (self.actor or self.with_actor or self.countries or self.event_type)


def _countries(value: str | None) -> tuple[str, ...]:
    parts = _split(value)
    if len(parts) > 2 or not all(_ISO3.fullmatch(p) for p in parts):
        raise bad("countries", value)
    return tuple(p.upper() for p in parts)


def _statuses(value: str | None) -> tuple[str, ...]:
    parts = tuple(p.lower() for p in _split(value))
    if any(p not in STATUSES for p in parts):
        raise bad("status", value)
    return parts


def _event_type(value: str | None) -> str | None:
    if not value:
        return None
    if value.upper() not in EVENT_TYPES:
        raise bad("type", value)
    return value.upper()


def event_filters(
    actor: Annotated[str | None, Query(max_length=200, description=EXPECTED["actor"])] = None,
    with_: Annotated[str | None, Query(alias="with", max_length=200, description=EXPECTED["with"])] = None,
    countries: Annotated[str | None, Query(max_length=7, description=EXPECTED["countries"])] = None,
    type_: Annotated[str | None, Query(alias="type", max_length=20, description=EXPECTED["type"])] = None,
    status: Annotated[str | None, Query(max_length=100, description=EXPECTED["status"])] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description=EXPECTED["quad"])] = None,
    since: Annotated[dt.date | None, Query(description=EXPECTED["since"])] = None,
    until: Annotated[dt.date | None, Query(description=EXPECTED["until"])] = None,
    cluster: Annotated[str | None, Query(max_length=100, description="a cluster id (c-...)")] = None,
    article: Annotated[str | None, Query(max_length=300, description="an article id")] = None,
) -> Filters:
    """The event filters of a request, checked (a FastAPI dependency)."""
    if since and until and until < since:
        raise bad("until", until.isoformat())
    return Filters(
        actor=actor or None,
        with_actor=with_ or None,
        countries=_countries(countries),
        event_type=_event_type(type_),
        statuses=_statuses(status),
        quad=quad,
        start=since,
        end=until,
        extra={k: v for k, v in (("cluster", cluster), ("article", article)) if v},
    )


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=EXPECTED["limit"])] = 100,
    offset: Annotated[int, Query(ge=0, le=10**7, description=EXPECTED["offset"])] = 0,
) -> Page:
    """Limit and offset, capped (a FastAPI dependency)."""
    return Page(limit, offset)
