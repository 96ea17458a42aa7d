"""Linking rules: when two records can be one real-world event. Also the record builders that the
other ``test_link_*`` modules import."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backchannel.link import dates_compatible, participant_keys, same_event
from backchannel.model import Actor, DateSpan, Event, Evidence, Location

MILLEY = Actor("Mark Milley", "Gen. Mark Milley", "USA", "MIL", None, "mark-milley")
GERASIMOV = Actor("Valery Gerasimov", "Gen. Valery Gerasimov", "RUS", "MIL", None, "valery-gerasimov")
KHOMCHAK = Actor("Ruslan Khomchak", "Lt. Gen. Ruslan Khomchak", "UKR", "MIL", None, "ruslan-khomchak")
AUSTIN = Actor("Lloyd Austin", "Lloyd Austin", "USA", "GOV", None, "lloyd-austin")


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def span(
    start: str | None, end: str | None = None, granularity: str = "day", basis: str = "relative"
) -> DateSpan:
    if start is None:
        return DateSpan.unknown()
    return DateSpan(day(start), day(end or start), granularity, None, basis)  # type: ignore[arg-type]


def record(event_id: str, article: str, date: DateSpan, **kw: Any) -> Event:
    """A CONSULT between Milley and Gerasimov that happened, unless ``kw`` says otherwise."""
    return Event(
        id=event_id,
        article_id=article,
        event_type=kw.get("event_type", "CONSULT"),
        mode=kw.get("mode"),
        contexts=["military"],
        status=kw.get("status", "occurred"),
        actors=list(kw.get("actors", (MILLEY, GERASIMOV))),
        recipients=[],
        initiator=kw.get("initiator"),
        date=date,
        location=kw.get("location"),
        attribution=None,
        evidence=Evidence(kw.get("evidence", "Milley spoke with Gerasimov."), kw.get("at", 0), 30),
        confidence=0.9,
        outlet=kw.get("outlet"),
        quantities=dict(kw.get("quantities") or {}),
    )


def test_link_rules_same_call_from_two_outlets() -> None:
    a = record("e1", "a1", span("2021-03-31"), mode="phone")
    b = record("e2", "a2", span("2021-03-31"), mode=None, actors=(GERASIMOV, MILLEY))  # order does not matter
    assert same_event(a, b)


def test_link_rules_type_status_and_participants_must_agree() -> None:
    a = record("e1", "a1", span("2021-03-31"))
    assert not same_event(a, record("e2", "a2", span("2021-03-31"), status="planned"))
    assert not same_event(a, record("e2", "a2", span("2021-03-31"), event_type="AGREE"))
    assert not same_event(a, record("e2", "a2", span("2021-03-31"), actors=(MILLEY, KHOMCHAK)))
    assert participant_keys(a) == frozenset({"mark-milley", "valery-gerasimov"})


def test_link_rules_phone_is_not_a_meeting() -> None:
    a = record("e1", "a1", span("2021-09-22"), mode="phone")
    assert not same_event(a, record("e2", "a2", span("2021-09-22"), mode="meeting"))
    assert same_event(a, record("e2", "a2", span("2021-09-22"), mode="video"))  # both remote: a dispute
    met = record("e3", "a3", span("2021-09-22"), mode="meeting")
    assert same_event(met, record("e4", "a4", span("2021-09-22"), mode="third-party"))


def test_link_rules_places_in_two_countries_are_two_events() -> None:
    helsinki = Location("Helsinki", "FIN")
    a = record("e1", "a1", span("2021-09-22"), location=helsinki)
    assert not same_event(a, record("e2", "a2", span("2021-09-22"), location=Location("Bern", "CHE")))
    assert same_event(a, record("e2", "a2", span("2021-09-22"), location=Location("Espoo", "FIN")))
    assert same_event(a, record("e2", "a2", span("2021-09-22")))  # no place: nothing against


def test_link_rules_two_days_apart_are_two_events() -> None:
    wednesday = span("2021-03-31")
    assert dates_compatible(wednesday, span("2021-04-01"))  # one day: two time zones
    assert not dates_compatible(wednesday, span("2021-04-02"))
    assert not dates_compatible(span("2022-10-21"), span("2022-10-23"))  # Austin–Shoigu, Oct 21 and 23


def test_link_rules_publication_date_reaches_a_week_back() -> None:
    published = span("2023-03-16", basis="published")  # a copy run a day later, date from publication
    assert dates_compatible(published, span("2023-03-15"))
    assert dates_compatible(published, span("2023-03-09"))  # 7 days before publication
    assert not dates_compatible(published, span("2023-03-08"))
    assert not dates_compatible(published, span("2023-03-17"))  # never after publication


def test_link_rules_month_contains_day_and_unknown_stays_apart() -> None:
    assert dates_compatible(span("2023-03-01", "2023-03-31", "month"), span("2023-03-15"))
    assert not dates_compatible(span("2023-03-01", "2023-03-31", "month"), span("2023-04-01"))
    assert not dates_compatible(DateSpan.unknown(), span("2023-03-15"))
    assert dates_compatible(DateSpan.unknown(), DateSpan.unknown())
