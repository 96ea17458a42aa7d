"""A transcript titled for two officials appearing together records that they met.

Government transcripts are titled "Secretary Antony J. Blinken and Ukrainian Foreign Minister
Dmytro Kuleba at a Joint Press Availability", "... Before Their Meeting", "Secretary Pompeo &
Indian Foreign Minister Jaishankar At a Press Availability". Their body is remarks and questions
that seldom say "they met", yet the title does: two officials of two countries at one joint
appearance have met. ``joint_appearance`` reads such a title as a CONSULT meeting between the two,
dated to the publication day (the transcript's day), with the title as evidence. A title that names
fewer or more than two people, or two of one country, or no joint appearance, gives nothing.
"""

from __future__ import annotations

import re

from backchannel.actors import matcher_for, person_on
from backchannel.actors.mentions import mentions_between
from backchannel.kb import KnowledgeBase
from backchannel.model import Actor, DateSpan, Document, Event, stable_id

# What a transcript's title calls a joint appearance (our wording of the State Department's and
# the White House's title conventions).
JOINT = re.compile(
    r"\b(joint\s+press\s+(availability|conference)|press\s+availability|joint\s+(remarks|statements?)"
    r"|(before|after|following|prior\s+to)\s+(their|a|the)\s+(bilateral\s+)?meeting)\b",
    re.IGNORECASE,
)


def joint_appearance(doc: Document, kb: KnowledgeBase) -> list[Event]:
    """The meeting a joint appearance's title records, or nothing."""
    title = doc.title
    if not title or not JOINT.search(title) or not doc.published.known:
        return []
    start = doc.text.find(title)
    if start < 0:
        return []  # a title from metadata only: no evidence in the text to point at
    end = start + len(title)
    day = DateSpan(doc.published.start, doc.published.end, doc.published.granularity, None, "published")
    people: dict[str, Actor] = {}
    for m in mentions_between(doc, start, end, kb, matcher_for(kb)):
        if m.kind == "person":
            actor = person_on(m, day, kb)
            people.setdefault(actor.key, actor)
    if len(people) != 2:
        return []
    first, second = people.values()
    if first.country and first.country == second.country:
        return []  # a minister and their own spokesperson: not two sides meeting
    keys = sorted(people)
    return [
        Event(
            id=stable_id("e", doc.article.content_hash[:16], "CONSULT", start, *keys),
            article_id=doc.article.id,
            event_type="CONSULT",
            mode="meeting",
            contexts=[],
            status="occurred",
            actors=[first, second],
            recipients=[],
            initiator=None,
            date=day,
            location=None,
            attribution=None,
            evidence=doc.original(start, end),
            confidence=0.6,
            outlet=doc.article.outlet,
            trace={"rule": "joint appearance named in the title", "background": False},
        )
    ]
