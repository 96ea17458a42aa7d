"""Actors the knowledge base does not know, read from the parse.

When no knowledge-base mention lies in an argument, its proper names and its head noun still
say who acts: "Amnesty International" (an organisation),
"Yoruba leaders", "prisoners". The country comes from inside the phrase ("Rwandan Patriotic
Front"), else from where the sentence places the event ("rioted at a jail in Dili"), else it
stays unknown. The sector comes from words in the name (``data/org_sectors.yaml``). Every such
actor says so in its resolution ("fallback: ORG"), and records built on them carry lower
confidence.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from backchannel.actors.match import tokenize
from backchannel.actors.mentions import RANKS, TITLE_WORDS
from backchannel.kb import Country, KnowledgeBase
from backchannel.model import Actor, Document, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

DATA = Path(__file__).resolve().parent.parent / "data" / "org_sectors.yaml"
REGIONS = Path(__file__).resolve().parent.parent / "data" / "regions.yaml"
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "from"})


@cache
def _sector_words() -> tuple[tuple[frozenset[str], str], ...]:
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return tuple((frozenset(w.lower() for w in r["words"]), r["sector"]) for r in rows)


@cache
def _weapons() -> frozenset[str]:
    rows = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return frozenset(w.lower() for r in rows if r.get("weapon") for w in r["words"])


@cache
def _regions() -> frozenset[str]:
    return frozenset(
        r.lower().removeprefix("the ") for r in yaml.safe_load(REGIONS.read_text(encoding="utf-8"))
    )


def is_region(name: str) -> bool:
    """ "Europe", "the Middle East", "Indo-Pacific": a place larger than a country."""
    return name.strip().lower().removeprefix("the ") in _regions()


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
    ``span`` within the sentence), or None when nothing in it names an actor.

    Names are runs of proper nouns ("Amnesty International", "Saddam Hussein", "Association of
    African Jurists"); the tagger finds them, so no entity recogniser needs to run."""
    sent = doc.sentences[i]
    words = head.doc.text[span[0] : span[1]]
    times = [(t.start - sent.start, t.end - sent.start) for t in doc.times_between(sent.start, sent.end)]
    for run in proper_runs(head.doc, span):
        if any(a <= run[0].idx < b for a, b in times):
            continue  # "Sunday", "March": a date, not a name
        if is_region(run[0].doc.text[run[0].idx : run[-1].idx + len(run[-1].text)]):
            continue  # "Europe", "the Middle East": a place, never an actor
        if _common_words(run, doc.text):
            continue  # "Telephone Call", "Strategic Stability": a title-cased heading, not a name
        run = _past_titles(run)  # "Foreign Minister Wang" names Wang; "the Foreign Minister" nobody
        if not run:
            continue
        if run[-1].dep_ == "compound" and run[-1].head.lower_ in _weapons():
            continue  # "Patriot missiles", "HIMARS launchers": the name of a weapon, not of who fires it
        known = _named_before(run, doc)
        if known is not None:  # "Foreign Minister Wang" after "Wang Yi": the same person, once
            return _mention(
                known.actor,
                sent.start + run[0].idx,
                sent.start + run[-1].idx + len(run[-1].text),
                "surname of a person named before",
            )
        actor = _name_actor(run, words, doc, i, kb)
        if actor is not None:
            how = "fallback: name" if actor.name else "fallback: place"
            return _mention(actor, sent.start + run[0].idx, sent.start + run[-1].idx + len(run[-1].text), how)
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


JOINERS = frozenset({"of", "for", "the", "and", "&", "de", "al", "bin", "van", "von", "der"})
ORG_WORDS = frozenset(
    [
        "international",
        "organization",
        "organisation",
        "party",
        "front",
        "council",
        "union",
        "association",
        "committee",
        "movement",
        "agency",
        "ministry",
        "army",
        "forces",
        "court",
        "commission",
        "group",
        "watch",
        "institute",
        "corporation",
        "company",
        "bank",
        "university",
        "church",
        "league",
        "alliance",
        "federation",
        "authority",
        "service",
        "department",
        "office",
        "news",
        "press",
        "times",
        "post",
        "forum",
        "conference",
        "assembly",
        "parliament",
        "government",
        "brigade",
        "brigades",
        "militia",
        "tigers",
        "coalition",
        "fund",
        "programme",
        "program",
        "mission",
    ]
)


