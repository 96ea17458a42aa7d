"""Alert rules: what an analyst watches for, read from a YAML list.

    - name: usa-rus-mil-contact        # any new contact between US and Russian military people
      when: {event_type: CONSULT, status: occurred,
             actor_country: USA, actor_sector: MIL, other_country: RUS, other_sector: MIL}
    - name: rus-ukr-conflict-week      # a week whose RUS-UKR conflict score goes above 40
      when: {weekly_score: {countries: [RUS, UKR], above: 40}}

An **event rule** matches one event. Every key given must hold; a value may be one string or a
list of strings (any of them):

    event_type, mode, status, context      the event's own fields (context: any of its contexts)
    actor, actor_country, actor_sector     one participant (actor or recipient): ``actor`` is a
                                           KB id or part of a name, as written or canonical
    other, other_country, other_sector     a second, different participant
    min_confidence                         a number from 0 to 1

A **weekly score rule** adds up the PLOVER scores (``plover_scores.yaml``) of the real-world events
of one ISO week between the countries (one report per cluster; events that occurred, dated to a
day or a week) and fires when the sum goes above ``above``. ``measure`` is ``conflict`` (default:
the negative scores, as a positive sum) or ``cooperation`` (the positive ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from backchannel.errors import ConfigError

EVENT_KEYS = frozenset(
    {"event_type", "mode", "status", "context", "actor", "actor_country", "actor_sector", "other",
     "other_country", "other_sector", "min_confidence"}
)  # fmt: skip
MEASURES = ("conflict", "cooperation")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


@dataclass(frozen=True)
class EventRule:
    name: str
    when: dict[str, tuple[str, ...]]  # key -> accepted values (upper-cased codes)
    min_confidence: float = 0.0


@dataclass(frozen=True)
class WeeklyScoreRule:
    name: str
    countries: tuple[str, ...]
    above: float
    measure: str = "conflict"


Rule = EventRule | WeeklyScoreRule


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    source: str = ""


def load_rules(path: str | Path) -> RuleSet:
    """The rules in a YAML file; ``ConfigError`` naming the rule and key when one is malformed."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the rules file {path} ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    return parse_rules(data, str(path))


def parse_rules(data: Any, source: str = "rules") -> RuleSet:
    if isinstance(data, dict) and "rules" in data:
        data = data["rules"]
    if not isinstance(data, list) or not data:
        raise ConfigError(f"{source}: expected a list of rules, each with a name and a 'when'")
    rules = [_rule(item, f"{source}: rule {n}") for n, item in enumerate(data, start=1)]
    names = [r.name for r in rules]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ConfigError(f"{source}: rule names must be unique; {', '.join(twice)} appears twice")
    return RuleSet(rules, source)


def _rule(item: Any, where: str) -> Rule:
    if not isinstance(item, dict) or not isinstance(item.get("when"), dict):
        raise ConfigError(f"{where}: each rule is a mapping with 'name' and 'when'")
    name = item.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ConfigError(f"{where}: 'name' must be letters, digits, '.', '_' or '-', not {name!r}")
    extra = set(item) - {"name", "when"}
    if extra:
        raise ConfigError(f"{where} ({name}): unknown key {sorted(extra)[0]!r}; a rule has 'name' and 'when'")
    when = item["when"]
    if "weekly_score" in when:
        return _weekly(name, when, f"{where} ({name})")
    return _event_rule(name, when, f"{where} ({name})")


def _event_rule(name: str, when: dict[str, Any], where: str) -> EventRule:
    unknown = sorted(set(when) - EVENT_KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown condition {unknown[0]!r}; known: {', '.join(sorted(EVENT_KEYS))}"
        )
    if not when:
        raise ConfigError(f"{where}: 'when' needs at least one condition")
    confidence = when.get("min_confidence", 0.0)
    if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
        raise ConfigError(f"{where}: min_confidence must be a number from 0 to 1")
    conditions = {
        key: _values(value, f"{where}: {key}", key) for key, value in when.items() if key != "min_confidence"
    }
    return EventRule(name, conditions, float(confidence))


def _values(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(v, str) and v.strip() for v in items):
        raise ConfigError(f"{where}: expected a string or a list of strings")
    keep_case = key in ("actor", "other", "mode", "status", "context")
    return tuple(v.strip() if keep_case else v.strip().upper() for v in items)


def _weekly(name: str, when: dict[str, Any], where: str) -> WeeklyScoreRule:
    spec = when["weekly_score"]
    if len(when) != 1 or not isinstance(spec, dict):
        raise ConfigError(f"{where}: weekly_score is a mapping with countries and above, alone in 'when'")
    unknown = sorted(set(spec) - {"countries", "above", "measure"})
    if unknown:
        raise ConfigError(f"{where}: unknown weekly_score key {unknown[0]!r}")
    countries = spec.get("countries")
    if (
        not isinstance(countries, list)
        or not 1 <= len(countries) <= 2
        or not all(isinstance(c, str) for c in countries)
    ):
        raise ConfigError(
            f"{where}: weekly_score.countries must list one or two ISO-3 codes, e.g. [RUS, UKR]"
        )
    above = spec.get("above")
    if isinstance(above, bool) or not isinstance(above, int | float) or above < 0:
        raise ConfigError(f"{where}: weekly_score.above must be a number of 0 or more")
    measure = spec.get("measure", "conflict")
    if measure not in MEASURES:
        raise ConfigError(f"{where}: weekly_score.measure must be conflict or cooperation, not {measure!r}")
    return WeeklyScoreRule(name, tuple(c.strip().upper() for c in countries), float(above), measure)
