"""Coverage of offices over a period: holders, gaps, handovers and office exceptions."""

import datetime as dt

from backchannel.kb import KnowledgeBase
from backchannel.kb.coverage import HANDOVER_DAYS, coverage, coverage_table, office_coverage

SINCE, UNTIL = dt.date(2014, 1, 1), dt.date(2020, 12, 31)


def _kb(people: list[dict], exceptions: list[dict] | None = None) -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.add_entries("countries", [{"iso3": "AAA", "name": "Aland"}, {"iso3": "BBB", "name": "Bland"}])
    kb.add_entries("functions", [{"id": "head_of_state"}, {"id": "chief_of_defence"}])
    kb.add_entries(
        "roles",
        [
            {"id": "aaa-king", "title": "King of Aland", "country": "AAA", "function": "head_of_state"},
            {
                "id": "bbb-president",
                "title": "President of Bland",
                "country": "BBB",
                "function": "head_of_state",
            },
        ],
    )
    kb.add_entries("people", people)
    kb.add_entries("office_exceptions", exceptions or [])
    kb._build_indexes()
    return kb


def _king(ident: str, start: str | None, end: str | None) -> dict:
    return {"id": ident, "name": ident.title(), "roles": [{"role": "aaa-king", "start": start, "end": end}]}


def test_two_holders_back_to_back_cover_the_period() -> None:
    kb = _kb([_king("ann", None, "2017-05-01"), _king("bob", "2017-05-01", None)])
    cov = office_coverage(kb, "AAA", "head_of_state", SINCE, UNTIL)
    assert cov.complete and cov.holders == 2


def test_a_vacancy_longer_than_a_handover_is_a_gap() -> None:
    kb = _kb([_king("ann", None, "2017-05-01"), _king("bob", "2017-07-01", None)])
    cov = office_coverage(kb, "AAA", "head_of_state", SINCE, UNTIL)
    assert cov.gaps == ((dt.date(2017, 5, 2), dt.date(2017, 6, 30)),)
    assert cov.missing_days == 60


def test_a_short_vacancy_is_a_handover() -> None:
    end = dt.date(2017, 5, 1)
    start = end + dt.timedelta(days=HANDOVER_DAYS)  # HANDOVER_DAYS - 1 days without a holder
    kb = _kb([_king("ann", None, end.isoformat()), _king("bob", start.isoformat(), None)])
    assert office_coverage(kb, "AAA", "head_of_state", SINCE, UNTIL).complete


def test_nobody_in_office_at_the_end_is_a_gap_however_short() -> None:
    kb = _kb([_king("ann", None, "2020-12-25")])
    cov = office_coverage(kb, "AAA", "head_of_state", SINCE, UNTIL)
    assert cov.gaps == ((dt.date(2020, 12, 26), UNTIL),)


def test_an_office_nobody_holds_is_covered_by_an_exception() -> None:
    kb = _kb([], [{"country": "AAA", "function": "chief_of_defence", "held_by": None, "note": "no army"}])
    assert office_coverage(kb, "AAA", "chief_of_defence", SINCE, UNTIL).complete
    assert not office_coverage(kb, "BBB", "chief_of_defence", SINCE, UNTIL).complete


def test_an_office_held_by_another_counts_that_office_only_in_the_exception_period() -> None:
    people = [{"id": "cy", "name": "Cy", "roles": [{"role": "bbb-president", "start": "2010-01-01"}]}]
    exc = [{"country": "AAA", "function": "head_of_state", "held_by": "bbb-president", "start": "2016-01-01"}]
    cov = office_coverage(_kb(people, exc), "AAA", "head_of_state", SINCE, UNTIL)
    assert cov.holders == 1
    assert cov.gaps == ((SINCE, dt.date(2015, 12, 31)),)


def test_table_has_a_row_per_country_and_a_summary() -> None:
    kb = _kb([_king("ann", None, None)])
    rows = coverage(kb, ["AAA", "BBB"], ["head_of_state"], SINCE, UNTIL)
    text = coverage_table(rows)
    assert "| AAA | 1 |" in text
    assert "| BBB | missing |" in text
    assert text.endswith("1 of 2 countries have every office covered on every day; 1 of 2 offices complete")


def test_tenures_are_counted_by_the_kind_of_their_source() -> None:
    from backchannel.kb.coverage import sources

    people = [
        {
            "id": "a",
            "name": "A",
            "source": "recalled",
            "roles": [{"role": "aaa-king"}, {"role": "bbb-president"}],
        },
        {
            "id": "b",
            "name": "B",
            "roles": [
                {"role": "aaa-king", "source": "https://example.org/kings"},
                {"role": "aaa-king", "source": "petrarch2/Phoenix.Countries.actors.txt"},
                {"role": "bbb-president"},
            ],
        },
    ]
    assert sources(_kb(people)) == {"recalled": 2, "url": 1, "dataset": 1, "none": 1}
