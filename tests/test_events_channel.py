"""Channel facts on contacts and quantities on other events, read from the article's words."""

from __future__ import annotations

from backchannel.model import Article, Event
from backchannel.pipeline import Pipeline

CALL = (
    "Gen. Valery Gerasimov contacted Gen. Charles Q. Brown Jr. on Wednesday.\n\n"
    "During the call, initiated by Russia's Ministry of Defense, the two discussed Ukraine. "
    "Brown agreed not to announce the discussion at Gerasimov's request, a Joint Staff statement said."
)


def _contact(events: list[Event]) -> Event:
    (ev,) = [e for e in events if e.event_type == "CONSULT" and e.status == "occurred"]
    return ev


def test_events_channel_facts_attach_to_the_contact(pipeline: Pipeline) -> None:
    events = pipeline.extract([Article("t", CALL, published="2024-12-02")])
    ev = _contact(events)
    assert ev.initiator is not None and ev.initiator.name == "Valery Gerasimov"  # "contacted": he placed it
    assert ev.disclosure is not None and "agreed not to announce" in ev.disclosure
    assert any("statement" in r for r in ev.readouts)
    assert not [e for e in events if e.event_type == "AGREE"]  # a disclosure term is not an AGREE


def test_events_channel_duration_from_the_clause(pipeline: Pipeline) -> None:
    text = "Gen. Mark Milley met in Finland for six hours on Wednesday with Gen. Valery Gerasimov."
    assert _contact(pipeline.extract([Article("t", text, published="2021-09-24")])).duration == "six hours"


def test_events_channel_quantities(pipeline: Pipeline) -> None:
    text = "A Russian mortar attack killed four Ukrainian soldiers and wounded two others on Friday."
    (ev,) = [
        e for e in pipeline.extract([Article("t", text, published="2021-03-31")]) if e.event_type == "ASSAULT"
    ]
    assert ev.quantities.get("killed") == 4 and ev.quantities.get("injured") == 2


def test_events_channel_money(pipeline: Pipeline) -> None:
    text = (
        "Secretary of State Antony Blinken announced an additional $725 million in military aid for Ukraine."
    )
    (ev,) = [
        e for e in pipeline.extract([Article("t", text, published="2024-12-02")]) if e.event_type == "AID"
    ]
    assert ev.quantities["money"]["amount"] == 725_000_000 and ev.quantities["money"]["currency"] == "USD"
