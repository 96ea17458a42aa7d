"""Two shortcuts that make the spaCy pipeline faster on one core without changing what it outputs.

1. ``MatmulOps``: thinc's CPU ops with matrix products done by numpy (OpenBLAS) instead of blis.
   On the AMD EPYC (Zen 3) machines we measured, blis runs the tok2vec and parser products at
   about 26 GFLOP/s and OpenBLAS at about 80; the products are the same up to float rounding.
2. ``CompiledRuler``: the rules of spaCy's ``attribute_ruler`` (tag -> POS and morphology, a few
   word exceptions) applied with dictionary lookups. spaCy runs them through its general
   ``Matcher``, which calls a Python predicate per token per set-valued pattern; that was a
   quarter of the parse time once NER was off. The compiled form reads the same patterns from
   the loaded model, matches before it writes (as the Matcher does) and applies rules in the same
   order, so later rules still win. A pattern it cannot compile leaves the stock ruler in place.

``speed_up(nlp)`` applies both; ``backchannel.nlp.load`` calls it. Both were checked token by
token (tag, POS, morphology, lemma, head, dependency) against the stock pipeline on the
benchmark corpus and the gold sets (``tests/test_scale_fastnlp.py`` keeps that check).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy
from thinc.api import NumpyOps

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The token attributes the ruler patterns of the English pipelines test.
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")


class MatmulOps(NumpyOps):
    """NumpyOps whose ``gemm`` is ``numpy.matmul`` (OpenBLAS)."""

    name = "numpy-matmul"

    def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
        a = x.T if trans1 else x
        b = y.T if trans2 else y
        if out is None:
            return numpy.ascontiguousarray(numpy.matmul(a, b))
        numpy.matmul(a, b, out=out)
        return out


def use_matmul(nlp: Language) -> None:
    """Give every layer of every trained component the matmul ops."""
    ops = MatmulOps()
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


class Unsupported(ValueError):
    """A ruler pattern uses something the compiled form does not handle."""


Check = Callable[[list[tuple[int, ...]], int], bool]
Rule = tuple[int, int, Check, Check]  # (rule index, pattern length, test, test of the first token)
MEMO_SIZE = 200_000  # distinct (tag, word, arc, space) rows remembered; cleared when full


class CompiledRuler:
    """spaCy's AttributeRuler semantics, with patterns indexed by the tag or the word their first
    token requires; the few that require neither are tried at every token."""

    def __init__(self, ruler: Any) -> None:
        from spacy.strings import get_string_id

        self._id = get_string_id
        self.strings = ruler.vocab.strings
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        self.by_tag: dict[int, list[Rule]] = {}
        self.by_lower: dict[int, list[Rule]] = {}
        self.anywhere: list[Rule] = []
        self._memo: dict[tuple[int, ...], tuple[list[int], list[Rule]]] = {}
        for rule, patterns in enumerate(_patterns_by_rule(ruler)):
            for pattern in patterns:
                self._add(rule, pattern)

    def _add(self, rule: int, pattern: list[dict[str, Any]]) -> None:
        specs = [self._spec(tok) for tok in pattern]
        entry = (rule, len(pattern), _checker(specs, self.strings), _checker(specs[:1], self.strings))
        for key, index in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
            values = _exact_values(pattern[0].get(key))
            if values:
                for v in values:
                    index.setdefault(self._id(v), []).append(entry)
                return
        self.anywhere.append(entry)

    def _spec(self, tok: dict[str, Any]) -> list[tuple[int, str, Any]]:
        """One pattern token as (attribute column, test, value) triples over hashed values."""
        out: list[tuple[int, str, Any]] = []
        for key, value in tok.items():
            if key not in _ATTRS:
                raise Unsupported(f"attribute {key}")
            col = _ATTRS.index(key)
            if isinstance(value, bool):
                out.append((col, "==", int(value)))
            elif isinstance(value, str):
                out.append((col, "==", self._id(value)))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in {"IN", "NOT_IN"}:
                op, items = next(iter(value.items()))
                out.append((col, op, frozenset(self._id(v) for v in items)))
            elif isinstance(value, dict) and set(value) == {"REGEX"}:
                out.append((col, "REGEX", re.compile(value["REGEX"])))
            else:
                raise Unsupported(f"test {value!r}")
        return out

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
        from spacy.tokens._retokenize import set_token_attrs

        # 1. read every token's attributes once, before any rule writes (the Matcher does the same)
        rows = [tuple(r) for r in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()]
        n = len(rows)
        # 2. collect the matches of every rule that can start at each token
        matches = []
        for i, row in enumerate(rows):
            single, longer = self._at(row)
            matches += [(rule, i, i + 1) for rule in single]
            matches += [(r, i, i + k) for r, k, check, _ in longer if i + k <= n and check(rows, i)]
        # 3. apply them in rule order, so a later rule overwrites an earlier one
        for rule, start, end in sorted(matches):
            index = self.indices[rule]
            set_token_attrs(doc[start + index if index >= 0 else end + index], self.attrs[rule])
        return doc

    def _at(self, row: tuple[int, ...]) -> tuple[list[int], list[Rule]]:
        """The one-token rules that match a token with these attributes, and the longer patterns
        whose first token matches it: both depend on nothing else, so the answer is kept."""
        known = self._memo.get(row)
        if known is None:
            tag, lower = row[0], row[1]
            rules = (*self.by_tag.get(tag, ()), *self.by_lower.get(lower, ()), *self.anywhere)
            fits = [(r, k, check, first) for r, k, check, first in rules if first([row], 0)]
            known = ([r for r, k, _, _ in fits if k == 1], [rule for rule in fits if rule[1] > 1])
            if len(self._memo) > MEMO_SIZE:
                self._memo.clear()
            self._memo[row] = known
        return known


def _exact_values(value: Any) -> list[str]:
    """The values a pattern token's attribute must take, when it names them (``"NN"``, ``IN``)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [str(v) for v in value["IN"]]
    return []


