"""Generic functions ("top general", "defence minister") lead to the right office and holder."""

import datetime as dt

import pytest

from backchannel.kb import KnowledgeBase
from backchannel.kb.lookup import offices, parse_when, who


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(paths=[])


def holder(kb: KnowledgeBase, function: str, country: str, day: str) -> list[str]:
    roles = kb.roles_with(function, country)
    return [p.name for r in roles for p in kb.holders(r.id, dt.date.fromisoformat(day))]


@pytest.mark.parametrize(
    ("function", "country", "day", "expected"),
    [
        ("chief_of_defence", "RUS", "2021-09-22", ["Valery Gerasimov"]),
        ("chief_of_defence", "USA", "2021-09-22", ["Mark Milley"]),
        ("chief_of_defence", "UKR", "2021-03-31", ["Ruslan Khomchak"]),
        ("chief_of_defence", "UKR", "2022-03-01", ["Valerii Zaluzhnyi"]),
        ("chief_of_defence", "GBR", "2022-03-01", ["Tony Radakin"]),
        ("chief_of_defence", "DEU", "2022-03-01", ["Eberhard Zorn"]),
        ("defence_minister", "RUS", "2024-05-20", ["Andrei Belousov"]),
        ("defence_minister", "UKR", "2022-03-01", ["Oleksii Reznikov"]),
        ("defence_minister", "USA", "2021-03-31", ["Lloyd Austin"]),
        ("foreign_minister", "UKR", "2021-03-31", ["Dmytro Kuleba"]),
        ("foreign_minister", "CHN", "2023-03-01", ["Qin Gang"]),
        ("foreign_minister", "EUR", "2022-03-01", ["Josep Borrell"]),
        ("national_security_adviser", "USA", "2021-03-29", ["Jake Sullivan"]),
        ("national_security_adviser", "UKR", "2021-03-29", ["Andriy Yermak"]),
        ("head_of_government", "GBR", "2022-10-01", ["Liz Truss"]),
        ("head_of_government", "USA", "2021-03-31", ["Joe Biden"]),
        ("head_of_state", "FIN", "2024-03-02", ["Alexander Stubb"]),
    ],
)
def test_kb_functions_holder_on_date(
    kb: KnowledgeBase, function: str, country: str, day: str, expected: list[str]
) -> None:
    assert holder(kb, function, country, day) == expected


def test_kb_functions_heads_of_bodies(kb: KnowledgeBase) -> None:
    # NATO's Secretary General since 2024-10-01; the OSCE's Helga Schmid left on 2024-09-03
    heads = set(holder(kb, "secretary_general", "IGO", "2024-10-02"))
    assert "Mark Rutte" in heads and "Helga Schmid" not in heads


def test_kb_functions_spokespeople(kb: KnowledgeBase) -> None:
    spokespeople = set(holder(kb, "spokesperson", "RUS", "2022-03-01"))
    assert spokespeople == {"Dmitry Peskov", "Maria Zakharova", "Igor Konashenkov"}


def test_kb_functions_phrase_resolves_to_office(kb: KnowledgeBase) -> None:
    assert [r.id for r in offices(kb, "defence minister", "RUS")] == ["rus-defence-minister"]
    assert [r.id for r in offices(kb, "Pentagon press secretary")] == ["usa-pentagon-press-secretary"]
    assert [r.id for r in offices(kb, "chief_of_defence", "CHN")] == ["chn-chief-joint-staff"]


def test_kb_functions_country_title_beats_generic_phrase(kb: KnowledgeBase) -> None:
    # In Britain the Chief of the General Staff heads the Army; the top officer is the CDS.
    assert [r.id for r in offices(kb, "Chief of the General Staff", "GBR")] == ["gbr-cgs"]
    assert [r.id for r in offices(kb, "top general", "GBR")] == ["gbr-cds"]


def test_kb_functions_who_on_a_month(kb: KnowledgeBase) -> None:
    (holding,) = who(kb, "Commander-in-Chief of the Armed Forces", "UKR", parse_when("2021-07"))
    assert [p.name for p, _ in holding.holders] == ["Valerii Zaluzhnyi", "Ruslan Khomchak"]
