"""The command line, run in process: extract, ingest, events, timeline, explain."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backchannel.cli import app
from backchannel.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
runner = CliRunner()

ARTICLE = {
    "id": "t1",
    "published": "2021-09-24",
    "outlet": "Test Wire",
    "text": "Gen. Mark Milley met in Finland on Wednesday with his Russian counterpart, Gen. Valery Gerasimov.",
}


@pytest.fixture
def one_article(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    return path


def test_cli_commands_extract_writes_contract_records(one_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["extract", str(one_article), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (consult,) = [r for r in records if r["event_type"] == "CONSULT"]
    assert consult["date"]["start"] == "2021-09-22"  # the Wednesday before Friday 24 September
    assert {a["name"] for a in consult["actors"]} == {"Mark Milley", "Valery Gerasimov"}
    assert (
        ARTICLE["text"][consult["evidence"]["start"] : consult["evidence"]["end"]]
        == consult["evidence"]["text"]
    )


def test_cli_commands_extract_nothing_usable_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(empty), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert "nothing usable" in result.output


def test_cli_commands_extract_skips_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "bad", "text": "trunc\n' + json.dumps(ARTICLE) + "\n[1, 2]\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["extract", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 inputs skipped" in result.output
    assert any(
        json.loads(line)["article_id"] == "t1" for line in out.read_text(encoding="utf-8").splitlines()
    )


def _dump(db: Path) -> list[tuple[object, ...]]:
    """Every row of every table, timestamps included: a re-ingest must not touch any of them."""
    con = sqlite3.connect(db)
    try:
        rows = []
        for table in ("articles", "events", "event_actors", "clusters"):
            rows += [(table, *r) for r in con.execute(f"SELECT * FROM {table} ORDER BY 1")]
        return rows
    finally:
        con.close()


def test_cli_commands_ingest_twice_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = _dump(db)
    second = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "added 0 articles" in second.output
    assert _dump(db) == before


def test_cli_commands_events_and_timeline(tmp_path: Path, one_article: Path) -> None:
    db = tmp_path / "x.db"
    assert runner.invoke(app, ["ingest", str(one_article), "--db", str(db)]).exit_code == 0
    as_json = runner.invoke(app, ["events", "--db", str(db), "--actor", "Gerasimov", "--format", "json"])
    rows = [json.loads(line) for line in as_json.output.splitlines() if line.startswith("{")]
    assert [r["event_type"] for r in rows] == ["CONSULT"]
    as_csv = runner.invoke(app, ["events", "--db", str(db), "--type", "consult", "--format", "csv"])
    assert as_csv.output.splitlines()[0].startswith("id,date,event_type")
    line = runner.invoke(
        app, ["timeline", "--actor", "Milley", "--with", "Gerasimov", "--db", str(db)]
    ).output
    assert "2021-09-22" in line and "third-party" in line


def test_cli_commands_bad_option_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "x.db"), "--since", "yesterday"])
    assert result.exit_code != 0
    assert "--since must be a date" in result.output


def test_cli_commands_explain_from_file(one_article: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    runner.invoke(app, ["extract", str(one_article), "--out", str(out), "--explain"])
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    shown = runner.invoke(app, ["explain", record["id"], "--events", str(out)])
    assert shown.exit_code == 0
    assert "trigger" in shown.output and "Wednesday" in shown.output


def test_cli_commands_ingest_checks_alert_rules_once(tmp_path: Path) -> None:
    db, rules = tmp_path / "a.db", EXAMPLES.parent / "alerts.yaml"
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "--alerts", str(rules)])
    assert first.exit_code == 0, first.output
    fired = [line for line in first.stdout.splitlines() if line.startswith("ALERT usa-rus-mil-contact")]
    # Counted independently: real-world contacts with a US and a Russian military participant.
    with open_store(db) as store:
        contacts = {
            e.cluster_id
            for e in store.events(event_type="CONSULT", status="occurred", limit=100_000)
            if {("USA", "MIL"), ("RUS", "MIL")} <= {(a.country, a.sector) for a in e.actors + e.recipients}
        }
    assert contacts and len(fired) == len(contacts)
    again = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "--alerts", str(rules)])
    assert again.exit_code == 0 and "ALERT" not in again.stdout  # each alert fires once
    broken = tmp_path / "broken.yaml"
    broken.write_text("- name: x\n  when: {no_such_key: 1}\n", encoding="utf-8")
    refused = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "--alerts", str(broken)])
    assert refused.exit_code != 0 and "no_such_key" in refused.output
