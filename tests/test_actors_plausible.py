"""A bare surname names a knowledge-base person only when that person is plausible in the article:
named in full before, or of a country the article names and in office near its date. Otherwise the
word stays unresolved rather than becoming someone else with the same surname."""

from __future__ import annotations

import datetime as dt

from backchannel import actors
from backchannel.clean import clean
from backchannel.kb import KnowledgeBase
from backchannel.model import Article, DateSpan, Mention
from backchannel.segment import segment

RAJNATH = {
    "id": "test-rajnath-singh",
    "name": "Rajnath Singh",
    "country": "IND",
    "roles": [{"role": "test-ind-defence-minister", "start": "2019-05-31"}],
}
IND_DEFENCE = {
    "id": "test-ind-defence-minister",
    "title": "Defence Minister of India",
    "aliases": ["Indian Defence Minister"],
    "country": "IND",
    "sector": "GOV",
    "function": "defence_minister",
}


def _kb(with_rajnath: bool) -> KnowledgeBase:
    kb = KnowledgeBase.load(paths=[])
    if with_rajnath:
        kb.add_entries("roles", [IND_DEFENCE])
        kb.add_entries("people", [RAJNATH])
        kb._build_indexes()
    return kb


def _people(text: str, published: str, kb: KnowledgeBase) -> list[Mention]:
    doc = segment(clean(Article("t", text)))
    doc.published = DateSpan.day(dt.date.fromisoformat(published))
    return [m for m in actors.annotate(doc, kb).mentions if m.kind == "person"]


def test_a_surname_of_another_country_is_not_the_kb_person() -> None:
    # Sabrina Singh (a U.S. Pentagon spokesperson) is in the KB; the article is about India and China.
    text = "India and China held talks in Moscow. Mr. Singh met Wei Fenghe for two hours."
    found = _people(text, "2020-09-05", _kb(with_rajnath=False))
    assert all(m.actor.kb_id != "sabrina-singh" for m in found)


def test_the_title_before_a_surname_picks_among_namesakes() -> None:
    text = "The United States and India agreed. Indian Defence Minister Singh spoke first."
    found = _people(text, "2024-03-01", _kb(with_rajnath=True))
    assert [m.actor.kb_id for m in found if m.text.endswith("Singh")] == ["test-rajnath-singh"]


def test_a_surname_of_someone_long_out_of_office_stays_unresolved() -> None:
    # Rex Tillerson left the State Department in March 2018.
    text = "The United States will send aid. Tillerson said the plan was sound."
    found = _people(text, "2024-06-01", _kb(with_rajnath=False))
    assert all(m.actor.kb_id != "rex-tillerson" for m in found)


def test_a_surname_of_a_plausible_person_resolves() -> None:
    text = "The United States will send aid. Tillerson said the plan was sound."
    found = _people(text, "2017-06-01", _kb(with_rajnath=False))
    assert [m.actor.kb_id for m in found] == ["rex-tillerson"]


def test_a_surname_named_in_full_before_resolves_whatever_the_date() -> None:
    text = "Rex Tillerson spoke at the event. Tillerson said the plan was sound."
    found = _people(text, "2024-06-01", _kb(with_rajnath=False))
    assert [m.actor.kb_id for m in found] == ["rex-tillerson", "rex-tillerson"]
