"""The whole pipeline on garbage articles: ``extract`` never raises; an article a stage cannot
handle is reported as a StageError through ``on_error`` and the others go on."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backchannel.errors import StageError
from backchannel.model import Article, Event
from backchannel.pipeline import Pipeline
from fuzz.check import EXAMPLES
from fuzz.hostile import ABSURD_DATES, any_text

SENTENCES = [
    "Gen. Mark Milley spoke by phone on Wednesday with Gen. Valery Gerasimov.",
    "Russian forces shelled Kharkiv on Tuesday, Ukraine said.",
    "The minister met his counterpart last week in Geneva.",
]


@st.composite
def garbage_text(draw: Any) -> str:
    """Text made of noise and of real sentences cut and spliced, so that the later stages run too."""
    pieces = draw(
        st.lists(
            any_text
            | st.sampled_from(SENTENCES)
            | st.sampled_from(SENTENCES).map(lambda s: s[: len(s) // 2])
            | st.sampled_from(["\x00", "\u2028", "\ufeff", "\r", "\t" * 50, "...", "“", "Mr.", "U.S."]),
            max_size=12,
        )
    )
    text = draw(st.sampled_from(["", " ", "\n\n"])).join(pieces)
    if draw(st.integers(0, 40)) == 0:
        text += " Gerasimov met Milley on Friday." * draw(st.integers(1, 2000))
    return text


@st.composite
def garbage_article(draw: Any) -> Article:
    return Article(
        id=draw(any_text) or "x",
        text=draw(garbage_text()),
        title=draw(st.none() | any_text),
        url=draw(st.none() | any_text),
        outlet=draw(st.none() | any_text),
        published=draw(st.none() | st.sampled_from(ABSURD_DATES) | any_text),
    )


@pytest.mark.timeout(max(600, EXAMPLES))
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(garbage_article(), min_size=1, max_size=3, unique_by=lambda a: a.id))
def test_fuzz_pipeline_extract_never_raises(pipeline: Pipeline, articles: list[Article]) -> None:
    errors: list[object] = []
    events = pipeline.extract(articles, on_error=errors.append)
    assert all(isinstance(e, StageError) for e in errors)
    assert all(isinstance(e, Event) for e in events)
    ids = {a.id for a in articles}
    assert all(e.article_id in ids for e in events)
    for event in events:  # the evidence is the article's own words, where it says
        text = next(a.text for a in articles if a.id == event.article_id)
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_fuzz_pipeline_failing_stage_is_reported_and_others_go_on(pipeline: Pipeline) -> None:
    # A text the clean stage cannot take (not a str) fails that article only.
    good = Article("good", SENTENCES[0], published="2021-09-22")
    bad = Article("bad", None, published="2021-09-22")  # type: ignore[arg-type]
    errors: list[StageError] = []
    events = pipeline.extract([bad, good], on_error=errors.append)
    assert [(e.stage, e.article_id) for e in errors] == [("clean", "bad")]
    assert {e.article_id for e in events} == {"good"}
