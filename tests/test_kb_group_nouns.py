"""Group nouns ("Russian forces") and the loader's backwards-compatible extensions."""

import datetime as dt

import pytest

from backchannel.errors import KnowledgeBaseError
from backchannel.kb import KnowledgeBase, Tenure


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(paths=[])


@pytest.mark.parametrize(
    ("noun", "sector"),
    [
        ("forces", "MIL"),
        ("Armed Forces", "MIL"),
        ("troops", "MIL"),
        ("general staff", "MIL"),
        ("officials", "GOV"),
        ("authorities", "GOV"),
        ("police", "COP"),
        ("lawmakers", "LEG"),
        ("intelligence", "SPY"),
        ("separatists", "REB"),
        ("protesters", "CVL"),
        ("journalists", "JRN"),
        ("prosecutors", "JUD"),
    ],
)
def test_kb_group_nouns_sector(kb: KnowledgeBase, noun: str, sector: str) -> None:
    found = kb.group_noun(noun)
    assert found is not None and found.sector == sector


def test_kb_group_nouns_adjective_gives_country(kb: KnowledgeBase) -> None:
    adjective, noun = ["Ukrainian", "troops"]
    country, group = kb.country(adjective), kb.group_noun(noun)
    assert country is not None and group is not None
    assert (country.iso3, group.sector) == ("UKR", "MIL")


def test_kb_group_nouns_not_in_name_index(kb: KnowledgeBase) -> None:
    assert kb.find("troops") == []
    assert kb.group_noun("Gerasimov") is None


def test_kb_group_nouns_partially_recognised_regions(kb: KnowledgeBase) -> None:
    regions = {
        "Crimea": "UKR",
        "Donbas": "UKR",
        "Abkhazia": "GEO",
        "South Ossetia": "GEO",
        "Transnistria": "MDA",
    }
    assert {name: kb.country(name).iso3 for name in regions} == regions  # type: ignore[union-attr]
    assert (kb.organisations["ukr-dpr"].country, kb.organisations["ukr-dpr"].sector) == ("UKR", "PRE")


def test_kb_group_nouns_old_style_tenure_still_builds() -> None:
    tenure = Tenure("usa-cjcs", dt.date(2019, 10, 1), dt.date(2023, 9, 30))
    assert (tenure.start_precision, tenure.end_precision, tenure.acting) == ("day", "day", False)


def test_kb_group_nouns_unknown_kind_is_rejected() -> None:
    with pytest.raises(KnowledgeBaseError, match="unknown kind 'gossip'"):
        KnowledgeBase().add_entries("gossip", [])
