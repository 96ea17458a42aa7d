"""The trigger table, loaded from ``data/plover/triggers.yaml``, and the word forms it implies.

The pre-filter needs surface forms ("spoke", "talks", "met"), the coder needs lemmas; both come
from the same file. Irregular forms live in ``data/plover/irregular.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "plover"
# Verbs that make a disclosure term ("agreed to keep the details private"); see events/channel.py.
DISCLOSURE_FORMS = frozenset(
    {"agree", "agrees", "agreed", "agreeing", "decline", "declines", "declined", "declining", "refuse",
     "refuses", "refused", "refusing", "promise", "promised", "promises", "pledge", "pledged", "pledges"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    lemma: str  # "blow up": a verb with its particle
    pos: str  # "VERB" or "NOUN"
    mode: str | None = None
    other: tuple[str, ...] = ()
    reverse: bool = False
    needs_other: bool = False
    objects: frozenset[str] = frozenset()  # the reading holds only with one of these objects
    subject_sectors: frozenset[str] = frozenset()  # ... or only for subjects of these sectors
    complement: bool = False  # ... or also when the word governs a verb ("refused to allow")
    agent: tuple[str, ...] = ()  # prepositions whose object acts ("a build-up of Russian forces")
    intransitive: bool = (
        False  # ... only without a direct object ("demonstrated", not "demonstrated courage")
    )

    def fits(self, token: Token) -> bool:
        """Whether this reading fits the token in its sentence: the object it requires is there."""
        if self.intransitive and any(c.dep_ in {"dobj", "ccomp"} for c in token.children):
            return False
        if self.complement and any(c.dep_ == "xcomp" for c in token.children):
            return True
        if not self.objects:
            return True
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
        objects += [p for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        if self.pos == "NOUN" and token.dep_ in {"dobj", "pobj", "nsubjpass"}:
            objects.append(token.head)
        words = {o.lemma_.lower() for o in objects} | {
            f"{c.lemma_.lower()} {o.lemma_.lower()}"
            for o in objects
            for c in o.children
            if c.dep_ in {"compound", "amod"}
        }
        if "propn" in self.objects and any(o.pos_ == "PROPN" and o.dep_ == "dobj" for o in objects):
            return True  # "welcomed Olaf Scholz": a person welcomed
        return bool(words & self.objects)


@dataclass(slots=True)
class TypeSpec:
    name: str
    reciprocal: bool = False
    light: frozenset[str] = frozenset()
    mode_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(slots=True)
class TriggerTable:
    version: int
    types: dict[str, TypeSpec]
    verbs: dict[str, list[Trigger]]
    nouns: dict[str, list[Trigger]]
    forms: frozenset[str]  # lower-case surface forms of trigger words that need no particular object
    needs: dict[str, frozenset[str]] = field(default_factory=dict)  # other forms -> forms of their objects

    def may_be_trigger(self, token: Token) -> bool:
        """Whether a token can be a trigger at all (or govern a disclosure term): its form is one we
        generate, or its lemma is one we know ("sworn" is not generated, but its lemma is "swear")."""
        word = token.lower_
        if word in self.forms or word in self.needs or word in DISCLOSURE_FORMS:
            return True
        lemma = token.lemma_.lower()
        return lemma in self.verbs or lemma in self.nouns

    def may_hold_event(self, words: set[str]) -> bool:
        """Whether a sentence with these lower-case words can hold a trigger: a free trigger form,
        or a constrained one together with a form of one of its objects ("set ... fire")."""
        if words & self.forms:
            return True
        return any(form in words and words & objects for form, objects in self.needs.items())

    def for_token(self, lemma: str, pos: str) -> list[Trigger]:
        table = self.verbs if pos == "VERB" else self.nouns if pos in {"NOUN", "PROPN"} else {}
        return table.get(lemma.lower(), [])

    def lemma_of(self, token: Token, pos: str) -> str:
        """The token's lemma, corrected from its surface form when the lemmatizer misses a word we
        know ("staged" comes back as "stag"): -ed, -d, -ing, -s, -es and doubled consonants."""
        lemma = token.lemma_.lower()
        table = self.verbs if pos == "VERB" else self.nouns
        if lemma in table or not token.is_alpha:
            return lemma
        word = token.lower_
        guesses = [
            word[:-1],
            word[:-2],
            word[:-3],
            word[:-3] + "e",
            word[:-2] + "e",
            word[:-3] + "y",
            word[:-4],
        ]
        return next((g for g in guesses if len(g) > 2 and g in table and self._inflects(g, word)), lemma)

    @staticmethod
    def _inflects(base: str, word: str) -> bool:
        return word in verb_forms(base, _irregular()) | noun_forms(base)

    def readings(self, token: Token) -> list[Trigger]:
        """The readings of a token, phrasal verbs first ("blow up" before "blow"), each kept only
        where its object constraint fits."""
        pos = "VERB" if token.pos_ in {"VERB", "AUX"} else token.pos_
        found: list[Trigger] = []
        lemma = self.lemma_of(token, pos)
        doc = token.doc
        if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
            table = self.verbs if pos == "VERB" else self.nouns  # "test-fired": "test-fire" first
            found += table.get(f"{doc[token.i - 2].lower_}-{lemma}", [])
        if pos == "VERB":
            for prt in (c for c in token.children if c.dep_ == "prt"):
                found += self.verbs.get(f"{lemma} {prt.lower_}", [])
        elif pos in {"NOUN", "PROPN"}:  # "hunger strike", "martial law", "air strike"
            for mod in (c for c in token.children if c.dep_ in {"compound", "amod"}):
                found += self.nouns.get(f"{mod.lower_} {lemma}", [])
        found += self.for_token(lemma, pos)
        return [t for t in found if t.fits(token)]


@cache
def load_triggers(path: Path | None = None) -> TriggerTable:
    data = yaml.safe_load((path or DATA / "triggers.yaml").read_text(encoding="utf-8"))
    irregular = _irregular()
    types: dict[str, TypeSpec] = {}
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    for name, spec in data["types"].items():
        types[name] = _type_spec(name, spec)
        for entry in spec.get("verbs") or []:
            t = _trigger(name, "VERB", entry)
            verbs.setdefault(t.lemma, []).append(t)
        for entry in spec.get("nouns") or []:
            t = _trigger(name, "NOUN", entry)
            nouns.setdefault(t.lemma, []).append(t)
    free, needs = _prefilter_forms(verbs, nouns, types, irregular)
    return TriggerTable(int(data.get("version", 1)), types, verbs, nouns, free, needs)


def _prefilter_forms(
    verbs: dict[str, list[Trigger]],
    nouns: dict[str, list[Trigger]],
    types: dict[str, TypeSpec],
    irregular: dict[str, tuple[str, ...]],
) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Word forms for the parse pre-filter. A word with a reading that needs no particular object
    (or that may stand as a noun under a light verb) is free; a word whose every reading needs
    one of some objects counts only beside a form of one of them."""
    free: set[str] = set()
    needs: dict[str, set[str]] = {}
    for table, inflect in ((verbs, lambda w: verb_forms(w, irregular)), (nouns, noun_forms)):
        for lemma, readings in table.items():
            forms = inflect(lemma)
            if any(
                not t.objects or t.complement or t.pos == "NOUN" or "propn" in t.objects for t in readings
            ):
                free.update(forms)
                continue
            objects = {
                f for t in readings for o in t.objects for f in noun_forms(o) | verb_forms(o, irregular)
            }
            for f in forms:
                needs.setdefault(f, set()).update(objects)
    needs = {f: objs for f, objs in needs.items() if f not in free}
    return frozenset(free), {f: frozenset(o) for f, o in needs.items()}