# Words of offices and ranks: a run of them names an office, not a person or an organisation.
OFFICE_WORDS = TITLE_WORDS | RANKS | frozenset(
    {"deputy", "foreign", "defense", "defence", "prime", "vice", "state", "affairs", "national",
     "security", "interior", "finance", "home", "first", "acting", "senior", "special", "assistant",
     "under", "undersecretary", "principal", "press", "permanent", "high", "supreme", "member",
     "politburo", "general", "and", "of", "for", "the"}
)  # fmt: skip


def _named_before(run: list[Token], doc: Document) -> Mention | None:
    """A one-word name that is the family name (last, or first as in Chinese and Korean names) of
    exactly one person the article names in full."""
    if len(run) != 1:
        return None
    word = run[0].lower_
    people = {
        m.actor.key: m
        for m in doc.mentions
        if m.kind == "person"
        and m.actor.name
        and len(m.actor.name.split()) > 1
        and word in {m.actor.name.split()[-1].lower(), m.actor.name.split()[0].lower()}  # "Wang" of Wang Yi
    }
    return next(iter(people.values())) if len(people) == 1 else None


def _past_titles(run: list[Token]) -> list[Token]:
    """The run without the office words it starts with; empty when it is nothing else."""
    k = 0
    while k < len(run) and run[k].lower_.rstrip(".") in OFFICE_WORDS:
        k += 1
    rest = run[k:]
    return rest if any(t.pos_ == "PROPN" and t.lower_ not in OFFICE_WORDS for t in rest) else []


def _common_words(run: list[Token], text: str) -> bool:
    """Every word of the run is written in lower case elsewhere in the article: ordinary words
    capitalised by a headline or a title, not a name."""
    words = [t.lower_ for t in run if t.lower_ not in JOINERS]
    return bool(words) and all(w in _lower_words(text) for w in words)


@lru_cache(maxsize=4)
def _lower_words(text: str) -> frozenset[str]:
    """The words an article writes in lower case (computed once per article text)."""
    return frozenset(re.findall(r"(?<![\w-])[a-z][a-z'-]*(?![\w-])", text))


def proper_runs(doc: Doc, span: tuple[int, int]) -> list[list[Token]]:
    """Runs of proper nouns inside ``span``, joined across "of", "for the", "and" when a proper
    noun follows ("Movement for the Actualization of the Sovereign State of Biafra")."""
    tokens = [t for t in doc if span[0] <= t.idx and t.idx + len(t.text) <= span[1]]
    runs: list[list[Token]] = []
    run: list[Token] = []
    for k, tok in enumerate(tokens):
        if (tok.pos_ == "PROPN" and tok.text[:1].isupper()) or (
            run and tok.lower_ in JOINERS and _proper_ahead(tokens, k)
        ):
            run.append(tok)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if r[-1].pos_ == "PROPN"]


def _proper_ahead(tokens: list[Token], k: int) -> bool:
    for t in tokens[k + 1 : k + 3]:
        if t.pos_ == "PROPN":
            return True
        if t.lower_ not in JOINERS:
            return False
    return False


def _name_actor(run: list[Token], words: str, doc: Document, i: int, kb: KnowledgeBase) -> Actor | None:
    text = run[0].doc.text[run[0].idx : run[-1].idx + len(run[-1].text)]
    country = kb.country(text) or _city_country(text, kb)
    if country is not None:  # a place or a people the KB knows by another form: the country acts
        return Actor(None, words, country.iso3, sector_of(words))
    inside = _country_inside(words, kb)
    is_org = any(t.lower_ in ORG_WORDS for t in run) or len(run) > 4
    if not is_org and inside is None:
        inside = place_country(doc, i, kb)
    sector = sector_of(words) or ("NGO" if re.search(r"\binternational\b|\bwatch\b", text, re.I) else None)
    return Actor(text, words, inside, sector)


QUANTIFIERS = frozenset(
    ["tens", "hundreds", "thousands", "millions", "dozens", "scores", "group", "groups", "members",
     "member", "number", "crowd", "some", "many", "most", "all"]
)  # fmt: skip


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


def _country_inside(words: str, kb: KnowledgeBase) -> str | None:
    for tok in tokenize(words):
        c = kb.country(tok.text) if tok.capitalised else None
        if c is not None:
            return c.iso3
    return None


def _city_country(name: str, kb: KnowledgeBase) -> Country | None:
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
    kind = "organisation" if actor.name else "group"
    return Mention(start, end, actor.text, actor, how, kind=kind, country=actor.country)
