"""Stage 6, events: PLOVER records from the parsed sentences.

For every trigger word in a parsed sentence:
 1. build its frame (subjects, other party, clause) from the parse;
 2. date it: the date expression in its clause, else its sentence, else its paragraph, else the
    publication date (so a background "last spoke in October 2022" keeps its own date);
 3. resolve the mentions in each argument to actors *as of that date* (offices and counterparts
    name whoever held them then); an argument that is a pronoun takes the last person named in
    the paragraph;
 4. read status and attribution, and code one record per distinct set of participants;
 5. when one article reports the same event twice, keep one record with the most precise date.
Sentences that ask a question are not coded: a question asserts no event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backchannel import dates
from backchannel.actors import fallback, resolve
from backchannel.events import channel, context
from backchannel.events.attribution import attribution
from backchannel.events.frames import Frame, background, build, clause_tokens, in_spans, subject_heads
from backchannel.events.quantities import quantities
from backchannel.events.status import cues as status_cues
from backchannel.events.status import status_of
from backchannel.events.triggers import Trigger, TriggerTable, load_triggers
from backchannel.kb import KnowledgeBase, default_kb
from backchannel.model import Actor, Attribution, DateSpan, Document, Event, Mention, TimeMention, stable_id

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Token

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


# An event dated more than a year before the article that mentions it is history, not news.
# History is kept for contacts (the record of a channel is the point) and dropped for the rest,
# unless the pipeline is asked to keep it ("all") or to drop it for contacts too ("none").
HISTORY_DAYS = 365
HISTORY_KEEP = {"contacts": frozenset({"CONSULT"}), "all": None, "none": frozenset()}


def code(
    doc: Document,
    kb: KnowledgeBase | None = None,
    table: TriggerTable | None = None,
    history: str = "contacts",
) -> Document:
    kb = kb or default_kb()
    table = table or load_triggers()
    doc.events = []
    facts: list[channel.Fact] = []
    sentence_of: dict[str, int] = {}
    for i in sorted(doc.parses):
        if doc.text[doc.sentences[i].start : doc.sentences[i].end].rstrip().endswith("?"):
            continue  # a question asserts no event
        for ev in _code_sentence(doc, i, doc.parses[i], kb, table, facts):
            sentence_of[ev.id] = i
        facts += _resolved_facts(doc, i, kb)
    _carry_quote_attribution(doc)
    merged = merge_within_article(doc.events)
    channel.attach(doc, facts, merged, sentence_of)
    doc.events = [e for e in merged if not _history_dropped(e, doc, history)]
    doc.parses = {}
    doc.done.add("events")
    return doc


def _carry_quote_attribution(doc: Document) -> None:
    """A quotation that runs on into a sentence with no speaker of its own ('"We see the threats,"
    he said. "We take them seriously."') is still the speaker's: records in such a sentence take
    the attribution of the last attributed sentence of the same paragraph."""
    last: dict[int, Attribution] = {}
    for ev in sorted(doc.events, key=lambda e: e.evidence.start):
        para = ev.trace.get("paragraph", -1)
        if ev.attribution is not None:
            last[para] = ev.attribution
        elif para in last and ev.evidence.text.lstrip().startswith(('"', "\u201c", "'")):
            ev.attribution = last[para]
            ev.trace["attribution"] = "carried from the quotation's speaker earlier in the paragraph"


def _history_dropped(ev: Event, doc: Document, history: str) -> bool:
    keep = HISTORY_KEEP.get(history, HISTORY_KEEP["contacts"])
    if keep is None or ev.event_type in keep or not (ev.date.known and doc.published.known):
        return False
    assert ev.date.end is not None and doc.published.start is not None
    return (doc.published.start - ev.date.end).days > HISTORY_DAYS


def _code_sentence(
    doc: Document, i: int, parsed: Doc, kb: KnowledgeBase, table: TriggerTable, facts: list[channel.Fact]
) -> list[Event]:
    out: list[Event] = []
    sent = doc.sentences[i]
    dated = [(t.start - sent.start, t.end - sent.start) for t in doc.times_between(sent.start, sent.end)]
    for tok in parsed:
        if not table.may_be_trigger(tok) or any(a <= tok.idx < b for a, b in dated):
            continue  # not a trigger word; or "in March", "May 19": a date, not a march or a may
        withheld = channel.disclosure_clause(tok)
        if withheld is not None:  # "agreed to keep the details private": a term of the contact
            facts.append(channel.Fact(i, "disclosure", _clause_text(doc, i, tok)))
            continue
        for spec in table.readings(tok):
            frame = build(tok, spec, table.types[spec.event_type])
            if frame is None:
                continue
            events = _events(doc, i, frame, kb, table)
            if events:
                out.extend(events)
                doc.events.extend(events)  # earlier records are antecedents for "the two", "their"
                break  # one reading per trigger word: the first type that yields a record
    requests = _obligations(doc, i, parsed, kb, table)
    doc.events.extend(requests)
    found = out + requests
    if len(found) > MAX_RECORDS_PER_SENTENCE:  # a list or table read as a sentence: keep the first
        doc.notes.append(f"sentence {i}: {len(found)} records, kept {MAX_RECORDS_PER_SENTENCE}")
        dropped = {e.id for e in found[MAX_RECORDS_PER_SENTENCE:]}
        doc.events = [e for e in doc.events if e.id not in dropped]
        found = found[:MAX_RECORDS_PER_SENTENCE]
    return found


MAX_RECORDS_PER_SENTENCE = 12


OBLIGATION = frozenset({"must", "should"})
DEMAND_NOUNS = frozenset({"demand", "reminder", "declaration", "call", "insistence", "warning"})
SPEAKING = frozenset({"declare", "reiterate", "conclude", "insist", "stress", "repeat", "tell", "urge"})
YIELDING = frozenset({"RETREAT", "CONCEDE"})
ASSISTING = frozenset({"AID", "COOPERATE", "SUPPORT"})


def _obligations(doc: Document, i: int, parsed: Doc, kb: KnowledgeBase, table: TriggerTable) -> list[Event]:
    """ "Britain said Libya must hand over the suspects": a reported obligation is a REQUEST by the
    speaker of whoever must act. The mode follows what must be done (yield, assist, meet, change)."""
    out: list[Event] = []
    for tok in parsed:
        if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in tok.children) or tok.dep_ not in {
            "ccomp",
            "acl",
        }:
            continue
        gov = tok.head
        speakers = _speaker_heads(gov)
        addressees = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not speakers or not addressees:
            continue
        demanded = next(iter(table.readings(tok)), None)
        kind = demanded.event_type if demanded else ""
        mode = (
            "yield"
            if kind in YIELDING
            else "assist"
            if kind in ASSISTING
            else "meet"
            if kind == "CONSULT"
            else "change"
        )
        spec = Trigger("REQUEST", "must", "VERB", mode=mode, other=())
        frame = Frame(tok, spec, subjects=speakers, others=addressees, governor=gov)
        frame.clause_chars = clause_tokens(gov, tok)
        frame.clause = (frame.clause_chars[0][0], frame.clause_chars[-1][1])
        frame.why.append(f"obligation {tok.text!r} reported by {gov.text!r}")
        date, scope = _date(doc, i, frame)
        for subj, other in _pairings(doc, i, frame, date, kb):
            for actors, recipients in _participant_sets(frame, subj, other, table):
                ev = _record(doc, i, frame, actors, recipients, date, "occurred")
                if ev is not None and recipients:
                    ev.trace = _trace(doc, doc.sentences[i].start, frame, scope, "occurred", "", subj + other)
                    ev.trace["trigger"]["text"] = "must"
                    out.append(ev)
    return out


def _speaker_heads(gov: Token) -> list[Token]:
    """Who states a reported clause: the subject of "said"/"declared", or the owner of "its demand"
    / the subject of "issued a reminder"."""
    lemma = gov.lemma_.lower()
    if gov.pos_ in {"VERB", "AUX"} and (lemma in SPEAKING or lemma in status_cues().reporting):
        return subject_heads(gov)[0]
    if gov.pos_ == "NOUN" and lemma in DEMAND_NOUNS:
        owners = [c for c in gov.children if c.dep_ == "poss"]
        return owners or (subject_heads(gov.head)[0] if gov.head.pos_ == "VERB" else [])
    return []


def _clause_text(doc: Document, i: int, tok: Token) -> str:
    sent = doc.sentences[i]
    subtree = list(tok.subtree)
    return doc.text[sent.start + subtree[0].idx : sent.start + subtree[-1].idx + len(subtree[-1].text)]


def _resolved_facts(doc: Document, i: int, kb: KnowledgeBase) -> list[channel.Fact]:
    """Initiator phrases and readouts of sentence ``i``, an initiator resolved to an actor."""
    out = []
    sent = doc.sentences[i]
    for fact in channel.facts_in(doc.parses[i], i):
        if fact.kind == "initiator":
            lo = doc.text.find(fact.text, sent.start, sent.end)
            inside = [m for m in doc.mentions_in(i) if lo <= m.start and m.end <= lo + len(fact.text)]
            inside.sort(key=lambda m: (PRIORITY.get(m.kind, 9), m.start))
            fact.actor = resolve(inside[0], doc.published, kb) if inside else None
        out.append(fact)
    return out


def _events(doc: Document, i: int, frame: Frame, kb: KnowledgeBase, table: TriggerTable) -> list[Event]:
    date, scope = _date(doc, i, frame)  # 2
    status, status_word = status_of(frame.trigger, frame.governor)  # 4
    said = attribution(frame.trigger, doc.parses[i])
    reciprocal = table.types[frame.spec.event_type].reciprocal
    records = []
    for subj, other in _pairings(doc, i, frame, date, kb):  # 3
        if not _arguments_fit(frame, subj, other, reciprocal):
            continue
        for actors, recipients in _participant_sets(frame, subj, other, table):
            ev = _record(doc, i, frame, actors, recipients, date, status)
            if ev is None:
                continue
            ev.attribution = _attribution(doc, i, said, date, kb)
            ev.trace = _trace(doc, doc.sentences[i].start, frame, scope, status, status_word, subj + other)
            ev.trace["paragraph"] = doc.sentences[i].paragraph
            ev.trace["sentence"] = i
            if background(frame.trigger):
                ev.trace["background"] = True
            records.append(ev)
    return (
        records
        + _implied_by_since(doc, i, frame, records, status)
        + _refusals(frame, records, status, status_word)
    )


def _arguments_fit(frame: Frame, subj: Resolved, other: Resolved, reciprocal: bool) -> bool:
    """A reading that needs the other party has it (or two parties act together), and a reading
    for some kinds of subject only has such a subject ("workers strike"; "missiles strike" is not
    a protest)."""
    if frame.spec.needs_other and not other and not frame.reciprocal and not (reciprocal and len(subj) > 1):
        return False
    return not frame.spec.subject_sectors or any(a.sector in frame.spec.subject_sectors for a, _ in subj)


COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


def _refusals(frame: Frame, records: list[Event], status: str, word: str) -> list[Event]:
    """ "Declined to meet", "refused to release": besides the act that did not happen, the refusal
    is an event of its own, REJECT by whoever refused (mode ``meet`` for contacts)."""
    if status != "refused" or frame.spec.event_type not in COOPERATIVE:
        return []
    out = []
    for r in records:
        refusal = Event.from_dict(r.to_dict(trace=True))
        refusal.id = stable_id("e", r.id, "refusal")
        refusal.event_type, refusal.status = "REJECT", "occurred"
        refusal.mode = {"CONSULT": "meet", "RETREAT": "yield"}.get(r.event_type, "assist")
        refusal.actors, refusal.recipients = r.actors[:1], [*r.actors[1:], *r.recipients]
        refusal.initiator = None
        refusal.trace["rule"] = [*r.trace.get("rule", []), f"refusal {word!r} coded as REJECT"]
        refusal.trace["trigger"] = {**r.trace.get("trigger", {}), "text": word, "lemma": word.lower()}
        out.append(refusal)
    return out


Resolved = list[tuple[Actor, Mention]]


def _pairings(
    doc: Document, i: int, frame: Frame, date: DateSpan, kb: KnowledgeBase
) -> list[tuple[Resolved, Resolved]]:
    """Who goes with whom. Usually one pairing (subjects, others); "Austin and Milley each spoke
    with their counterparts" pairs each subject with their own counterpart, and a gapped clause
    ("and Milley with Gerasimov") adds a pairing of its own."""
    subj_m = _args(doc, i, frame.subjects, kb)
    other_m = _args(doc, i, frame.others, kb) if frame.others else _surface_others(doc, i, frame)
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


def _surface_others(doc: Document, i: int, frame: Frame) -> list[Mention]:
    """When the parse loses the other party's preposition ("spoke by telephone on Friday with
    X", parsed as a subordinate clause), take the first mention after that preposition in the
    words that follow the trigger, before the next verb."""
    preps = {p for p in frame.spec.other if p not in {"dobj", "poss"}}
    if frame.spec.pos != "VERB" or not preps:
        return []
    sent = doc.sentences[i]
    for tok in frame.trigger.doc[frame.trigger.i + 1 :]:
        if tok.pos_ == "VERB" or tok.text in {";", ":"}:
            return []
        if tok.lower_ in preps:
            after = [m for m in doc.mentions_in(i) if m.start >= sent.start + tok.idx]
            after = [m for m in after if m.start - (sent.start + tok.idx) < 80]
            after.sort(key=lambda m: (m.start, PRIORITY.get(m.kind, 9)))
            return after[:1]
    return []


def _implied_by_since(doc: Document, i: int, frame: Frame, records: list[Event], status: str) -> list[Event]:
    """ "Have not spoken since October 2022" and "their first call since Feb. 18" both say that a
    contact happened then: code that earlier contact, dated by the "since" phrase."""
    if frame.spec.event_type != "CONSULT" or not records:
        return []
    first = any(c.lower_ in {"first"} for c in frame.trigger.children if c.dep_ == "amod")
    if status != "negated" and not first:
        return []
    since = _since_date(doc, i, frame)
    if since is None:
        return []
    out = []
    for r in records:
        earlier = Event.from_dict(r.to_dict(trace=True))
        earlier.id = stable_id("e", r.id, "since")
        earlier.status, earlier.date = "occurred", since
        earlier.trace["rule"] = [*r.trace.get("rule", []), f"implied by 'since {since.text}'"]
        out.append(earlier)
        if status == "negated":  # not since then: the negation holds up to publication
            p = doc.published
            r.date = (
                DateSpan(p.start, p.end, p.granularity, None, "published") if p.known else DateSpan.unknown()
            )
    return out


def _since_date(doc: Document, i: int, frame: Frame) -> DateSpan | None:
    sent = doc.sentences[i]
    heads = [frame.trigger, *([frame.governor] if frame.governor is not None else [])]
    for head in heads:
        for obj in (o for c in head.children if c.lower_ == "since" for o in c.children if o.dep_ == "pobj"):
            lo, hi = (
                sent.start + obj.left_edge.idx,
                sent.start + obj.right_edge.idx + len(obj.right_edge.text),
            )
            inside = [
                t
                for t in doc.times_between(lo, hi)
                if t.span is not None and t.kind == "date" and t.end <= hi
            ]
            if inside:
                return inside[0].span
    return None


def _date(doc: Document, i: int, frame: Frame) -> tuple[DateSpan, str]:
    """Clause, then sentence, then paragraph. At sentence level a date inside another event's
    embedded clause ("who last spoke with him in October 2022") is not this event's."""
    sent = doc.sentences[i]
    anchor = sent.start + frame.trigger.idx
    root = next(t for t in frame.trigger.doc if t.head.i == t.i)
    own = clause_tokens(root, frame.trigger)
    para = doc.paragraphs[sent.paragraph]
    in_sentence = doc.times_between(sent.start, sent.end)
    pools: tuple[tuple[str, Callable[[], list[TimeMention]]], ...] = (
        ("clause", lambda: [t for t in in_sentence if in_spans(t.start - sent.start, frame.clause_chars)]),
        ("sentence", lambda: [t for t in in_sentence if in_spans(t.start - sent.start, own)]),
        ("paragraph", lambda: [t for t in doc.times_between(*para) if not sent.start <= t.start < sent.end]),
    )
    for name, pool in pools:  # each built only when the narrower ones held no date
        span, scope = dates.attach(pool(), [(0, len(doc.text))], DateSpan.unknown(), anchor)
        if scope != "unknown":
            return span, name
    return _narrative_date(doc, i) or dates.attach([], [], doc.published, anchor)


NARRATIVE_REACH = 2  # paragraphs


def _narrative_date(doc: Document, i: int) -> tuple[DateSpan, str] | None:
    """A sentence with no date of its own that elaborates on the news just told ("Austin pressed
    Moscow to agree to a ceasefire" after "Austin spoke with Shoigu on Friday") takes the date of
    the last dated news event close before it, marked ``inferred``; else the publication date."""
    para = doc.sentences[i].paragraph
    for ev in reversed(doc.events):  # text order: once one is too far back, all before it are
        if ev.trace.get("paragraph", -99) < para - NARRATIVE_REACH:
            return None
        if ev.trace.get("background") or ev.date.basis not in {"explicit", "relative"}:
            continue
        d = ev.date
        return DateSpan(d.start, d.end, d.granularity, d.text, "inferred"), "narrative"
    return None


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
        if head.lower_ in PRONOUNS | {"it", "its", "they", "their", "them"}:
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
            out += _pair_antecedents(doc, i)
            continue
        if not inside and kb is not None:
            found = fallback.from_parse(head, (start, end), doc, i, kb)
            out += [found] if found else []
            continue
        owners = _possessor_spans(head, sent.start)
        inside.sort(key=lambda m: (_within(m, owners), PRIORITY.get(m.kind, 9), m.start))
        if inside:
            best = inside[0]
            out += [m for m in inside if m.kind == best.kind and m.start == best.start]
    unique: dict[tuple[int, str], Mention] = {}
    for m in out:  # one mention per place and identity, however many heads led to it
        unique.setdefault((m.start, m.actor.key), m)
    return list(unique.values())


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


def _pair_antecedents(doc: Document, i: int) -> list[Mention]:
    """The parties "the two" refers to: those of an event earlier in the same sentence ("Milley had
    last spoken with Gerasimov in March 2023, when the two talked"), else the pair the article's
    news has coded most often so far, the earliest (the lead) on a tie."""
    here = [e for e in doc.events if e.trace.get("sentence") == i and len(e.participants) >= 2]
    news = here[-1:] or [e for e in doc.events if not e.trace.get("background") and len(e.participants) >= 2]
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


def _participant_sets(
    frame: Frame, subj: list[tuple[Actor, Mention]], other: list[tuple[Actor, Mention]], table: TriggerTable
) -> list[tuple[list[Actor], list[Actor]]]:
    """One record per distinct set of participants. Separate parties reached by one verb of
    remote contact ("spoke to his Ukrainian and Russian counterparts") were separate calls."""
    actors = _unique([a for a, _ in subj])
    recipients = [a for a in _unique([a for a, _ in other]) if a.key not in {x.key for x in actors}]
    reciprocal = table.types[frame.spec.event_type].reciprocal or frame.reciprocal
    if frame.spec.event_type == "CONSULT":
        if frame.spec.mode == "visit":
            return [(actors, recipients)] if actors and recipients else []
        if len(recipients) > 1 and len({r.country for r in recipients}) > 1:
            return [([*actors, r], []) for r in recipients]
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


def _record(
    doc: Document,
    i: int,
    frame: Frame,
    actors: list[Actor],
    recipients: list[Actor],
    date: DateSpan,
    status: str,
) -> Event | None:
    if not actors:
        return None  # PLOVER: no identifiable actor, no record
    sent = doc.sentences[i]
    evidence = doc.original(sent.start, sent.end)
    event_type = frame.spec.event_type
    keys = sorted(a.key for a in actors + recipients)
    trig = sent.start + frame.trigger.idx
    ident = stable_id("e", doc.article.content_hash[:16], event_type, trig, *keys)
    clause_text = doc.text[sent.start + frame.clause[0] : sent.start + frame.clause[1]]
    mode = context.mode(frame, clause_text, actors + recipients, doc, i)
    return Event(
        id=ident,
        article_id=doc.article.id,
        event_type=event_type,
        mode=mode,
        contexts=context.contexts(
            event_type, actors + recipients, doc.text[slice(*doc.paragraphs[sent.paragraph])]
        ),
        status=status,  # type: ignore[arg-type]
        actors=actors,
        recipients=recipients,
        initiator=_initiator(frame, actors),
        date=date,
        location=context.location(frame, doc, i),
        attribution=None,
        evidence=evidence,
        confidence=_confidence(actors + recipients, date, frame),
        outlet=doc.article.outlet,
        duration=_duration(doc, i, frame) if event_type == "CONSULT" else None,
        quantities=quantities(doc.parses[i]) if event_type != "CONSULT" else {},
    )


def _duration(doc: Document, i: int, frame: Frame) -> str | None:
    """ "for six hours", "lasted about an hour": a duration in the contact's clause or sentence."""
    sent = doc.sentences[i]
    spans = [t for t in doc.times_between(sent.start, sent.end) if t.kind == "duration"]
    inside = [t for t in spans if in_spans(t.start - sent.start, frame.clause_chars)] or spans
    return inside[0].text if inside else None


def _initiator(frame: Frame, actors: list[Actor]) -> Actor | None:
    """Who placed a contact: the subject of a directional verb ("X called Y", "X contacted Y")."""
    if frame.spec.event_type == "CONSULT" and frame.spec.pos == "VERB" and frame.trigger.lemma_ in {
        "call", "phone", "telephone", "contact", "visit",
    }:  # fmt: skip
        return actors[0] if actors else None
    return None


def _confidence(people: list[Actor], date: DateSpan, frame: Frame) -> float:
    score = 0.5 - 0.1 * any(a.kb_id is None and a.country is None for a in people)
    score += 0.2 * (sum(1 for a in people if a.kb_id) / max(1, len(people)))
    score += 0.15 if date.basis in {"explicit", "relative"} else 0.0
    score += 0.1 if frame.spec.pos == "VERB" else 0.0
    return round(min(score, 0.99), 2)


def _attribution(doc: Document, i: int, said: Any, date: DateSpan, kb: KnowledgeBase) -> Attribution | None:
    if said is None:
        return None
    sent = doc.sentences[i]
    lo, hi = sent.start + said.start, sent.start + said.end
    inside = [m for m in doc.mentions_in(i) if lo <= m.start and m.end <= hi]
    inside.sort(key=lambda m: (PRIORITY.get(m.kind, 9), m.start))
    source = resolve(inside[0], date, kb) if inside else None
    return Attribution(source, said.text)


def _trace(
    doc: Document,
    base: int,
    frame: Frame,
    scope: str,
    status: str,
    word: str,
    args: list[tuple[Actor, Mention]],
) -> dict[str, Any]:
    t = frame.trigger
    return {
        "rule": frame.why,
        "trigger": {"text": t.text, "lemma": t.lemma_, "pos": frame.spec.pos, "start": base + t.idx},
        "date_scope": scope,
        "status": {"value": status, "because": word or None},
        "actors": [{"text": m.text, "how": m.how, "resolved": a.name or a.country} for a, m in args],
    }


def merge_within_article(events: list[Event]) -> list[Event]:
    """One record per event per article: records of one type, status and participant set whose
    dates agree are one event reported twice; the one with the narrowest date is kept."""
    kept: list[Event] = []
    for ev in sorted(events, key=_precision):
        twin = next((k for k in kept if _same_event(k, ev)), None)
        if twin is not None and len(ev.participants) > len(twin.participants):
            kept[kept.index(twin)], twin, ev = ev, ev, twin  # keep the fuller record, fill it from the other
        if twin is None:
            kept.append(ev)
        else:
            twin.mode = twin.mode or ev.mode
            twin.initiator = twin.initiator or ev.initiator
            twin.location = twin.location or ev.location
            twin.attribution = twin.attribution or ev.attribution
    order = {e.id: n for n, e in enumerate(events)}
    return sorted(kept, key=lambda e: order[e.id])


def _precision(ev: Event) -> tuple[int, int]:
    rank = {"explicit": 0, "relative": 0, "inferred": 1, "published": 2}.get(ev.date.basis, 3)
    return rank, ev.date.width if ev.date.known else 10**6


def _same_event(a: Event, b: Event) -> bool:
    """One event reported twice: same type, status and parties with compatible dates; or, in one
    sentence, the same type and actors where one record's parties include the other's ("killed four
    soldiers and wounded two others")."""
    if (a.event_type, a.status) != (b.event_type, b.status):
        return False
    pa, pb = {x.key for x in a.participants}, {x.key for x in b.participants}
    if pa == pb:
        return dates_compatible(a.date, b.date)
    same_sentence = a.evidence.start == b.evidence.start
    same_actors = {x.key for x in a.actors} == {x.key for x in b.actors}
    return same_sentence and same_actors and (pa <= pb or pb <= pa)


def dates_compatible(a: DateSpan, b: DateSpan, slack: int = 0) -> bool:
    """Two dates that can be the same day. A publication-date fallback only bounds the event from
    above (it happened on or before publication), so it reaches a week back."""
    if not (a.known and b.known):
        return True
    return _window(a, slack).overlaps(_window(b, slack))


def _window(d: DateSpan, slack: int) -> DateSpan:
    import datetime as dt

    assert d.start and d.end
    back = 7 if d.basis == "published" else 0
    return DateSpan(
        d.start - dt.timedelta(days=back + slack), d.end + dt.timedelta(days=slack), d.granularity
    )
