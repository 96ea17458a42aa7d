"""A transcript titled for two officials appearing together records that they met (made-up pages)."""

from __future__ import annotations

import pytest

from backchannel.model import Article, Event
from backchannel.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _contacts(pipeline: Pipeline, title: str, body: str, published: str | None = "2022-11-29") -> list[Event]:
    text = f"{title}\n\n{body}"
    events = pipeline.extract([Article("t", text, title=title, published=published)])
    return [e for e in events if e.event_type == "CONSULT"]


BODY = "SECRETARY: Good afternoon, everyone. It is a pleasure to be here with my friend and colleague today."


@pytest.mark.parametrize(
    "title",
    [
        "Secretary Antony J. Blinken and Ukrainian Foreign Minister Dmytro Kuleba at a Joint Press Availability",
        "Secretary Antony J. Blinken And Ukrainian Foreign Minister Dmytro Kuleba Before Their Meeting",
        "Secretary Blinken & Ukrainian Foreign Minister Kuleba At a Press Availability",
    ],
)
def test_a_joint_appearance_title_is_a_meeting_on_the_day(pipeline: Pipeline, title: str) -> None:
    (ev,) = _contacts(pipeline, title, BODY)
    assert {a.kb_id for a in ev.participants} == {"antony-blinken", "dmytro-kuleba"}
    assert (ev.mode, ev.status, str(ev.date.start), ev.date.basis) == (
        "meeting",
        "occurred",
        "2022-11-29",
        "published",
    )
    assert ev.evidence.text == title


@pytest.mark.parametrize(
    ("title", "published"),
    [
        ("Secretary Antony J. Blinken at a Press Availability", "2022-11-29"),  # one person
        (
            "Secretary Blinken and Ukrainian Foreign Minister Kuleba to Hold Talks",
            "2022-11-29",
        ),  # no appearance
        (
            "Secretary Blinken and Spokesperson Ned Price at a Joint Press Availability",
            "2022-11-29",
        ),  # one side
        (
            "Secretary Blinken and Ukrainian Foreign Minister Kuleba at a Joint Press Availability",
            None,
        ),  # undated
    ],
)
def test_no_meeting_without_two_sides_at_a_dated_appearance(
    pipeline: Pipeline, title: str, published: str | None
) -> None:
    assert _contacts(pipeline, title, BODY, published) == []
