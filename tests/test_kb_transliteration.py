"""Names are found under their transliteration variants, exactly or (in kb show) fuzzily."""

import pytest

from backchannel.kb import KnowledgeBase
from backchannel.kb.lookup import lookup


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(paths=[])


@pytest.mark.parametrize(
    ("surface", "person"),
    [
        ("Valery Zaluzhny", "valerii-zaluzhnyi"),
        ("Valeriy Zaluzhnyy", "valerii-zaluzhnyi"),
        ("Zaluzhnyi", "valerii-zaluzhnyi"),
        ("Sergei Shoigu", "sergei-shoigu"),
        ("Sergey Shoygu", "sergei-shoigu"),
        ("Shoygu", "sergei-shoigu"),
        ("Oleksandr Syrsky", "oleksandr-syrskyi"),
        ("Syrskyi", "oleksandr-syrskyi"),
        ("Alexei Reznikov", "oleksii-reznikov"),
        ("Rustam Umerov", "rustem-umerov"),
        ("Andrey Belousov", "andrei-belousov"),
        ("Sergei Lavrov", "sergey-lavrov"),
        ("Dmitry Kuleba", "dmytro-kuleba"),
        ("Andriy Sybiha", "andrii-sybiha"),
        ("Kirill Budanov", "kyrylo-budanov"),
        ("Valeriy Gerasimov", "valery-gerasimov"),
        ("Volodymyr Zelenskyy", "volodymyr-zelensky"),
        ("Dmitri Peskov", "dmitry-peskov"),
        ("Recep Tayyip Erdogan", "recep-tayyip-erdogan"),
        ("ZALUZHNYI", "valerii-zaluzhnyi"),
    ],
)
def test_kb_transliteration_exact_variants(kb: KnowledgeBase, surface: str, person: str) -> None:
    assert ("person", person) in kb.find(surface)


@pytest.mark.parametrize(
    ("surface", "person"),
    [("Zaluzhniy", "valerii-zaluzhnyi"), ("Sergej Shojgu", "sergei-shoigu"), ("Lavrow", "sergey-lavrov")],
)
def test_kb_transliteration_fuzzy_fallback(kb: KnowledgeBase, surface: str, person: str) -> None:
    assert kb.find(surface) == []
    assert lookup(kb, surface)[0].id == person


def test_kb_transliteration_exact_match_wins_over_fuzzy(kb: KnowledgeBase) -> None:
    hits = lookup(kb, "Shoygu")
    assert [(h.id, h.score) for h in hits] == [("sergei-shoigu", 100.0)]


def test_kb_transliteration_nonsense_finds_nothing(kb: KnowledgeBase) -> None:
    assert lookup(kb, "qqqq zzzz xxxx") == []
