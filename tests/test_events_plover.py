"""PLOVER's rules for single categories, refusals, reported obligations and history."""

from __future__ import annotations

import pytest

from backchannel.model import Article, Event, plover_category
from backchannel.pipeline import Pipeline


@pytest.mark.parametrize(
    ("event_type", "status", "category"),
    [
        ("CONSULT", "planned", "AGREE"),  # future meetings are AGREE (PLOVER 1)
        ("RETREAT", "planned", "CONCEDE"),  # an announced withdrawal is CONCEDE
        ("SANCTION", "planned", "THREATEN"),  # an announced coercive act is a threat
        ("CONSULT", "refused", "REJECT"),
        ("ASSAULT", "occurred", "ASSAULT"),
    ],
)
def test_events_plover_single_category(event_type: str, status: str, category: str) -> None:
    assert plover_category(event_type, status) == category


def _code(pipeline: Pipeline, text: str, published: str = "2022-03-20") -> list[Event]:
    return pipeline.extract([Article("t", text, published=published)])


def test_events_plover_refusal_is_its_own_reject(pipeline: Pipeline) -> None:
    events = _code(pipeline, "Defence Minister Sergei Shoigu refused to speak with Lloyd Austin.")
    kinds = {(e.event_type, e.status) for e in events}
    assert ("CONSULT", "refused") in kinds
    (reject,) = [e for e in events if e.event_type == "REJECT"]
    assert [a.name for a in reject.actors] == ["Sergei Shoigu"] and reject.mode == "meet"


def test_events_plover_reported_obligation_is_a_request(pipeline: Pipeline) -> None:
    # "X said Y must ..." asks something of Y: PLOVER REQUEST by the speaker.
    events = _code(pipeline, "Antony Blinken said Russia must withdraw its forces from Ukraine.")
    (req,) = [e for e in events if e.event_type == "REQUEST"]
    assert [a.name for a in req.actors] == ["Antony Blinken"]
    assert [a.country for a in req.recipients] == ["RUS"] and req.mode == "yield"


def test_events_plover_history_kept_only_for_contacts(pipeline: Pipeline) -> None:
    # Background from 2014 in a 2021 article: the annexation is history; a 2020 call is kept.
    text = (
        "Russia annexed Crimea in 2014. Gen. Mark Milley spoke with Gen. Valery Gerasimov in December 2020."
    )
    kept = {e.event_type for e in _code(pipeline, text, "2021-12-15")}
    assert "CONSULT" in kept and "COERCE" not in kept
    everything = {
        e.event_type for e in Pipeline(history="all").extract([Article("t", text, published="2021-12-15")])
    }
    assert "COERCE" in everything
