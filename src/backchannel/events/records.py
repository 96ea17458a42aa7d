"""Building one event record from a frame, its participants, date and status.

record(doc, i, frame, actors, recipients, date, status)  Event, or None with no actor
trace(...)                                               why the record is what it is
resolved_attribution(doc, i, said, date, kb)             who says so, resolved
"""

from __future__ import annotations

from typing import Any

from backchannel.actors import resolve
from backchannel.events import context
from backchannel.events.arguments import PRIORITY
from backchannel.events.frames import Frame, in_spans
from backchannel.events.quantities import quantities
from backchannel.kb import KnowledgeBase
from backchannel.model import Actor, Attribution, DateSpan, Document, Event, Mention, stable_id


def record(
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


def resolved_attribution(
    doc: Document, i: int, said: Any, date: DateSpan, kb: KnowledgeBase
) -> Attribution | None:
    if said is None:
        return None
    sent = doc.sentences[i]
    lo, hi = sent.start + said.start, sent.start + said.end
    inside = [m for m in doc.mentions_in(i) if lo <= m.start and m.end <= hi]
    inside.sort(key=lambda m: (PRIORITY.get(m.kind, 9), m.start))
    source = resolve(inside[0], date, kb) if inside else None
    return Attribution(source, said.text)


def trace(
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
