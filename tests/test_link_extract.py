"""Linking inside ``extract``: the same input gives the same ids; an unrelated article moves none."""

from __future__ import annotations

from pathlib import Path

import pytest

from backchannel.api import extract_paths
from backchannel.pipeline import Pipeline

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"

pytestmark = pytest.mark.slow

UNRELATED = (
    '{"id": "zz-unrelated", "outlet": "AP", "published": "2023-03-15", "text": '
    '"Secretary of State Antony Blinken met Foreign Minister Dmytro Kuleba in Kyiv on Wednesday."}\n'
)


def _clusters(paths: list[Path], pipeline: Pipeline) -> dict[str, str]:
    return {e.id: e.cluster_id for e in extract_paths(paths, pipeline).events}


def test_link_extract_rerun_gives_the_same_ids(pipeline: Pipeline) -> None:
    first = _clusters([EXAMPLES], pipeline)
    assert len(set(first.values())) > 10  # many events, many clusters: the test has teeth
    assert _clusters([EXAMPLES], pipeline) == first


def test_link_extract_unrelated_article_keeps_ids(tmp_path: Path, pipeline: Pipeline) -> None:
    before = _clusters([EXAMPLES], pipeline)
    extra = tmp_path / "extra.jsonl"
    extra.write_text(UNRELATED, encoding="utf-8")
    after = _clusters([extra, EXAMPLES], pipeline)
    assert any(key not in before for key in after)  # the new article gave records of its own
    assert {k: after[k] for k in before} == before