def _type_spec(name: str, spec: dict[str, Any]) -> TypeSpec:
    cues = {mode: tuple(words) for mode, words in (spec.get("mode_cues") or {}).items()}
    return TypeSpec(name, bool(spec.get("reciprocal")), frozenset(spec.get("light") or ()), cues)


def _word(value: Any) -> str:
    """A word of the triggers file. YAML reads a bare ``on`` or ``off`` as a boolean: it is the
    preposition ("sanctions on Russia", "call on"), so it is turned back into the word."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value).lower()


def _trigger(event_type: str, pos: str, e: dict[str, Any]) -> Trigger:
    return Trigger(
        event_type=event_type,
        lemma=str(e["lemma"]).lower(),
        pos=pos,
        mode=e.get("mode"),
        other=tuple(_word(o) for o in e.get("other") or ()),
        reverse=bool(e.get("reverse")),
        needs_other=e.get("needs") == "other",
        objects=frozenset(_word(o) for o in e.get("objects") or ()),
        subject_sectors=frozenset(e.get("subject_sectors") or ()),
        complement=bool(e.get("complement")),
        intransitive=bool(e.get("intransitive")),
        agent=tuple(e.get("agent") or ()),
    )


@cache
def _irregular() -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load((DATA / "irregular.yaml").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.items()}


def verb_forms(lemma: str, irregular: dict[str, tuple[str, ...]]) -> set[str]:
    """Base, -s, -ed, -ing forms (with the usual spelling changes) plus irregular forms; a
    phrasal verb contributes its first word's forms. Over-generating is harmless here."""
    head = lemma.split()[0]
    forms = {head, head + "s", head + "es", head + "ed", head + "d", head + "ing"}
    if head.endswith("e"):
        forms |= {head[:-1] + "ing", head + "d"}
    if head.endswith("y"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied"}
    if len(head) > 2 and head[-1] not in "aeiouwxy" and head[-2] in "aeiou" and head[-3] not in "aeiou":
        forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
    forms.update(irregular.get(head, ()))
    return forms


def noun_forms(lemma: str) -> set[str]:
    head = lemma.split()[-1]
    forms = {head, head + "s", head + "es"}
    if head.endswith("y"):
        forms.add(head[:-1] + "ies")
    return forms
