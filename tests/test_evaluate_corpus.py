"""Our gold over ../shared/corpora: annotations kept as offsets, never as copied text, and a split
drawn once. Tests that need the shared texts skip when ../shared is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backchannel.evaluate import corpus

ARTICLE = "The minister met his counterpart on Monday. They spoke again on Friday."
LINE = {
    "event_id": "x-e1",
    "article": "x",
    "type": "CONSULT",
    "evidence": "spoke again on Friday",
    "extra_evidence": ["on Monday"],
}


def test_evaluate_corpus_anchor_and_materialise_are_inverse() -> None:
    anchored = corpus.anchor(LINE, ARTICLE)
    assert "evidence" not in anchored and "extra_evidence" not in anchored
    assert anchored["evidence_span"] == [ARTICLE.index("spoke again"), ARTICLE.index("spoke again") + 21]
    assert corpus.materialise(anchored, ARTICLE) == LINE


def test_evaluate_corpus_anchor_refuses_evidence_not_in_the_text() -> None:
    with pytest.raises(ValueError, match="evidence not in the text"):
        corpus.anchor(dict(LINE, evidence="met on Sunday"), ARTICLE)


def test_evaluate_corpus_split_is_drawn_from_the_id_alone() -> None:
    stored = {a["article"]: a["split"] for a in corpus.articles()}
    assert all(corpus.split_of(art) == split for art, split in stored.items())  # drawn, not chosen
    ids = [f"pd-{n:03d}" for n in range(1, 400)]
    share = sum(corpus.split_of(i) == "test" for i in ids) / len(ids)
    assert 0.3 < share < 0.5  # about TEST_SHARE (0.4) of articles


def test_evaluate_corpus_keeps_no_article_text() -> None:
    for line in corpus.gold():
        assert "evidence" not in line and "extra_evidence" not in line
        assert isinstance(line["evidence_span"], list)
    assert {a["split"] for a in corpus.articles()} == {"dev", "test"}
    assert len(corpus.articles()) >= 150


def test_evaluate_corpus_spans_point_into_the_shared_texts(shared: Path) -> None:
    assert corpus.check(shared) == []
    by_id = corpus.texts(shared)
    for line in corpus.gold()[:200]:
        start, end = line["evidence_span"]
        assert by_id[line["article"]]["text"][start:end].strip()


def test_evaluate_corpus_counts_meet_the_issue(shared: Path) -> None:
    counts = corpus.stats(shared)["all"]
    assert counts["articles"] >= 150 and counts["exhaustive"] >= 60
    assert counts["country_pairs"] >= 15


def test_evaluate_corpus_written_split_reads_as_scorer_gold(shared: Path, tmp_path: Path) -> None:
    articles, gold = corpus.write_split("test", tmp_path, shared)
    ids = {json.loads(line)["id"] for line in articles.read_text(encoding="utf-8").splitlines()}
    lines = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert lines and all(g["article"] in ids and g["evidence"] for g in lines)
    assert all(corpus.split_of(i) == "test" for i in ids)
