"""Alerts on what analysts watch: rules checked against the events each ingest adds.

    load_rules(path) -> RuleSet                 a YAML list of rules (``_rules`` documents them)
    check(store, rules, *, skip_history=False) -> list[Alert]   check new events, store new alerts
    print_alerts(alerts, stream, as_json=False) post_alerts(alerts, url, fetcher) -> failures
    score(event_type, mode) -> float           PLOVER score (``plover_scores.yaml``)
    backchannel alerts check --rules FILE --db DB [--webhook URL]   (commands.register)
    backchannel alerts list --db DB

Alerts are kept in the store (``store/_alerts.py``, migration 0002): each fires once.
"""

from __future__ import annotations

from backchannel.alerts._evaluate import Alert, check, matches, week_score
from backchannel.alerts._notify import post_alerts, print_alerts
from backchannel.alerts._rules import EventRule, RuleSet, WeeklyScoreRule, load_rules, parse_rules
from backchannel.alerts._scores import score

__all__ = [
    "Alert",
    "EventRule",
    "RuleSet",
    "WeeklyScoreRule",
    "check",
    "load_rules",
    "matches",
    "parse_rules",
    "post_alerts",
    "print_alerts",
    "score",
    "week_score",
]
