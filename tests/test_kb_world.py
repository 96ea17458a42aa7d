"""The world-wide knowledge base answers ``kb who`` for a spread of countries and dates.

The sample was chosen by hand from the public record (who held which office on which day), one
or two offices per region, not read off the data; each answer is checked by surname.
"""

import pytest

from backchannel.kb import KnowledgeBase
from backchannel.kb.check import check
from backchannel.kb.coverage import coverage, states
from backchannel.kb.lookup import Holding, NoOffice, parse_when, who

KB = KnowledgeBase.load(paths=[])

SAMPLE = [
    ("defence minister", "IND", "2020-09-04", "Singh"),  # Rajnath Singh
    ("prime minister", "JPN", "2021-03-01", "Suga"),
    ("president", "BRA", "2020-06-01", "Bolsonaro"),
    ("president", "NGA", "2016-06-01", "Buhari"),
    ("president", "KEN", "2023-06-01", "Ruto"),
    ("prime minister", "ISR", "2022-01-01", "Bennett"),
    ("president", "EGY", "2015-06-01", "Sisi"),
    ("prime minister", "AUS", "2019-01-01", "Morrison"),
    ("president", "ZAF", "2015-06-01", "Zuma"),
    ("president", "MEX", "2020-06-01", "Obrador"),
    ("president", "KOR", "2018-06-01", "Moon"),
    ("foreign minister", "IRN", "2016-06-01", "Zarif"),
    ("prime minister", "PAK", "2019-06-01", "Khan"),
    ("foreign minister", "SAU", "2020-06-01", "Farhan"),
    ("prime minister", "ETH", "2019-06-01", "Abiy"),
    ("foreign minister", "ARG", "2016-06-01", "Malcorra"),
    ("prime minister", "ITA", "2023-06-01", "Meloni"),
    ("president", "IDN", "2016-06-01", "Widodo"),
    ("prime minister", "CAN", "2017-06-01", "Trudeau"),
    ("president", "CHL", "2015-06-01", "Bachelet"),
]


@pytest.mark.parametrize(("phrase", "country", "day", "surname"), SAMPLE)
def test_kb_who_answers_across_the_world(phrase: str, country: str, day: str, surname: str) -> None:
    holdings = [h for h in who(KB, phrase, country, parse_when(day)) if isinstance(h, Holding)]
    names = [p.name for h in holdings for p, _ in h.holders]
    assert any(surname.lower() in n.lower().replace("-", " ").split() or surname in n for n in names), names


def test_an_office_another_holds_answers_with_that_office() -> None:
    # Canada's head of state is the British monarch; Turkey's head of government since July
    # 2018 is its president (the post of prime minister was abolished).
    (canada,) = who(KB, "head of state", "CAN", parse_when("2023-06-01"))
    assert isinstance(canada, Holding) and canada.role.id == "gbr-monarch" and canada.note
    turkey = who(KB, "prime minister", "TUR", parse_when("2020-01-01"))
    assert [h.role.id for h in turkey if isinstance(h, Holding)] == ["tur-president"]


def test_a_country_without_the_office_says_so() -> None:
    # Costa Rica has had no armed forces since 1948.
    found = who(KB, "chief of defence", "CRI", parse_when("2020-01-01"))
    assert found and all(isinstance(h, NoOffice) for h in found)


def test_the_world_kb_has_no_errors_and_covers_every_state() -> None:
    assert [str(p) for p in check(KB) if p.level == "error"] == []
    rows = coverage(KB, states(KB))
    assert len(rows) == 197  # UN members, Taiwan, Kosovo, Palestine and the Holy See
    assert all(any(cell.holders for cell in row) for row in rows)  # every state has office holders
