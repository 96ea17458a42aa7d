"""Mentions resolve to the right person on the event's date: offices, counterparts, spellings."""

from __future__ import annotations

import datetime as dt

import pytest

from backchannel import actors
from backchannel.clean import clean
from backchannel.kb import default_kb
from backchannel.model import Actor, Article, DateSpan, Document, Mention
from backchannel.segment import segment


def _mentions(text: str) -> tuple[Document, list[Mention]]:
    doc = actors.annotate(segment(clean(Article("t", text))))
    return doc, doc.mentions


def _on(day: str) -> DateSpan:
    return DateSpan.day(dt.date.fromisoformat(day))


def _resolved(m: Mention, day: str, partner: Actor | None = None) -> Actor | None:
    return actors.resolve(m, _on(day), default_kb(), partner)


@pytest.mark.parametrize(
    ("day", "name"),
    [("2021-03-31", "Mark Milley"), ("2023-09-30", "Mark Milley"), ("2023-10-01", "Charles Q. Brown Jr."),
     ("2024-11-27", "Charles Q. Brown Jr.")],
)  # fmt: skip
def test_actors_resolve_office_to_holder_on_the_date(day: str, name: str) -> None:
    # Milley held the chair until 30 September 2023; Brown from 1 October 2023.
    _, found = _mentions("The Chairman of the Joint Chiefs of Staff spoke by phone.")
    office = next(m for m in found if m.kind == "role")
    actor = _resolved(office, day)
    assert actor is not None and actor.name == name and actor.country == "USA" and actor.sector == "MIL"


def test_actors_resolve_country_and_function_phrase() -> None:
    _, found = _mentions("Russia's top general called on Wednesday.")
    m = next(m for m in found if m.kind == "function")
    actor = _resolved(m, "2024-11-27")
    assert (
        actor is not None and actor.name == "Valery Gerasimov" and actor.role == "Chief of the General Staff"
    )


def test_actors_resolve_counterpart_from_the_other_party() -> None:
    _, found = _mentions("Gen. Mark Milley met his Russian counterpart.")
    milley = next(m for m in found if m.kind == "person")
    counterpart = next(m for m in found if m.kind == "counterpart")
    partner = _resolved(milley, "2021-09-22")
    assert partner is not None and partner.role == "Chairman of the Joint Chiefs of Staff"
    actor = _resolved(counterpart, "2021-09-22", partner)
    assert actor is not None and actor.name == "Valery Gerasimov"


def test_actors_resolve_ukrainian_counterpart_changes_with_the_date() -> None:
    # The Ukrainian chief of defence was Khomchak until July 2021, then Zaluzhnyi.
    _, found = _mentions("Gen. Mark Milley called his Ukrainian counterpart.")
    milley = next(m for m in found if m.kind == "person")
    counterpart = next(m for m in found if m.kind == "counterpart")
    for day, name in (("2021-03-31", "Ruslan Khomchak"), ("2021-11-22", "Valerii Zaluzhnyi")):
        actor = _resolved(counterpart, day, _resolved(milley, day))
        assert actor is not None and actor.name == name


def test_actors_resolve_transliterated_name() -> None:
    _, found = _mentions("Gen. Valery Zaluzhny spoke on Monday.")
    assert [m.actor.kb_id for m in found if m.kind == "person"] == ["valerii-zaluzhnyi"]


def test_actors_resolve_group_of_a_country() -> None:
    _, found = _mentions("Russian forces gathered near the border.")
    group = next(m for m in found if m.kind == "group")
    assert (group.actor.name, group.actor.country, group.actor.sector) == (None, "RUS", "MIL")


def test_actors_resolve_lower_case_word_is_not_a_surname() -> None:
    # "brown" the colour is not Gen. Brown; "us" the pronoun is not the United States.
    _, found = _mentions("The brown hills gave us a clear view.")
    assert found == []


def test_actors_resolve_surname_after_a_rank() -> None:
    _, found = _mentions("Gen. Brown agreed not to announce the discussion.")
    assert [m.actor.kb_id for m in found if m.kind == "person"] == ["charles-q-brown-jr"]


def test_actors_resolve_unknown_person_takes_country_from_title() -> None:
    _, found = _mentions("Joint Staff spokesperson Col. Dave Hollis said so.")
    person = next(m for m in found if m.kind == "person")
    assert person.actor.name == "Dave Hollis" and person.actor.country == "USA" and person.actor.kb_id is None
