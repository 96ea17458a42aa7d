"""docs/web.md is checked: every API endpoint, page, filter and option of serve is in it."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from backchannel.web import _write, api, pages
from backchannel.web._params import EXPECTED
from test_web_commands import cli

DOC = (Path(__file__).resolve().parents[1] / "docs" / "web.md").read_text(encoding="utf-8")


def test_web_docs_every_route_is_documented() -> None:
    routes = [(r.path, sorted(r.methods)) for m in (api, pages, _write) for r in m.router.routes]  # type: ignore[attr-defined]
    assert len(routes) > 15
    for path, methods in routes:
        shown = re.sub(r"\{(\w+):path\}", r"{\1}", path)
        if path.startswith("/api"):
            for method in methods:
                assert f"{method} {shown}" in DOC, f"docs/web.md does not document {method} {shown}"
        else:
            assert f"`{shown}" in DOC, f"docs/web.md does not document the page {shown}"


def test_web_docs_every_query_parameter_is_documented() -> None:
    for name in EXPECTED:
        if name not in {"q", "count"}:  # documented with the endpoints that take them
            assert f"`{name}`" in DOC, f"docs/web.md does not document the parameter {name}"
    assert "`count=clusters`" in DOC and "?q=" in DOC


def test_web_docs_every_serve_option_is_documented() -> None:
    command = typer.main.get_command(cli()).commands["serve"]  # type: ignore[attr-defined]
    for param in command.params:
        for option in param.opts:
            assert f"`{option}`" in DOC, f"docs/web.md does not document serve {option}"


def test_web_docs_screenshot_exists() -> None:
    picture = re.search(r"!\[[^\]]*\]\((img/[^)]+)\)", DOC)
    assert picture is not None
    data = (Path(__file__).resolve().parents[1] / "docs" / picture.group(1)).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
