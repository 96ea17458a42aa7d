"""Docs are checked: every command has help and is in the README; every record field is documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from backchannel.cli import app
from backchannel.model import Actor, DateSpan, Event, Evidence

REPO = Path(__file__).resolve().parents[1]


def _commands() -> dict[str, object]:
    group = typer.main.get_command(app)
    return dict(group.commands)  # type: ignore[attr-defined]


def test_docs_commands_every_command_has_help() -> None:
    for name, command in _commands().items():
        assert (command.help or "").strip(), f"command {name} has no help"  # type: ignore[attr-defined]


def test_docs_commands_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in _commands():
        assert f"backchannel {name}" in readme, f"README does not mention `backchannel {name}`"


def test_docs_commands_every_record_field_is_documented() -> None:
    record = Event("e", "a", "CONSULT", None, [], "occurred", [Actor("x", "x")], [], None, DateSpan.unknown(), None,
                   None, Evidence("x", 0, 1), 1.0).to_dict(trace=True)  # fmt: skip
    contract_and_ours = (REPO / "docs" / "record.md").read_text(encoding="utf-8")
    for key in record:
        assert f"`{key}`" in contract_and_ours, f"docs/record.md does not document `{key}`"
