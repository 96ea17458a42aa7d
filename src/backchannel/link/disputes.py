"""Where the reports of one event disagree, and who says what.

A dispute is a field on which members of one cluster give different values that cannot both be
true: two specific modes ("phone" against "video"), two days, two places in one country, two
initiators, two numbers for the same quantity. Vagueness is not disagreement: "meeting" does not
dispute "third-party", "March 2023" does not dispute "2023-03-15", no mode disputes nothing, and
a date that only bounds the event from above (publication) disputes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from backchannel.link.rules import GENERIC_MODES
from backchannel.model import Dispute, Event

Claim = Callable[[Event], list[tuple[str, str]]]  # (field, value) pairs a record asserts


def _date(ev: Event) -> list[tuple[str, str]]:
    d = ev.date
    if not d.start or d.basis == "published" or d.granularity != "day":
        return []
    return [("date", d.start.isoformat())]


def _mode(ev: Event) -> list[tuple[str, str]]:
    return [("mode", ev.mode)] if ev.mode and ev.mode not in GENERIC_MODES else []


def _place(ev: Event) -> list[tuple[str, str]]:
    loc = ev.location
    if loc is None or _is_country_name(loc.name):
        return []  # a country alone is the coarse form of any place in it
    return [("place", loc.name)]


def _initiator(ev: Event) -> list[tuple[str, str]]:
    who = ev.initiator
    return [("initiator", who.name or who.text)] if who else []


def _quantities(ev: Event) -> list[tuple[str, str]]:
    return [(f"quantities.{k}", str(v)) for k, v in sorted(ev.quantities.items()) if v not in (None, "")]


CLAIMS: tuple[Claim, ...] = (_date, _mode, _place, _initiator, _quantities)


def disputes(members: Sequence[Event], source_of: Mapping[str, str]) -> list[Dispute]:
    """The fields on which the members disagree, each value with the sources that report it.

    ``source_of`` maps an article id to the name shown for it (its outlet); an article missing
    from it is named by its id.
    """
    claims: dict[str, dict[str, list[str]]] = {}
    for ev in sorted(members, key=lambda e: e.id):
        who = source_of.get(ev.article_id) or ev.outlet or ev.article_id
        for claim in CLAIMS:
            for name, value in claim(ev):
                sources = claims.setdefault(name, {}).setdefault(value, [])
                if who not in sources:
                    sources.append(who)
    return [
        Dispute(name, {value: sorted(who) for value, who in sorted(values.items())})
        for name, values in sorted(claims.items())
        if len(values) > 1
    ]


def _is_country_name(name: str) -> bool:
    from backchannel.link.places import country_names

    return name.casefold() in country_names()


def describe(dispute: Dispute) -> str:
    """One line: ``mode: phone (AFP) vs video (The Hill, RFE/RL)``."""
    said = " vs ".join(f"{value} ({', '.join(who)})" for value, who in dispute.claims.items())
    return f"{dispute.field}: {said}"
