"""Channel facts on contacts: who asked for the call, how long it lasted, what the parties agreed
to say about it, and which readouts reported it.

These sentences are about a contact rather than contacts themselves ("During the call, initiated
by Russia's Ministry of Defense, ...", "Both have agreed to keep the specific details of their
conversation private", "The Russian Defense Ministry, in a separate statement, said ..."). Each
fact is attached to the contact it is about: a contact in the same sentence, else the nearest
contact coded before it in the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backchannel.model import Actor, Document, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "agreed to keep the details private", "agreed not to proactively announce", "declined to detail"
WITHHOLD = frozenset(
    {"keep", "announce", "disclose", "reveal", "publicize", "publicise", "detail", "comment", "release"}
)
DISCLOSE_GOVERNORS = frozenset({"agree", "decline", "refuse", "promise", "pledge"})
READOUT_NOUNS = frozenset({"statement", "readout", "release", "communique", "communiqué", "transcript"})
INITIATE = frozenset({"initiate", "request", "propose", "arrange", "seek"})


@dataclass
class Fact:
    sentence: int
    kind: str  # "disclosure", "initiator", "readout", "duration"
    text: str
    actor: Actor | None = None


def disclosure_clause(trigger: Token) -> Token | None:
    """The complement that makes an "agree"/"decline" a disclosure term, if it is one."""
    if trigger.lemma_.lower() not in DISCLOSE_GOVERNORS:
        return None
    return next((c for c in trigger.children if c.dep_ == "xcomp" and c.lemma_.lower() in WITHHOLD), None)


def facts_in(sentence: Doc, i: int) -> list[Fact]:
    """Initiator phrases and readouts stated in a sentence (disclosures are found by the coder)."""
    out: list[Fact] = []
    for tok in sentence:
        low = tok.lemma_.lower()
        if low in INITIATE and tok.tag_ == "VBN":  # "initiated by Russia's Ministry of Defense"
            agent = [p for a in tok.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            if agent:
                out.append(Fact(i, "initiator", _phrase(agent[0])))
        if tok.lower_ == "request" and tok.head.lower_ in {"at", "upon"}:  # "at Gerasimov's request"
            owner = [c for c in tok.children if c.dep_ == "poss"]
            out += [Fact(i, "initiator", _phrase(owner[0]))] if owner else []
        if low in READOUT_NOUNS and tok.pos_ == "NOUN":
            out.append(Fact(i, "readout", _noun_phrase(tok)))
    return out


def _noun_phrase(tok: Token) -> str:
    """The noun with its determiners and modifiers, without clauses: "a separate statement"."""
    left = [c for c in tok.lefts if c.dep_ in {"det", "amod", "compound", "poss", "nmod", "case"}]
    start = min([tok, *(t for c in left for t in c.subtree)], key=lambda t: t.i)
    return tok.doc.text[start.idx : tok.idx + len(tok.text)]


def _phrase(tok: Token) -> str:
    left, right = tok.left_edge, tok.right_edge
    return tok.doc.text[left.idx : right.idx + len(right.text)]


def attach(doc: Document, facts: list[Fact], events: list[Event], sentence_of: dict[str, int]) -> None:
    """Give each fact to the contact it is about: same sentence first, else the nearest earlier."""
    contacts = [e for e in events if e.event_type == "CONSULT" and e.status in {"occurred", "attempted"}]
    for fact in facts:
        target = _nearest(contacts, sentence_of, fact.sentence)
        if target is None:
            continue
        if fact.kind == "disclosure":
            target.disclosure = target.disclosure or fact.text
        elif fact.kind == "initiator" and target.initiator is None:
            target.initiator = fact.actor or Actor(None, fact.text)
        elif fact.kind == "readout" and fact.text not in target.readouts:
            target.readouts.append(fact.text)
        elif fact.kind == "duration":
            target.duration = target.duration or fact.text


REACH = 6  # sentences: a fact is about a contact told shortly before it


def _nearest(contacts: list[Event], sentence_of: dict[str, int], i: int) -> Event | None:
    """The contact a fact of sentence ``i`` is about: one in the same sentence, else the last one
    told within a few sentences before; news contacts before background ones."""
    same = [e for e in contacts if sentence_of.get(e.id) == i]
    near = [e for e in contacts if i - REACH <= sentence_of.get(e.id, -(10**9)) < i]
    for pool in (same, [e for e in near if not e.trace.get("background")], near):
        if pool:
            return max(pool, key=lambda e: sentence_of[e.id]) if pool is not same else pool[0]
    return None
