"""The ``clusters`` command, on a throwaway Typer app that ``register`` fills (the main CLI is the
maintainer's to wire)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from backchannel import link
from backchannel.link.commands import register
from backchannel.model import Article, DateSpan, Event
from backchannel.store import StoredArticle, open_store
from test_link_rules import AUSTIN, MILLEY, day, record, span


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """Throwaway root, so that ``clusters`` stays a subcommand."""

    register(app)
    return app


def _store(path: Path) -> str:
    db = str(path / "c.db")
    rows: list[tuple[str, str, str, Event]] = [
        ("hw", "Harbor Wire", "2021-03-31", record("e1", "hw", span("2021-03-31"), mode="phone")),
        ("pg", "Pinecrest Gazette", "2021-04-01", record("e2", "pg", span("2021-04-01"), mode="video")),
        ("ap", "AP", "2021-04-10", record("e3", "ap", span("2021-04-10"), actors=(MILLEY, AUSTIN))),
        ("ed", "Eastgate Daily", "2021-11-22", record("e4", "ed", span("2021-11-22"), status="planned")),
    ]
    with open_store(db) as store:
        for article, outlet, published, ev in rows:
            art = Article(article, f"Story {article}.", outlet=outlet, published=published)
            store.ingest([StoredArticle(art, DateSpan.day(day(published)), None, [ev])])
        link.relink(store)
    return db


def test_link_commands_clusters_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(_app(), ["clusters", "--db", _store(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["members"] for r in rows] == [["e1", "e2"], ["e3"], ["e4"]]  # oldest first
    call = rows[0]
    assert call["sources"] == ["Harbor Wire", "Pinecrest Gazette"] and call["reports"] == 2
    assert call["status"] == "occurred" and rows[2]["status"] == "planned"
    assert {d["field"] for d in call["disputes"]} == {"date", "mode"}


def test_link_commands_clusters_filters(tmp_path: Path) -> None:
    db, runner, app = _store(tmp_path), CliRunner(), _app()

    def members(*args: str) -> list[list[str]]:
        result = runner.invoke(app, ["clusters", "--db", db, "--format", "json", *args])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["members"] for line in result.output.splitlines()]

    assert members("--actor", "Milley", "--with", "lloyd-austin") == [["e3"]]
    assert members("--actor", "milley", "--with", "Gerasimov", "--status", "occurred") == [["e1", "e2"]]
    assert members("--since", "2021-04-02") == [["e3"], ["e4"]]
    assert members("--until", "2021-03-30") == []
    assert members("--type", "consult", "--limit", "1") == [["e1", "e2"]]


def test_link_commands_clusters_table_and_bad_input(tmp_path: Path) -> None:
    db, runner, app = _store(tmp_path), CliRunner(), _app()
    table = runner.invoke(app, ["clusters", "--db", db], env={"COLUMNS": "250"})
    assert table.exit_code == 0 and "Harbor Wire" in table.output and "video" in table.output
    assert runner.invoke(app, ["clusters", "--db", db, "--format", "csv"]).exit_code == 2
    assert runner.invoke(app, ["clusters", "--db", db, "--since", "March"]).exit_code == 2
