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

The steps live in their own modules: ``arguments`` (3), ``dating`` (2), ``status`` and
``attribution`` (4), ``records`` (building one record), ``derived`` (events implied by others:
refusals, obligations, "since"), ``merge`` (5).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backchannel.actors import resolve
from backchannel.events import channel
from backchannel.events.appearance import joint_appearance
from backchannel.events.arguments import PRIORITY, contact_parties, is_press, pairings, participant_sets
from backchannel.events.attribution import attribution
from backchannel.events.dating import date_of
from backchannel.events.derived import implied_by_since, obligations, refusals
from backchannel.events.frames import Frame, background, build
from backchannel.events.merge import dates_compatible, merge_within_article
from backchannel.events.records import record, resolved_attribution, trace
from backchannel.events.status import status_of
from backchannel.events.triggers import TriggerTable, load_triggers
from backchannel.kb import KnowledgeBase, default_kb
from backchannel.model import Attribution, DateSpan, Document, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from backchannel.events.arguments import Resolved

__all__ = ["code", "dates_compatible", "merge_within_article"]


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
    doc.events += joint_appearance(doc, kb)
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
            if spec.event_type == "CONSULT" and _purpose_of_contact(tok, out):
                continue  # "spoke with X to discuss Y": the purpose of the contact just coded
            frame = build(tok, spec, table.types[spec.event_type])
            if frame is None:
                continue
            events = _events(doc, i, frame, kb, table)
            if events:
                out.extend(events)
                doc.events.extend(events)  # earlier records are antecedents for "the two", "their"
                break  # one reading per trigger word: the first type that yields a record
    requests = obligations(doc, i, parsed, kb, table)
    doc.events.extend(requests)
    found = out + requests
    if len(found) > MAX_RECORDS_PER_SENTENCE:  # a list or table read as a sentence: keep the first
        doc.notes.append(f"sentence {i}: {len(found)} records, kept {MAX_RECORDS_PER_SENTENCE}")
        dropped = {e.id for e in found[MAX_RECORDS_PER_SENTENCE:]}
        doc.events = [e for e in doc.events if e.id not in dropped]
        found = found[:MAX_RECORDS_PER_SENTENCE]
    return found


MAX_RECORDS_PER_SENTENCE = 12


def _purpose_of_contact(tok: Token, coded: list[Event]) -> bool:
    """An infinitive of contact in a purpose clause after a contact of the same sentence ("spoke
    today with the defence ministers ... to discuss the situation"): it restates that contact, and
    the parser often gives it the other party as its subject."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return (
        infinitive
        and tok.dep_ in {"advcl", "acl", "relcl", "pcomp"}
        and any(e.event_type == "CONSULT" for e in coded)
    )


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
    date, scope = date_of(doc, i, frame)  # 2
    status, status_word = status_of(frame.trigger, frame.governor)  # 4
    if status == "occurred" and _after_publication(date, doc):
        status, status_word = "planned", "dated after publication"
    said = attribution(frame.trigger, doc.parses[i])
    reciprocal = table.types[frame.spec.event_type].reciprocal
    records = []
    for subj, other in pairings(doc, i, frame, date, kb):  # 3
        if frame.spec.event_type == "CONSULT":
            if any(is_press(a, doc) for a, _ in subj + other):
                continue  # an interview, not a contact
            if status == "occurred":  # a visit planned to a country is still an offer (AGREE)
                subj, other = contact_parties(doc, i, frame, subj), contact_parties(doc, i, frame, other)
        if not _arguments_fit(frame, subj, other, reciprocal):
            continue
        for actors, recipients in participant_sets(frame, subj, other, table):
            ev = record(doc, i, frame, actors, recipients, date, status)
            if ev is None:
                continue
            ev.attribution = resolved_attribution(doc, i, said, date, kb)
            ev.trace = trace(doc, doc.sentences[i].start, frame, scope, status, status_word, subj + other)
            ev.trace["paragraph"] = doc.sentences[i].paragraph
            ev.trace["sentence"] = i
            if background(frame.trigger):
                ev.trace["background"] = True
            records.append(ev)
    return (
        records
        + implied_by_since(doc, i, frame, records, status)
        + refusals(frame, records, status, status_word)
    )


def _after_publication(date: DateSpan, doc: Document) -> bool:
    """An event dated wholly after the article was published has not happened yet ("in January",
    "by 2030" read forward): whatever the tense, it is at most planned."""
    pub = doc.published
    if not (date.known and pub.known and date.basis in {"explicit", "relative"}):
        return False
    assert date.start is not None and pub.end is not None
    return date.start > pub.end


# Types whose object may be an event rather than a party, and nouns that name events.
VERDICTS = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
EVENT_NOUNS = frozenset(
    {"attack", "attacks", "strike", "strikes", "bombing", "killing", "killings", "shooting", "assault",
     "invasion", "violence", "massacre", "raid", "coup", "arrest", "arrests", "detention", "execution",
     "crackdown", "abduction", "kidnapping", "jailbreak", "offensive", "launch", "test", "decision",
     "agreement", "deal", "ceasefire", "truce", "election", "elections", "vote", "move", "resolution"}
)  # fmt: skip


PEOPLE_NOUNS = frozenset(
    {"hostage", "prisoner", "detainee", "captive", "civilian", "protester", "activist", "journalist",
     "people", "person", "dozen", "hundred", "thousand", "student", "worker", "resident", "villager"}
)  # fmt: skip


def _arguments_fit(frame: Frame, subj: Resolved, other: Resolved, reciprocal: bool) -> bool:
    """A reading that needs the other party has it (or two parties act together), and a reading
    for some kinds of subject only has such a subject ("workers strike"; "missiles strike" is not
    a protest)."""
    if frame.spec.needs_other and not other and not frame.reciprocal and not (reciprocal and len(subj) > 1):
        # "condemned the attack": the object is an event, whose author the sentence need not name
        objects = {o.lemma_.lower() for o in frame.others}
        if frame.spec.event_type in VERDICTS and objects & EVENT_NOUNS:
            return True
        # "released four hostages", "detained dozens of activists": people of no stated side
        return frame.spec.event_type in {"RETREAT", "COERCE", "ASSAULT"} and bool(objects & PEOPLE_NOUNS)
    return not frame.spec.subject_sectors or any(a.sector in frame.spec.subject_sectors for a, _ in subj)
