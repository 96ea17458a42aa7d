"""A bare surname names a knowledge-base person only when that person is plausible in the article:
named in full before, or of a country the article names and in office near its date. Otherwise the
word stays unresolved rather than becoming someone else with the same surname."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from backchannel import actors
from backchannel.clean import clean
from backchannel.kb import KnowledgeBase
from backchannel.model import Article, DateSpan, Mention
from backchannel.segment import segment


@cache
def _kb() -> KnowledgeBase:
    return KnowledgeBase.load(paths=[])


def _people(text: str, published: str, kb: KnowledgeBase) -> list[Mention]:
    doc = segment(clean(Article("t", text)))
    doc.published = DateSpan.day(dt.date.fromisoformat(published))
    return [m for m in actors.annotate(doc, kb).mentions if m.kind == "person"]


# Two people called Singh are in the KB: Rajnath Singh, India's defence minister since 2019, and
# Sabrina Singh, a U.S. Pentagon spokesperson 2022-2025.


def test_a_surname_means_the_namesake_of_the_countries_named() -> None:
    text = "India and China held talks in Moscow. Mr. Singh met Wei Fenghe for two hours."
    found = _people(text, "2020-09-05", _kb())
    assert [m.actor.kb_id for m in found if m.text.endswith("Singh")] == ["rajnath-singh"]
    text = "The United States will send aid to Israel. Mr. Singh said the shipment left on Monday."
    found = _people(text, "2024-03-01", _kb())
    assert [m.actor.kb_id for m in found if m.text.endswith("Singh")] == ["sabrina-singh"]


def test_the_title_before_a_surname_picks_among_namesakes() -> None:
    text = "The United States and India agreed. Indian Defence Minister Singh spoke first."
    found = _people(text, "2024-03-01", _kb())
    assert [m.actor.kb_id for m in found if m.text.endswith("Singh")] == ["rajnath-singh"]


def test_a_surname_of_someone_long_out_of_office_stays_unresolved() -> None:
    # Rex Tillerson left the State Department in March 2018.
    text = "The United States will send aid. Tillerson said the plan was sound."
    found = _people(text, "2024-06-01", _kb())
    assert all(m.actor.kb_id != "rex-tillerson" for m in found)


def test_a_surname_of_a_plausible_person_resolves() -> None:
    text = "The United States will send aid. Tillerson said the plan was sound."
    found = _people(text, "2017-06-01", _kb())
    assert [m.actor.kb_id for m in found] == ["rex-tillerson"]


def test_a_surname_named_in_full_before_resolves_whatever_the_date() -> None:
    text = "Rex Tillerson spoke at the event. Tillerson said the plan was sound."
    found = _people(text, "2024-06-01", _kb())
    assert [m.actor.kb_id for m in found] == ["rex-tillerson", "rex-tillerson"]


def _all(text: str, published: str = "2022-01-09") -> list[Mention]:
    doc = segment(clean(Article("t", text)))
    doc.published = DateSpan.day(dt.date.fromisoformat(published))
    return actors.annotate(doc, _kb()).mentions


def test_a_portfolio_word_inside_a_title_keeps_the_country() -> None:
    # made-up officials: the country adjective reaches the name across "Commerce" and "Deputy"
    found = _all(
        "Chinese Commerce Minister Li Wenhai met Russian Deputy Foreign Minister Pavel Orlov in Minsk."
    )
    people = {m.actor.name: m.actor.country for m in found if m.kind == "person"}
    assert people == {"Li Wenhai": "CHN", "Pavel Orlov": "RUS"}


@pytest.mark.parametrize(
    "text",
    [
        "The British Vice Chief of the Defence Staff spoke on Monday.",
        "The Russian deputy foreign minister spoke on Monday.",
        "The former Russian president spoke on Monday.",
    ],
)
def test_a_deputy_or_former_office_is_not_its_holder(text: str) -> None:
    offices = [m for m in _all(text) if m.kind in {"role", "function", "group"}]
    assert offices and all(m.kind == "group" and m.role_id is None for m in offices)


def test_a_family_name_written_first_is_the_surname() -> None:
    # Korean and Chinese names are printed family name first: "President Moon" is Moon Jae-in
    text = (
        "Donald Trump spoke with President Moon Jae-in of the Republic of Korea. He thanked President Moon."
    )
    found = _people(text, "2018-02-26", _kb())
    assert [m.actor.kb_id for m in found if m.text.endswith("Moon")] == ["moon-jae-in"]


def test_a_surname_of_several_plausible_people_stays_unresolved() -> None:
    # several Koreans named Kim held office in 2020: "Mr. Kim" alone names none of them
    text = "North and South Korea traded warnings. Mr. Kim said nothing."
    found = _people(text, "2020-06-01", _kb())
    assert all(m.actor.kb_id is None for m in found if m.text.endswith("Kim"))
