"""Checking rules against a store of hand-built events: each alert fires once, only new events
count, weekly scores are summed by hand, and alerts reach stdout and a webhook."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer import Typer
from typer.testing import CliRunner

from backchannel.alerts import Alert, check, parse_rules, print_alerts, week_score
from backchannel.alerts._notify import deliver
from backchannel.alerts.commands import register
from backchannel.model import Actor, DateSpan, Event
from backchannel.store import Store, StoredArticle, open_store
from backchannel.store._alerts import stored_alerts
from backchannel.watch import Fetcher
from test_store_backends import GERASIMOV, MILLEY, make_event, make_item
from test_watch_fetch import PUBLIC, Web, resolve

RUSSIA = Actor(None, "Russian forces", "RUS", "MIL")
UKRAINE = Actor(None, "Ukrainian forces", "UKR", "MIL")
RULES = [
    {"name": "usa-rus-mil-contact", "when": {"event_type": "CONSULT", "status": "occurred", "actor_country": "USA",
                                              "actor_sector": "MIL", "other_country": "RUS", "other_sector": "MIL"}},
    {"name": "rus-ukr-conflict-week", "when": {"weekly_score": {"countries": ["RUS", "UKR"], "above": 12}}},
]  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "alerts.db") as opened:
        yield opened


def fight(
    event_id: str, day: str, event_type: str = "ASSAULT", mode: str | None = None, **more: object
) -> Event:
    event = make_event(
        event_id,
        event_type=event_type,
        actors=(RUSSIA, UKRAINE),
        date=DateSpan.day(dt.date.fromisoformat(day)),
    )
    return dataclasses.replace(event, mode=mode, **more)  # type: ignore[arg-type]


def stored(article_id: str, *events: Event) -> StoredArticle:
    return make_item(
        article_id, f"text of {article_id}", *(dataclasses.replace(e, article_id=article_id) for e in events)
    )


def test_alerts_check_contact_fires_once_per_real_world_event(store: Store) -> None:
    rules = parse_rules(RULES[:1])
    store.ingest([stored("a1", make_event("e1", cluster_id="c-1"))])
    (first,) = check(store, rules)
    assert (first.rule, first.key, first.event_ids) == ("usa-rus-mil-contact", "c-1", ["e1"])
    assert "Mark Milley / Valery Gerasimov" in first.message
    assert check(store, rules) == []  # nothing new
    store.ingest([stored("a2", make_event("e2", cluster_id="c-1"))])  # another report of the same talk
    assert check(store, rules) == []
    store.ingest([stored("a3", make_event("e3", cluster_id="c-2", date=DateSpan.day(dt.date(2021, 10, 1))))])
    (second,) = check(store, rules)
    assert second.key == "c-2"
    assert sorted(a["key"] for a in stored_alerts(store)) == ["c-1", "c-2"]


def test_alerts_check_skip_history_starts_at_the_end(store: Store) -> None:
    store.ingest([stored("a1", make_event("e1"))])
    assert check(store, parse_rules(RULES[:1]), skip_history=True) == []
    store.ingest([stored("a2", make_event("e2", actors=(GERASIMOV, MILLEY)))])
    assert [a.event_ids for a in check(store, parse_rules(RULES[:1]))] == [["e2"]]


def test_alerts_check_weekly_conflict_score(store: Store) -> None:
    # ISO week 2022-W09 runs from Monday 28 February to Sunday 6 March 2022. By hand:
    # ASSAULT aerial -9.5 (two reports of one cluster count once) + ACCUSE -3 = 12.5 of conflict;
    # the phone call is cooperation; a planned attack, a month-wide date and another week do not count.
    week = [
        fight("f1", "2022-03-01", mode="aerial", cluster_id="c-air"),
        fight("f2", "2022-03-01", mode="aerial", cluster_id="c-air"),
        fight("f3", "2022-03-02", "ACCUSE"),
        fight("f4", "2022-03-03", "CONSULT", "phone"),
        fight("f5", "2022-03-04", status="planned"),
        fight("f6", "2022-03-05", date=DateSpan(dt.date(2022, 3, 1), dt.date(2022, 3, 31), "month")),
        fight("f7", "2022-03-07"),
    ]
    store.ingest([stored(f"a{i}", e) for i, e in enumerate(week)])
    total, counted = week_score(store.events(limit=None), "2022-W09", "conflict")
    assert (total, sorted(counted)) == (12.5, ["f1", "f3"])
    assert week_score(store.events(limit=None), "2022-W09", "cooperation")[0] == 1.5
    (alert,) = check(store, parse_rules(RULES[1:]))
    assert (alert.week, alert.score, alert.kind) == ("2022-W09", 12.5, "weekly_score")
    higher = parse_rules(
        [{"name": "strict", "when": {"weekly_score": {"countries": ["UKR", "RUS"], "above": 12.5}}}]
    )
    assert check(store, higher) == []  # 12.5 is not above 12.5


def test_alerts_check_weekly_alert_fires_once_per_week(store: Store) -> None:
    rules = parse_rules(RULES[1:])
    store.ingest([stored("a1", fight("f1", "2022-03-01"), fight("f2", "2022-03-02", cluster_id="x"))])
    assert len(check(store, rules)) == 1  # 9 + 9 = 18 > 12
    store.ingest([stored("a2", fight("f3", "2022-03-03"))])
    assert check(store, rules) == []  # the week has fired already


def test_alerts_check_prints_and_posts_to_a_webhook(store: Store) -> None:
    store.ingest([stored("a1", make_event("e1"))])
    fired = check(store, parse_rules(RULES[:1]))
    posted: list[dict[str, object]] = []
    web = Web(
        {"hooks.example/alert": lambda r: (posted.append(json.loads(r.content)), httpx.Response(204))[1]}
    )
    out = io.StringIO()

    def resolver(host: str, port: int) -> list[str]:
        return [PUBLIC] if host == "hooks.example" else resolve(host, port)

    fetcher = Fetcher(transport=httpx.MockTransport(web), resolver=resolver)
    failed = deliver(fired, out, webhook="http://hooks.example/alert", fetcher=fetcher)
    assert failed == []
    assert out.getvalue().startswith("ALERT usa-rus-mil-contact ")
    assert posted == [{"alert": fired[0].to_dict()}]


def test_alerts_check_webhook_on_a_private_address_is_refused(store: Store) -> None:
    store.ingest([stored("a1", make_event("e1"))])
    fired = check(store, parse_rules(RULES[:1]))
    web = Web({})
    failed = deliver(fired, io.StringIO(), webhook="http://169.254.169.254/hook",
                     fetcher=Fetcher(transport=httpx.MockTransport(web), resolver=resolve))  # fmt: skip
    assert len(failed) == 1 and "link-local" in failed[0]
    assert web.requests == []
    assert len(stored_alerts(store)) == 1  # the alert is kept all the same


def test_alerts_check_json_lines() -> None:
    out = io.StringIO()
    alert = Alert("id1", "r", "event", "k", "m", ["e1"], fired_at="2024-01-01T00:00:00+00:00")
    print_alerts([alert], out, as_json=True)
    assert json.loads(out.getvalue())["event_ids"] == ["e1"]


def test_alerts_check_command(store: Store, tmp_path: Path) -> None:
    store.ingest([stored("a1", make_event("e1"))])
    rules = tmp_path / "rules.yaml"
    rules.write_text(json.dumps(RULES), encoding="utf-8")  # JSON is YAML too
    app = Typer()
    register(app)
    runner = CliRunner()
    db = store.name
    first = runner.invoke(app, ["alerts", "check", "--rules", str(rules), "--db", db])
    assert first.exit_code == 0, first.output
    assert first.stdout.count("ALERT usa-rus-mil-contact") == 1
    again = runner.invoke(app, ["alerts", "check", "--rules", str(rules), "--db", db])
    assert "ALERT" not in again.stdout
    listed = runner.invoke(app, ["alerts", "list", "--db", db])
    assert json.loads(listed.stdout.splitlines()[0])["rule"] == "usa-rus-mil-contact"
    bad = runner.invoke(app, ["alerts", "check", "--rules", str(tmp_path / "none.yaml"), "--db", db])
    assert bad.exit_code == 1
