"""Alert rules: reading the YAML, refusing malformed rules in one line, matching hand-built events,
and the PLOVER score table."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from backchannel.alerts import EventRule, WeeklyScoreRule, load_rules, matches, parse_rules, score
from backchannel.errors import ConfigError
from backchannel.model import EVENT_TYPES, Actor
from test_store_backends import BLINKEN, GERASIMOV, LAVROV, MILLEY, make_event

CONTACT = {"event_type": "CONSULT", "status": "occurred", "actor_country": "USA", "actor_sector": "MIL",
           "other_country": "RUS", "other_sector": "MIL"}  # fmt: skip
US_GENERAL = Actor("Christopher Cavoli", "Gen. Christopher Cavoli", "USA", "MIL")


def rule(**when: object) -> EventRule:
    (parsed,) = parse_rules([{"name": "r", "when": when}]).rules
    assert isinstance(parsed, EventRule)
    return parsed


def test_alerts_rules_load_the_two_kinds(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "- {name: usa-rus-mil-contact, when: {event_type: CONSULT, status: occurred, actor_country: USA,"
        " actor_sector: MIL, other_country: RUS, other_sector: MIL}}\n"
        "- {name: rus-ukr-conflict-week, when: {weekly_score: {countries: [RUS, UKR], above: 40}}}\n",
        encoding="utf-8",
    )
    first, second = load_rules(path).rules
    assert isinstance(first, EventRule) and first.when["actor_sector"] == ("MIL",)
    assert second == WeeklyScoreRule("rus-ukr-conflict-week", ("RUS", "UKR"), 40.0, "conflict")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a list of rules"),
        ([{"name": "x"}], "each rule is a mapping with 'name' and 'when'"),
        ([{"name": "bad name!", "when": {"event_type": "CONSULT"}}], "'name' must be"),
        ([{"name": "x", "when": {"colour": "red"}}], "unknown condition 'colour'"),
        ([{"name": "x", "when": {"event_type": 3}}], "expected a string or a list of strings"),
        ([{"name": "x", "when": {"min_confidence": 2}}], "min_confidence must be a number from 0 to 1"),
        ([{"name": "x", "when": {"weekly_score": {"countries": ["RUS"], "above": "lots"}}}], "above must be"),
        ([{"name": "x", "when": {"weekly_score": {"countries": "RUS", "above": 1}}}], "countries must list"),
        (
            [{"name": "x", "when": {"weekly_score": {"countries": ["RUS"], "above": 1, "measure": "mood"}}}],
            "measure",
        ),
        (
            [{"name": "x", "when": {"event_type": "AID"}}, {"name": "x", "when": {"event_type": "AID"}}],
            "unique",
        ),
        ([{"name": "x", "when": {"event_type": "AID"}, "webhook": "http://h"}], "unknown key 'webhook'"),
    ],
)
def test_alerts_rules_malformed_rules_are_refused_in_one_line(data: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        parse_rules(data, "rules.yaml")
    assert "\n" not in str(caught.value)


def test_alerts_rules_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("- {name: x, when: [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_rules(path)
    with pytest.raises(ConfigError, match="cannot read the rules file"):
        load_rules(tmp_path / "missing.yaml")


def test_alerts_rules_us_and_russian_military_contact() -> None:
    contact = rule(**CONTACT)
    assert matches(contact, make_event("e1", actors=(MILLEY, GERASIMOV)))
    assert matches(contact, make_event("e2", actors=(GERASIMOV,), recipients=(MILLEY,)))  # any role
    assert not matches(contact, make_event("e3", actors=(BLINKEN, LAVROV)))  # civilians
    assert not matches(contact, make_event("e4", status="planned"))
    assert not matches(contact, make_event("e5", event_type="ACCUSE"))
    assert not matches(contact, make_event("e6", actors=(MILLEY, US_GENERAL)))  # no Russian side
    assert not matches(contact, make_event("e7", actors=(MILLEY,)))  # one participant cannot be both


def test_alerts_rules_names_lists_modes_and_confidence() -> None:
    event = dataclasses.replace(make_event("e1"), mode="phone", confidence=0.8)
    assert matches(rule(actor="gerasimov", other="Milley"), event)  # KB id, then part of a name
    assert not matches(rule(actor="gerasimov", other="gerasimov"), event)
    assert matches(rule(event_type=["AID", "CONSULT"], mode="phone"), event)
    assert not matches(rule(mode=["visit", "third-party"]), event)
    assert matches(rule(context="military", min_confidence=0.8), event)
    assert not matches(rule(min_confidence=0.9), event)
    assert matches(rule(event_type="consult"), event)  # codes in any case


def test_alerts_rules_score_table() -> None:
    # Figures from PLOVER's score table (../shared/PLOVER.md), ACCUSE taken as -3.
    assert score("ASSAULT", None) == -9
    assert score("ASSAULT", "aerial") == -9.5
    assert score("ACCUSE", None) == -3
    assert score("CONSULT", "phone") == 1.5
    assert score("CONSULT", "video") == 2.5  # our own mode: the type's default
    assert score("AID", None) == 10
    assert score("NOT-PLOVER", None) == 0
    assert all(-10 <= score(t, None) <= 10 for t in EVENT_TYPES)
