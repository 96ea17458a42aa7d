"""docs/kb.md documents every `kb` command and every kind of data file."""

from pathlib import Path

import pytest

from backchannel.kb.commands import kb_app

DOC = Path(__file__).resolve().parent.parent / "docs" / "kb.md"


@pytest.mark.parametrize("command", [c.name or c.callback.__name__ for c in kb_app.registered_commands])  # type: ignore[union-attr]
def test_kb_docs_every_command(command: str) -> None:
    assert f"backchannel kb {command}" in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "kind",
    [
        "countries",
        "functions",
        "organisations",
        "roles",
        "people",
        "group_nouns",
        "wikidata_positions",
        "wikidata_countries",
    ],
)
def test_kb_docs_every_data_kind(kind: str) -> None:
    assert kind in DOC.read_text(encoding="utf-8")


def test_kb_docs_every_command_has_help() -> None:
    assert all(c.callback is not None and c.callback.__doc__ for c in kb_app.registered_commands)
