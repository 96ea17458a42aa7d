"""Argument frames: who acts and who is acted on, read off the dependency parse of a trigger.

A *frame* holds the heads of the subject phrases, the heads of the other party's phrases and
the clause the trigger stands in (its own subtree minus the clauses embedded in it, which carry
their own events and dates). It is built for a verb ("Milley spoke with Gerasimov"), a noun with
a light verb ("held talks with"), or a noun on its own ("his call with his Chinese counterpart").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from backchannel.dates import vocabulary
from backchannel.events.triggers import Trigger, TypeSpec

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj"})
CLAUSAL = frozenset({"relcl", "ccomp", "advcl", "acl", "parataxis", "csubj", "pcomp"})
RELATIVE = frozenset({"who", "that", "which", "whom"})
# Nouns that only exist in the plural: "talks" is one event, "calls" are several.
REPORTING = frozenset(
    {"say", "tell", "add", "report", "announce", "confirm", "state", "claim", "note", "write"}
)
# Objects of a preposition that are times or circumstances, never a party ("on Thursday").
TIME_WORDS = frozenset(
    {*vocabulary.WEEKDAYS, *vocabulary.MONTHS, "today", "yesterday", "tomorrow", "weekend", "morning",
     "evening", "night", "day", "week", "month", "year", "occasion", "sidelines", "behalf", "basis",
     "condition"}
)  # fmt: skip
# Adverbs that make a contact verb a count of contacts, not one.
REPEATED = frozenset({"twice", "thrice", "repeatedly"})
# Prepositions of manner, time and place whose object the parser may hang the other party on.
CARRIER_PREPS = frozenset({"by", "on", "in", "at", "over", "via", "through", "from"})
PLURALIA = frozenset({"talks", "negotiations", "consultations", "discussions", "hostilities"})


@dataclass
class Frame:
    trigger: Token
    spec: Trigger
    subjects: list[Token] = field(default_factory=list)
    others: list[Token] = field(default_factory=list)
    governor: Token | None = None  # the verb the event hangs on (the trigger itself for verbs)
    reciprocal: bool = False  # "each other", "between X and Y": all parties act
    clause: tuple[int, int] = (0, 0)  # first and last character of the clause within the sentence
    clause_chars: list[tuple[int, int]] = field(default_factory=list)  # the clause's own tokens
    passive: bool = False
    gapped: list[tuple[Token, list[Token]]] = field(default_factory=list)  # "and Milley with Gerasimov"
    why: list[str] = field(default_factory=list)


def build(trigger: Token, spec: Trigger, type_spec: TypeSpec) -> Frame | None:
    """The frame of ``trigger`` read as ``spec``; None when the word is not used as an event here
    (a topic nested in another noun phrase, a generic plural, an anaphor with no arguments)."""
    frame = _verb_frame(trigger, spec) if spec.pos == "VERB" else _noun_frame(trigger, spec, type_spec)
    if frame is None:
        return None
    root = frame.governor or trigger
    frame.clause_chars = clause_tokens(root, trigger)
    frame.clause = (frame.clause_chars[0][0], frame.clause_chars[-1][1])
    return frame


def _aggregate(verb: Token) -> bool:
    """ "had spoken four times", "spoke twice", "have met repeatedly": several contacts in one, which
    gold never codes as one event."""
    near = [
        *verb.children,
        *(g for c in verb.children if c.dep_ in {"advmod", "npadvmod"} for g in c.children),
    ]
    for c in near:
        if c.lower_ in REPEATED:
            return True
        before = c.doc[c.i - 1] if c.i else None
        counted = before is not None and (
            before.like_num or before.lower_ in {"several", "many", "multiple", "few"}
        )
        if c.lower_ == "times" and counted:
            return True
    return False


def _verb_frame(verb: Token, spec: Trigger) -> Frame | None:
    if (
        verb.lemma_.lower() == "call"
        and any(c.dep_ in {"oprd", "attr"} for c in verb.children)
        and not _split_name(verb)
    ):
        return None  # "Putin called the weapon the Oreshnik": naming, neither a call nor a request
    if spec.event_type == "CONSULT" and _aggregate(verb):
        return None
    f = Frame(verb, spec, governor=verb)
    f.subjects, f.passive = subject_heads(verb)
    if f.passive:
        f.others = [c for c in verb.children if c.dep_ == "nsubjpass"]
    f.others += _others(verb, spec.other)
    if spec.event_type in {"ACCUSE", "SUPPORT", "REJECT"}:  # "condemned Russia's attacks": Russia is judged
        f.others = [p for o in f.others for p in ([c for c in o.children if c.dep_ == "poss"] or [o])]
    if any(_is_each_other(t) for t in f.others):
        f.others = [t for t in f.others if not _is_each_other(t)]
        f.reciprocal = True
    if spec.reverse:
        f.subjects, f.others = f.others, f.subjects
    _split_gapped(f)
    f.why.append(f"verb {verb.text!r} ({spec.event_type})")
    return f


def _split_name(verb: Token) -> bool:
    """ "called UK Secretary of State for Defence Ben Wallace": one long name the parser split into
    an object and a complement, not a naming ("called the weapon the Oreshnik")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    comps = [c for c in verb.children if c.dep_ in {"oprd", "attr"}]
    if not objs:  # naming needs something named: "called UK Secretary of State ... Ben Wallace"
        return bool(comps) and comps[0].pos_ == "PROPN"
    return bool(
        comps
        and comps[0].pos_ == "PROPN"
        and comps[0].left_edge.i == objs[0].right_edge.i + 1
        and objs[0].text[:1].isupper()
    )


