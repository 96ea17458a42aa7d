"""Events that a coded event implies, and events said without a trigger verb of their own.

obligations(doc, i, parsed, kb, table)  "X said Y must ..." -> REQUEST by X of Y
refusals(frame, records, status, word)  "declined to meet" -> REJECT by whoever refused
implied_by_since(doc, i, frame, ...)    "first call since March" -> the March contact
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backchannel.events.arguments import SPEAKING, pairings, participant_sets
from backchannel.events.dating import date_of, since_date
from backchannel.events.frames import Frame, clause_tokens, subject_heads
from backchannel.events.records import record, trace
from backchannel.events.status import cues as status_cues
from backchannel.events.triggers import Trigger, TriggerTable
from backchannel.kb import KnowledgeBase
from backchannel.model import DateSpan, Document, Event, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


OBLIGATION = frozenset({"must", "should"})


DEMAND_NOUNS = frozenset({"demand", "reminder", "declaration", "call", "insistence", "warning"})


YIELDING = frozenset({"RETREAT", "CONCEDE"})


ASSISTING = frozenset({"AID", "COOPERATE", "SUPPORT"})


def obligations(doc: Document, i: int, parsed: Doc, kb: KnowledgeBase, table: TriggerTable) -> list[Event]:
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
        date, scope = date_of(doc, i, frame)
        for subj, other in pairings(doc, i, frame, date, kb):
            for actors, recipients in participant_sets(frame, subj, other, table):
                ev = record(doc, i, frame, actors, recipients, date, "occurred")
                if ev is not None and recipients:
                    ev.trace = trace(doc, doc.sentences[i].start, frame, scope, "occurred", "", subj + other)
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


COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


def refusals(frame: Frame, records: list[Event], status: str, word: str) -> list[Event]:
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


def implied_by_since(doc: Document, i: int, frame: Frame, records: list[Event], status: str) -> list[Event]:
    """ "Have not spoken since October 2022" and "their first call since Feb. 18" both say that a
    contact happened then: code that earlier contact, dated by the "since" phrase."""
    if frame.spec.event_type != "CONSULT" or not records:
        return []
    first = any(c.lower_ in {"first"} for c in frame.trigger.children if c.dep_ == "amod")
    if status != "negated" and not first:
        return []
    since = since_date(doc, i, frame)
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
