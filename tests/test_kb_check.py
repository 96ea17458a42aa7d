"""`check` passes the shipped data and catches each kind of mistake it promises to."""

from typing import Any

import pytest

from backchannel.kb import KnowledgeBase
from backchannel.kb.check import check, has_errors


def kb_with(**kinds: list[dict[str, Any]]) -> KnowledgeBase:
    kb = KnowledgeBase.load(paths=[])
    for kind, entries in kinds.items():
        kb.add_entries(kind, entries)
    kb._build_indexes()
    return kb


def rules(kb: KnowledgeBase) -> set[str]:
    return {p.rule for p in check(kb) if p.level == "error"}


def test_kb_check_shipped_data_has_no_errors() -> None:
    problems = check(KnowledgeBase.load(paths=[]))
    assert [str(p) for p in problems if p.level == "error"] == []
    assert not has_errors(problems)


def test_kb_check_overlapping_tenures() -> None:
    intruder = {
        "id": "intruder",
        "name": "A. Intruder",
        "country": "USA",
        "roles": [{"role": "usa-cjcs", "start": "2020-01-01"}],
    }
    assert rules(kb_with(people=[intruder])) == {"overlap"}


def test_kb_check_handover_day_is_not_an_overlap() -> None:
    # Biden's term ended and Trump's began on 2025-01-20: both hold office that day.
    assert "overlap" not in rules(kb_with())


@pytest.mark.parametrize(
    ("end", "overlaps"), [("2019-10", False), ("2019-12", True), ("2019-10-01", False), ("2019-10-02", True)]
)
def test_kb_check_imprecise_end_allows_its_month(end: str, overlaps: bool) -> None:
    # Milley began on 2019-10-01: a predecessor who left "in October 2019" or on the handover day does
    # not overlap him; one who left on a precise later day, or in a later month, does.
    other = {"id": "x", "name": "X Y", "roles": [{"role": "usa-cjcs", "start": "2019-09-01", "end": end}]}
    dunford = {
        "id": "joseph-dunford",
        "name": "Joseph Dunford",
        "roles": [{"role": "usa-cjcs", "start": "2015-10-01", "end": "2019-08-31"}],
    }
    assert ("overlap" in rules(kb_with(people=[dunford, other]))) is overlaps


def test_kb_check_multiple_holder_roles_may_overlap() -> None:
    spokespeople = [
        {
            "id": f"s{i}",
            "name": f"Spoke Person{i}",
            "roles": [{"role": "chn-mfa-spokesperson", "start": "2021-01-01"}],
        }
        for i in range(2)
    ]
    assert "overlap" not in rules(kb_with(people=spokespeople))


def test_kb_check_duplicate_alias_for_two_people() -> None:
    twin = {"id": "other-shoigu", "name": "Other Person", "aliases": ["Shoygu"]}
    assert rules(kb_with(people=[twin])) == {"duplicate-alias"}


def test_kb_check_undefined_role_and_unknown_country() -> None:
    person = {
        "id": "p",
        "name": "P Q",
        "country": "XXX",
        "roles": [{"role": "no-such-role", "start": "2020-01-01"}],
    }
    assert rules(kb_with(people=[person])) == {"undefined-role", "unknown-country"}


def test_kb_check_unknown_function_and_organisation() -> None:
    role = {
        "id": "r",
        "title": "T",
        "country": "USA",
        "sector": "GOV",
        "function": "astrologer",
        "org": "no-org",
    }
    assert rules(kb_with(roles=[role])) == {"unknown-function", "unknown-organisation"}


def test_kb_check_missing_start_is_a_warning() -> None:
    person = {"id": "p", "name": "P Q", "country": "USA", "roles": [{"role": "usa-dni"}]}
    problems = [
        p for p in check(kb_with(people=[person])) if p.rule == "missing-date" and p.message.startswith("p ")
    ]
    assert [p.level for p in problems] == ["warning"]


def test_kb_check_imprecise_dates_listed_on_request() -> None:
    kb = KnowledgeBase.load(paths=[])
    assert not [p for p in check(kb) if p.rule == "imprecise-date"]
    assert any("gbr-cds" in p.message for p in check(kb, imprecise=True) if p.rule == "imprecise-date")


def test_kb_check_office_exception_links() -> None:
    bad = [
        {"country": "ZZZ", "function": "head_of_state", "held_by": None},
        {"country": "CAN", "function": "no_such_function", "held_by": None},
        {"country": "CAN", "function": "head_of_state", "held_by": "no-such-role"},
    ]
    assert rules(kb_with(office_exceptions=bad)) == {"unknown-country", "unknown-function", "undefined-role"}


def test_kb_check_title_of_two_countries_is_a_warning() -> None:
    twin = {"id": "fin-twin", "title": "President of Russia", "country": "FIN", "function": "head_of_state"}
    problems = check(kb_with(roles=[twin]))
    assert not has_errors(problems)
    assert any(p.rule == "shared-title" and "fin-twin" in p.message for p in problems)
