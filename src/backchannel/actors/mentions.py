"""Composing knowledge-base hits into actor mentions, one sentence at a time.

News wraps a name in titles ("Chief of the General Staff Gen. Valery Gerasimov"), names an
office instead of a person ("Russia's top general"), points at "his Russian counterpart", or
names a side ("Russian forces"). We read a sentence's tokens left to right, collecting a *title
run* of office, country and organisation words with the ranks and glue words between them:

 1. a person's name (full, or a surname the document or a rank supports) closes the run and
    becomes a person mention; the run before it only hints at which of their offices is meant;
 2. a capitalised name the knowledge base does not know, right after a rank or an office word
    ("Col. Dave Butler"), becomes an unknown person who takes country and sector from the run;
 3. "counterpart(s)" becomes one counterpart mention per country adjective in the run;
 4. any other token ends the run, and the run's last word decides what it was: an office
    ("Russia's top officer") is a role-only mention, a group noun ("Russian forces") a group,
    an organisation an organisation, a country or capital a country.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from backchannel.actors.match import Hit, SurfaceMatcher, Token, tokenize
from backchannel.kb import KnowledgeBase, Person, Role, fold
from backchannel.model import Actor, DateSpan, Document, Mention
from backchannel.names import name_key

RANKS = frozenset(
    [
        "gen",
        "general",
        "lt",
        "lieutenant",
        "col",
        "colonel",
        "maj",
        "major",
        "capt",
        "captain",
        "cpt",
        "adm",
        "admiral",
        "cmdr",
        "cdr",
        "brig",
        "brigadier",
        "sgt",
        "sergeant",
        "army",
        "navy",
        "air",
        "force",
        "marine",
        "marines",
        "corps",
        "vice",
        "rear",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "senator",
        "rep",
        "amb",
        "ambassador",
        "jr",
        # titles of rulers, nobles and clerics, which stand before a name as ranks do
        "crown",
        "prince",
        "princess",
        "king",
        "queen",
        "emir",
        "sheikh",
        "sultan",
        "pope",
        "cardinal",
        "ayatollah",
        "imam",
        "sir",
    ]
)
GLUE = frozenset(
    [
        "the",
        "s",
        "of",
        "top",
        "senior",
        "military",
        "uniformed",
        "own",
        "highest",
        "ranking",
        "most",
        "senior",
    ]
)
TITLE_WORDS = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "minister",
        "secretary",
        "president",
        "chairman",
        "chief",
        "commander",
        "adviser",
        "advisor",
        "ambassador",
        "envoy",
        "premier",
        "chancellor",
        "director",
        "head",
        "deputy",
        "aide",
        "official",
        "officer",
        "leader",
        "governor",
        "mayor",
        "speaker",
        "negotiator",
        "counselor",
        "councillor",
        "representative",
    ]
)
# Lower-case particles inside a name ("Mohammed bin Salman", "Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"bin", "bint", "ibn", "al", "el", "de", "da", "di", "du", "van", "von", "der", "la", "le"}
)
NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "on",
        "in",
        "at",
        "and",
        "but",
        "for",
        "of",
        "to",
        "from",
        "with",
        "by",
        "as",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "he",
        "she",
        "they",
        "it",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
    ]
)
COUNTERPART = frozenset({"counterpart", "counterparts"})
PERSON_KINDS = frozenset({"person", "surname"})
TITLE_KINDS = frozenset(
    {"role", "function", "adjective", "country", "organisation", "capital", "people", "group"}
)


@dataclass
class Run:
    """The title run being collected: hits and ranks since the last break."""

    hits: list[list[Hit]] = field(default_factory=list)  # alternatives per span
    start: int = -1
    end: int = -1
    rank_start: int = -1  # where the ranks right before a name begin, for the mention's text

    def add(self, alts: list[Hit]) -> None:
        self.start = alts[0].start if self.start < 0 else self.start
        self.end = alts[0].end
        self.hits.append(alts)

    def kinds(self) -> set[str]:
        return {h.kind for alts in self.hits for h in alts}


def find_mentions(doc: Document, kb: KnowledgeBase, matcher: SurfaceMatcher) -> list[Mention]:
    """Every actor mention in the document's body sentences."""
    out: list[Mention] = []
    known_names: dict[str, Actor] = {}  # surname -> actor, for people the KB does not know
    seen_people: set[str] = set()
    sentences = []
    for sentence in doc.sentences:
        tokens = tokenize(doc.text[sentence.start : sentence.end], sentence.start)
        sentences.append((tokens, matcher.hits(tokens, doc.text)))
    context = Context(kb, _countries_named([h for _, hits in sentences for h in hits], kb), doc.published)
    for i, (tokens, hits) in enumerate(sentences):
        found = _compose(doc.text, tokens, hits, kb, known_names, seen_people, context)
        for m in found:
            m.sentence = i
        out.extend(found)
    return out


