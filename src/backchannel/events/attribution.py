"""Attribution: who says an event happened, as the text gives it.

"Kirby said", "X told reporters", "according to Milley's office", "in a statement": the
reporting verb that governs the trigger gives the source (its subject); "according to" gives it
anywhere in the sentence. The source is resolved through the same mentions as the actors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from backchannel.events.status import cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class Said:
    """Where the source is: the head of its phrase (None when unnamed) and the words to quote."""

    source: Token | None
    text: str
    start: int  # character offsets within the sentence
    end: int


def attribution(trigger: Token, sentence: Doc) -> Said | None:
    return _reporting_verb(trigger) or _according_to(sentence) or _reporting_anywhere(trigger, sentence)


def _reporting_verb(trigger: Token) -> Said | None:
    """The verb of saying whose complement holds the trigger: "Kirby said [Milley spoke ...]"; of
    nested ones, the outermost. A verb reached only through coordination ("We told them no, and
    Milley spoke anyway") is not one."""
    found: Said | None = None
    tok = trigger
    for _ in range(10):  # the outermost speaker is the one the article quotes ("Kirby said ...")
        if tok.head.i == tok.i:
            break
        link, tok = tok.dep_, tok.head
        if link in {"ccomp", "parataxis", "xcomp"} and tok.lemma_.lower() in cues().reporting:
            found = _said(tok) or found
    return found


def _reporting_anywhere(trigger: Token, sentence: Doc) -> Said | None:
    """A reporting verb that is the root of the sentence while the trigger hangs elsewhere
    (parses of quotations often attach the quote loosely): "... by phone, Kirby said"."""
    root = next((t for t in sentence if t.dep_ == "ROOT"), None)
    if root is not None and root is not trigger and root.lemma_.lower() in cues().reporting:
        return _said(root)
    return None


def _said(verb: Token) -> Said | None:
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.lower_ in {"it", "that", "this"}:
        return None
    tokens = [*subj.subtree, verb]
    tokens += [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in {"reporters", "journalists"}]
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Said(subj, verb.doc.text[start:end], start, end)


def _according_to(sentence: Doc) -> Said | None:
    for tok in sentence:
        if tok.lower_ == "according" and tok.i + 1 < len(sentence) and sentence[tok.i + 1].lower_ == "to":
            to = sentence[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            end = obj.right_edge.idx + len(obj.right_edge.text)
            return Said(obj, sentence.text[tok.idx : end], tok.idx, end)
    return None
