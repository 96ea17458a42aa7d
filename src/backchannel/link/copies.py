"""Copies of one story: wire reprints (verbatim) and rewrites (paraphrased), so that a wire story
and its reprints count as one source.

1. Verbatim copies share most word 5-grams: MinHash signatures (datasketch) and an LSH index
   find pairs whose estimated Jaccard similarity is at least ``VERBATIM``. Page furniture,
   bylines and a changed headline move the figure little.
2. Paraphrased copies (a content farm swapping words for synonyms) keep the sentence order, the
   names and the numbers but few 5-grams. For each sentence of the shorter text we take the most
   similar sentence of the other by character n-gram TF-IDF cosine (scikit-learn); a pair is a
   rewrite when at least ``REWRITE_SHARE`` of its sentences have a counterpart above
   ``SENTENCE_MATCH``. Two outlets reporting the same event in their own words share facts, not
   sentences, and stay apart.
3. Copies are grouped transitively: a reprint of a rewrite is still the same story.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from backchannel.segment import split

SHINGLE = 5
NUM_PERM = 128
VERBATIM = 0.5
SENTENCE_MATCH = 0.55
REWRITE_SHARE = 0.7
MIN_SENTENCE = 30  # characters: shorter lines are furniture ("Advertisement", bylines)
MIN_SENTENCES = 3  # fewer sentences than this cannot show a rewrite

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def verbatim_pairs(texts: Mapping[str, str], threshold: float = VERBATIM) -> set[tuple[str, str]]:
    """Pairs of ids (sorted within the pair) whose texts share most word 5-grams."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sketches: dict[str, MinHash] = {}
    for key in sorted(texts):
        grams = shingles(texts[key])
        if not grams:
            continue
        sketch = MinHash(num_perm=NUM_PERM, seed=1)
        sketch.update_batch(list(grams))
        sketches[key] = sketch
        lsh.insert(key, sketch)
    pairs = set()
    for key, sketch in sketches.items():
        for other in lsh.query(sketch):
            if other != key and sketch.jaccard(sketches[other]) >= threshold:
                pairs.add((min(key, other), max(key, other)))
    return pairs


def sentences(text: str) -> list[str]:
    return [s for s in (text[a:b].strip() for a, b in split(text)) if len(s) >= MIN_SENTENCE]


def rewrite_share(a: str, b: str) -> float:
    """Share of the shorter text's sentences that have a close counterpart in the other."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    left, right = sentences(a), sentences(b)
    if len(left) > len(right):
        left, right = right, left
    if len(left) < MIN_SENTENCES:
        return 0.0
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(
        left + right
    )
    sims = (vectors[: len(left)] @ vectors[len(left) :].T).toarray()
    return float((sims.max(axis=1) >= SENTENCE_MATCH).mean())


def copy_groups(texts: Mapping[str, str]) -> list[list[str]]:
    """The ids grouped by copy (each group sorted, groups by first id); singletons included."""
    parent = {key: key for key in texts}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in verbatim_pairs(texts):
        join(a, b)
    keys = sorted(texts)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if root(a) != root(b) and rewrite_share(texts[a], texts[b]) >= REWRITE_SHARE:
                join(a, b)
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(root(key), []).append(key)
    return sorted(groups.values())