def mentions_between(
    doc: Document, start: int, end: int, kb: KnowledgeBase, matcher: SurfaceMatcher
) -> list[Mention]:
    """The actor mentions of one span of the clean text outside the body (a title), on their own."""
    tokens = tokenize(doc.text[start:end], start)
    hits = matcher.hits(tokens, doc.text)
    context = Context(kb, _countries_named(hits, kb), doc.published)
    return _compose(doc.text, tokens, hits, kb, {}, set(), context)


@dataclass(frozen=True)
class Context:
    """What the whole article says about who can be meant by a bare surname: the countries it
    names and its publication date."""

    kb: KnowledgeBase
    countries: frozenset[str]
    published: DateSpan | None = None

    def plausible(self, person_id: str) -> bool:
        """A person is plausible when the article names their country (or names no country at
        all) and, if the article is dated, they held an office within a few years of that date."""
        person = self.kb.people[person_id]
        if person.country and self.countries and person.country not in self.countries:
            return False  # (an article that names no country at all says nothing against anyone)
        if self.published is None or not self.published.known or not person.tenures:
            return True
        assert self.published.start is not None and self.published.end is not None
        first = self.published.start - dt.timedelta(days=365 * RECENT_YEARS)
        return any(t.covers(first, self.published.end) for t in person.tenures)


# A bare surname can mean someone who left office this many years before the article.
RECENT_YEARS = 4
_PLACE_KINDS = frozenset({"country", "adjective", "people", "capital", "region"})


def _countries_named(hits: list[Hit], kb: KnowledgeBase) -> frozenset[str]:
    """Countries an article names: by name, adjective, capital or region, through an office or an
    organisation of theirs, or through a person named in full."""
    found: set[str] = set()
    for h in hits:
        if h.kind in _PLACE_KINDS:
            found.add(h.ident)
        elif h.kind == "role":
            found.add(kb.roles[h.ident].country or "")
        elif h.kind == "organisation":
            found.add(kb.organisations[h.ident].country or "")
        elif h.kind == "person":
            found.add(kb.people[h.ident].country or "")
    return frozenset(found - {""})


