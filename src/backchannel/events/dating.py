"""When an event happened: the date expression of its clause, else of its sentence, else of its
paragraph, else the news it elaborates on (``inferred``), else the publication date.

    date_of(doc, i, frame)    (DateSpan, scope)
    since_date(doc, i, frame) the date of a "since ..." phrase on the trigger
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from backchannel import dates
from backchannel.events.frames import Frame, clause_tokens, in_spans
from backchannel.model import DateSpan, Document, TimeMention

if TYPE_CHECKING:
    from collections.abc import Callable


def date_of(doc: Document, i: int, frame: Frame) -> tuple[DateSpan, str]:
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
    for name, pool in pools[:2]:  # each built only when the narrower ones held no date
        span, scope = dates.attach(pool(), [(0, len(doc.text))], DateSpan.unknown(), anchor)
        if scope != "unknown":
            return span, name
    # A sentence with no date of its own goes on with the news told just before it; only then does
    # a date elsewhere in its paragraph (often another event's) stand in.
    narrative = _narrative_date(doc, i)
    if narrative is not None:
        return narrative
    span, scope = dates.attach(pools[2][1](), [(0, len(doc.text))], DateSpan.unknown(), anchor)
    if scope != "unknown":
        return span, "paragraph"
    return dates.attach([], [], doc.published, anchor)


NARRATIVE_REACH = 2  # paragraphs


def _narrative_date(doc: Document, i: int) -> tuple[DateSpan, str] | None:
    """A sentence with no date of its own that elaborates on the news just told ("Austin pressed
    Moscow to agree to a ceasefire" after "Austin spoke with Shoigu on Friday") takes the date of
    the last dated news event close before it, marked ``inferred``; else the publication date."""
    para = doc.sentences[i].paragraph
    near = []
    for ev in reversed(doc.events):  # text order: once one is too far back, all before it are
        if ev.trace.get("paragraph", -99) < para - NARRATIVE_REACH:
            break
        if ev.trace.get("background") or ev.date.basis not in {"explicit", "relative"} or not ev.date.known:
            continue
        near.append(ev.date)
    if not near:
        return None
    # Of the dated events just told, the news is the latest: "two weeks after the April 4 attack"
    # is background to Monday's call that the next sentence goes on about.
    d = max(near, key=lambda x: x.end or x.start)  # type: ignore[arg-type,return-value]
    return DateSpan(d.start, d.end, d.granularity, d.text, "inferred"), "narrative"


def since_date(doc: Document, i: int, frame: Frame) -> DateSpan | None:
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
