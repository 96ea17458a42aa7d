"""``backchannel serve``: registered through ``register(app)``, local and read-only by default,
and a one-line error for a database that is not there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from backchannel.web.commands import allowed_hosts, register
from test_web_corpus import Client, build_store


def cli() -> typer.Typer:
    """A throwaway app with the main options and our command (cli.py is the maintainer's)."""
    from backchannel.cli import main_options

    app = typer.Typer(add_completion=False)
    app.callback()(main_options)
    register(app)
    return app


def test_web_commands_serve_is_registered_with_help() -> None:
    result = CliRunner().invoke(cli(), ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--port", "--host", "--writable"):
        assert option in result.output


def test_web_commands_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    result = CliRunner().invoke(cli(), ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    assert "no database at" in result.output and "backchannel ingest" in result.output
    assert not missing.exists()  # serving did not create an empty database


def test_web_commands_serve_binds_localhost_read_only_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        seen.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    db = build_store(tmp_path / "serve.db")
    result = CliRunner().invoke(cli(), ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert "http://127.0.0.1:8123/" in result.output and "read-only" in result.output
    client = Client(seen["app"])
    assert client.request("POST", "/api/ingest", json={}).status_code == 405
    seen["app"].state.store.close()


def test_web_commands_port_is_checked() -> None:
    result = CliRunner().invoke(cli(), ["serve", "--port", "70000"])
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", ["127.0.0.1", "localhost", "::1", "[::1]"]),
        ("192.0.2.7", ["127.0.0.1", "localhost", "::1", "[::1]", "192.0.2.7"]),
        ("0.0.0.0", ["*"]),
    ],
)
def test_web_commands_allowed_hosts(host: str, expected: list[str]) -> None:
    assert allowed_hosts(host) == expected