def _patterns_by_rule(ruler: Any) -> list[list[list[dict[str, Any]]]]:
    """Each rule's patterns, in rule order (rule ``i`` is the ruler's match key ``str(i)``)."""
    out = []
    for rule in range(len(ruler.attrs)):
        found = ruler.matcher.get(str(rule))
        if found is None:
            raise Unsupported(f"rule {rule} has no patterns")
        out.append(found[1])
    return out


def _checker(specs: list[list[tuple[int, str, Any]]], strings: Any) -> Check:
    def check(rows: list[tuple[int, ...]], i: int) -> bool:
        for k, spec in enumerate(specs):
            row = rows[i + k]
            for col, op, value in spec:
                v = row[col]
                if (op == "==" and v != value) or (op == "IN" and v not in value):
                    return False
                if (op == "NOT_IN" and v in value) or (op == "REGEX" and not value.search(strings[v])):
                    return False
        return True

    return check


def compile_ruler(nlp: Language) -> bool:
    """Put the compiled form in place of the pipeline's ``attribute_ruler``, under the same name;
    False when the ruler is absent or has a pattern the compiled form does not handle."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    try:
        CompiledRuler(nlp.get_pipe("attribute_ruler"))
    except Unsupported:
        return False
    _register()
    nlp.add_pipe(COMPILED, before="attribute_ruler")  # the factory reads the stock ruler's rules
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe(COMPILED, "attribute_ruler")
    return True


COMPILED = "backchannel_compiled_ruler"


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(COMPILED):
        Language.factory(COMPILED, func=_make_compiled)


def _make_compiled(nlp: Language, name: str) -> CompiledRuler:
    return CompiledRuler(nlp.get_pipe("attribute_ruler"))


def speed_up(nlp: Language) -> Language:
    """Both shortcuts, in place; returns ``nlp``."""
    use_matmul(nlp)
    compile_ruler(nlp)
    return nlp