def _compose(
    text: str,
    tokens: list[Token],
    hits: list[Hit],
    kb: KnowledgeBase,
    known_names: dict[str, Actor],
    seen_people: set[str],
    context: Context | None = None,
) -> list[Mention]:
    by_first: dict[int, list[Hit]] = {}
    for h in hits:
        by_first.setdefault(h.first, []).append(h)
    out: list[Mention] = []
    run = Run()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        alts = by_first.get(i)
        gap = text[tokens[i - 1].end : tok.start] if i else ""
        if run.hits and _breaks(gap):
            name_end = _apposed_name(tokens, i, text, run, by_first, gap)
            if name_end > i:  # "the Foreign Minister of Saudi Arabia, Faisal bin Farhan, said"
                m = _unknown_person(text, tokens, i, name_end, run, kb, known_names, by_first)
                m.start, m.text = run.start, text[run.start : m.end]  # the office is part of it
                out.append(m)
                run = Run()
                i = name_end
                continue
            out.extend(_close(run, kb, text, *_around(text, tokens, run)))
            run = Run()
        person = [h for h in alts or [] if h.kind in PERSON_KINDS]
        person = [h for h in person if _name_ok(h, tokens, run, kb, seen_people)]
        person = _fitting(person, run, kb, seen_people, context)
        if person:
            seen_first = [h for h in person if h.ident in seen_people]
            person = seen_first or person  # "Mr. Sullivan" is the Sullivan named earlier
            out.append(_person(text, tokens, person, run, kb))
            seen_people.update(h.ident for h in person)
            run = Run()
            i = person[0].last + 1
            continue
        if alts and any(h.kind in TITLE_KINDS for h in alts):
            run.add([h for h in alts if h.kind in TITLE_KINDS])
            i = alts[0].last + 1
            continue
        if tok.key in COUNTERPART:
            name_end = _unknown_name(tokens, i + 1, text, run, by_first) if i + 1 < len(tokens) else i + 1
            if name_end > i + 1:  # "his Indian counterpart Rajnath Singh": the name, of the run's country
                out.append(_unknown_person(text, tokens, i + 1, name_end, run, kb, known_names, by_first))
                run = Run()
                i = name_end
                continue
            out.extend(_counterparts(text, tokens, i, run))
            run = Run()
            i += 1
            continue
        name_end = _unknown_name(tokens, i, text, run, by_first)
        if name_end > i:
            out.append(_unknown_person(text, tokens, i, name_end, run, kb, known_names, by_first))
            run = Run()
            i = name_end
            continue
        if tok.key in known_names and tok.capitalised:
            actor = known_names[tok.key]
            out.append(Mention(tok.start, tok.end, tok.text, _with_text(actor, tok.text), "surname"))
            run = Run()
            i += 1
            continue
        if tok.key in RANKS and tok.capitalised:
            run.rank_start = tok.start if run.rank_start < 0 else run.rank_start
            i += 1
            continue
        if run.hits and tok.key in {"from", "of"} and "function" in {h.kind for h in run.hits[-1]}:
            listed, end = _country_list(tokens, i + 1, by_first)
            if listed:  # "Defense Ministers from Canada, France and Poland": one office per country
                func = next(h.ident for h in run.hits[-1] if h.kind == "function")
                for c in listed:
                    m = _mention(
                        run,
                        Actor(None, text[run.start : run.end], c, kb.functions[func].sector),
                        "function",
                        "function",
                        c,
                    )
                    m.function = func
                    out.append(m)
                run = Run()
                i = end
                continue
        if tok.key in GLUE or (tok.key == "and" and _between_adjectives(run, by_first, i)):
            i += 1
            continue
        if run.hits and (
            tok.key in NOT_THE_HOLDER
            or (tok.capitalised and (tok.key in TITLE_WORDS or _title_ahead(tokens, i, text, by_first)))
        ):
            i += 1  # "Russian Deputy Foreign Minister", "Chinese Commerce Minister": part of the title
            continue
        if run.hits:
            out.extend(_close(run, kb, text, *_around(text, tokens, run)))
        run = Run()
        i += 1
    if run.hits:
        out.extend(_close(run, kb, text, *_around(text, tokens, run)))
    return out


PORTFOLIO_GLUE = frozenset({"of", "the", "and", "for"})


def _title_ahead(tokens: list[Token], i: int, text: str, by_first: dict[int, list[Hit]]) -> bool:
    """True when a capitalised word the KB does not know leads, within three words and no
    punctuation, to an office word: a portfolio or grade inside a title ("Commerce", "Deputy")."""
    for k in range(i + 1, min(i + 4, len(tokens))):
        if _breaks(text[tokens[k - 1].end : tokens[k].start]):
            return False
        if tokens[k].key in TITLE_WORDS or any(h.kind in {"role", "function"} for h in by_first.get(k) or []):
            return True
        if not tokens[k].capitalised and tokens[k].key not in PORTFOLIO_GLUE:
            return False
    return False


def _country_list(tokens: list[Token], k: int, by_first: dict[int, list[Hit]]) -> tuple[list[str], int]:
    """Countries listed from token ``k`` on ("Canada, France, Germany, and the United Kingdom"), and
    the index after the list; nothing when the list has fewer than two countries."""
    found: list[str] = []
    while k < len(tokens):
        hits = [h for h in by_first.get(k) or [] if h.kind in {"country", "adjective"}]
        if hits:
            found.append(hits[0].ident)
            k = hits[0].last + 1
        elif tokens[k].key in {"and", "the"} or tokens[k].text == ",":
            k += 1
        else:
            break
    return (found, k) if len(found) >= 2 else ([], k)


def _around(text: str, tokens: list[Token], run: Run) -> tuple[str, str]:
    """The few words before a run (lower case, "the" dropped) and the word right after it."""
    before = [t.key for t in tokens if t.end <= run.start and run.start - t.end < 40 and t.key != "the"][-3:]
    after = next((t.key for t in tokens if t.start >= run.end), "")
    return " ".join(before), after


