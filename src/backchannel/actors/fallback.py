"""Actors the knowledge base does not know, read from the parse.

When no knowledge-base mention lies in an argument, the parser's named entities and the
argument's head noun still say who acts: "Amnesty International" (an organisation),
"Yoruba leaders", "prisoners". The country comes from inside the phrase ("Rwandan Patriotic
Front"), else from where the sentence places the event ("rioted at a jail in Dili"), else it
stays unknown. The sector comes from words in the name (``data/org_sectors.yaml``). Every such
actor says so in its resolution ("fallback: ORG"), and records built on them carry lower
confidence.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from backchannel.actors.match import tokenize
from backchannel.kb import KnowledgeBase
from backchannel.model import Actor, Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DATA = Path(__file__).resolve().parent.parent / "data" / "org_sectors.yaml"
ENTITY_ORDER = ("PERSON", "ORG", "NORP", "GPE", "FAC")
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "from"})


@cache
def _sector_words() -> tuple[tuple[frozenset[str], str], ...]:
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple((frozenset(w.lower() for w in r["words"]), r["sector"]) for r in rows)


@cache
def _weapons() -> frozenset[str]:
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return frozenset(w.lower() for r in rows if r.get("weapon") for w in r["words"])


def sector_of(words: str) -> str | None:
    folded = {t.key for t in tokenize(words)}
    text = " " + " ".join(t.key for t in tokenize(words)) + " "
    for table, sector in _sector_words():
        if folded & table or any(" " in w and f" {w} " in text for w in table):
            return sector
    return None


def from_parse(
    head: Token, span: tuple[int, int], doc: Document, i: int, kb: KnowledgeBase
) -> Mention | None:
    """A mention built from the parse for the argument headed by ``head`` (character span
    ``span`` within the sentence), or None when nothing in it names an actor."""
    sent = doc.sentences[i]
    words = head.doc.text[span[0] : span[1]]
    ents = [e for e in head.doc.ents if span[0] <= e.start_char and e.end_char <= span[1]]
    ents.sort(key=lambda e: ENTITY_ORDER.index(e.label_) if e.label_ in ENTITY_ORDER else 9)
    for ent in ents:
        actor = _entity_actor(ent, words, doc, i, kb)
        if actor is not None:
            return _mention(
                actor, sent.start + ent.start_char, sent.start + ent.end_char, f"fallback: {ent.label_}"
            )
    head = _past_quantifiers(head)
    sector = sector_of(head.text) if head.pos_ in {"NOUN", "PROPN"} else None
    if sector is None:
        return None
    country = _country_inside(words, kb)
    if country is None and head.lower_ in _weapons():
        country = _launcher(doc, i, head.lemma_.lower())
    country = country or place_country(doc, i, kb)
    if country is None:
        return None
    actor = Actor(None, words, country, sector)
    return _mention(actor, sent.start + span[0], sent.start + span[1], "fallback: head noun")


QUANTIFIERS = frozenset(
    [
        "tens",
        "hundreds",
        "thousands",
        "millions",
        "dozens",
        "scores",
        "group",
        "groups",
        "members",
        "member",
        "number",
        "crowd",
        "some",
        "many",
        "most",
        "all",
    ]
)


def _past_quantifiers(head: Token) -> Token:
    """ "Tens of thousands of university students", "a group of refugees": the people are the head."""
    for _ in range(3):
        if head.lower_ not in QUANTIFIERS:
            return head
        inner = [p for c in head.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
        if not inner:
            return head
        head = inner[0]
    return head


def _entity_actor(ent: Span, words: str, doc: Document, i: int, kb: KnowledgeBase) -> Actor | None:
    label = ent.label_
    if label in {"NORP", "GPE", "FAC"}:
        country = kb.country(ent.text) or _city_country(ent.text, kb)
        if country is None:
            return None
        return Actor(None, words, country.iso3, sector_of(words) if label == "NORP" else None)
    if label not in {"PERSON", "ORG"}:
        return None
    country = _country_inside(words, kb)
    if country is None and label == "PERSON":
        country = place_country(doc, i, kb)
    sector = sector_of(words) or (
        "NGO" if label == "ORG" and re.search(r"international|watch", ent.text, re.I) else None
    )
    return Actor(ent.text, words, country, sector)


def _country_inside(words: str, kb: KnowledgeBase) -> str | None:
    for tok in tokenize(words):
        c = kb.country(tok.text) if tok.capitalised else None
        if c is not None:
            return c.iso3
    return None


def _city_country(name: str, kb: KnowledgeBase) -> object | None:
    from backchannel.events.context import city_location

    place = city_location(name)
    return kb.countries.get(place.country) if place and place.country else None


def _launcher(doc: Document, i: int, weapon: str) -> str | None:
    """The country that launched "the missile": the first country named in an earlier sentence of
    the paragraph that mentions the same weapon ("Russia's launch of an Oreshnik ... missile")."""
    para = doc.sentences[i].paragraph
    for j in range(i - 1, -1, -1):
        sent = doc.sentences[j]
        if sent.paragraph < para - 1:
            return None
        if weapon not in doc.text[sent.start : sent.end].lower():
            continue
        for m in doc.mentions:
            if m.sentence == j and m.kind in {"country", "group", "organisation"} and m.country:
                return m.country
    return None


def place_country(doc: Document, i: int, kb: KnowledgeBase) -> str | None:
    """The country where the sentence places things: a country, capital or region named after
    "in"/"at"/"near", else the dateline's city."""
    sent = doc.sentences[i]
    text = doc.text
    for m in doc.mentions:
        if m.sentence == i and m.kind in {"country", "place"} and m.country:
            before = text[max(sent.start, m.start - 8) : m.start].lower().split()
            if before and before[-1] in PLACE_PREPS:
                return m.country
    if doc.dateline:
        c = kb.country(doc.dateline.split(",")[0].title()) or kb.country(doc.dateline.split(",")[-1].strip())
        if c is not None:
            return c.iso3
    return None


def _mention(actor: Actor, start: int, end: int, how: str) -> Mention:
    kind = "person" if actor.name and actor.sector not in {"NGO"} and how.endswith("PERSON") else "group"
    if how.endswith("ORG"):
        kind = "organisation"
    return Mention(start, end, actor.text, actor, how, kind=kind, country=actor.country)
