"""Who takes part in an event: the mentions in each argument of a trigger, resolved to actors.

    pairings(doc, i, frame, date, kb)     who goes with whom (respective pairs, counterparts, gapping)
    participant_sets(frame, subj, other)  one (actors, recipients) per distinct record

An argument is its head's subtree less coordinated phrases and clauses; a pronoun takes the last
person named before it; "the two", "both", "their" take the parties of the last coded event; a
possessor gives way to the rest of its phrase; offices resolve as of the event's date.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from backchannel.actors import fallback, resolve
from backchannel.actors.mentions import TITLE_WORDS
from backchannel.events.status import cues as status_cues
from backchannel.kb import KnowledgeBase
from backchannel.model import Actor, DateSpan, Document, Event, Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

    from backchannel.events.frames import Frame
    from backchannel.events.triggers import TriggerTable


PRIORITY = {
    "person": 0,
    "role": 1,
    "function": 2,
    "counterpart": 3,
    "organisation": 4,
    "group": 5,
    "country": 6,
}


# An argument is its head's subtree without coordinated phrases and embedded clauses; names of
# titled people often hang in a prepositional phrase ("Chairman of the Joint Chiefs of Staff Gen.
# Charles Q. Brown Jr."), so prepositions stay in.
BRANCH_CUT = frozenset({"conj", "cc", "relcl", "acl", "advcl"})


PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})


SPEAKING = frozenset({"declare", "reiterate", "conclude", "insist", "stress", "repeat", "tell", "urge"})


Resolved = list[tuple[Actor, Mention]]


def pairings(
    doc: Document, i: int, frame: Frame, date: DateSpan, kb: KnowledgeBase
) -> list[tuple[Resolved, Resolved]]:
    """Who goes with whom. Usually one pairing (subjects, others); "Austin and Milley each spoke
    with their counterparts" pairs each subject with their own counterpart, and a gapped clause
    ("and Milley with Gerasimov") adds a pairing of its own."""
    subj_m = _args(doc, i, frame.subjects, kb) if frame.subjects else _surface_subject(doc, i, frame)
    other_m = _args(doc, i, frame.others, kb) if frame.others else _surface_others(doc, i, frame)
    if frame.spec.reverse and not frame.subjects and not frame.others:
        subj_m, other_m = other_m, subj_m  # read off the surface: "X hosted Y", Y visits
    subj = _resolve_all(subj_m, date, kb, None, doc)
    if not subj and other_m:  # "his Russian counterpart called Milley"
        subj = _resolve_all(subj_m, date, kb, resolve(other_m[0], date, kb), doc)
    pairings: list[tuple[Resolved, Resolved]] = []
    if (
        frame.spec.event_type == "CONSULT"
        and len(subj) > 1
        and len(other_m) == len(subj)
        and _people(other_m)
    ):
        # "Austin and Milley tried to set up calls with Shoigu and with Gerasimov": respectively
        for (actor, m), o in zip(subj, other_m, strict=True):
            pairings.append(([(actor, m)], _resolve_all([o], date, kb, actor, doc)))
    elif len(subj) > 1 and other_m and all(m.kind == "counterpart" for m in other_m):
        for actor, m in subj:
            pairings.append(([(actor, m)], _resolve_all(other_m, date, kb, actor, doc)))
    else:
        pairings.append((subj, _resolve_all(other_m, date, kb, subj[0][0] if subj else None, doc)))
    for head, partners in frame.gapped:
        left = _resolve_all(_args(doc, i, [head], kb), date, kb, None, doc)
        right = _resolve_all(_args(doc, i, partners, kb), date, kb, left[0][0] if left else None, doc)
        pairings.append((left, right))
    return pairings


def _people(mentions: list[Mention]) -> bool:
    return all(m.kind == "person" and m.actor.kb_id for m in mentions)


LINKING_POS = frozenset({"ADV", "ADP", "AUX", "PART", "DET", "ADJ", "NUM"})


def _surface_subject(doc: Document, i: int, frame: Frame) -> list[Mention]:
    """When the parse finds no subject for a verb trigger ("Earlier this month, Trump hosted
    Erdogan"), take a person named right before the verb, with nothing but that name between."""
    verb = frame.trigger if frame.spec.pos == "VERB" else frame.governor  # "Trump at first imposed tariffs"
    if verb is None or frame.passive or verb.pos_ not in {"VERB", "AUX"}:
        return []
    sent = doc.sentences[i]
    at = sent.start + verb.idx
    before = [m for m in doc.mentions_in(i) if m.end <= at and m.kind == "person"]
    if not before:
        return []
    lo = before[-1].end - sent.start
    between = [t for t in verb.doc if lo <= t.idx < verb.idx]
    if len(between) <= 3 and all(t.pos_ in LINKING_POS and t.text not in {",", ";", ":"} for t in between):
        return before[-1:]  # "Trump at first imposed": a few words of manner or time, no noun, between
    return []


def _surface_others(doc: Document, i: int, frame: Frame) -> list[Mention]:
    """When the parse loses the other party's preposition ("spoke by telephone on Friday with
    X", parsed as a subordinate clause), take the first mention after that preposition in the
    words that follow the trigger, before the next verb (all the offices one phrase names)."""
    preps = {p for p in frame.spec.other if p not in {"dobj", "poss"}}
    if frame.spec.pos != "VERB":
        return []
    sent = doc.sentences[i]
    if "dobj" in frame.spec.other:  # a parse that lost the object: "Trump hosted Erdogan", "called UK
        # Secretary of State for Defence Ben Wallace" read as a naming: the first person named after
        # the verb, before the next verb
        end = next((t for t in frame.trigger.doc[frame.trigger.i + 1 :] if t.pos_ in {"VERB", "AUX"}), None)
        limit = sent.start + (end.idx if end is not None else len(frame.trigger.doc.text))
        at = sent.start + frame.trigger.idx + len(frame.trigger.text)
        right = [m for m in doc.mentions_in(i) if at <= m.start and m.end <= limit and m.kind == "person"]
        if right:
            return right[:1]
    if not preps:
        return []
    for tok in frame.trigger.doc[frame.trigger.i + 1 :]:
        if tok.pos_ == "VERB" or tok.text in {";", ":"}:
            return []
        if tok.lower_ in preps:
            after = [m for m in doc.mentions_in(i) if m.start >= sent.start + tok.idx]
            after = [m for m in after if m.start - (sent.start + tok.idx) < 80]
            after.sort(key=lambda m: (m.start, PRIORITY.get(m.kind, 9)))
            # one phrase may name several ("Defense Ministers from Canada, France and Poland")
            return [m for m in after if after and m.start == after[0].start and m.kind == after[0].kind]
    return []


# Party nouns that name people, not sides: "the two leaders" are two persons.
PEOPLE_PARTIES = frozenset(
    {"generals", "leaders", "men", "women", "chiefs", "ministers", "officers", "commanders", "presidents",
     "counterparts", "heads", "diplomats", "premiers", "secretaries", "chancellors", "envoys"}
)  # fmt: skip
PLURAL_REFS = frozenset({"two", "both", "they", "their", "them", "theirs"})


# Nouns for the parties of an event: "the two generals", "both sides", "the two leaders".
PARTY_NOUNS = frozenset(
    [
        "generals",
        "leaders",
        "officials",
        "men",
        "women",
        "chiefs",
        "sides",
        "ministers",
        "countries",
        "nations",
        "officers",
        "commanders",
        "presidents",
        "counterparts",
        "heads",
        "militaries",
        "governments",
        "parties",
        "diplomats",
    ]
)


def _args(doc: Document, i: int, heads: list[Token], kb: KnowledgeBase | None = None) -> list[Mention]:
    """The best mention in each argument branch. A pronoun takes the last person named before it;
    "the two", "both" and "their" take the parties of the last event coded in the article. A
    possessor ("Brown's predecessor, Gen. Mark Milley") gives way to the rest of its phrase."""
    sent = doc.sentences[i]
    in_sentence = doc.mentions_in(i)
    out: list[Mention] = []
    for head in heads:
        pronoun_we = head.lower_ in WE and head.text != "US"  # "US" is the country, not "us"
        if pronoun_we and kb is not None and _reporting_subject(head) is None:
            issuer = _issuer(doc, kb)  # "We have imposed an import ban", in a State Department statement
            out += [issuer] if issuer else []
            continue
        if head.lower_ in PRONOUNS | {"it", "its", "they", "their", "them"} or pronoun_we:
            speaker = _reporting_subject(head)
            if speaker is not None and speaker.i != head.i:  # "rebel leaders said they would meet"
                out += _args(doc, i, [speaker], kb)
                continue
        if head.lower_ in PRONOUNS:
            m = _antecedent(doc, sent.start + head.idx, i)
            out += [m] if m else []
            continue
        if head.lower_ in {"it", "its"}:  # "the government announced that it is prepared to ..."
            m = _antecedent(doc, sent.start + head.idx, i, kinds=SIDE_KINDS)
            out += [m] if m else []
            continue
        start, end = _branch(head)
        inside = [
            m
            for m in in_sentence
            if sent.start + start <= m.start and m.end <= sent.start + end and _can_name(m)
        ]
        if not inside and _plural_reference(head):
            out += _pair_antecedents(doc, i, sent.start + head.idx, people=head.lower_ in PEOPLE_PARTIES)
            continue
        if not any(m.kind == "person" for m in inside):
            # "the Secretary", "the Foreign Minister": whoever the article gave that title
            titled = _title_antecedent(doc, i, head, (start, end))
            if titled is not None:
                out.append(titled)
                continue
            # "Director of the CCP Foreign Affairs Commission and Foreign Minister Wang Yi": one
            # person with two titles, which the parser coordinated
            titled_conj = _titled_conjunct(doc, i, head, in_sentence) or _name_after_title(
                doc, i, head, in_sentence
            )
            if titled_conj:
                out += titled_conj
                continue
        if not inside and kb is not None:
            found = fallback.from_parse(head, (start, end), doc, i, kb)
            out += [found] if found else []
            continue
        owners = _possessor_spans(head, sent.start)
        at = sent.start + head.idx  # "NATO member Slovakia": Slovakia heads the phrase, NATO modifies it
        inside.sort(
            key=lambda m: (
                _within(m, owners),
                m.kind != "person",
                not (m.start <= at < m.end),
                PRIORITY.get(m.kind, 9),
                m.start,
            )
        )
        if inside:
            best = inside[0]
            out += [m for m in inside if m.kind == best.kind and m.start == best.start]
            out += _missed_coordination(doc, best, inside, owners)
    unique: dict[tuple[int, str], Mention] = {}
    for m in out:  # one mention per place and identity, however many heads led to it
        unique.setdefault((m.start, m.actor.key), m)
    return list(unique.values())


def _missed_coordination(
    doc: Document, best: Mention, inside: list[Mention], owners: list[tuple[int, int]]
) -> list[Mention]:
    """People joined by "and" inside one argument that the parser did not coordinate ("Secretary of
    State Rex Tillerson and Russian Foreign Minister Sergey Lavrov met" parsed with one head)."""
    if best.kind != "person":
        return []
    people = sorted(
        (m for m in inside if m.kind == "person" and not _within(m, owners)), key=lambda m: m.start
    )
    out: list[Mention] = []
    for left, right in pairwise(people):
        gap = doc.text[left.end : right.start]
        if re.search(r"\band\b", gap) and len(gap) < 80:
            out += [m for m in (left, right) if m.start != best.start]
    return out


WE = frozenset({"we", "our", "us"})


def _issuer(doc: Document, kb: KnowledgeBase) -> Mention | None:
    """The government office that issued the article, when its outlet is one the KB knows."""
    outlet = doc.article.outlet or ""
    for kind, ident in kb.find(outlet) or kb.find(outlet.removeprefix("The ")):
        if kind == "organisation":
            org = kb.organisations[ident]
            actor = Actor(org.name, outlet, org.country, org.sector, None, org.id)
            return Mention(
                -1, -1, outlet, actor, "issuer of the statement", kind="organisation", country=org.country
            )
    return None


def _reporting_subject(pron: Token) -> Token | None:
    """The subject of the verb of saying whose reported clause holds ``pron``, if any."""
    t = pron
    for _ in range(6):
        if t.head.i == t.i:
            return None
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in status_cues().reporting | SPEAKING:
            subj = [c for c in t.head.children if c.dep_ == "nsubj"]
            return subj[0] if subj and subj[0].lower_ not in PRONOUNS | {"it", "they"} else None
        t = t.head
    return None


# Words that make an argument a bare title ("the Secretary", "the Deputy Foreign Minister").
TITLE_HEADS = frozenset(TITLE_WORDS | {"general", "admiral", "prince", "king", "queen", "emir"}) - {
    "official",
    "officer",
    "aide",
}
TITLE_FILLER = frozenset(
    {"the", "deputy", "foreign", "defense", "defence", "prime", "vice", "state", "of", "for"}
)


def _title_antecedent(doc: Document, i: int, head: Token, span: tuple[int, int]) -> Mention | None:
    """A bare title names the person the article gave that title before: "the Secretary" after
    "Secretary Blinken", "the Foreign Minister" after "Libyan Foreign Minister Najla Mangoush".
    Only when the argument is the title alone (no name, no country) and one person fits."""
    if head.lower_ not in TITLE_HEADS or head.tag_ in {"NNS", "NNPS"}:
        return None
    words = [t for t in head.doc if span[0] <= t.idx < span[1] and not t.is_punct]
    if not words or any(t.lower_ not in TITLE_FILLER and t.lower_ not in TITLE_HEADS for t in words):
        return None
    title = " ".join(t.lower_ for t in words if t.lower_ != "the")
    pos = doc.sentences[i].start + head.idx
    found: dict[str, Mention] = {}
    last: Mention | None = None
    for m in sorted(doc.mentions, key=lambda m: m.start):
        floor = last.end if last is not None and m.sentence == last.sentence else 0
        if (
            last is not None
            and last.kind in {"role", "function"}
            and doc.text[last.end : m.start].strip() == ","
        ):
            floor = last.start  # "the Foreign Minister of X, <name>": the office in apposition
        last = m
        if m.end > pos or m.kind != "person":
            continue
        # the title stands before the name, after the mention before it
        lead = max(doc.sentences[m.sentence].start if m.sentence >= 0 else 0, m.start - 60, floor)
        said = f"{doc.text[lead : m.end]} {m.actor.role or ''}".lower()
        if re.search(rf"\b{re.escape(title)}\b", said):
            found[m.actor.key] = m
    if len(found) != 1:
        return None
    m = next(iter(found.values()))
    return Mention(
        pos,
        pos + len(head.text),
        head.text,
        m.actor,
        f"title antecedent: {m.text}",
        kind="person",
        country=m.country,
        role_id=m.role_id,
    )


def _titled_conjunct(doc: Document, i: int, head: Token, in_sentence: list[Mention]) -> list[Mention]:
    """The person named after the last of several coordinated titles headed by ``head``."""
    if head.lower_ not in TITLE_HEADS:
        return []
    base = doc.sentences[i].start
    for conj in (c for c in head.children if c.dep_ == "conj"):
        lo, hi = base + conj.left_edge.idx, base + conj.right_edge.idx + len(conj.right_edge.text)
        people = [m for m in in_sentence if lo <= m.start and m.end <= hi and m.kind == "person"]
        if len(people) == 1 and (conj.lower_ in TITLE_HEADS or conj.pos_ == "PROPN"):
            return people
    return []


TITLE_GLUE = frozenset({"for", "and", "of", "the", "on", "&"})


def _name_after_title(doc: Document, i: int, head: Token, in_sentence: list[Mention]) -> list[Mention]:
    """The person a capitalised title introduces when the parser split the title from the name
    ("EU High Representative for Foreign Affairs and Security Policy Josep Borrell"): the first
    person named right after the head, with only title words (capitalised, or "for", "and", "of")
    and no punctuation between."""
    if not head.text[:1].isupper():
        return []
    pos = doc.sentences[i].start + head.idx + len(head.text)
    after = sorted((m for m in in_sentence if m.kind == "person" and m.start >= pos), key=lambda m: m.start)
    if not after:
        return []
    gap = doc.text[pos : after[0].start]
    words = gap.split()
    if len(words) > 12 or any(c in gap for c in ',;:()"—–'):
        return []
    return after[:1] if all(w[:1].isupper() or w in TITLE_GLUE for w in words) else []


def _can_name(m: Mention) -> bool:
    """Places never act, and an office of no named country ("President") names nobody by itself."""
    return m.kind != "place" and not (m.kind == "function" and m.country is None)


def _plural_reference(head: Token) -> bool:
    """ "the two", "both", "they", "their"; "the two generals", "both sides" -- not "two reporters"."""
    if head.lower_ in PLURAL_REFS:
        return True
    if head.lower_ not in PARTY_NOUNS:
        return False
    kids = {c.lower_ for c in head.children}
    return "both" in kids or {"the", "two"} <= kids


def _coordinated_people(doc: Document, i: int, pos: int) -> list[Mention]:
    """The last two people named before ``pos`` in sentence ``i`` when "and" joins them."""
    people = [m for m in doc.mentions_in(i) if m.kind == "person" and m.end <= pos]
    if len(people) < 2:
        return []
    left, right = people[-2], people[-1]
    gap = doc.text[left.end : right.start]
    # "Presidents Biden and Erdogan", "President Biden and Russian President Putin": "and", with
    # at most the second person's title between
    if left.actor.key != right.actor.key and re.fullmatch(r"\s*(,\s*)?and\s+([A-Z][\w.'’-]*\s+){0,4}", gap):
        return [left, right]
    return []


def _pair_antecedents(doc: Document, i: int, pos: int = -1, people: bool = False) -> list[Mention]:
    """The parties "the two" refers to: those of an event earlier in the same sentence ("Milley had
    last spoken with Gerasimov in March 2023, when the two talked"), else the pair the article's
    news has coded most often so far, the earliest (the lead) on a tie."""
    coordinated = _coordinated_people(doc, i, pos)
    if coordinated:  # "Presidents Biden and Erdogan ... during their meeting"
        return coordinated

    def fits(e: Event) -> bool:  # "the two leaders" are people: a pair of countries is not them
        return len(e.participants) >= 2 and (
            not people or all(a.name and (a.kb_id or a.role) for a in e.participants)
        )

    here = [e for e in doc.events if e.trace.get("sentence") == i and fits(e)]
    news = here[-1:] or [e for e in doc.events if not e.trace.get("background") and fits(e)]
    if not news:
        return []
    counts: dict[frozenset[str], int] = {}
    for e in news:
        key = frozenset(a.key for a in e.participants)
        counts[key] = counts.get(key, 0) + 1
    best = max(counts.values())
    lead = next(e for e in news if counts[frozenset(a.key for a in e.participants)] == best)
    return [
        Mention(
            -1,
            -1,
            a.text,
            a,
            "antecedent of 'the two'",
            kind="person" if a.kb_id else "group",
            country=a.country,
        )
        for a in lead.participants
    ]


def _possessor_spans(head: Token, base: int) -> list[tuple[int, int]]:
    spans = []
    for c in head.subtree:
        if c.dep_ == "poss" and c.head.i != c.i:
            left, right = c.left_edge, c.right_edge
            spans.append((base + left.idx, base + right.idx + len(right.text)))
    return spans


def _within(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= m.start and m.end <= hi + 2 for lo, hi in spans)


def _branch(head: Token) -> tuple[int, int]:
    """Characters of one argument: the head's subtree without coordinated phrases and clauses."""
    cut = {t.i for c in head.children if c.dep_ in BRANCH_CUT for t in c.subtree}
    kept = [t for t in head.subtree if t.i not in cut] or [head]
    return kept[0].idx, kept[-1].idx + len(kept[-1].text)


SIDE_KINDS = frozenset({"country", "organisation", "group"})


def _antecedent(
    doc: Document, pos: int, i: int, kinds: frozenset[str] = frozenset({"person"})
) -> Mention | None:
    """The last mention of one of ``kinds`` before ``pos`` in this paragraph or the one before."""
    para = doc.sentences[i].paragraph
    for j in range(i, -1, -1):  # back through this paragraph and the one before
        if doc.sentences[j].paragraph < para - 1:
            break
        found = [m for m in doc.mentions_in(j) if m.kind in kinds and m.end <= pos]
        if found:
            return found[-1]
    return None


def _resolve_all(
    mentions: list[Mention],
    date: DateSpan,
    kb: KnowledgeBase,
    partner: Actor | None,
    doc: Document | None = None,
) -> list[tuple[Actor, Mention]]:
    out: list[tuple[Actor, Mention]] = []
    for m in mentions:
        actor = resolve(m, date, kb, partner)
        if actor is not None and (actor.name or actor.country):
            out.append((_article_role(actor, date, kb, doc), m))
    return out


def _article_role(actor: Actor, date: DateSpan, kb: KnowledgeBase, doc: Document | None) -> Actor:
    """A person who held several offices on the date is given the one the article names for them
    ("Ukraine Chief of General Staff Lt. Gen. Ruslan Khomchak"), wherever in the article it does."""
    if doc is None or not actor.kb_id or actor.kb_id not in kb.people:
        return actor
    named = doc.roles_named(actor.kb_id)
    for role in kb.roles_on(actor.kb_id, date if date.known else None):
        if role.id in named and role.title != actor.role:
            return Actor(
                actor.name, actor.text, role.country or actor.country, role.sector, role.title, actor.kb_id
            )
    return actor


PLACE_HOWS = frozenset({"capital", "region", "fallback: place"})
PRESS = "JRN"


def is_place(m: Mention) -> bool:
    """A mention of a place (a capital, a region, a city) rather than of someone who acts."""
    return m.kind == "place" or m.how in PLACE_HOWS


def is_press(actor: Actor, doc: Document) -> bool:
    """A news organisation, or the outlet that published the article: "VOA spoke with X" and
    "told Reuters" are interviews, not contacts."""
    outlet = (doc.article.outlet or "").strip().lower()
    named = (actor.name or actor.text or "").strip().lower()
    return actor.sector == PRESS or (bool(outlet) and named == outlet)


def contact_parties(doc: Document, i: int, frame: Frame, side: Resolved) -> Resolved:
    """Who can be a party to a contact. Places never are: a visit to a country is a contact with
    the person of that country the sentence names ("China hosted Trump ... at the invitation of
    President Xi"), and with nobody when it names none; a city or region is dropped."""
    out: Resolved = []
    visit = frame.spec.mode == "visit"
    for actor, m in side:
        bare_country = m.kind == "country" and not actor.name
        if m.how in {"adjective", "people"} and not actor.name:
            continue  # "spoke to the American people": a population, not a party
        if not (is_place(m) or (visit and bare_country)):
            out.append((actor, m))
            continue
        hosts = {
            h.actor.key: (h.actor, h)
            for h in doc.mentions_in(i)
            if h.kind == "person" and actor.country and (h.actor.country or h.country) == actor.country
        }
        if len(hosts) == 1:
            out.extend(hosts.values())
    return out


def participant_sets(
    frame: Frame, subj: list[tuple[Actor, Mention]], other: list[tuple[Actor, Mention]], table: TriggerTable
) -> list[tuple[list[Actor], list[Actor]]]:
    """One record per distinct set of participants. Separate parties reached by one verb of
    remote contact ("spoke to his Ukrainian and Russian counterparts") were separate calls."""
    actors = _unique([a for a, _ in subj])
    recipients = [a for a in _unique([a for a, _ in other]) if a.key not in {x.key for x in actors}]
    reciprocal = table.types[frame.spec.event_type].reciprocal or frame.reciprocal
    if frame.spec.event_type == "CONSULT":
        # One record per pair when one party met several on the other side: "met with Zelenskyy
        # and Umerov", "Sheinbaum and Trudeau told Trump in phone conversations".
        if frame.spec.mode == "visit":
            if len(recipients) > 1 and len(actors) == 1:
                return [(actors, [r]) for r in recipients]
            return [(actors, recipients)] if actors and recipients else []
        if len(recipients) > 1 and (len(actors) == 1 or len({r.country for r in recipients}) > 1):
            return [([*actors, r], []) for r in recipients]
        if len(actors) > 1 and len(recipients) == 1:
            return [([a, recipients[0]], []) for a in actors]
        parties = _unique(actors + recipients)
        return [(parties, [])] if len(parties) >= 2 else []
    if reciprocal and not recipients:
        return [(actors, [])] if len(actors) >= 2 else []
    return [(actors, recipients)] if actors else []


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for a in actors:
        seen.setdefault(a.key, a)
    return list(seen.values())