def _breaks(gap: str) -> bool:
    return any(c in ',;:()"—–' for c in gap)


def _between_adjectives(run: Run, by_first: dict[int, list[Hit]], i: int) -> bool:
    nxt = by_first.get(i + 1) or []
    return (
        bool(run.hits)
        and "adjective" in {h.kind for h in run.hits[-1]}
        and any(h.kind == "adjective" for h in nxt)
    )


def _name_ok(hit: Hit, tokens: list[Token], run: Run, kb: KnowledgeBase, seen: set[str]) -> bool:
    """A full name stands. A one-word name ("Philippe", "Naruhito", "Putin") stands unless the
    words around it make it part of someone else's name ("Edouard Philippe", "Philippe
    Lazzarini"); a surname must pass ``_surname_ok``."""
    if tokens[hit.first].key in RANKS | TITLE_WORDS:
        return False  # "Gen. Brown" is a rank, whoever is called Gen
    if hit.kind == "surname":
        return _surname_ok(hit, tokens, run, kb, seen)
    if hit.first != hit.last:
        return True
    person = kb.people[hit.ident]
    if hit.first and _other_first_name(tokens[hit.first - 1], person.name):
        return False
    return not (hit.last + 1 < len(tokens) and _continues_name(tokens, hit.last + 1))


def _surname_ok(hit: Hit, tokens: list[Token], run: Run, kb: KnowledgeBase, seen: set[str]) -> bool:
    """A lone surname is a KB person when the document named them already, when a rank or an
    office stands before it ("Gen. Brown", "Secretary Blinken"), or when it is distinctive
    enough: not an everyday English word (a title-cased word mid-sentence that is a surname)."""
    if hit.first and _other_first_name(tokens[hit.first - 1], kb.people[hit.ident].name):
        return False  # "Rajnath Singh" is not Sabrina Singh: another first name, another person
    if hit.last + 1 < len(tokens) and _continues_name(tokens, hit.last + 1):
        return False  # "Moon Jae-in" is not Ban Ki-moon: the name goes on after the surname
    if hit.ident in seen or run.rank_start >= 0 or run.kinds() & {"role", "function"}:
        return True
    prev = tokens[hit.first - 1].key if hit.first else ""
    if prev in TITLE_WORDS or prev in RANKS:
        return True
    word = tokens[hit.first].text
    return word not in _COMMON_SURNAMES


def _fitting(
    hits: list[Hit], run: Run, kb: KnowledgeBase, seen: set[str], context: Context | None
) -> list[Hit]:
    """The people a name can mean here. A full name stands; a bare surname means someone the
    article named in full before, else someone plausible in the article (their country named,
    in office near its date), and among several, those the title before it fits ("Indian Defence
    Minister Singh"), when exactly one such person is left. Nobody, or several namesakes: the
    word stays unresolved rather than guessed."""
    if any(h.kind == "person" for h in hits):
        return [h for h in hits if h.kind == "person"]
    named = [h for h in hits if h.ident in seen]
    if named or context is None:
        return named or hits
    hits = [h for h in hits if context.plausible(h.ident)]
    if run.kinds() & {"role", "function", "adjective", "country"}:
        hits = [h for h in hits if _title_fits(kb.people[h.ident], run, kb)]  # "President Moon"
    return hits if len({h.ident for h in hits}) == 1 else []  # several namesakes: no guess


def _title_fits(person: Person, run: Run, kb: KnowledgeBase) -> bool:
    """True when the title run before a surname names the person's country or an office they held."""
    countries = {h.ident for alts in run.hits for h in alts if h.kind in _PLACE_KINDS}
    if countries and person.country not in countries:
        return False
    offices = {h.ident for alts in run.hits for h in alts if h.kind == "role"}
    functions = {h.ident for alts in run.hits for h in alts if h.kind == "function"}
    held = [kb.roles[t.role] for t in person.tenures if t.role in kb.roles]
    if offices and not any(r.id in offices for r in held):
        return False
    return not functions or any(r.function in functions or set(r.functions) & functions for r in held)