def _split_gapped(f: Frame) -> None:
    """ "Blinken spoke with Kuleba and Milley with Gerasimov": a clause with its verb left out pairs
    its own two parties. The parse puts the second "with" either on the last conjunct ("Milley")
    or on the verb itself, after a first "with" whose object has conjuncts."""
    for tok in list(f.others):
        if tok.dep_ != "conj" or any(tok.i == s.i for s, _ in f.gapped):
            continue
        again = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in f.spec.other]
        partners = [o for p in again for o in p.children if o.dep_ == "pobj"]
        if partners:
            _move_to_gapped(f, tok, _with_conjuncts(partners))
    preps = [c for c in f.trigger.children if c.dep_ == "prep" and c.lower_ in f.spec.other]
    for before, after in pairwise(preps):
        earlier = _pobjs_of(before)
        if len(earlier) > 1 and before.lower_ == after.lower_:
            _move_to_gapped(f, earlier[-1], _pobjs_of(after))


def _pobjs_of(prep: Token) -> list[Token]:
    return _with_conjuncts([p for p in prep.children if p.dep_ == "pobj"])


def _move_to_gapped(f: Frame, subject: Token, partners: list[Token]) -> None:
    moved = {
        subject.i,
        *(p.i for p in partners),
    }  # spaCy makes a new Token object per access: compare indices
    f.others = [o for o in f.others if o.i not in moved]
    f.gapped.append((subject, partners))


