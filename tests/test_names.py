"""People outside the knowledge base: one key per name across spellings, one identity per article."""

import pytest

from backchannel import actors
from backchannel.clean import clean
from backchannel.model import Actor, Article
from backchannel.names import name_key
from backchannel.segment import segment


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammad Ishaq Dar", "Muhammad Ishaq Dar"),
        ("Abbas Araghchi", "Abbas Araqchi"),
        ("Hossein Amir-Abdollahian", "Hussein Amirabdollahian"),
        ("Sheikh Mohammed bin Abdulrahman Al Thani", "Mohammed bin Abdulrahman Al-Thani"),
        ("Dr. Subrahmanyam Jaishankar", "Subrahmanyam Jaishankar"),
    ],
)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("a", "b"), [("Rajnath Singh", "Manmohan Singh"), ("Kim Yo Jong", "Kim Jong Un")])
def test_different_people_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_unknown_people_are_linked_by_their_name_key() -> None:
    a = Actor("Mohammad Ishaq Dar", "Mohammad Ishaq Dar", "PAK")
    b = Actor("Muhammad Ishaq Dar", "Foreign Minister Muhammad Ishaq Dar", "PAK")
    assert a.key == b.key and a.key.startswith("~")


def test_a_shorter_later_mention_is_the_person_named_earlier() -> None:
    text = "Kenyan Foreign Minister Amani Wekesa arrived on Monday. Mr. Wekesa said the talks went well."
    doc = actors.annotate(segment(clean(Article("t", text))))
    people = [m.actor for m in doc.mentions if m.kind == "person"]
    assert [p.name for p in people] == ["Amani Wekesa", "Amani Wekesa"]
    assert people[1].country == "KEN"


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Charles Q. Brown Jr.", "USA", "Brown"),
        ("Moon Jae-in", "KOR", "Moon"),
        ("Xi Jinping", "CHN", "Xi"),
        ("Philippe of Belgium", "BEL", None),
        ("Elizabeth II", "GBR", None),
        ("Sugiono", "IDN", None),
    ],
)
def test_the_surname_a_later_mention_uses(name: str, country: str, expected: str | None) -> None:
    from backchannel.names import surname

    assert surname(name, country) == expected