def _continues_name(tokens: list[Token], k: int) -> bool:
    """A capitalised word or a hyphenated part right after a surname: a longer name."""
    tok, before = tokens[k], tokens[k - 1]
    joined = tok.start - before.end <= 1
    return (
        joined
        and (tok.capitalised or tok.start == before.end)
        and tok.key not in NOT_NAMES | RANKS | TITLE_WORDS
    )


def _other_first_name(prev: Token, full_name: str) -> bool:
    """True when the capitalised word before a surname is a given name unlike the KB person's
    (transliterations such as Sergei/Sergey stay alike)."""
    if not prev.capitalised or prev.key in NOT_NAMES or prev.key in RANKS or prev.key in TITLE_WORDS:
        return False
    if prev.key in STOP_WORDS or prev.key.removesuffix("s") in TITLE_WORDS:  # "Presidents Biden and"
        return False  # "While Milley remained silent": a sentence begins, no given name
    if len(prev.text) < 3 or not prev.text.isalpha():
        return False  # initials and punctuation
    given = [w for w in full_name.split()[:-1] if len(w) > 2]
    return bool(given) and all(fuzz.ratio(prev.key, w.lower()) < 70 for w in given)


# Surnames that are also ordinary words or places: they need a rank, an office or an earlier
# full mention before we take them as the person.
_COMMON_SURNAMES = frozenset(
    [
        "Brown",
        "Price",
        "Butler",
        "Austin",
        "Miller",
        "Young",
        "White",
        "Black",
        "Green",
        "King",
        "Long",
        "Little",
        "Rice",
        "Bush",
        "Cook",
        "Lee",
        "Wood",
        "Hill",
        "Ward",
        "Reed",
        "Page",
        "Stone",
        "Bolton",
        "Mattis",
        "May",
        "Sullivan",
        "Shoigu",
    ]
) - {"Shoigu"}


def _person(text: str, tokens: list[Token], hits: list[Hit], run: Run, kb: KnowledgeBase) -> Mention:
    h = hits[0]
    start = run.rank_start if run.rank_start >= 0 else h.start
    person = kb.people[h.ident]
    actor = Actor(person.name, text[start : h.end], person.country, None, None, person.id)
    roles = [a.ident for alts in run.hits for a in alts if a.kind == "role"]
    hint = next((r for r in roles if kb.roles[r].country == person.country), roles[0] if roles else None)
    how = "name" if h.kind == "person" else "surname"
    if len(hits) > 1:
        how += f" (ambiguous: {', '.join(x.ident for x in hits)})"
    return Mention(start, h.end, text[start : h.end], actor, how, kind="person", role_id=hint)


def _apposed_name(
    tokens: list[Token], i: int, text: str, run: Run, by_first: dict[int, list[Hit]], gap: str
) -> int:
    """End of a name of two words or more set off by a comma after an office ("the Foreign
    Minister of X, <name>,"): the name of whoever holds it. A name the KB knows is left to the
    person rule; anything else after the comma (a list, a clause) ends the office."""
    last = {h.kind for h in run.hits[-1]}
    office = last & {"role", "function"} or _office_of_country(run, text) is not None
    if gap.strip() != "," or not office or "group" in last:
        return i
    if any(h.kind == "person" for h in by_first.get(i) or []):
        return i
    end = _unknown_name(tokens, i, text, run, by_first, titled=True)
    if end - i < 2:
        return i
    after = text[tokens[end - 1].end : tokens[end].start] if end < len(tokens) else "."
    closed = end >= len(tokens) or any(c in after for c in ",.;:)—–") or not tokens[end].capitalised
    return end if closed else i


def _unknown_name(
    tokens: list[Token],
    i: int,
    text: str,
    run: Run,
    by_first: dict[int, list[Hit]],
    titled: bool = False,
) -> int:
    """End (exclusive token index) of a capitalised name that follows a rank or office word
    (or that the caller knows is titled)."""
    prev = tokens[i - 1].key if i and not _breaks(text[tokens[i - 1].end : tokens[i].start]) else ""
    after_title = (
        titled
        or run.rank_start >= 0
        or prev in TITLE_WORDS
        or prev in COUNTERPART
        or bool(run.kinds() & {"role", "function"})
    )
    if not after_title:
        return i
    j = i
    while j < len(tokens) and j - i < 5:
        particle = (
            j > i
            and tokens[j].key in NAME_PARTICLES
            and j + 1 < len(tokens)
            and _name_token(tokens[j + 1], by_first.get(j + 1))
        )
        gap = text[tokens[j - 1].end : tokens[j].start] if j > i else " "
        hyphened = gap == "-" and tokens[j].text.isalpha()  # "Lai Ching-te", "Moon Jae-in"
        if not (particle or hyphened or _name_token(tokens[j], by_first.get(j))):
            break
        if gap not in {" ", ". ", "."} and not hyphened:
            break
        j += 1
    return j if j - i >= 2 or (j - i == 1 and run.rank_start >= 0) else i


