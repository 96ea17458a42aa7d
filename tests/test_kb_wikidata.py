"""The Wikidata importer on hand-written entities in Wikidata's own formats."""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from backchannel.errors import UnreadableInput
from backchannel.kb import KnowledgeBase, _dated
from backchannel.kb.wikidata import import_wikidata, read_entities, wikidata_time, write_import

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"


def mappings_only() -> KnowledgeBase:
    """A knowledge base with the shipped Wikidata mappings and no people."""
    shipped = KnowledgeBase.load(paths=[])
    return KnowledgeBase(
        wikidata_positions=shipped.wikidata_positions, wikidata_countries=shipped.wikidata_countries
    )


def test_kb_wikidata_dump_format_people_and_roles() -> None:
    result = import_wikidata(FIXTURES / "dump.json", mappings_only())
    people = {p["id"]: p for p in result.people}
    assert set(people) == {"joe-biden", "donald-trump"}
    biden = people["joe-biden"]
    assert (biden["country"], biden["gender"], biden["wikidata"]) == ("USA", "male", "Q6279")
    assert biden["aliases"] == ["Joseph Robinette Biden Jr.", "Joseph R. Biden"]
    assert biden["roles"] == [
        {"role": "wd-Q4416090", "start": "1973-01", "end": dt.date(2009, 1, 15)},
        {"role": "usa-vice-president", "start": dt.date(2009, 1, 20), "end": dt.date(2017, 1, 20)},
        {"role": "usa-president", "start": dt.date(2021, 1, 20), "end": dt.date(2025, 1, 20)},
    ]
    assert result.roles == [
        {"id": "wd-Q4416090", "title": "United States senator", "country": None, "sector": None}
    ]


def test_kb_wikidata_open_tenure_and_deprecated_statement() -> None:
    result = import_wikidata(FIXTURES / "dump.json", mappings_only())
    trump = next(p for p in result.people if p["id"] == "donald-trump")
    assert trump["roles"] == [
        {"role": "usa-president", "start": dt.date(2017, 1, 20), "end": dt.date(2021, 1, 20)},
        {"role": "usa-president", "start": dt.date(2025, 1, 20)},
    ]


def test_kb_wikidata_entitydata_shape_and_known_people_skipped() -> None:
    kb = KnowledgeBase.load(paths=[])
    assert [p["name"] for p in import_wikidata(FIXTURES / "entitydata.json", kb).people] == ["Jimmy Carter"]
    result = import_wikidata(FIXTURES / "dump.json", kb)
    assert result.people == []
    assert [s.split()[0] for s in result.skipped] == ["Q6279", "Q22686"]


def test_kb_wikidata_output_loads_as_kb_extension(tmp_path: Path) -> None:
    result = import_wikidata(FIXTURES / "dump.json", mappings_only())
    write_import(result, tmp_path)
    kb = KnowledgeBase.load(paths=[tmp_path])
    assert kb.roles["wd-Q4416090"].title == "United States senator"
    assert [p.name for p in kb.holders("wd-Q4416090", dt.date(1990, 6, 1))] == ["Joe Biden"]
    (senate,) = [t for t in kb.people["joe-biden"].tenures if t.role == "wd-Q4416090"]
    assert (senate.start, senate.start_precision) == (dt.date(1973, 1, 1), "month")


def test_kb_wikidata_truncated_dump_and_json_lines(tmp_path: Path) -> None:
    lines = (FIXTURES / "dump.json").read_text(encoding="utf-8").splitlines()
    truncated = tmp_path / "head.json"  # what `head -n 3 latest-all.json` gives: no closing bracket
    truncated.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    assert [e["id"] for e in read_entities(truncated)] == ["Q6279", "Q22686"]
    jsonl = tmp_path / "entities.jsonl"
    jsonl.write_text("\n".join(line.rstrip(",") for line in lines[1:-1]) + "\n", encoding="utf-8")
    assert [e["id"] for e in read_entities(jsonl)] == ["Q6279", "Q22686", "Q4416090", "Q11696"]


def test_kb_wikidata_garbage_is_one_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[\n{not json},\n]\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"bad.json#2: not a JSON entity"):
        list(read_entities(bad))


@pytest.mark.parametrize(
    ("time", "precision", "expected"),
    [
        ("+2019-10-01T00:00:00Z", 11, dt.date(2019, 10, 1)),
        ("+2019-10-00T00:00:00Z", 10, "2019-10"),
        ("+2019-00-00T00:00:00Z", 9, "2019"),
        ("+2001-00-00T00:00:00Z", 7, None),
        ("-0044-03-15T00:00:00Z", 11, None),
    ],
)
def test_kb_wikidata_time_precision(time: str, precision: int, expected: object) -> None:
    assert wikidata_time({"time": time, "precision": precision}) == expected


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from([9, 10, 11]))
def test_kb_wikidata_time_round_trips_through_loader(day: dt.date, precision: int) -> None:
    value = wikidata_time({"time": f"+{day.isoformat()}T00:00:00Z", "precision": precision})
    text = value.isoformat() if isinstance(value, dt.date) else value
    loaded, kept = _dated(yaml.safe_load(f"d: {text}")["d"])
    assert kept == {9: "year", 10: "month", 11: "day"}[precision]
    assert loaded == {9: day.replace(month=1, day=1), 10: day.replace(day=1), 11: day}[precision]
