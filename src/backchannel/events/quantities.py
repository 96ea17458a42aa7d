"""Quantities the text gives for an event: killed, injured, troops, money.

"killed four Ukrainian soldiers and wounded two others", "roughly 2,000 troops", "an additional
$725 million in military aid". Numbers come from digits or number words; money keeps its
currency. Each quantity is read from the event's own sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
}  # fmt: skip
SCALE = {
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "m": 1_000_000,
    "bn": 1_000_000_000,
}
KILLED = frozenset({"kill", "die", "dead", "death", "murder", "execute", "massacre"})
INJURED = frozenset({"wound", "injure", "hurt", "injury", "wounded", "injured"})
TROOPS = frozenset({"troop", "soldier", "serviceman", "force", "fighter", "marine", "paratrooper"})
MONEY = re.compile(
    r"(?P<cur>\$|US\$|€|£)\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>million|billion|thousand|bn|m)?\b", re.I
)
CURRENCY = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP"}


def number(tok: Token) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    try:
        return int(float(text)) if tok.like_num and re.fullmatch(r"\d+(\.\d+)?", text) else WORDS.get(text)
    except ValueError:
        return None


def quantities(sentence: Doc) -> dict[str, Any]:
    """killed / injured / troops counts and money, as far as the sentence states them."""
    out: dict[str, Any] = {}
    for tok in sentence:
        n = number(tok)
        if n is None or tok.dep_ not in {"nummod", "dobj", "nsubj", "nsubjpass", "pobj", "appos", "quantmod"}:
            continue
        noun = tok.head if tok.dep_ in {"nummod", "quantmod"} else tok
        scale = next((SCALE[c.lower_] for c in tok.children if c.lower_ in SCALE), 1)
        for key, verbs in (("killed", KILLED), ("injured", INJURED)):
            if _governed_by(noun, verbs):
                out.setdefault(key, n * scale)
        if noun.lemma_.lower() in TROOPS and "killed" not in out:
            out.setdefault("troops", n * scale)
    m = MONEY.search(sentence.text)
    if m:
        amount = float(m["num"].replace(",", "")) * SCALE.get((m["scale"] or "").lower(), 1)
        out["money"] = {
            "amount": int(amount),
            "currency": CURRENCY.get(m["cur"].lower(), m["cur"]),
            "text": m.group().strip(),
        }
    return out


def _governed_by(noun: Token, lemmas: frozenset[str]) -> bool:
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_.lower() in lemmas:
        return True
    if noun.dep_ == "nsubj" and head.lemma_.lower() in {"die", "be"} | lemmas:
        return head.lemma_.lower() != "be" or any(
            c.lower_ in {"dead", "killed", "wounded"} for c in head.children
        )
    return noun.dep_ == "pobj" and head.head.lemma_.lower() in lemmas