def _name_token(tok: Token, alts: list[Hit] | None) -> bool:
    return (
        tok.capitalised
        and tok.key not in NOT_NAMES
        and tok.key not in RANKS
        and tok.key not in TITLE_WORDS
        and not [h for h in alts or [] if h.kind != "surname"]  # a surname alone may be someone else's
    )


def _unknown_person(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    run: Run,
    kb: KnowledgeBase,
    known: dict[str, Actor],
    by_first: dict[int, list[Hit]] | None = None,
) -> Mention:
    start = run.rank_start if run.rank_start >= 0 else tokens[i].start
    name = text[tokens[i].start : tokens[j - 1].end]
    country, sector, role = _context(run, kb)
    country = country or _country_after(tokens, j, by_first or {})  # "Moon Jae-in of the Republic of Korea"
    office = run.kinds() & {"role", "function", "group", "organisation"}
    ranks = text[run.rank_start : tokens[i].start].strip() if run.rank_start >= 0 else ""
    title = text[run.start : run.end] if office else None
    if title is None and ranks:  # "Saudi Crown Prince X": the title is the ranks, the run only a country
        title = ranks
    earlier = known.get(tokens[j - 1].key)
    if earlier is not None and earlier.name and _same_person(name, earlier.name):
        # one identity per article: "Mr. Singh" after "Rajnath Singh" is Rajnath Singh
        actor = Actor(
            earlier.name,
            text[start : tokens[j - 1].end],
            earlier.country or country,
            earlier.sector or sector,
            earlier.role or role or title,
            None,
        )
    else:
        actor = Actor(name, text[start : tokens[j - 1].end], country, sector, role or title, None)
    known[tokens[j - 1].key] = actor
    return Mention(
        start, tokens[j - 1].end, text[start : tokens[j - 1].end], actor, "unknown name", kind="person"
    )


def _same_person(name: str, earlier: str) -> bool:
    """True when a later name can be the person named earlier: the same words, or fewer of them
    (the surname alone, or given name and surname), with no given name that disagrees."""
    later, before = fold(name).split(), fold(earlier).split()
    if name_key(name) == name_key(earlier):
        return True
    return len(later) < len(before) and all(w in before for w in later)


def _country_after(tokens: list[Token], j: int, by_first: dict[int, list[Hit]]) -> str | None:
    """The country of "<name> of <country>" (readouts write "Prime Minister X of Japan")."""
    if j >= len(tokens) or tokens[j].key != "of":
        return None
    k = j + 1 + (j + 1 < len(tokens) and tokens[j + 1].key == "the")
    hits = by_first.get(k) or []
    return next((h.ident for h in hits if h.kind in {"country", "adjective", "people"}), None)


def _context(run: Run, kb: KnowledgeBase) -> tuple[str | None, str | None, str | None]:
    """Country, sector and office title implied by a title run."""
    country = sector = role = None
    for alts in run.hits:
        for h in alts:
            if h.kind in {"adjective", "country", "capital", "people"}:
                country = country or h.ident
            elif h.kind == "organisation":
                org = kb.organisations[h.ident]
                country, sector = country or org.country, sector or org.sector
            elif h.kind == "role" and len(alts) == 1:
                r = kb.roles[h.ident]
                country, sector, role = country or r.country, sector or r.sector, r.title
            elif h.kind == "function":
                sector = sector or kb.functions[h.ident].sector
    return country, sector, role


