"""Status: did it happen, is it planned, was it tried and failed, refused, only mooted, denied?

No event coder we know of records this; analysts need it most for contacts ("tried to set up
calls" is not a call). The status is read from the words that govern the trigger within its
sentence: modal auxiliaries, negation, and governing verbs such as "try", "plan" or "refuse".
The cue words are data (``data/plover/status.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from spacy.tokens import Token

DATA = Path(__file__).resolve().parent.parent / "data" / "plover" / "status.yaml"
# Links we follow upward from the trigger to the words that govern it.
UPWARD = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "conj", "pcomp", "nsubjpass", "attr", "oprd"}
)


# Prepositions that make a noun the circumstance of the verb above it, not its complement.
CIRCUMSTANCE = frozenset({"during", "in", "over", "after", "following", "at"})
WHEN = frozenset({"when", "while", "as", "once"})


@dataclass(frozen=True, slots=True)
class StatusCues:
    planned: frozenset[str]
    attempted: frozenset[str]
    refused: frozenset[str]
    hypothetical: frozenset[str]
    reporting: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_modals: frozenset[str]
    planned_modifiers: frozenset[str]
    hypothetical_modifiers: frozenset[str]


@cache
def cues() -> StatusCues:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return StatusCues(**{k: frozenset(v) for k, v in d.items()})


# When several words govern a trigger, the strongest claim about what happened wins: "tried to
# arrange calls" is an attempt, not a plan; "refused to try" is a refusal.
PRECEDENCE = ("negated", "refused", "attempted", "planned", "hypothetical")


def status_of(trigger: Token, governor: Token | None = None) -> tuple[str, str]:
    """The status and the word that decided it ("occurred" and "" when nothing did)."""
    c = cues()
    circumstance = trigger.dep_ == "pobj" and trigger.head.lower_ in CIRCUMSTANCE
    chain = _chain(trigger if circumstance else governor or trigger, c)
    if trigger not in chain:
        chain.insert(0, trigger)
    found: dict[str, str] = {}
    for mod in trigger.children:  # "the upcoming talks", "a planned meeting", "possible talks"
        if mod.dep_ == "amod" and trigger.pos_ in {"NOUN", "PROPN"}:
            for status, words in (
                ("planned", c.planned_modifiers),
                ("hypothetical", c.hypothetical_modifiers),
            ):
                if mod.lower_ in words:
                    found.setdefault(status, mod.text)
    for tok in chain:
        if _negated(tok):
            found.setdefault("negated", _neg_word(tok))
        modal = _modal(tok, c)
        if modal:
            found.setdefault(*modal)
        if tok is trigger:
            continue
        lemma = tok.lemma_.lower()
        for status, words in (("attempted", c.attempted), ("refused", c.refused), ("planned", c.planned),
                              ("hypothetical", c.hypothetical)):  # fmt: skip
            if lemma in words:
                found.setdefault(status, tok.text)
    if "negated" in found and found.get("planned", "").lower() in c.future_modals:
        return "refused", f"{found['planned']} {found['negated']}"  # "will not accept": a refusal
    for status in PRECEDENCE:
        if status in found:
            return status, found[status]
    return "occurred", ""


def _chain(tok: Token, c: StatusCues) -> list[Token]:
    """The trigger and the words above it, up to (not including) a reporting verb: "Kirby said
    they would meet" is planned by "would", not by "said"."""
    out = [tok]
    while tok.dep_ in UPWARD and tok.head is not tok:
        if tok.dep_ == "pobj" and tok.head.lower_ in CIRCUMSTANCE:
            break  # "agreed during a phone call": the call is where it was said, and it happened
        if tok.dep_ == "advcl" and any(
            c.dep_ in {"mark", "advmod"} and c.lower_ in WHEN for c in tok.children
        ):
            break  # "agreed ... when they met": a clause of time, told as fact
        tok = tok.head
        if tok.lemma_.lower() in c.reporting:
            break
        out.append(tok)
    return out


def _negated(tok: Token) -> bool:
    if any(ch.dep_ == "neg" for ch in tok.children):
        return True
    return any(ch.dep_ == "det" and ch.lower_ == "no" for ch in tok.children)


def _neg_word(tok: Token) -> str:
    return next((ch.text for ch in tok.children if ch.dep_ in {"neg", "det"}), "not")


def _modal(tok: Token, c: StatusCues) -> tuple[str, str] | None:
    for ch in tok.children:
        if ch.dep_ != "aux":
            continue
        word = ch.lower_
        if word in c.future_modals:
            return "planned", ch.text
        if word in c.hypothetical_modals:
            return "hypothetical", ch.text
    return None