def _noun_frame(noun: Token, spec: Trigger, type_spec: TypeSpec) -> Frame | None:
    if noun.dep_ in {"compound", "nmod", "amod"}:
        return None  # "call logs", "meeting room": a modifier, not an event
    # "is an attack on the principles", "denounced it as an attack": a verdict, not an event; but
    # "It was the first call between ..." and "an attack by X" name an event that happened
    verdict = noun.dep_ in {"attr", "acomp"} or (noun.dep_ == "pobj" and noun.head.lower_ == "as")
    named = noun.dep_ == "attr" and any(
        c.dep_ in SUBJECTS and c.lower_ in {"it", "this", "that"} for c in noun.head.children
    )
    if verdict and not named and not _pobjs(noun, spec.agent):
        return None
    site = _site(noun)  # "held three hours of talks": "hours" stands where the talks do
    light = _light_verb(site, type_spec)
    if light is None and site.dep_ == "dobj" and site.head.lemma_.lower() in TOPIC_VERBS:
        return None  # "discussed their cooperation", "reviewed the aid": a topic of talk
    plural = noun.tag_ in {"NNS", "NNPS"} and noun.lower_ not in PLURALIA and not _counted(noun)
    f = Frame(noun, spec)
    if light is not None:
        f.governor = light
        f.subjects, f.passive = subject_heads(light)
        f.others = _others(light, spec.other)
        f.why.append(f"noun {noun.text!r} with light verb {light.text!r}")
    elif _nested(site):
        return None  # "a report about his call": the call is the report's topic
    elif site.dep_ == "pobj" and site.head.lower_ in {"at", "upon"}:
        return None  # "at the White House's request": a circumstance of another event
    else:
        f.governor = _governing_verb(site)
        f.why.append(f"noun {noun.text!r} ({spec.event_type})")
    f.subjects += [c for c in noun.children if c.dep_ == "poss"]
    verb = site.head.head
    # "Following talks with X, Y said": a participle that works as a preposition
    prep_like = site.dep_ == "dobj" and site.head.dep_ == "prep" and site.head.lower_ in CHANNEL_PREPS
    channel = (site.dep_ == "pobj" or prep_like) and site.head.lower_ in CHANNEL_PREPS
    channel = channel and spec.event_type == "CONSULT"
    if (
        not f.subjects
        and light is None
        and (site.dep_ == "pobj" or prep_like)
        and verb.pos_ in {"VERB", "AUX"}
        and verb.lemma_.lower() not in VERDICT_VERBS  # "blamed Pakistan for the attack": not India's attack
        and (spec.event_type in INHERITED or site.head.lower_ in {"in", "on", "during", "with"})
        and (verb.lemma_.lower() not in REPORTING or channel)
        and not _pobjs(noun, ("between",))
    ):
        f.subjects += subject_heads(verb)[0]  # "arrived in Amman on a visit"
        if channel and verb.lemma_.lower() in ADDRESSING:  # "told Trump in phone conversations"
            f.others += [c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.pos_ == "PROPN"]
            f.why.append(f"contact {noun.text!r} is the channel of {verb.text!r}")
    if not f.subjects:  # "Palestinian riots", "the Russian invasion": the adjective names the side
        f.subjects += [c for c in noun.children if c.dep_ in {"amod", "compound"} and c.text[:1].isupper()]
    f.subjects += _pobjs(noun, spec.agent)  # "a build-up of Russian forces": the forces act
    f.subjects += [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    between = _pobjs(noun, ("between",))
    if between:
        f.subjects += between
        f.reciprocal = True
    f.others += _others(noun, tuple(p for p in spec.other if p not in {"dobj", "between"}))
    if not f.subjects and not f.others and _anaphoric(noun):
        return None  # "the call" / "this meeting" refers back to an event coded already
    if plural and spec.event_type == "CONSULT" and light is None and not _distributive(f, between):
        return None  # "calls between Milley and Gerasimov" over two years: habitual, not one contact
    return f


# Verbs whose object is a topic of talk, not an event that happened: "discussed cooperation".
TOPIC_VERBS = frozenset(
    {"discuss", "review", "address", "emphasize", "emphasise", "stress", "underscore", "highlight",
     "reaffirm", "note", "mention", "explore", "debate", "consider", "assess", "examine"}
)  # fmt: skip
# Verbs whose prepositional object is what they judge, not what their subject did.
VERDICT_VERBS = frozenset(
    {"blame", "accuse", "condemn", "criticize", "criticise", "denounce", "praise", "thank", "commend",
     "punish", "sanction", "investigate", "charge", "arrest", "detain", "warn", "apologize", "apologise",
     "compensate", "retaliate", "hold", "fault", "congratulate", "respond", "react"}
)  # fmt: skip
# Types whose noun, in a phrase of a verb, is done by the verb's subject whatever the preposition
# ("arrived for talks"); others only through "in", "on", "during", "with" ("joined in the attack"),
# never "defended Israel against an attack" or "warned of an attack".
INHERITED = frozenset({"CONSULT", "AID", "COOPERATE", "AGREE"})
# Prepositions through which a contact is the channel of what a verb reports: "told X in a call".
CHANNEL_PREPS = frozenset({"in", "during", "over", "on", "after", "following"})
# Prepositions of what came before the main verb's act: "after meeting Y, X said".
AFTERWARDS = frozenset({"after", "following", "before", "since", "upon"})
# Verbs whose object is the person addressed ("told Trump", "assured Zelensky"), not a topic.
ADDRESSING = frozenset(
    {"tell", "inform", "assure", "reassure", "urge", "warn", "ask", "brief", "thank", "press", "congratulate"}
)
# Nouns that only measure or count the contact they govern: "three hours of talks", "a round of talks".
MEASURES = frozenset({"hour", "day", "round", "session", "week", "minute"})
CLAIMED = frozenset({"responsibility", "credit"})


def _site(noun: Token) -> Token:
    """The token that stands in the clause for ``noun``: the noun itself, or the measure that
    governs it ("a first day of meetings", "three hours of talks", "a new round of talks")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in MEASURES:
        return head.head
    if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in CLAIMED:
        return head.head  # "claimed responsibility for the attack": whoever claims it acted
    return noun


def _distributive(f: Frame, between: list[Token]) -> bool:
    """A plural contact noun names one contact per party when several parties take part on one
    side ("meetings with Modi and Doval", "Sheinbaum and Trudeau told Trump in phone
    conversations"); "calls between X and Y" stays habitual."""
    own = [s for s in f.subjects if not any(s.i == b.i for b in between)]
    return len(f.others) >= 2 or len(own) >= 2


def subject_heads(verb: Token, inherited: bool = False) -> tuple[list[Token], bool]:
    """Heads of the subject phrase; for a passive, the agent ("was called by X"). Subjects are
    inherited through xcomp/conj chains ("tried to call", "is expected to call", "was unable to
    speak", "met and discussed") and relative clauses ("Milley, who spoke with ...")."""
    for c in verb.children:
        if c.dep_ in SUBJECTS:
            if c.lower_ in RELATIVE and verb.dep_ == "relcl":
                return [verb.head], False
            return _with_conjuncts([c]), False
        if c.dep_ == "nsubjpass":
            agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            if inherited and not agents:
                return [c], False  # raising: "X is expected to call" -- X will call
            return agents, True
    if verb.dep_ == "relcl":
        return [verb.head], False
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.head is not head:
        head = head.head  # "was unable to speak": the subject is the subject of "was"
    if verb.dep_ in {"xcomp", "conj", "advcl", "ccomp"} and head.pos_ in {"VERB", "AUX"} and head is not verb:
        if verb.dep_ == "ccomp" and head.lemma_ in {"say", "tell", "add", "report"}:
            return [], False  # the speaker is not the subject of what they report
        return subject_heads(head, inherited=True)
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head], False
    if verb.dep_ == "pcomp" and verb.head.lower_ in AFTERWARDS and verb.head.head.pos_ in {"VERB", "AUX"}:
        return subject_heads(verb.head.head, inherited=True)  # "X told reporters after meeting Y"
    return [], False


def _others(head: Token, slots: Iterable[str]) -> list[Token]:
    slots = tuple(slots)
    out: list[Token] = []
    if "dobj" in slots:
        out += [c for c in head.children if c.dep_ in {"dobj", "dative"}]
    if "ccomp" in slots:  # "claims that Ukraine could use ...": the clause's subject is accused
        for clause in (c for c in head.children if c.dep_ in {"ccomp", "acl"}):
            out += [s for s in clause.children if s.dep_ in SUBJECTS]
    preps = tuple(s for s in slots if s not in {"dobj", "poss", "ccomp"})
    out += _pobjs(head, preps)
    # The phrase often hangs one level down: "spoke by phone with X", "met Wednesday with X";
    # never through a phrase of its own ("as a follow-up to the call between ...").
    for c in head.children:
        if c.dep_ in {"npadvmod", "advmod", "dobj"}:
            out += _pobjs(c, preps)
        elif c.dep_ == "prep" and c.lower_ not in preps and c.lower_ in CARRIER_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    out += _pobjs(p, preps)
    return _with_conjuncts(out)  # also drops a head found twice ("with X and with Y")


def _pobjs(head: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the wanted prepositions, through coordination: "with Shoigu and with Gerasimov"."""
    wanted = set(preps)
    out = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in wanted:
            for prep in [c, *(x for x in c.conjuncts if x.lower_ in wanted)]:
                out += [p for p in prep.children if p.dep_ == "pobj" and p.lower_ not in TIME_WORDS]
    return _with_conjuncts(out)  # "on Thursday" is a date, never a party


def _with_conjuncts(heads: list[Token]) -> list[Token]:
    """Each head and its conjuncts, once each (by position: spaCy makes a new Token per access)."""
    out: list[Token] = []
    seen: set[int] = set()
    for h in heads:
        for t in [h, *h.conjuncts]:
            if t.i not in seen:
                seen.add(t.i)
                out.append(t)
    return out


def _is_each_other(tok: Token) -> bool:
    return tok.lower_ == "other" and any(c.lower_ == "each" for c in tok.children)


def _counted(noun: Token) -> bool:
    return any(c.dep_ == "nummod" for c in noun.children)


AMOUNTS = frozenset(
    {"$", "dollar", "dollars", "euro", "euros", "million", "billion", "worth", "package", "tons", "tonnes"}
)


def _light_verb(noun: Token, type_spec: TypeSpec) -> Token | None:
    """The verb through which a subject performs the noun: "held talks", "imposed sanctions", and
    through an amount, "announced $725 million in military aid"."""
    head = noun.head
    if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_ in type_spec.light:
        return head
    if noun.dep_ == "pobj" and head.lower_ in {"in", "of", "worth"}:
        amount = head.head
        if (amount.like_num or amount.lower_ in AMOUNTS) and amount.dep_ in {"dobj", "nsubjpass"}:
            return amount.head if amount.head.lemma_ in type_spec.light else None
    return None


def _nested(noun: Token) -> bool:
    """True when the noun is the object of a preposition that modifies another noun."""
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {"NOUN", "PROPN"}


def _anaphoric(noun: Token) -> bool:
    return any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} for c in noun.children
    )


def _governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(6):
        if t.pos_ in {"VERB", "AUX"}:
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def clause_tokens(root: Token, trigger: Token) -> list[tuple[int, int]]:
    """Character spans of the tokens of the clause headed by ``root``: its subtree without the
    clauses embedded in it at any depth (relative, adverbial and complement clauses, coordinated
    verbs) unless they hold the trigger. Their dates belong to their own events. One walk down
    from the root, skipping each foreign clause whole."""
    kept: list[Token] = []
    stack = [root]
    while stack:
        tok = stack.pop()
        if not tok.is_punct:
            kept.append(tok)
        for c in tok.children:
            embedded = c.dep_ in CLAUSAL or (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})
            if not embedded or c.left_edge.i <= trigger.i <= c.right_edge.i:
                stack.append(c)
    kept.sort(key=lambda t: t.i)
    return [(t.idx, t.idx + len(t.text)) for t in kept] or [(trigger.idx, trigger.idx + len(trigger.text))]


def in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def background(trigger: Token) -> bool:
    """True when the trigger sits in a relative or participial clause: background, not news."""
    t = trigger
    while t.head.i != t.i:
        if t.dep_ in {"relcl", "acl"}:
            return True
        t = t.head
    return False