def _counterparts(text: str, tokens: list[Token], i: int, run: Run) -> list[Mention]:
    tok = tokens[i]
    start = run.start if run.hits else tok.start
    words = text[start : tok.end]
    plural = tok.key == "counterparts"
    countries = [h.ident for alts in run.hits for h in alts if h.kind in {"adjective", "country"}]
    actor = Actor(None, words)
    if not countries:
        return [Mention(start, tok.end, words, actor, "counterpart", kind="counterpart", plural=plural)]
    return [
        Mention(
            start,
            tok.end,
            words,
            Actor(None, words, c),
            "counterpart",
            kind="counterpart",
            country=c,
            plural=plural,
        )
        for c in dict.fromkeys(countries)
    ]


# Offices named by what they head: "the heads of the Russian and Ukrainian general staffs".
HEADED_BY = {"general staff": "chief_of_defence", "general staffs": "chief_of_defence", "joint chiefs": "chief_of_defence",
             "military": "chief_of_defence", "militaries": "chief_of_defence", "armed forces": "chief_of_defence"}  # fmt: skip
HEAD_WORDS = frozenset({"head", "heads", "chief", "chiefs", "leader", "leaders", "commander", "commanders"})
# "the top U.S. military officer", "America's most senior general": a superlative and a rank word.
RANK_NOUNS = frozenset(
    {"officer", "officers", "general", "generals", "commander", "official", "officials", "leader", "soldier"}
)
SUPERLATIVES = frozenset({"top", "senior", "highest", "ranking", "chief"})


def _close(run: Run, kb: KnowledgeBase, text: str, before: str = "", after: str = "") -> list[Mention]:
    """A finished title run with no name: its last word says what it names."""
    last = run.hits[-1]
    function = _office_by_context(run, text, before, after, kb)
    if function is not None:
        named: list[str | None] = list(
            dict.fromkeys(
                h.ident for alts in run.hits for h in alts if h.kind in {"adjective", "country", "capital"}
            )
        ) or list(
            dict.fromkeys(
                kb.organisations[h.ident].country
                for alts in run.hits
                for h in alts
                if h.kind == "organisation"
            )
        )
        words = text[run.start : run.end]
        out = []
        for c in named or [None]:
            m = _mention(run, Actor(None, words, c, "MIL"), "function", "function", c)
            m.function = function
            out.append(m)
        return out
    words_kind = {h.kind for h in last}
    places = {"adjective", "country", "capital"}
    countries: list[str | None] = list(
        dict.fromkeys(h.ident for alts in run.hits[:-1] for h in alts if h.kind in places)
    )
    words = text[run.start : run.end]
    if "organisation" in words_kind and "function" not in words_kind:
        words_kind -= {"role"}  # "U.S. European Command" names the command, not its commander
    if words_kind & {"role", "function"}:
        return [_office(run, last, c, kb, words, before) for c in (countries or [None])]
    if "group" in words_kind:
        sector = next(h.ident for h in last if h.kind == "group")
        orgs = [h.ident for alts in run.hits[:-1] for h in alts if h.kind == "organisation"]
        if not countries and orgs:  # "al-Shabab militants", "Hamas fighters": the organisation acts
            org = kb.organisations[orgs[0]]
            actor = Actor(org.name, words, org.country, org.sector, None, org.id)
            return [_mention(run, actor, "organisation", "org", org.country)]
        return [_mention(run, Actor(None, words, c, sector), "group", "group", c) for c in countries]
    if "organisation" in words_kind:
        org = kb.organisations[next(h.ident for h in last if h.kind == "organisation")]
        headed = _head_of(org.id, kb) if _after_head_word(before) else None
        if headed is not None:  # "the chief of Russia's general staff": the office that heads it
            m = _mention(
                run,
                Actor(None, words, headed.country, headed.sector, headed.title),
                "role",
                "head of",
                headed.country,
            )
            m.role_id, m.function = headed.id, headed.function
            return [m]
        actor = Actor(org.name, words, org.country, org.sector, None, org.id)
        return [_mention(run, actor, "organisation", "org", org.country)]
    office_of = _office_of_country(run, text)
    if office_of is not None:  # "the Foreign Minister of the Kingdom of Saudi Arabia"
        office, iso = office_of
        return [_office(run, office, iso, kb, words)]
    if "region" in words_kind:  # "in Crimea": a place, never an actor
        iso = next(h.ident for h in last if h.kind == "region")
        return [_mention(run, Actor(None, words, iso), "place", "region", iso)]
    sectors: tuple[tuple[str, str | None], ...] = (
        ("capital", "GOV"),
        ("country", None),
        ("people", None),
        ("adjective", None),  # "Palestinian riots": the adjective names the side
    )
    for kind, implied in sectors:
        if kind in words_kind:
            iso = next(h.ident for h in last if h.kind == kind)
            return [_mention(run, Actor(None, words, iso, implied), "country", kind, iso)]
    return []


