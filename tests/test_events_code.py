"""The coder codes what the text says: contacts, their status, and nothing for topics or questions."""

from __future__ import annotations

import datetime as dt

import pytest

from backchannel.model import Article, Event
from backchannel.pipeline import Pipeline


def _code(pipeline: Pipeline, text: str, published: str = "2021-03-31") -> list[Event]:
    return pipeline.extract([Article("t", text, published=published)])


def _contacts(events: list[Event]) -> list[tuple[str, frozenset[str | None]]]:
    return [
        (e.status, frozenset(a.name for a in e.participants)) for e in events if e.event_type == "CONSULT"
    ]


PAIR = frozenset({"Mark Milley", "Valery Gerasimov"})


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Gen. Mark Milley spoke by phone with Gen. Valery Gerasimov.", "occurred"),
        ("Gen. Mark Milley will meet Gen. Valery Gerasimov in Helsinki.", "planned"),
        ("Gen. Mark Milley is expected to call Gen. Valery Gerasimov.", "planned"),
        ("Gen. Mark Milley tried to call Gen. Valery Gerasimov.", "attempted"),
        ("Gen. Mark Milley was unable to speak with Gen. Valery Gerasimov.", "attempted"),
        ("Gen. Mark Milley should meet Gen. Valery Gerasimov more often.", "hypothetical"),
        ("Gen. Valery Gerasimov refused to meet Gen. Mark Milley.", "refused"),
    ],
)
def test_events_code_contact_status(pipeline: Pipeline, sentence: str, status: str) -> None:
    assert _contacts(_code(pipeline, sentence)) == [(status, PAIR)]


def test_events_code_not_since_implies_the_earlier_contact(pipeline: Pipeline) -> None:
    # "Have not spoken since February" says they did speak in February, and not after.
    events = _code(pipeline, "Gen. Mark Milley has not spoken with Gen. Valery Gerasimov since February.")
    contacts = sorted(
        (e.status, e.date.start.isoformat() if e.date.start else None)
        for e in events
        if e.event_type == "CONSULT"
    )
    assert contacts == [("negated", "2021-03-31"), ("occurred", "2021-02-01")]


def test_events_code_reciprocal_subject_without_object(pipeline: Pipeline) -> None:
    assert _contacts(_code(pipeline, "Gen. Mark Milley and Gen. Valery Gerasimov spoke on Monday.")) == [
        ("occurred", PAIR)
    ]


def test_events_code_gapped_second_pair(pipeline: Pipeline) -> None:
    text = "Secretary of State Antony Blinken spoke with Dmytro Kuleba and Gen. Mark Milley with Gen. Valery Gerasimov."
    pairs = {pair for _, pair in _contacts(_code(pipeline, text))}
    assert pairs == {frozenset({"Antony Blinken", "Dmytro Kuleba"}), PAIR}


def test_events_code_possessor_gives_way_to_apposition(pipeline: Pipeline) -> None:
    # "Brown's predecessor, Gen. Mark Milley" is Milley, not Brown.
    text = "Gen. Charles Q. Brown Jr.'s predecessor, Gen. Mark Milley, spoke with Gen. Valery Gerasimov."
    assert _contacts(_code(pipeline, text, "2024-11-27")) == [("occurred", PAIR)]


def test_events_code_phone_mode_and_both_parties(pipeline: Pipeline) -> None:
    (ev,) = [
        e
        for e in _code(pipeline, "Gen. Mark Milley spoke by phone with Gen. Valery Gerasimov.")
        if e.event_type == "CONSULT"
    ]
    assert ev.mode == "phone"
    assert ev.recipients == []  # a two-way contact puts every party among the actors
    assert "military" in ev.contexts


def test_events_code_meeting_in_a_third_country(pipeline: Pipeline) -> None:
    text = "Gen. Mark Milley met in Finland with his Russian counterpart, Gen. Valery Gerasimov."
    (ev,) = [e for e in _code(pipeline, text, "2021-09-24") if e.event_type == "CONSULT"]
    assert ev.mode == "third-party"
    assert ev.location is not None and ev.location.country == "FIN"


def test_events_code_topic_of_a_report_is_not_an_event(pipeline: Pipeline) -> None:
    # The call is what the report is about; the sentence reports the report, not the call.
    text = "Gen. Mark Milley faced questions over a report about his call with Gen. Valery Gerasimov."
    assert _contacts(_code(pipeline, text)) == []


def test_events_code_question_is_not_coded(pipeline: Pipeline) -> None:
    assert _contacts(_code(pipeline, "Did Gen. Mark Milley speak with Gen. Valery Gerasimov?")) == []


def test_events_code_no_actor_no_record(pipeline: Pipeline) -> None:
    # PLOVER: an event with no identifiable actor is not coded.
    assert _code(pipeline, "Four people were killed in an attack on Tuesday.") == []


def test_events_code_split_calls_to_two_countries(pipeline: Pipeline) -> None:
    text = "Gen. Mark Milley spoke by phone with his Ukrainian and Russian counterparts."
    pairs = {pair for _, pair in _contacts(_code(pipeline, text))}
    assert pairs == {PAIR, frozenset({"Mark Milley", "Ruslan Khomchak"})}


def test_events_code_evidence_points_into_the_original(pipeline: Pipeline) -> None:
    text = "WASHINGTON \u2014 Gen. Mark Milley spoke\u00a0by phone with Gen. Valery Gerasimov on Wednesday."
    for ev in _code(pipeline, text):
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text


def test_events_code_undated_article_never_gets_a_day(pipeline: Pipeline) -> None:
    # No metadata, no URL, no date in the text: "on Wednesday" cannot be placed, so no day is given.
    events = pipeline.extract(
        [Article("t", "Gen. Mark Milley spoke with Gen. Valery Gerasimov on Wednesday.")]
    )
    (ev,) = [e for e in events if e.event_type == "CONSULT"]
    assert ev.date.start is None and ev.date.end is None and ev.date.granularity == "unknown"


def test_events_code_month_dated_article_gets_an_interval(pipeline: Pipeline) -> None:
    # Published only "2024-12": "last week" is an interval about a month wide, never one day.
    text = "Gen. Valery Gerasimov contacted Gen. Charles Q. Brown Jr. last week."
    (ev,) = [e for e in _code(pipeline, text, "2024-12") if e.event_type == "CONSULT"]
    assert ev.date.start is not None and ev.date.end is not None
    assert 7 <= ev.date.width <= 31
    assert ev.date.contains(dt.date(2024, 11, 27))


def test_events_code_long_list_does_not_explode(pipeline: Pipeline) -> None:
    # A table or list pasted as one sentence: no crash, a bounded number of records.
    names = ", ".join(
        f"{c} officials" for c in ["Russian", "Ukrainian", "Polish", "Finnish", "Turkish", "German"] * 30
    )
    text = f"Gen. Mark Milley spoke by phone with {names} on Monday." + " And they met." * 50
    events = pipeline.extract([Article("t", text, published="2021-03-31")])
    assert len(events) <= 12


def test_events_code_quote_within_quote_and_carried_speaker(pipeline: Pipeline) -> None:
    text = (
        "\"We told them 'no more calls' and Gen. Mark Milley spoke with Gen. Valery Gerasimov anyway,\" "
        'John Kirby said. "Gen. Mark Milley will meet Gen. Valery Gerasimov again."'
    )
    events = pipeline.extract([Article("t", text, published="2021-03-31")])
    assert events and all(e.attribution is not None and "Kirby" in e.attribution.text for e in events)
