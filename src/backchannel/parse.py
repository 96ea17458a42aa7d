"""Stage 4, parse: the full spaCy parse, for the sentences that can hold an event and no others.

Most sentences of a news article report no event we code. A sentence is parsed only when it
holds a word form of some trigger (``data/plover/triggers.yaml``) and at least one actor
mention; the rest never reach the tagger or parser. Sentences are parsed in batches across
articles, with the model loaded once per process, and only the components the coder reads run
(``nlp.PARSE_COMPONENTS``), even when the caller passes a pipeline with more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from backchannel.events.triggers import TriggerTable, load_triggers
from backchannel.model import Document

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
BATCH_SIZE = 256


def candidates(doc: Document, table: TriggerTable) -> list[int]:
    """Indices of sentences worth parsing: a trigger word form and something that can name an
    actor: a knowledge-base mention, a pronoun that may refer to one, or a capitalised word past
    the first (a name the knowledge base does not know, found later from the parse)."""
    with_actor = {m.sentence for m in doc.mentions}
    out = []
    for i, s in enumerate(doc.sentences):
        found = _WORD.findall(doc.text[s.start : s.end])
        words = {w.lower() for w in found}
        if not table.may_hold_event(words) and not words & _OBLIGATION:
            continue
        if i in with_actor or words & _PRONOUNS or any(w[:1].isupper() for w in found[1:]):
            out.append(i)
    return out


_OBLIGATION = frozenset({"must", "should"})  # "X said Y must ...": a request with no trigger word
_PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their", "both", "two"})


def parse(docs: Sequence[Document], nlp: object | None = None, table: TriggerTable | None = None) -> None:
    """Parse the candidate sentences of every document in one ``nlp.pipe`` stream."""
    from backchannel import nlp as nlp_module

    model: Any = nlp or nlp_module.load()
    table = table or load_triggers()
    jobs = [(d, i) for d in docs for i in candidates(d, table)]
    texts = (d.text[d.sentences[i].start : d.sentences[i].end] for d, i in jobs)
    unused = [name for name in model.pipe_names if name not in nlp_module.PARSE_COMPONENTS]
    for (d, i), parsed in zip(jobs, model.pipe(texts, batch_size=BATCH_SIZE, disable=unused), strict=True):
        d.parses[i] = parsed
    for d in docs:
        d.done.add("parse")