def _office_of_country(run: Run, text: str) -> tuple[list[Hit], str] | None:
    """An office followed by "of" and a country closing the run: the office's hits and the country."""
    if len(run.hits) < 2:
        return None
    last, office = run.hits[-1], run.hits[-2]
    country = next((h.ident for h in last if h.kind in {"country", "capital"}), None)
    if country is None or not any(h.kind in {"role", "function"} for h in office):
        return None
    between = text[office[0].end : last[0].start].lower().split()
    if not between or between[0] != "of":
        return None
    return [h for h in office if h.kind in {"role", "function"}], country


def _after_head_word(before: str) -> bool:
    words = before.split()
    return len(words) >= 2 and words[-2] in HEAD_WORDS and words[-1] == "of"


def _head_of(org_id: str, kb: KnowledgeBase) -> Role | None:
    """The office that heads an organisation: a role of that organisation whose function is a
    generic office (chief of defence, minister), so "head of the General Staff" is its chief."""
    roles = [r for r in kb.roles.values() if r.org == org_id and r.function and r.function != "spokesperson"]
    return roles[0] if roles else None


def _office_by_context(run: Run, text: str, before: str, after: str, kb: KnowledgeBase) -> str | None:
    """The generic office a run of group words names from the words around it, if any."""
    last = run.hits[-1]
    group = text[last[0].start : last[0].end].lower() if any(h.kind == "group" for h in last) else ""
    if any(h.kind == "organisation" and kb.organisations[h.ident].kind == "military" for h in last):
        group = "military"  # "the top U.S. military officer": a country's armed forces, named as one
    if (
        group in HEADED_BY
        and before.split()[-2:-1]
        and before.split()[-2] in HEAD_WORDS
        and before.split()[-1] in {"of", "the"}
    ):
        return HEADED_BY[group]
    if (
        group in {"military", "militaries"}
        and after in RANK_NOUNS
        and SUPERLATIVES & set(text[max(0, run.start - 25) : run.start].lower().split())
    ):
        return "chief_of_defence"
    return None


# Words that make an office another one: "Vice Chief of the Defence Staff" is not the Chief,
# "Deputy Foreign Minister" not the minister, "former President" not today's.
NOT_THE_HOLDER = frozenset({"vice", "deputy", "assistant", "former", "ex", "under"})


def _office(
    run: Run, last: list[Hit], country: str | None, kb: KnowledgeBase, words: str, preceding: str = ""
) -> Mention:
    before = f"{preceding} {words[: max(0, last[0].start - run.start)]}".lower().replace("-", " ").split()
    if before and before[-1] in NOT_THE_HOLDER:  # another office of that country: a group of it
        office = kb.roles[last[0].ident] if last[0].kind == "role" else None
        iso = country or (office.country if office else None)
        sector = office.sector if office else kb.functions[last[0].ident].sector
        return _mention(run, Actor(None, words, iso, sector), "group", "other office", iso)
    roles = [h for h in last if h.kind == "role"]
    if roles:
        fitting = [h for h in roles if country is None or kb.roles[h.ident].country == country]
        pick = (fitting or roles)[0]
        role = kb.roles[pick.ident]
        actor = Actor(None, words, role.country, role.sector, role.title, None)
        m = _mention(run, actor, "role", "role", country or role.country)
        m.role_id = pick.ident if len(fitting or roles) == 1 or country else None
        m.function = role.function
        return m
    func = kb.functions[next(h.ident for h in last if h.kind == "function")]
    m = _mention(run, Actor(None, words, country, func.sector), "function", "function", country)
    m.function = func.id
    return m


def _mention(run: Run, actor: Actor, kind: str, how: str, country: str | None) -> Mention:
    return Mention(run.start, run.end, actor.text, actor, how, kind=kind, country=country)


def _with_text(actor: Actor, text: str) -> Actor:
    return Actor(actor.name, text, actor.country, actor.sector, actor.role, actor.kb_id)
